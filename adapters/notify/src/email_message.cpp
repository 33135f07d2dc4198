// email_message.cpp — a notice as an RFC 5322 message: headers, then the text
// from the catalog (adapters/i18n) in quoted-printable UTF-8.
#include "alur/notify/email.hpp"

#include "alur/i18n/labels.hpp"
#include "alur/i18n/page_strings.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <cstdio>

namespace alur::notify {
namespace {

bool is_atext(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) return false;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$%&'*+/=?^_`{|}~-").find(c) != std::string_view::npos;
}

bool is_label_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

/// The string at `key`, or empty.
std::string text_at(const boost::json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

/// "2026-12-08T16:00:00+07:00" -> "08/12/2026 16:00 WIB" (the zone by its offset).
std::string local_due(std::string_view iso) {
    if (iso.size() < 16) return std::string(iso);
    std::string out = std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(5, 2)) + "/" +
                      std::string(iso.substr(0, 4)) + " " + std::string(iso.substr(11, 5));
    const std::string_view offset = iso.size() >= 25 ? iso.substr(19) : std::string_view();
    if (offset == "+07:00") return out + " WIB";
    if (offset == "+08:00") return out + " WITA";
    if (offset == "+09:00") return out + " WIT";
    if (offset == "Z") return out + " UTC";
    return offset.empty() ? out : out + " UTC" + std::string(offset);
}

/// "Tue, 08 Dec 2026 16:00:00 +0700": RFC 5322's date-time of `t` in `tz`.
std::string rfc5322_date(TimePoint t, const TimeZone& tz) {
    using namespace std::chrono;
    static constexpr std::array<const char*, 7> days = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto local = floor<seconds>(t) + tz.offset;
    const auto day = floor<std::chrono::days>(local);
    const year_month_day ymd{day};
    const hh_mm_ss hms{local - day};
    const weekday wd{day};
    const long off = tz.offset.count();
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02ld:%02ld:%02ld %c%02ld%02ld", days[wd.c_encoding()],
                  static_cast<unsigned>(ymd.day()), months[static_cast<unsigned>(ymd.month()) - 1],
                  static_cast<int>(ymd.year()), static_cast<long>(hms.hours().count()),
                  static_cast<long>(hms.minutes().count()), static_cast<long>(hms.seconds().count()),
                  off < 0 ? '-' : '+', std::labs(off) / 60, std::labs(off) % 60);
    return buf;
}

bool plain_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

std::string base64(std::string_view in) {
    static constexpr char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < in.size(); i += 3) {
        unsigned n = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
        if (i + 2 < in.size()) n |= static_cast<unsigned char>(in[i + 2]);
        out += digits[(n >> 18) & 63];
        out += digits[(n >> 12) & 63];
        out += i + 1 < in.size() ? digits[(n >> 6) & 63] : '=';
        out += i + 2 < in.size() ? digits[n & 63] : '=';
    }
    return out;
}

/// `text` as one or more RFC 2047 encoded words ("=?UTF-8?B?...?="), folded
/// with CRLF SP; each word holds whole UTF-8 characters. Control characters
/// (there should be none) become spaces, so no CR or LF can reach a header.
std::string encoded_words(std::string_view text) {
    std::string clean(text);
    for (char& c : clean)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    std::string out;
    std::size_t i = 0;
    while (i < clean.size()) {
        std::size_t end = std::min(clean.size(), i + 39);
        while (end < clean.size() && end > i && (static_cast<unsigned char>(clean[end]) & 0xC0) == 0x80) --end;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(std::string_view(clean).substr(i, end - i)) + "?=";
        i = end;
    }
    return out;
}

