// The web page's strings: one row per key {key, Indonesian, English}, served
// by GET /api/catalog. Templates: `{}` is the next argument, `{0}`, `{1}` the
// argument at that position; an English plural has a second key ending in
// `_one`, used when the number is 1. The keys are the page's (app.js): keep a
// key once it is used, add new rows freely (grouped by the page's area).
#include "alur/i18n/page_strings.hpp"

#include "find_row.hpp"

#include <charconv>
#include <vector>

namespace alur::i18n {
namespace {

constexpr PageString table[] = {
    // the frame: sign-in, language, the case list
    {"tagline", "Alur kerja keputusan kepegawaian ASN", "Workflows for civil-servant personnel decisions"},
    {"sign_in", "Masuk", "Sign in"},
    {"sign_out", "Keluar", "Sign out"},
    {"token", "Token API", "API token"},
    {"token_help", "Token dibuat dengan: alur token add NAMA --role admin|ppk|auditor",
     "Tokens are made with: alur token add NAME --role admin|ppk|auditor"},
    {"bad_token", "Token tidak dikenal atau sudah dicabut.", "Unknown or revoked token."},
    {"switch_lang", "English", "Bahasa Indonesia"},
    {"cases", "Daftar kasus", "Cases"},
    {"filter_state", "Status", "State"},
    {"filter_unit", "Unit kerja (OPD)", "Unit (OPD)"},
    {"all", "semua", "all"},
    {"apply", "Terapkan", "Apply"},
    {"no_cases", "Tidak ada kasus.", "No cases."},
    {"case_id", "Kasus", "Case"},
    {"official", "Pegawai", "Official"},
    {"unit", "Unit", "Unit"},
    {"state", "Status", "State"},
    {"due", "Tenggat", "Deadline"},
    {"updated", "Diperbarui", "Updated"},
    // deadlines: late(n) was a function; now "late" (n > 0), "late_one" (n == 1) and "late_today" (n == 0)
    {"late", "terlambat {} hari kerja", "{} working days late"},
    {"late_one", "terlambat {} hari kerja", "{} working day late"},
    {"late_today", "lewat tenggat hari ini", "past the deadline today"},
    {"left", "sisa {} hari kerja", "{} working days left"},
    {"left_one", "sisa {} hari kerja", "{} working day left"},
    {"no_due", "tanpa tenggat", "no deadline"},
    // the case page
    {"back", "← Daftar kasus", "← Cases"},
    {"version", "versi", "version"},
    {"deadline", "Tenggat (jatuh tempo)", "Deadline (due)"},
    {"timeline", "Riwayat", "History"},
    {"actor", "pelaku", "by"},
    {"role", "peran", "role"},
    {"at", "pada", "at"},
    {"reason", "Alasan", "Reason"},
    {"recorded", "dicatat", "recorded"},
    {"forms", "Tindakan yang dapat Anda ajukan sekarang", "Events you may submit now"},
    {"no_forms", "Tidak ada tindakan yang dapat diajukan peran Anda pada status ini.",
     "Your role may submit no event in this state."},
    {"submit", "Ajukan", "Submit"},
    {"choose", "— pilih —", "— choose —"},
    {"required", "wajib", "required"},
    {"optional", "opsional", "optional"},
    {"submitted", "Tercatat: {}", "Recorded: {}"},
    {"refused", "Ditolak", "Refused"},
    {"diagram", "Diagram status", "State diagram"},
    {"states", "Status", "States"},
    {"transitions", "Transisi", "Transitions"},
    {"mermaid", "Teks Mermaid", "Mermaid text"},
    {"verify", "Verifikasi jurnal (audit)", "Journal verification (audit)"},
    {"verify_ok", "Jurnal utuh: rantai hash dan pemutaran ulang sesuai.", "Journal intact: hash chain and replay agree."},
    {"verify_bad", "Jurnal TIDAK utuh", "Journal NOT intact"},
    {"events", "peristiwa", "events"},
    {"cases_n", "kasus", "cases"},
    {"verifying", "Memverifikasi jurnal di latar belakang…", "Verifying the journal in the background…"},
    {"verify_failed", "Verifikasi gagal dijalankan", "The verify could not run"},
    {"auditor_note", "Peran auditor hanya membaca: tidak ada formulir.", "The auditor role only reads: no forms."},
    {"facts", "Data kasus", "Case data"},
    {"nip", "NIP", "NIP"},
    {"name", "Nama", "Name"},
    {"grade", "Jenjang", "Grade"},
    {"post", "Jabatan", "Post"},
    {"target", "Jabatan usulan", "Proposed post"},
    {"workflow", "Alur kerja", "Workflow"},
    {"opened", "Dibuka", "Opened"},
    {"total", "Nilai total", "Total score"},
    {"outcome", "Hasil", "Outcome"},
    {"signed_in", "peran: {}", "role: {}"},
    {"loading", "Memuat…", "Loading…"},
    {"error", "Kesalahan", "Error"},
    // acting officials (Plt)
    {"acting", "Pelaksana tugas (Plt)", "Acting officials (Plt)"},
    {"acting_serving", "sedang menjabat", "serving"},
    {"acting_upcoming", "belum mulai", "not yet started"},
    {"acting_finished", "selesai", "finished"},
    {"acting_ended", "diakhiri lebih awal, hari terakhir {}", "ended early, last day {}"},
    {"acting_letter", "surat perintah", "warrant"},
    // linked cases
    {"linked", "Kasus terkait", "Linked cases"},
    {"came_from", "Berasal dari", "Came from"},
    {"opened_cases", "Membuka", "Opened"},
    {"jobfit_batch", "Batch job fit", "Job fit batch"},
    {"no_links", "tidak ada", "none"},
    {"missing_origin", "{} (tidak ada di jurnal)", "{} (not in the journal)"},
    // calendar_gap(y, s) was a function: "calendar_gap" (the year is missing), "calendar_gap_provisional"
    {"calendar_gap", "Kalender libur {} belum tersedia: hanya akhir pekan yang dilewati.",
     "The holiday calendar for {} is missing: only weekends were skipped."},
    {"calendar_gap_provisional", "Kalender libur {} masih sementara (tanggal perkiraan): tenggat dapat bergeser.",
     "The holiday calendar for {} is provisional (expected dates): the deadline may move."},
    // refusals as sentences: {0} the event's label, {1} the state's label, {2} the rule's title,
    // {3} the basis cited, {4} what to do next (the rule's), {5} the events allowed now, {6} the role
    {"refusal_guard", "{0} tidak dapat dicatat pada tahap {1}: {2}. Dasar: {3}. Yang dapat dilakukan: {4}.",
     "{0} cannot be recorded at the {1} stage: {2}. Basis: {3}. What you can do: {4}."},
    {"refusal_guard_no_rule", "{0} tidak dapat dicatat pada tahap {1}: syarat peristiwa ini belum terpenuhi.",
     "{0} cannot be recorded at the {1} stage: the conditions of this event are not met."},
    {"refusal_no_transition", "{0} tidak dapat dicatat pada tahap {1}. Yang dapat dicatat sekarang: {5}.",
     "{0} cannot be recorded at the {1} stage. What can be recorded now: {5}."},
    {"refusal_final", "{0} tidak dapat dicatat: kasus sudah selesai pada tahap {1}.",
     "{0} cannot be recorded: the case has ended at the {1} stage."},
    {"refusal_role", "{0} tidak dapat dicatat oleh peran {6}. Mintalah pengguna dengan peran yang berwenang.",
     "{0} cannot be recorded by the role {6}. Ask a user with the role that may record it."},
    {"refusal_other", "{0} tidak dapat dicatat.", "{0} cannot be recorded."},
    {"refusal_basis", "Dasar", "Basis"},
    {"refusal_what_to_do", "Yang dapat dilakukan", "What you can do"},
    // ops.js: the roster, job fit, open selection and export screens
    {"ops_roster", "Daftar pegawai", "Roster"},
    {"ops_jobfit", "Job fit", "Job fit"},
    {"ops_selection", "Seleksi terbuka", "Open selection"},
    {"ops_export", "Ekspor", "Export"},
    {"ops_unavailable", "Fitur ini belum tersedia di server ini.", "This server does not offer this yet."},
    {"ops_roster_title", "Daftar pegawai (roster)", "Roster of officials"},
    {"ops_roster_search_help", "nama, NIP atau jabatan", "name, NIP or post"},
    {"ops_roster_total", "{} pegawai", "{} officials"},
    {"ops_roster_none", "Tidak ada pegawai yang cocok.", "No official matches."},
    {"ops_inaugurated_at", "Dilantik", "Inaugurated"},
    {"ops_birth_date", "Tanggal lahir", "Born"},
    {"ops_import_title", "Impor daftar pegawai dari CSV", "Import the roster from a CSV"},
    {"ops_import_help",
     "Kolom: nip, name, grade, post, unit, inaugurated_at, birth_date (pemisah , atau ;). Tanggal "
     "HH/BB/TTTT. Semua baris diperiksa dulu: bila satu baris salah, tidak ada yang diimpor.",
     "Columns: nip, name, grade, post, unit, inaugurated_at, birth_date (separated by , or ;). Dates "
     "DD/MM/YYYY. Every line is checked first: if one is wrong, nothing is imported."},
    {"ops_import_file", "Berkas CSV", "CSV file"},
    {"ops_import_check", "Periksa (uji coba)", "Check (dry run)"},
    {"ops_import_confirm", "Impor sekarang", "Import now"},
    {"ops_import_cancel", "Batal", "Cancel"},
    {"ops_import_no_file", "Pilih berkas CSV terlebih dahulu.", "Choose a CSV file first."},
    {"ops_import_bad", "Berkas ditolak: {} baris salah. Perbaiki lalu periksa lagi; tidak ada yang diubah.",
     "The file was refused: {} bad lines. Fix them and check again; nothing was changed."},
    {"ops_import_line", "Baris", "Line"},
    {"ops_import_field", "Kolom", "Column"},
    {"ops_import_message", "Masalah", "Problem"},
    {"ops_import_preview", "Uji coba: {} ditambahkan, {} diubah, {} tetap. Belum ada yang disimpan.",
     "Dry run: {} added, {} changed, {} unchanged. Nothing is saved yet."},
    {"ops_import_done", "Impor selesai: {} ditambahkan, {} diubah, {} tetap.",
     "Imported: {} added, {} changed, {} unchanged."},
    {"ops_change_added", "ditambahkan", "added"},
    {"ops_change_changed", "diubah", "changed"},
    {"ops_change_kind", "Perubahan", "Change"},
    {"ops_change_fields", "Isian", "Fields"},
    {"ops_no_changes", "Tidak ada perubahan: daftar sudah sama dengan berkas ini.",
     "No change: the roster already matches this file."},
    {"ops_jobfit_title", "Job fit (uji kesesuaian) pejabat JPT", "Job fit of JPT officials"},
    {"ops_jobfit_start", "Mulai batch job fit", "Start a job fit batch"},
    {"ops_as_of", "Per tanggal", "As of"},
    {"ops_unit_all", "kosong: seluruh instansi", "empty: the whole agency"},
    {"ops_profile", "Profil penilaian", "Scoring profile"},
    {"ops_profile_default", "kosong: profil bawaan", "empty: the default profile"},
    {"ops_check_first", "Periksa dulu", "Check first"},
    {"ops_jobfit_confirm", "Mulai batch ({} pegawai)", "Start the batch ({} officials)"},
    {"ops_included", "Diikutkan ({})", "Included ({})"},
    {"ops_excluded", "Dikecualikan ({})", "Excluded ({})"},
    {"ops_excluded_none", "Tidak ada yang dikecualikan.", "Nobody is excluded."},
    {"ops_exclusion_reason", "Alasan pengecualian", "Why excluded"},
    {"ops_jobfit_preview", "Periksa daftar di bawah, lalu mulai batch. Belum ada kasus yang dibuka.",
     "Check the lists below, then start the batch. No case is opened yet."},
    {"ops_batches", "Batch job fit", "Job fit batches"},
    {"ops_no_batches", "Belum ada batch job fit.", "No job fit batch yet."},
    {"ops_batch", "Batch", "Batch"},
    {"ops_created", "Dibuat", "Created"},
    {"ops_status", "Status", "Status"},
    {"ops_opened_n", "Kasus dibuka", "Cases opened"},
    {"ops_excluded_n", "Dikecualikan", "Excluded"},
    {"ops_status_running", "sedang berjalan", "running"},
    {"ops_status_done", "selesai", "done"},
    {"ops_status_failed", "gagal", "failed"},
    {"ops_progress", "Membuka kasus: {} dari {}", "Opening cases: {} of {}"},
    {"ops_report", "Laporan batch {}", "Report of batch {}"},
    {"ops_rank", "Peringkat", "Rank"},
    {"ops_download_csv", "Unduh CSV", "Download CSV"},
    {"ops_back_batches", "← Batch job fit", "← Job fit batches"},
    {"ops_linked_cases", "Kasus terkait", "Linked cases"},
    {"ops_selections_opened", "Seleksi terbuka yang dibuka", "Open selections opened"},
    {"ops_batch_started", "Batch {} dimulai.", "Batch {} started."},
    {"ops_whole_agency", "seluruh instansi", "the whole agency"},
    {"ops_batch_error", "Batch gagal: {}", "The batch failed: {}"},
    {"ops_selection_title", "Seleksi terbuka JPT", "Open selections for JPT posts"},
    {"ops_selection_none", "Belum ada kasus seleksi terbuka.", "No open selection case yet."},
    {"ops_selection_open", "Buka seleksi terbuka", "Open an open selection"},
    {"ops_applicants", "Pelamar ({})", "Applicants ({})"},
    {"ops_no_applicants", "Belum ada pelamar.", "No applicant yet."},
    {"ops_case_page", "Halaman kasus", "Case page"},
    {"ops_registration_closes", "Pendaftaran ditutup", "Registration closes"},
    {"ops_current_post", "Jabatan sekarang", "Current post"},
    {"ops_golongan", "golongan", "rank"},
    {"ops_applicant", "Pelamar", "Applicant"},
    {"ops_reasons", "Alasan", "Reasons"},
    {"ops_ranking", "Peringkat", "Ranking"},
    {"ops_scores", "Nilai", "Scores"},
    {"ops_register", "Daftarkan pelamar", "Register an applicant"},
    {"ops_registered", "Pelamar {} terdaftar.", "Applicant {} registered."},
    {"ops_shortlist", "Tiga besar (shortlist)", "Shortlist of three"},
    {"ops_shortlist_none", "Tiga besar belum ditetapkan pansel.", "The committee has not set the shortlist yet."},
    {"ops_place", "Urutan", "Place"},
    {"ops_chosen", "Pilihan PPK: {} ({})", "The PPK's choice: {} ({})"},
    {"ops_choose", "Pilih", "Choose"},
    {"ops_choose_reason", "Alasan pilihan", "Reason for the choice"},
    {"ops_chose", "Pilihan PPK tercatat: {}", "The PPK's choice is recorded: {}"},
    {"ops_back_selection", "← Seleksi terbuka", "← Open selections"},
    {"ops_not_selection", "Kasus ini bukan seleksi terbuka.", "This case is not an open selection."},
    {"ops_export_title", "Ekspor jurnal peristiwa", "Export the event journal"},
    {"ops_export_help", "Setiap peristiwa yang tercatat, untuk audit dan pelaporan. NIP ditulis sebagai teks.",
     "Every recorded event, for audits and reports. NIPs are written as text."},
    {"ops_since", "Sejak tanggal", "Since"},
    {"ops_since_help", "kosong: sejak awal", "empty: from the start"},
    {"ops_all_workflows", "semua alur kerja", "every workflow"},
    {"ops_download_jsonl", "Unduh JSON Lines", "Download JSON Lines"},
    {"ops_download_xlsx", "Unduh XLSX (Excel)", "Download XLSX (Excel)"},
    {"ops_downloading", "Mengunduh…", "Downloading…"},
    {"ops_downloaded", "Terunduh: {}", "Downloaded: {}"},
};

}  // namespace

std::span<const PageString> page_strings() { return table; }

const PageString* find_page_string(std::string_view key) {
    return detail::find_row(table, key, &PageString::key);
}

std::string fill(std::string_view pattern, std::initializer_list<std::string_view> args) {
    const std::vector<std::string_view> given(args);
    std::string out;
    std::size_t next = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            const auto close = pattern.find('}', i + 1);
            if (close != std::string_view::npos) {
                const std::string_view inside = pattern.substr(i + 1, close - i - 1);
                std::size_t n = next;
                bool ok = inside.empty();
                if (!ok) {
                    auto r = std::from_chars(inside.data(), inside.data() + inside.size(), n);
                    ok = r.ec == std::errc{} && r.ptr == inside.data() + inside.size();
                }
                if (ok && n < given.size()) {
                    out += given[n];
                    if (inside.empty()) ++next;
                    i = close;
                    continue;
                }
            }
        }
        out += pattern[i];
    }
    return out;
}

}  // namespace alur::i18n
