// The Indonesian form of the rules' citations (citation.hpp).
#include "alur/i18n/citation.hpp"

#include <array>
#include <cctype>
#include <utility>

namespace alur::i18n {
namespace {

/// Whole phrases of the registry (legal_bases.json), longest first where one contains another.
constexpr std::array<std::pair<std::string_view, std::string_view>, 22> phrases{{
    {"the scoring profile (agency practice)", "profil penilaian (praktik instansi)"},
    {"the oversight body's written permission (KASN practice)", "izin tertulis lembaga pengawas (praktik KASN)"},
    {"the regional head's regulation on TPP under", "peraturan kepala daerah tentang TPP berdasarkan"},
    {"the agency's development plan", "rencana pengembangan instansi"},
    {"none before PP 30/2019's appraisal applied", "tidak berlaku sebelum penilaian PP 30/2019 diterapkan"},
    {"the Head of BKN's consideration", "pertimbangan Kepala BKN"},
    {"KASN supervises every stage of filling a JPT post", "KASN mengawasi setiap tahap pengisian JPT"},
    {"BKN supervises the merit system", "BKN mengawasi sistem merit"},
    {"BKN: merit-system supervision", "BKN: pengawasan sistem merit"},
    {"KemenPAN-RB: policy", "KemenPAN-RB: kebijakan"},
    {"a JPT post filled by mutation through a competency test", "JPT diisi melalui mutasi dengan uji kompetensi"},
    {"Alur policy", "kebijakan Alur"},
    {"applying", "menerapkan"},
    {"as amended by", "sebagaimana diubah dengan"},
    {"continued by", "dilanjutkan oleh"},
    {"(job fit)", "(uji kesesuaian)"},
    {"job fit", "uji kesesuaian"},
    {"from 29 April 2021", "mulai 29 April 2021"},
    {"KASN until", "KASN sampai"},
    {" until ", " sampai "},
    {" and ", " dan "},
    {"(all quoting", "(semua mengutip"},
}};

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

/// "art. 116(1)" -> "pasal 116 ayat (1)", "art. 58(1)-(4)" -> "pasal 58 ayat (1)-(4)",
/// "art. 52(3)(f)" -> "pasal 52 ayat (3) huruf f", "art. 131-132" -> "pasal 131-132".
std::string articles(const std::string& s) {
    std::string out;
    std::size_t i = 0;
    constexpr std::string_view art = "art. ";
    while (i < s.size()) {
        if (s.compare(i, art.size(), art) != 0) {
            out += s[i++];
            continue;
        }
        i += art.size();
        out += "pasal ";
        while (i < s.size() && (digit(s[i]) || s[i] == '-' || std::isalpha(static_cast<unsigned char>(s[i])))) {
            if (s[i] == '-' && (i + 1 >= s.size() || !digit(s[i + 1]))) break;
            out += s[i++];
        }
        if (i < s.size() && s[i] == '(' && i + 1 < s.size() && digit(s[i + 1])) {
            out += " ayat ";
            // (1), (1)-(4), (3)-(4)
            while (i < s.size() && s[i] == '(' && i + 1 < s.size() && digit(s[i + 1])) {
                const auto close = s.find(')', i);
                if (close == std::string::npos) break;
                out.append(s, i, close - i + 1);
                i = close + 1;
                if (i + 1 < s.size() && s[i] == '-' && s[i + 1] == '(') out += s[i++];
            }
            // a letter: (f) -> huruf f
            if (i + 2 < s.size() && s[i] == '(' && std::islower(static_cast<unsigned char>(s[i + 1])) && s[i + 2] == ')') {
                out += " huruf ";
                out += s[i + 1];
                i += 3;
            }
        }
    }
    return out;
}

}  // namespace

std::string citation_text(std::string_view cite, cli::Lang lang) {
    std::string s(cite);
    if (lang == cli::Lang::en) return s;
    for (const auto& [en, id] : phrases) replace_all(s, en, id);
    return articles(s);
}

}  // namespace alur::i18n