/// "Name: value" for an unstructured header, ended by CRLF: printable ASCII
/// folded at spaces so that lines stay within 78 characters, anything else
/// as encoded words.
std::string header_line(std::string_view name, std::string_view text) {
    if (!plain_ascii(text)) return std::string(name) + ": " + encoded_words(text) + "\r\n";
    std::string out = std::string(name) + ":";
    std::size_t width = out.size();
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t space = text.find(' ', i);
        const std::string_view word = text.substr(i, space == std::string_view::npos ? text.npos : space - i);
        if (width + 1 + word.size() > 78 && width > name.size() + 1) {
            out += "\r\n";
            width = 0;
        }
        out += ' ';
        out += word;
        width += 1 + word.size();
        if (space == std::string_view::npos) break;
        i = space + 1;
    }
    return out + "\r\n";
}

/// The From header's display name: a quoted string (ASCII) or encoded words.
std::string display_name(std::string_view name) {
    if (!plain_ascii(name)) return encoded_words(name);
    std::string out = "\"";
    for (char c : name) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

/// `body` (lines ended by '\n') in quoted-printable (RFC 2045), lines ended by CRLF.
std::string quoted_printable(std::string_view body) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    std::size_t start = 0;
    while (start < body.size() || start == 0) {
        const std::size_t nl = body.find('\n', start);
        const std::string_view line = body.substr(start, nl == std::string_view::npos ? body.npos : nl - start);
        std::size_t width = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const auto c = static_cast<unsigned char>(line[i]);
            const bool last = i + 1 == line.size();
            std::string piece;
            if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last)) {
                piece = static_cast<char>(c);
            } else {
                piece = {'=', hex[c >> 4], hex[c & 15]};
            }
            if (width + piece.size() > 75) {  // a soft break: "=" ends the line at 76 at most
                out += "=\r\n";
                width = 0;
            }
            out += piece;
            width += piece.size();
        }
        out += "\r\n";
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return out;
}

/// Letters, digits, '.' and '-' of `s`, for a Message-ID.
std::string id_safe(std::string_view s) {
    std::string out;
    for (char c : s)
        if (is_label_char(c) || c == '.') out += c;
    return out.empty() ? "case" : out;
}

}  // namespace

