// The web page's strings: one row per key {key, Indonesian, English}, served
// by GET /api/catalog. Templates: `{}` is the next argument, `{0}`, `{1}` the
// argument at that position; an English plural has a second key ending in
// `_one`, used when the number is 1. The keys are the page's (app.js): keep a
// key once it is used, add new rows freely (grouped by the page's area).
#include "alur/i18n/page_strings.hpp"

#include "find_row.hpp"

#include <charconv>
#include <cstdio>
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
    // the page's added strings (issue 14) --------------------------------------------
    // refusals the server gives no rule for: {0} the event, {1} the state, {2} the engine's reason
    {"refusal_said", "{0} tidak dapat dicatat pada tahap {1}: {2}.", "{0} cannot be recorded at the {1} stage: {2}."},
    {"refusal_said_any", "{0} tidak dapat dicatat: {1}.", "{0} cannot be recorded: {1}."},
    {"err_network", "Server tidak dapat dihubungi. Periksa jaringan lalu coba lagi.",
     "The server cannot be reached. Check the network and try again."},
    {"err_401", "Sesi Anda berakhir atau belum masuk. Silakan masuk lagi.",
     "Your session has ended or you are not signed in. Please sign in again."},
    {"err_403", "Peran Anda tidak berwenang untuk tindakan ini.", "Your role may not do this."},
    {"err_404", "Data yang dicari tidak ditemukan.", "What you looked for was not found."},
    {"err_409", "Kasus ini baru saja diubah orang lain. Muat ulang halaman lalu coba lagi.",
     "Someone else has just changed this case. Reload the page and try again."},
    {"err_429", "Terlalu banyak percobaan. Coba lagi dalam {} detik.", "Too many attempts. Try again in {} seconds."},
    // signing in
    {"user_name", "Nama pengguna", "User name"},
    {"password", "Kata sandi", "Password"},
    {"bad_password", "Nama atau kata sandi salah", "Wrong name or password"},
    {"no_password_signin", "Server ini belum menerima masuk dengan kata sandi: gunakan token API di bawah.",
     "This server does not take password sign-ins yet: use an API token below."},
    {"session_ended", "Sesi Anda telah berakhir. Silakan masuk lagi.", "Your session has ended. Please sign in again."},
    {"token_option", "Masuk dengan token API (untuk pengguna skrip)", "Sign in with an API token (for scripts' users)"},
    {"sign_in_token", "Masuk dengan token", "Sign in with the token"},
    // home
    {"home", "Beranda", "Home"},
    {"home_title", "Beranda", "Home"},
    {"my_tasks", "Tugas saya", "My tasks"},
    {"no_tasks", "Tidak ada tugas untuk peran Anda saat ini.", "No tasks for your role right now."},
    {"tasks_unavailable", "Daftar tugas belum tersedia di server ini.", "This server has no task list yet."},
    {"more_tasks", "dan {} tugas lainnya", "and {} more"},
    {"scope_unit", "Unit {}", "Unit {}"},
    {"overdue_cases", "Kasus lewat tenggat", "Overdue cases"},
    {"no_overdue", "Tidak ada kasus yang lewat tenggat.", "No case is past its deadline."},
    {"show_all_overdue", "Tampilkan semua kasus lewat tenggat", "Show every overdue case"},
    {"search", "Cari", "Search"},
    {"search_help", "nama, NIP, nomor kasus, jabatan", "name, NIP, case number, post"},
    {"all_states", "semua", "all"},
    {"only_overdue", "hanya yang lewat tenggat", "overdue only"},
    {"sort", "Urutkan", "Sort by"},
    {"sort_due", "tenggat terdekat", "nearest deadline"},
    {"sort_updated", "terakhir diperbarui", "last updated"},
    {"sort_opened_new", "terbaru dibuka", "newest first"},
    {"sort_opened_old", "terlama dibuka", "oldest first"},
    {"sort_id", "nomor kasus", "case number"},
    {"n_cases", "{} kasus", "{} cases"},
    {"n_cases_one", "{} kasus", "{} case"},
    {"showing", "Menampilkan kasus {}–{}", "Showing cases {}–{}"},
    {"showing_of", "Menampilkan {}–{} dari {} kasus", "Showing {}–{} of {} cases"},
    {"prev_page", "← Sebelumnya", "← Previous"},
    {"next_page", "Berikutnya →", "Next →"},
    {"page_n", "Halaman {}", "Page {}"},
    // opening a case
    {"open_case", "Buka kasus", "Open a case"},
    {"open_form_title", "Data pembukaan kasus {}", "Opening a {} case"},
    {"open_submit", "Buka kasus", "Open the case"},
    {"opened_notice", "Kasus {} dibuka.", "Case {} opened."},
    {"missing_field", "Isian wajib belum diisi: {}", "A required field is empty: {}"},
    {"date_placeholder", "HH/BB/TTTT", "DD/MM/YYYY"},
    {"bad_date", "Tanggal ditulis HH/BB/TTTT, mis. 08/12/2026", "Write the date as DD/MM/YYYY, e.g. 08/12/2026"},
    {"range", "antara {} dan {}", "from {} to {}"},
    {"yes", "ya", "yes"},
    {"no", "tidak", "no"},
    // the case page
    {"next_step", "Langkah berikutnya", "Next step"},
    {"other_actions", "Tindakan lain", "Other actions"},
    {"waiting_for", "Menunggu: {}", "Waiting for: {}"},
    {"weight", "bobot", "weight"},
    {"reminder_sent", "Pengingat terkirim: tenggat {}, {}", "Reminder sent: deadline {}, {}"},
    {"escalation_sent", "Eskalasi terkirim: tenggat {} terlewati, {}", "Escalation sent: deadline {} passed, {}"},
    {"by_system", "dicatat otomatis oleh sistem", "recorded by the system"},
    {"correction_of", "Koreksi atas {}", "Correction of {}"},
    {"original", "Semula", "Originally"},
    {"corrected_by", "Dikoreksi oleh {} ({}, {})", "Corrected by {} ({}, {})"},
    {"recorded_at", "Dicatat", "Recorded"},
    {"recorded_by", "oleh", "by"},
    {"hash", "Hash", "Hash"},
    {"prev_hash", "Hash sebelumnya", "Previous hash"},
    {"refusals", "Penolakan pada kasus ini", "Refusals on this case"},
    {"no_refusals", "Tidak ada penolakan yang tercatat.", "No refusal recorded."},
    {"diagram_current", "Tahap saat ini: {}", "Current stage: {}"},
    // the NIP, checked as typed
    {"nip_length", "NIP harus 18 angka (tertulis {})", "A NIP has 18 digits ({} typed)"},
    {"nip_digits", "NIP hanya boleh berisi angka", "A NIP has digits only"},
    {"nip_birth_date", "angka 1-8 bukan tanggal lahir TTTTBBHH yang sah",
     "digits 1-8 are not a real birth date YYYYMMDD"},
    {"nip_birth_year", "tahun lahir (angka 1-4) harus antara 1940 dan {}",
     "the birth year (digits 1-4) must be 1940 to {}"},
    {"nip_appointment_month", "angka 13-14 bukan bulan pengangkatan 01-12",
     "digits 13-14 are not an appointment month 01-12"},
    {"nip_appointment_year", "tahun pengangkatan (angka 9-12) harus paling awal 17 tahun setelah tahun lahir",
     "the appointment year (digits 9-12) must be at least 17 years after the birth year"},
    {"nip_appointment_future", "bulan pengangkatan (angka 9-14) belum tiba",
     "the appointment month (digits 9-14) is in the future"},
    {"nip_sex", "angka ke-15 (jenis kelamin) harus 1 atau 2", "digit 15 (sex) must be 1 or 2"},
    {"nip_serial", "angka ke-16 sampai 18 (nomor urut) tidak boleh 000", "digits 16-18 (the serial) may not be 000"},
    {"nip_ok_1", "lahir {} · diangkat {}/{} · laki-laki", "born {} · appointed {}/{} · male"},
    {"nip_ok_2", "lahir {} · diangkat {}/{} · perempuan", "born {} · appointed {}/{} · female"},
    {"nip_birth", "tanggal lahir", "birth date"},
    {"nip_appointed", "pengangkatan", "appointment"},
    {"nip_sex_part", "jenis kelamin", "sex"},
    {"nip_serial_part", "nomor urut", "serial"},
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
    // why a job fit batch leaves an official out (adapters/personnel add_exclusion_detail): {0} the date,
    // {1} months, {2} the batch date, {3} the citation, {4} the retirement age, {5} the day it is reached
    {"jobfit_cause_recently_inaugurated", "dilantik {0}, kurang dari {1} bulan sebelum tanggal batch {2} ({3})",
     "inaugurated {0}, less than {1} months before the batch date {2} ({3})"},
    {"jobfit_cause_retires", "pensiun {0} (usia {4} pada {5}), dalam {1} bulan setelah tanggal batch {2} ({3})",
     "retires {0} (age {4} on {5}), within {1} months after the batch date {2} ({3})"},
    {"jobfit_cause_retired", "sudah pensiun {0} (usia {4} pada {5}) pada tanggal batch {2} ({3})",
     "retired {0} (age {4} on {5}) by the batch date {2} ({3})"},
    // the export's column headers for people (XLSX; CSV with headers=labels), adapters/reports column_label:
    // export_col_<column key>; a time column gets its zone after it, "(WIB)" or "(UTC)"
    {"export_col_case_id", "nomor kasus", "case"},
    {"export_col_seq", "urutan dalam kasus", "no. in case"},
    {"export_col_global_seq", "urutan jurnal", "journal no."},
    {"export_col_name", "peristiwa", "event"},
    {"export_col_nip", "NIP", "NIP"},
    {"export_col_payload", "muatan (JSON)", "payload (JSON)"},
    {"export_col_actor", "pelaku", "actor"},
    {"export_col_role", "peran", "role"},
    {"export_col_reason", "alasan", "reason"},
    {"export_col_occurred_at", "waktu kejadian", "occurred at"},
    {"export_col_recorded_at", "waktu dicatat", "recorded at"},
    {"export_col_recorded_by", "dicatat oleh", "recorded by"},
    {"export_col_prev_hash", "hash sebelumnya", "previous hash"},
    {"export_col_hash", "hash", "hash"},
    {"export_col_id", "nomor kasus", "case"},
    {"export_col_workflow", "alur kerja", "workflow"},
    {"export_col_state", "status", "state"},
    {"export_col_version", "versi", "version"},
    {"export_col_unit", "unit kerja", "unit"},
    {"export_col_subject", "subjek", "subject"},
    {"export_col_subject_label", "keterangan subjek", "subject label"},
    {"export_col_opened_at", "dibuka pada", "opened at"},
    {"export_col_updated_at", "diperbarui pada", "updated at"},
    {"export_col_due_at", "tenggat", "due at"},
    // why an open selection applicant fails the requirements (adapters/reports applicants.cpp, kinds of
    // open_selection::RequirementFailure): {0} what the applicant stated, {1} what is required, {2} the years
    // stated, {3} the years required, {4} the age, {5} the day it is judged on, {6} the age limit
    {"selection_reason_rank_below", "golongan {0} di bawah syarat {1}", "rank {0} below the required {1}"},
    {"selection_reason_years_in_post_below", "{2} tahun dalam jabatan, kurang dari syarat {3} tahun",
     "{2} years in post, fewer than the required {3}"},
    {"selection_reason_age_above", "usia {4} pada {5}, melewati batas usia {6} tahun",
     "age {4} on {5}, above the limit {6}"},
    {"selection_reason_age_above_closing",
     "usia {4} pada {5} (hari penutupan pendaftaran), melewati batas usia {6} tahun",
     "age {4} on {5} (the registration's closing day), above the limit {6}"},
    {"selection_reason_disciplinary", "pernah dijatuhi hukuman disiplin {0}", "disciplinary record: {0}"},
    {"selection_reason_education_not_stated", "pendidikan tidak diisi; paling rendah {1} disyaratkan",
     "education not stated; at least {1} is required"},
    {"selection_reason_education_below", "pendidikan {0} di bawah syarat {1}",
     "education {0} below the required {1}"},
    {"selection_reason_related_experience_not_stated",
     "lama pengalaman yang berkaitan dengan jabatan tidak diisi; paling sedikit {3} tahun disyaratkan",
     "years of experience related to the post not stated; at least {3} years required"},
    {"selection_reason_related_experience_below",
     "pengalaman {2} tahun yang berkaitan dengan jabatan, kurang dari syarat {3} tahun",
     "{2} years of experience related to the post, fewer than the required {3}"},
    {"selection_reason_admin_post_not_stated",
     "lama menduduki jabatan administrator atau ahli madya tidak diisi; paling sedikit {3} tahun disyaratkan",
     "years in an administrator or ahli madya post not stated; at least {3} years required"},
    {"selection_reason_admin_post_below",
     "{2} tahun dalam jabatan administrator atau ahli madya, kurang dari syarat {3} tahun",
     "{2} years in an administrator or ahli madya post, fewer than the required {3}"},
    // the e-mail channel's message (adapters/notify/src/email_message.cpp): {0} the case, {1} the state's
    // label, {2} the due date (DD/MM/YYYY); the body's headline reuses reminder_sent / escalation_sent
    {"mail_subject_reminder", "Pengingat tenggat: kasus {0}, {1}, tenggat {2}", "Deadline reminder: case {0}, {1}, due {2}"},
    {"mail_subject_overdue", "Pengingat: kasus {0}, {1}, lewat tenggat {2}", "Reminder: case {0}, {1}, past its deadline {2}"},
    {"mail_subject_escalation", "Eskalasi: kasus {0}, {1}, tenggat {2} terlewati", "Escalation: case {0}, {1}, deadline {2} passed"},
    {"mail_workflow", "Alur kerja", "Workflow"},
    {"mail_kind", "Jenis", "Kind"},
    // {0} the agency, {1} the notice number
    {"mail_footer", "Pesan ini dikirim otomatis oleh Alur untuk {0}; mohon tidak dibalas. Nomor pemberitahuan {1} (pesan yang sama dapat datang lebih dari sekali).",
     "This message was sent automatically by Alur for {0}; please do not reply. Notice number {1} (the same message may arrive more than once)."},
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

std::string agency_date(Date d) {
    const std::string iso = format_date(d);  // YYYY-MM-DD
    return iso.size() == 10 ? iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4) : iso;
}

std::string number_text(double x, Lang lang) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", x);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    if (lang == Lang::id)
        for (auto& c : s)
            if (c == '.') c = ',';
    return s;
}

}  // namespace alur::i18n