bool is_mail_address(std::string_view text) {
    if (text.empty() || text.size() > 254) return false;
    const auto at = text.rfind('@');
    if (at == std::string_view::npos || at == 0 || at > 64) return false;
    const std::string_view local = text.substr(0, at);
    const std::string_view domain = text.substr(at + 1);
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
    if (!std::all_of(local.begin(), local.end(), [](char c) { return is_atext(c) || c == '.'; })) return false;
    std::size_t labels = 0;
    std::size_t start = 0;
    while (start <= domain.size()) {
        const std::size_t dot = domain.find('.', start);
        const std::string_view label = domain.substr(start, dot == std::string_view::npos ? domain.npos : dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
        if (!std::all_of(label.begin(), label.end(), is_label_char)) return false;
        ++labels;
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return labels >= 2;
}

bool takes_recipient(std::string_view channel, std::string_view recipient) {
    if (channel != "email") return true;
    return is_mail_address(recipient);
}

Result<std::string> compose_mail(const Notice& notice, const EmailSettings& settings) {
    if (!is_mail_address(notice.recipient))
        return make_error(errc::invalid_input, "e-mail recipient '" + notice.recipient + "' is not an e-mail address",
                          "recipient");
    if (!is_mail_address(settings.from))
        return make_error(errc::invalid_input, "e-mail sender '" + settings.from + "' is not an e-mail address",
                          "notify.email.from");
    const i18n::Lang lang = settings.language == "en" ? i18n::Lang::en : i18n::Lang::id;
    auto text = [lang](const char* key) {
        const i18n::PageString* row = i18n::find_page_string(key);
        return row == nullptr ? std::string(key) : std::string(lang == i18n::Lang::en ? row->en : row->id);
    };

    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(notice.payload, ec);
    const boost::json::object empty;
    const boost::json::object& p = !ec && parsed.is_object() ? parsed.get_object() : empty;
    const std::string case_id = notice.case_id.empty() ? text_at(p, "case") : notice.case_id;
    const std::string workflow = text_at(p, "workflow");
    const std::string state = text_at(p, "state");
    const std::string kind = text_at(p, "kind");
    const std::string subject_of = text_at(p, "subject");
    const std::string due = local_due(text_at(p, "due_at"));
    const std::string due_day = due.substr(0, 10);
    long long days_left = 0;
    if (const auto* v = p.if_contains("working_days_left"); v && v->is_int64()) days_left = v->get_int64();
    std::string sentence;
    if (const auto* m = p.if_contains("message"); m && m->is_object()) {
        sentence = text_at(m->get_object(), lang == i18n::Lang::en ? "en" : "id");
        if (sentence.empty()) sentence = text_at(m->get_object(), "id");
    }
    const std::string state_label = state.empty() ? std::string("-") : i18n::label(state, lang);

    // "sisa 2 hari kerja" / "terlambat 3 hari kerja" / "lewat tenggat hari ini", as the page's timeline.
    const std::string n = std::to_string(days_left < 0 ? -days_left : days_left);
    const bool one = days_left == 1 || days_left == -1;
    std::string count;
    if (kind == "escalation" || days_left < 0)
        count = days_left == 0 ? text("late_today") : i18n::fill(text(one ? "late_one" : "late"), {n});
    else
        count = i18n::fill(text(one ? "left_one" : "left"), {n});
    const bool escalation = kind == "escalation";
    const std::string headline =
        i18n::fill(text(escalation ? "escalation_sent" : "reminder_sent"), {due, count});
    const char* subject_key =
        escalation ? "mail_subject_escalation" : days_left < 0 ? "mail_subject_overdue" : "mail_subject_reminder";
    std::string subject = i18n::fill(text(subject_key), {case_id, state_label, due_day});
    if (!subject_of.empty()) subject += " (" + subject_of + ")";

    std::string body = headline + "\n\n";
    body += text("case_id") + ": " + case_id + "\n";
    if (!workflow.empty()) body += text("mail_workflow") + ": " + i18n::label(workflow, lang) + "\n";
    body += text("state") + ": " + state_label + (state_label != state ? " (" + state + ")" : "") + "\n";
    if (!kind.empty()) body += text("mail_kind") + ": " + i18n::label(kind, lang) + "\n";
    if (!subject_of.empty()) body += text("official") + ": " + subject_of + "\n";
    body += text("due") + ": " + due + "\n";
    if (!sentence.empty()) body += "\n" + sentence + "\n";
    body += "\n-- \n" +
            i18n::fill(text("mail_footer"),
                       {settings.from_name.empty() ? std::string("Alur") : settings.from_name, std::to_string(notice.id)}) +
            "\n";
    for (char& c : body)  // the journal's text holds none; a payload from elsewhere might
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7f) c = ' ';

    const std::string domain = settings.from.substr(settings.from.rfind('@') + 1);
    std::string m;
    m += "Date: " + rfc5322_date(notice.created_at, settings.timezone) + "\r\n";
    std::string from = "From: " + (settings.from_name.empty() ? "" : display_name(settings.from_name) + " ");
    const std::size_t last_line = from.rfind('\n') == std::string::npos ? 0 : from.rfind('\n') + 1;
    if (from.size() - last_line + settings.from.size() + 2 > 78 && !settings.from_name.empty()) from += "\r\n ";
    m += from + "<" + settings.from + ">\r\n";
    m += "To: <" + notice.recipient + ">\r\n";
    m += header_line("Subject", subject);
    m += "Message-ID: <alur.notice." + std::to_string(notice.id) + "." + id_safe(case_id) + "@" + domain + ">\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: text/plain; charset=UTF-8\r\n";
    m += "Content-Transfer-Encoding: quoted-printable\r\n";
    m += "Content-Language: " + std::string(lang == i18n::Lang::en ? "en" : "id") + "\r\n";
    m += "Auto-Submitted: auto-generated\r\n";
    m += "X-Alur-Notice: " + std::to_string(notice.id) + "\r\n";
    m += "\r\n";
    m += quoted_printable(body);
    return m;
}

}  // namespace alur::notify
