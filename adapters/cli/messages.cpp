// The CLI's message table. Terms follow the glossary of DESIGN.md: kasus (case),
// alur kerja (workflow), peristiwa (event), status (state), muatan (payload),
// pelaku (actor), peran (role), alasan (reason), kunci idempoten (idempotency key),
// tenggat / jatuh tempo (deadline / due), hari kerja (working day), pengingat
// (reminder), eskalasi (escalation), pemberitahuan (notice).
#include "messages.hpp"

#include <array>
#include <cstddef>

namespace alur::cli {
namespace {

struct Entry {
    M key;
    const char* id;
    const char* en;
};

constexpr Entry table[] = {
    {M::app_description, "Alur: mesin alur kerja kasus kepegawaian ASN (mutasi, rotasi, promosi)",
     "Alur: case-workflow engine for ASN personnel decisions (transfer, rotation, promotion)"},
    {M::app_footer, "Kode keluar: 0 berhasil, 1 galat lain, 2 penggunaan salah, 3 ditolak alur kerja, "
                    "4 tidak ditemukan, 5 konflik, 6 verifikasi gagal.",
     "Exit codes: 0 ok, 1 other error, 2 usage, 3 refused by the workflow, 4 not found, 5 conflict, "
     "6 verification failed."},
    {M::opt_db, "berkas basis data SQLite (bawaan: $ALUR_DB, lalu ./alur.db)",
     "SQLite database file (default: $ALUR_DB, else ./alur.db)"},
    {M::opt_config, "berkas konfigurasi TOML (bawaan: $ALUR_CONFIG, lalu ./alur.toml bila ada)",
     "TOML configuration file (default: $ALUR_CONFIG, else ./alur.toml if present)"},
    {M::opt_lang, "bahasa keluaran: id atau en (bawaan: $ALUR_LANG, lalu id)",
     "output language: id or en (default: $ALUR_LANG, else id)"},
    {M::opt_help, "tampilkan bantuan ini lalu keluar", "print this help and exit"},
    {M::cmd_init, "membuat basis data", "create the database"},
    {M::cmd_open, "membuka kasus baru", "open a new case"},
    {M::cmd_open_workflow, "membuka kasus {}; mencetak nomor kasus yang baru", "open a {} case; prints the new case id"},
    {M::cmd_advance, "mencatat satu peristiwa pada kasus", "record one event on a case"},
    {M::cmd_show, "menampilkan kasus: status, versi, data, peristiwa yang dapat dicatat, tenggat",
     "show a case: state, version, data, the events allowed now, its deadline"},
    {M::cmd_history, "menampilkan riwayat peristiwa kasus", "show a case's events"},
    {M::cmd_list, "menampilkan daftar kasus", "list cases"},
    {M::cmd_events, "peristiwa tiap status beserta muatan dan perannya",
     "each state's events with their payload fields and roles"},
    {M::cmd_diagram, "diagram status alur kerja (dari tabel transisi)",
     "the workflow's state diagram (from its transition table)"},
    {M::arg_case, "nomor kasus, mis. MUT-000001", "case id, e.g. MUT-000001"},
    {M::arg_event, "nama peristiwa (lihat `alur events`)", "event name (see `alur events`)"},
    {M::arg_fields, "muatan sebagai kunci=nilai; nilai yang sah sebagai JSON dibaca sebagai JSON",
     "payload as key=value; a value that parses as JSON is read as JSON"},
    {M::arg_workflow, "nama alur kerja", "workflow name"},
    {M::opt_data, "muatan sebagai objek JSON (kunci=nilai menimpanya)",
     "payload as a JSON object (key=value pairs override it)"},
    {M::opt_actor, "siapa yang bertindak (dicatat di jurnal)", "who acts (journaled)"},
    {M::opt_actor_default, "siapa yang bertindak (bawaan: $USER)", "who acts (default: $USER)"},
    {M::opt_role, "peran: admin, ppk atau auditor (bawaan: admin)", "role: admin, ppk or auditor (default: admin)"},
    {M::opt_reason, "alasan (dicatat di jurnal)", "why (journaled)"},
    {M::opt_reason_default, "alasan (bawaan: pembukaan kasus)", "why (default: pembukaan kasus)"},
    {M::opt_at, "waktu kejadian: TANGGAL atau TANGGAL WAKTU, waktu setempat instansi (bawaan: sekarang)",
     "when it happened: DATE or DATETIME, the agency's local time (default: now)"},
    {M::opt_key, "kunci idempoten: perintah yang sama dengan kunci yang sama tidak ditulis dua kali",
     "idempotency key: the same command with the same key is not written twice"},
    {M::opt_expect_version, "tolak (kode 5) bila versi kasus bukan N", "fail (exit 5) unless the case is at version N"},
    {M::opt_json, "keluaran JSON", "JSON output"},
    {M::opt_show_role, "peristiwa yang dapat dicatat oleh peran ini saja", "only the events this role may record"},
    {M::opt_filter_workflow, "hanya kasus alur kerja ini", "only cases of this workflow"},
    {M::opt_filter_state, "hanya kasus berstatus ini", "only cases in this state"},
    {M::opt_format, "format: mermaid atau dot (bawaan: mermaid)", "format: mermaid or dot (default: mermaid)"},
    {M::cmd_serve,
     "menjalankan pengatur waktu: pengingat dan eskalasi tenggat dicatat dan dikirim saat jatuh tempo, "
     "sampai SIGINT/SIGTERM",
     "run the timer loop: deadline reminders and escalations are fired and delivered when due, until "
     "SIGINT/SIGTERM"},
    {M::cmd_run_due, "mencatat sekali semua pengingat dan eskalasi yang sudah jatuh tempo, mengirim pemberitahuan, "
                     "lalu keluar",
     "fire every reminder and escalation due now once, deliver the notices, and exit"},
    {M::opt_now_run,
     "jalankan seolah-olah saat mulai adalah TANGGAL WAKTU (waktu setempat instansi); peristiwa dan pemberitahuan "
     "dicatat dengan waktu itu (bawaan: sekarang)",
     "run as if the time at start were DATETIME (the agency's local time); events and notices are recorded with "
     "that time (default: now)"},
    {M::opt_now_read, "menilai tenggat per TANGGAL WAKTU ini, waktu setempat instansi (bawaan: sekarang)",
     "judge deadlines as of this DATETIME, the agency's local time (default: now)"},
    {M::opt_overdue, "hanya kasus yang melewati tenggat, yang paling terlambat lebih dulu",
     "only overdue cases, most overdue first"},

    {M::db_created, "Basis data dibuat: {}", "Database created: {}"},
    {M::db_ready, "Basis data sudah ada dan siap: {}", "Database already exists and is ready: {}"},
    {M::lbl_case, "Kasus", "Case"},
    {M::lbl_workflow, "Alur kerja", "Workflow"},
    {M::lbl_state, "Status", "State"},
    {M::lbl_version, "Versi", "Version"},
    {M::lbl_opened, "Dibuka", "Opened"},
    {M::lbl_updated, "Diperbarui", "Updated"},
    {M::lbl_data, "Data kasus", "Case data"},
    {M::lbl_allowed, "Peristiwa yang dapat dicatat sekarang", "Events allowed now"},
    {M::lbl_allowed_role, "Peristiwa yang dapat dicatat sekarang oleh peran {}", "Events role {} may record now"},
    {M::lbl_none, "(tidak ada)", "(none)"},
    {M::lbl_final, "status akhir", "final state"},
    {M::lbl_events_count, "{} peristiwa", "{} events"},
    {M::lbl_actor, "pelaku", "actor"},
    {M::lbl_reason, "alasan", "reason"},
    {M::lbl_recorded, "dicatat", "recorded"},
    {M::lbl_payload, "muatan", "payload"},
    {M::col_id, "KASUS", "CASE"},
    {M::col_workflow, "ALUR KERJA", "WORKFLOW"},
    {M::col_state, "STATUS", "STATE"},
    {M::col_version, "VERSI", "VERSION"},
    {M::col_updated, "DIPERBARUI", "UPDATED"},
    {M::col_name, "NAMA", "NAME"},
    {M::no_cases, "Tidak ada kasus.", "No cases."},
    {M::lbl_open_event, "Pembukaan kasus", "Opening a case"},
    {M::lbl_roles, "peran", "roles"},
    {M::lbl_required, "wajib", "required"},
    {M::lbl_optional, "opsional", "optional"},
    {M::lbl_derived, "turunan", "derived"},
    {M::lbl_stays, "status tetap", "state unchanged"},
    {M::lbl_state_heading, "Status {}", "State {}"},
    {M::note_replayed, "kunci idempoten {} sudah dipakai untuk perintah yang sama: tidak ada yang ditulis ulang",
     "idempotency key {} was already used for this command: nothing written again"},
    {M::lbl_due, "Jatuh tempo", "Due"},
    {M::due_late, "lewat tenggat, terlambat {} hari kerja", "overdue by {} working day(s)"},
    {M::due_late_today, "lewat tenggat hari ini", "overdue since today"},
    {M::due_left, "sisa {} hari kerja", "{} working day(s) left"},
    {M::due_today, "jatuh tempo hari ini", "due today"},
    {M::lbl_timers, "Pengingat dan eskalasi terjadwal", "Scheduled reminders and escalations"},
    {M::timer_reminder, "pengingat, {} hari kerja sebelum jatuh tempo", "reminder, {} working day(s) before due"},
    {M::timer_escalation, "eskalasi ke-{}", "escalation {}"},
    {M::lbl_notices, "Pemberitahuan", "Notices"},
    {M::notices_summary, "{} terkirim, {} menunggu", "{} delivered, {} pending"},
    {M::notices_failing, "; {} di antaranya gagal dikirim dan akan dicoba lagi", "; {} of them failed and will be retried"},
    {M::col_due, "JATUH TEMPO", "DUE"},
    {M::col_late, "TERLAMBAT (HARI KERJA)", "LATE (WORKING DAYS)"},
    {M::no_overdue, "Tidak ada kasus yang melewati tenggat.", "No overdue cases."},
    {M::kind_reminder, "pengingat", "reminder"},
    {M::kind_escalation, "eskalasi", "escalation"},
    {M::serve_ready, "alur serve: siap; {} pengingat/eskalasi terjadwal, berikutnya {}",
     "alur serve: ready; {} reminders/escalations scheduled, next {}"},
    {M::serve_ready_none, "alur serve: siap; tidak ada pengingat/eskalasi terjadwal",
     "alur serve: ready; no reminders or escalations scheduled"},
    {M::serve_stopped, "alur serve: berhenti", "alur serve: stopped"},
    {M::fired_line, "{}: {} tahap {}, jatuh tempo {}", "{}: {} for state {}, due {}"},
    {M::run_due_summary, "{} pengingat dan {} eskalasi dicatat; {} pemberitahuan terkirim, {} gagal",
     "{} reminders and {} escalations fired; {} notices delivered, {} failed"},
    {M::run_due_retry, "{} pemberitahuan gagal dikirim dan akan dicoba lagi oleh run-due atau serve berikutnya",
     "{} notices could not be delivered and will be retried by the next run-due or serve"},

    {M::err_invalid_input, "masukan tidak sah", "invalid input"},
    {M::err_refused, "ditolak oleh alur kerja", "refused by the workflow"},
    {M::err_forbidden, "tidak berwenang", "forbidden"},
    {M::err_not_found, "tidak ditemukan", "not found"},
    {M::err_conflict, "konflik", "conflict"},
    {M::err_corrupt, "verifikasi gagal", "verification failed"},
    {M::err_busy, "basis data sedang dikunci proses lain", "database locked by another process"},
    {M::err_io, "galat penyimpanan", "storage error"},
    {M::err_usage, "penggunaan salah", "usage"},
    {M::err_see_help, "lihat `alur --help`", "see `alur --help`"},
    {M::err_pair, "argumen `{}` bukan pasangan kunci=nilai", "argument `{}` is not a key=value pair"},
    {M::err_pair_key, "kunci `{}` tidak sah: pakai huruf, angka dan _", "key `{}` is not valid: use letters, digits and _"},
    {M::err_pair_twice, "kunci `{}` diberikan dua kali", "key `{}` given twice"},
    {M::err_data, "--data bukan objek JSON yang sah: {}", "--data is not a valid JSON object: {}"},
    {M::err_datetime, "{} `{}` bukan tanggal/waktu yang sah (TTTT-BB-HH atau TTTT-BB-HH JJ:MM): {}",
     "{} `{}` is not a valid date/time (YYYY-MM-DD or YYYY-MM-DD HH:MM): {}"},
    {M::err_lang, "bahasa `{}` tidak dikenal: pilih id atau en", "unknown language `{}`: choose id or en"},
    {M::err_unknown_workflow, "alur kerja `{}` tidak dikenal (tersedia: {})", "unknown workflow `{}` (available: {})"},
    {M::err_unknown_state, "status `{}` tidak dikenal (tersedia: {})", "unknown state `{}` (available: {})"},
    {M::err_unknown_event, "peristiwa `{}` tidak dikenal alur kerja {} (lihat `alur events {}`)",
     "event `{}` is unknown to workflow {} (see `alur events {}`)"},
    {M::err_internal, "galat internal: {}", "internal error: {}"},
    {M::err_field, "isian {}", "field {}"},
    {M::err_config_workflow, "{}: {}: alur kerja tidak dikenal (tersedia: {})", "{}: {}: no such workflow (workflows: {})"},
    {M::err_config_state, "{}: {}: status tidak ada (status: {})", "{}: {}: no such state (states: {})"},
    {M::err_config_final, "{}: {}: status akhir tidak punya tenggat (status yang bukan akhir: {})",
     "{}: {}: a final state has no deadline (states that are not final: {})"},
    {M::err_serve_signal, "menunggu sinyal gagal: {}", "waiting for signals failed: {}"},
    {M::nip_length, "NIP `{}` harus 18 angka", "NIP `{}` must be 18 digits"},
    {M::nip_digits, "NIP `{}` hanya boleh berisi angka", "NIP `{}` must contain digits only"},
    {M::nip_birth_date, "NIP `{}`: angka 1-8 bukan tanggal lahir TTTTBBHH yang sah",
     "NIP `{}`: digits 1-8 are not a real birth date YYYYMMDD"},
    {M::nip_birth_year, "NIP `{}`: tahun lahir harus antara 1940 dan {}", "NIP `{}`: birth year must be 1940 to {}"},
    {M::nip_appointment_month, "NIP `{}`: angka 13-14 bukan bulan pengangkatan 01-12",
     "NIP `{}`: digits 13-14 are not an appointment month 01-12"},
    {M::nip_appointment_year, "NIP `{}`: tahun pengangkatan harus paling awal 17 tahun setelah tahun lahir",
     "NIP `{}`: the appointment year must be at least 17 years after the birth year"},
    {M::nip_appointment_future, "NIP `{}`: bulan pengangkatan belum tiba", "NIP `{}`: the appointment month is in the future"},
    {M::nip_sex, "NIP `{}`: angka ke-15 (jenis kelamin) harus 1 atau 2", "NIP `{}`: digit 15 (sex) must be 1 or 2"},
    {M::cmd_audit, "untuk auditor: telusur ulang kasus, verifikasi jurnal, titik periksa",
     "for auditors: replay a case, verify the journal, checkpoints"},
    {M::cmd_audit_replay,
     "menelusuri ulang kasus dari peristiwanya saja (bukan dari proyeksi tersimpan), langkah demi langkah",
     "rebuild a case from its events alone (never the stored projection), step by step"},
    {M::cmd_audit_verify,
     "memeriksa rantai hash seluruh jurnal, nomor urut, dan bahwa telusur ulang tiap kasus sama dengan proyeksinya; "
     "kode 6 bila ada yang tidak sesuai",
     "check the whole journal's hash chain, the sequence numbers, and that replaying every case gives its "
     "projection; exit 6 if anything does not hold"},
    {M::cmd_audit_checkpoint,
     "mencetak kepala jurnal (jumlah peristiwa dan hash terakhir) sebagai satu baris untuk disimpan di luar sistem",
     "print the journal's head (event count and head hash) as one line to keep outside the system"},
    {M::cmd_export, "mengekspor jurnal (atau sebagiannya) dengan semua kolom setiap peristiwa, berurutan global",
     "export the journal (or a slice of it) with every field of every event, in global order"},
    {M::opt_history_format, "format: table, json atau csv (bawaan: table)", "format: table, json or csv (default: table)"},
    {M::opt_export_format, "format: jsonl atau csv (bawaan: jsonl)", "format: jsonl or csv (default: jsonl)"},
    {M::opt_since, "hanya peristiwa yang terjadi pada atau sesudah TANGGAL [WAKTU] ini, waktu setempat instansi",
     "only events that occurred at or after this DATE [TIME], the agency's local time"},
    {M::opt_out,
     "tulis ke BERKAS (lewat BERKAS.tmp yang baru diganti nama bila selesai; bawaan: keluaran standar)",
     "write to FILE (through FILE.tmp, renamed when complete; default: standard output)"},
    {M::opt_as_of,
     "kasus sebagaimana pada TANGGAL (akhir hari itu) atau TANGGAL WAKTU, waktu setempat instansi",
     "the case as it stood at DATE (the end of that day) or DATETIME, the agency's local time"},
    {M::opt_verify_case, "telusur ulang kasus ini saja (rantai hash tetap diperiksa seluruhnya)",
     "replay only this case (the hash chain is still checked whole)"},
    {M::opt_checkpoint,
     "baris dari `alur audit checkpoint`: buktikan juga jurnal masih diawali tepat oleh peristiwa yang dicakupnya",
     "a line from `alur audit checkpoint`: also prove the journal still begins with exactly the events it covered"},
    {M::history_corrected_by, "dikoreksi oleh #{}: {} = {} ({})", "corrected by #{}: {} = {} ({})"},
    {M::export_done, "{} peristiwa diekspor ke {}", "{} events exported to {}"},
    {M::replay_heading, "ditelusuri ulang dari {} peristiwa", "replayed from {} events"},
    {M::replay_as_of, "per {}", "as of {}"},
    {M::replay_not_yet, "kasus {} belum dibuka pada {}", "case {} was not yet opened at {}"},
    {M::col_event, "PERISTIWA", "EVENT"},
    {M::col_transition, "STATUS SEBELUM \u2192 SESUDAH", "STATE BEFORE \u2192 AFTER"},
    {M::col_actor, "PELAKU", "ACTOR"},
    {M::col_role, "PERAN", "ROLE"},
    {M::col_occurred, "WAKTU KEJADIAN", "OCCURRED"},
    {M::col_reason, "ALASAN", "REASON"},
    {M::lbl_replay_state, "Status akhir", "Final state"},
    {M::lbl_due_then, "Jatuh tempo saat itu", "Due then"},
    {M::lbl_verify_chain, "Rantai hash", "Hash chain"},
    {M::lbl_verify_replay, "Telusur ulang", "Replay"},
    {M::lbl_verify_rate, "Kecepatan", "Rate"},
    {M::verify_chain, "{} peristiwa diperiksa dalam {} ms", "{} events checked in {} ms"},
    {M::verify_replay, "{} kasus dibandingkan dengan proyeksinya dalam {} ms",
     "{} cases compared with their projections in {} ms"},
    {M::verify_rate, "{} peristiwa/detik", "{} events/s"},
    {M::verify_ok, "Jurnal utuh: rantai hash, nomor urut, dan proyeksi sesuai.",
     "The journal holds: hash chain, sequence numbers and projections agree."},
    {M::verify_ok_checkpoint, "Jurnal masih diawali tepat oleh {} peristiwa titik periksa.",
     "The journal still begins with exactly the {} events of the checkpoint."},
    {M::verify_problem, "baris global {}, kasus {}, kolom {}: {}", "global row {}, case {}, field {}: {}"},
    {M::verify_problem_row, "baris global {}, kolom {}: {}", "global row {}, field {}: {}"},
    {M::err_export_write, "tidak dapat menulis {}: {}", "cannot write {}: {}"},
    {M::cmd_token, "token API: tambah, daftar, cabut", "API tokens: add, list, revoke"},
    {M::cmd_token_add, "buat token baru untuk NAMA dengan PERAN; token dicetak sekali saja",
     "create a new token for NAME with ROLE; the token is printed once only"},
    {M::cmd_token_list, "daftar token (nama, peran, dibuat, dicabut) tanpa tokennya",
     "list tokens (name, role, created, revoked) without the tokens"},
    {M::cmd_token_revoke, "cabut token NAMA", "revoke the token NAME"},
    {M::arg_token_name, "nama pemegang token (dicatat sebagai pelaku)", "the token holder's name (recorded as actor)"},
    {M::opt_token_role, "peran: admin, ppk atau auditor", "role: admin, ppk or auditor"},
    {M::token_created, "token {} (peran {}) dibuat:", "token {} (role {}) created:"},
    {M::token_once, "Simpan token ini sekarang: hanya ditampilkan sekali.", "Keep this token now: it is shown once only."},
    {M::token_revoked, "token {} dicabut", "token {} revoked"},
    {M::no_tokens, "(belum ada token)", "(no tokens yet)"},
    {M::col_token_name, "NAMA", "NAME"},
    {M::col_created, "DIBUAT", "CREATED"},
    {M::col_revoked, "DICABUT", "REVOKED"},
    {M::opt_listen, "alamat API HTTP, ALAMAT:PORT (bawaan 127.0.0.1:8080; port 0: pilih bebas)",
     "HTTP API address, ADDRESS:PORT (default 127.0.0.1:8080; port 0: any free port)"},
    {M::serve_listening, "alur serve: http {}", "alur serve: http {}"},
    {M::err_listen, "tidak dapat mendengarkan di {}: {}", "cannot listen on {}: {}"},
    // roster (roster_commands.cpp)
    {M::cmd_roster, "daftar pejabat instansi (roster): impor dari CSV, tampilkan",
     "the agency's roster of officials: import from CSV, list"},
    {M::cmd_roster_import,
     "impor roster dari BERKAS.csv (kolom nip, name, grade, post, unit, inaugurated_at, birth_date); "
     "satu baris salah saja membuat seluruh berkas ditolak",
     "import the roster from FILE.csv (columns nip, name, grade, post, unit, inaugurated_at, birth_date); "
     "a single bad line rejects the whole file"},
    {M::arg_roster_file,
     "berkas CSV (atau - untuk masukan standar; paling besar 200 MiB): UTF-8, dipisah koma atau titik koma, "
     "baris pertama judul kolom",
     "CSV file (or - for standard input; at most 200 MiB): UTF-8, comma or semicolon separated, the header on "
     "the first line"},
    {M::opt_dry_run, "periksa dan laporkan apa yang akan berubah, tanpa menulis apa pun",
     "check and report what would change, writing nothing"},
    {M::cmd_roster_list, "menampilkan roster, urut OPD lalu nama", "list the roster, by unit (OPD) then name"},
    {M::opt_roster_unit, "hanya pejabat OPD ini", "only the officials of this unit (OPD)"},
    {M::opt_roster_format, "format: table, csv atau json (bawaan: table; csv dapat diimpor kembali)",
     "format: table, csv or json (default: table; csv can be imported again)"},
    {M::roster_checking, "memeriksa", "checking"},
    {M::roster_writing, "menulis", "writing"},
    {M::roster_comparing, "membandingkan", "comparing"},
    {M::roster_no_file, "berkas {} tidak ada", "no file {}"},
    {M::roster_read_failed, "tidak dapat membaca {}: {}", "cannot read {}: {}"},
    {M::roster_not_regular, "{} adalah {}, bukan berkas biasa (berikan berkas CSV, atau - untuk masukan standar)",
     "{} is {}, not a regular file (give a CSV file, or - for standard input)"},
    {M::roster_too_large, "{} lebih besar dari {}", "{} is larger than {}"},
    {M::roster_stdin, "masukan standar", "standard input"},
    {M::file_directory, "direktori", "a directory"},
    {M::file_fifo, "FIFO (pipa bernama)", "a FIFO (named pipe)"},
    {M::file_character_device, "perangkat karakter", "a character device"},
    {M::file_block_device, "perangkat blok", "a block device"},
    {M::file_socket, "soket", "a socket"},
    {M::file_other, "bukan berkas biasa", "not a regular file"},
    {M::roster_rejected, "{}: {} baris bermasalah (lihat di atas); tidak ada yang diimpor",
     "{}: {} bad lines (listed above); nothing was imported"},
    {M::roster_at_line, "baris {}: {}", "line {}: {}"},
    {M::roster_at_field, "baris {}, kolom {}: {}", "line {}, column {}: {}"},
    {M::roster_no_header, "berkas kosong: baris pertama harus judul kolom {}",
     "the file is empty: its first line must be the header {}"},
    {M::roster_no_rows, "tidak ada baris data di bawah judul kolom", "no data rows below the header"},
    {M::roster_not_utf8, "bukan teks UTF-8 (simpan berkas sebagai \"CSV UTF-8\")",
     "not UTF-8 text (save the file as \"CSV UTF-8\")"},
    {M::roster_unclosed_quote, "tanda kutip yang dibuka di `\"{}` tidak pernah ditutup",
     "the quote opened at `\"{}` is never closed"},
    {M::roster_stray_quote, "ada teks sesudah tanda kutip penutup: `{}`", "text after a closing quote: `{}`"},
    {M::roster_missing_column, "tidak ada di judul kolom (kolom yang diperlukan: {})",
     "missing from the header (required columns: {})"},
    {M::roster_unknown_column, "kolom `{}` tidak dikenal (kolom yang diperlukan: {}; baris pertama harus judul kolom)",
     "unknown column `{}` (required columns: {}; the first line must be the header)"},
    {M::roster_duplicate_column, "kolom `{}` muncul dua kali di judul kolom", "column `{}` appears twice in the header"},
    {M::roster_field_count, "{} isian, seharusnya {} (satu untuk tiap kolom judul)",
     "{} fields, expected {} (one per header column)"},
    {M::roster_empty_value, "kosong; wajib diisi", "empty; required"},
    {M::roster_nip_as_number, "(lembar kerja menulis NIP sebagai angka: jadikan kolomnya teks)",
     "(the spreadsheet wrote the NIP as a number: format its column as text)"},
    {M::roster_bad_date, "`{}` bukan tanggal yang sah (TTTT-BB-HH atau HH/BB/TTTT)",
     "`{}` is not a valid date (YYYY-MM-DD or DD/MM/YYYY)"},
    {M::roster_birth_mismatch, "`{}` tidak sama dengan tanggal lahir pada NIP ({})",
     "`{}` differs from the birth date in the NIP ({})"},
    {M::roster_bad_grade, "jenjang jabatan `{}` tidak dikenal (jenjang: {})", "unknown grade `{}` (grades: {})"},
    {M::roster_bad_text, "teks tidak dapat diterima: {}", "text not accepted: {}"},
    {M::roster_too_young, "`{}` sebelum pejabat berusia 17 tahun ({})", "`{}` is before the official turned 17 ({})"},
    {M::roster_future, "`{}` belum tiba", "`{}` is in the future"},
    {M::roster_duplicate_nip, "NIP `{}` sudah ada di baris {}", "NIP `{}` is also on line {}"},
    {M::roster_added, "{} {}: baru", "{} {}: new"},
    {M::roster_summary, "impor #{} dari {} (sha256 {}): {} ditambahkan, {} diubah, {} tetap",
     "import #{} of {} (sha256 {}): {} added, {} updated, {} unchanged"},
    {M::roster_dry_summary, "uji coba {} (sha256 {}): {} akan ditambahkan, {} akan diubah, {} tetap",
     "dry run of {} (sha256 {}): {} to add, {} to update, {} unchanged"},
    {M::roster_dry_nothing, "Tidak ada yang ditulis (--dry-run).", "Nothing was written (--dry-run)."},
    {M::roster_none, "(roster kosong)", "(the roster is empty)"},
    {M::roster_count, "{} pejabat", "{} officials"},
    {M::col_roster_nip, "NIP", "NIP"},
    {M::col_roster_grade, "JENJANG", "GRADE"},
    {M::col_roster_post, "JABATAN", "POST"},
    {M::col_roster_unit, "OPD", "UNIT"},
    {M::col_roster_inaugurated, "DILANTIK", "INAUGURATED"},
    {M::col_roster_birth, "TANGGAL LAHIR", "BORN"},
    // job fit (jobfit_commands.cpp)
    {M::cmd_jobfit, "uji kompetensi (job fit) pejabat JPT: satu angkatan, satu kasus per pejabat",
     "job fit of sitting JPT officials: one batch, one case per official"},
    {M::cmd_jobfit_start,
     "buka angkatan uji kompetensi: satu kasus per JPT dalam daftar pegawai, kecuali yang dikecualikan (dengan alasannya)",
     "start a job fit batch: one case per JPT of the roster, less those excluded (with the reason)"},
    {M::cmd_jobfit_report, "laporan angkatan: nilai per komponen, total, peringkat dan hasil setiap pejabat",
     "a batch's report: every official's components, total, rank and outcome"},
    {M::opt_jobfit_as_of, "tanggal acuan angkatan, YYYY-MM-DD (masa jabatan dan usia pensiun dihitung sampai tanggal ini)",
     "the batch date, YYYY-MM-DD (time in post and retirement are counted to it)"},
    {M::opt_jobfit_unit, "hanya pejabat OPD ini (bawaan: seluruh instansi)", "only the officials of this unit (default: the whole agency)"},
    {M::opt_jobfit_profile, "profil penilaian (bawaan: [job_fit] profile)", "scoring profile (default: [job_fit] profile)"},
    {M::opt_jobfit_reason, "alasan (bawaan: uji kompetensi <angkatan>)", "why (default: uji kompetensi <batch>)"},
    {M::opt_jobfit_dry_run, "hanya tampilkan siapa yang akan dibuka dan dikecualikan; tidak menulis apa pun",
     "only show who would be opened and excluded; write nothing"},
    {M::opt_jobfit_format, "format: table (bawaan), csv atau json", "format: table (default), csv or json"},
    {M::arg_batch, "nomor angkatan (JF-2021-001)", "batch id (JF-2021-001)"},
    {M::err_jobfit_as_of, "--as-of: \"{}\" bukan tanggal YYYY-MM-DD yang sah", "--as-of: \"{}\" is not a valid YYYY-MM-DD date"},
    {M::err_jobfit_profile, "--profile: tidak ada profil penilaian \"{}\" (profil: {})",
     "--profile: no scoring profile \"{}\" (profiles: {})"},
    {M::err_jobfit_nobody,
     "tidak ada pejabat JPT untuk diuji di {} ({} dikecualikan); impor daftar pegawai dengan: alur roster import FILE.csv",
     "no JPT official to assess in {} ({} excluded); import the roster with: alur roster import FILE.csv"},
    {M::err_jobfit_open, "kasus {} {} tidak dapat dibuka: {} (angkatan {} belum selesai; jalankan perintah yang sama lagi untuk melanjutkannya)",
     "the case of {} {} could not be opened: {} (batch {} is not finished; run the same command again to resume it)"},
    {M::jobfit_whole_agency, "seluruh instansi", "the whole agency"},
    {M::jobfit_dry_run_id, "uji coba, tidak disimpan", "dry run, not stored"},
    {M::jobfit_reason_default, "uji kompetensi {}", "uji kompetensi {}"},
    {M::jobfit_opened, "Dibuka {} kasus (profil {}, tanggal acuan {}):", "Opened {} cases (profile {}, batch date {}):"},
    {M::jobfit_would_open, "Akan dibuka {} kasus (profil {}, tanggal acuan {}):",
     "Would open {} cases (profile {}, batch date {}):"},
    {M::jobfit_excluded, "Dikecualikan {} pejabat:", "Excluded {} officials:"},
    {M::jobfit_report_heading, "Angkatan {} (tanggal acuan {}, profil {}, {})", "Batch {} (batch date {}, profile {}, {})"},
    {M::col_outcome, "HASIL", "OUTCOME"},
    {M::col_linked, "KASUS MUTASI", "MUTATION CASE"},
    {M::col_excluded, "DIKECUALIKAN", "EXCLUDED"},
    {M::follow_up_opened, "  + {} dibuka ({}, {})", "  + {} opened ({}, {})"},
    // open selection (selection_commands.cpp)
    {M::cmd_selection, "seleksi terbuka: membaca kasus seleksi", "open selection (seleksi terbuka): read a selection case"},
    {M::cmd_selection_applicants, "daftar pelamar kasus seleksi terbuka: status, alasan, nilai, total, peringkat",
     "list an open selection case's applicants: status, reasons, scores, total, rank"},
    {M::opt_selection_format, "format keluaran: table, csv atau json (bawaan: table)",
     "output format: table, csv or json (default: table)"},
    {M::err_not_selection, "{} adalah kasus {}, bukan kasus open_selection (seleksi terbuka)",
     "{} is a {} case, not an open_selection (open selection) case"},
    {M::selection_heading, "{} · {} · {} · {} · {} pelamar", "{} · {} · {} · {} · {} applicants"},
    {M::selection_none, "(belum ada pelamar)", "(no applicants yet)"},
    {M::col_current_post, "JABATAN SAAT INI", "CURRENT POST"},
    {M::col_status, "STATUS", "STATUS"},
    {M::col_reasons, "ALASAN", "REASONS"},
    {M::col_total, "TOTAL", "TOTAL"},
    {M::col_ranking, "PERINGKAT", "RANK"},
    {M::status_registered, "terdaftar", "registered"},
    {M::status_withdrawn, "mengundurkan diri", "withdrawn"},
    {M::status_eligible, "memenuhi syarat", "eligible"},
    {M::status_failed, "tidak memenuhi syarat", "failed"},
    {M::status_shortlisted, "tiga besar", "shortlisted"},
    {M::status_chosen, "dipilih PPK", "chosen"},
};

constexpr bool table_in_order() {
    for (std::size_t i = 0; i < std::size(table); ++i)
        if (static_cast<std::size_t>(table[i].key) != i) return false;
    return static_cast<std::size_t>(M::status_chosen) + 1 == std::size(table);
}
static_assert(table_in_order(), "messages.cpp: the table must list every M in declaration order");

Lang current = Lang::id;

}  // namespace

bool parse_lang(std::string_view text, Lang& out) {
    if (text == "id") out = Lang::id;
    else if (text == "en") out = Lang::en;
    else return false;
    return true;
}

void set_language(Lang lang) { current = lang; }
Lang language() { return current; }

const char* tr(M m) {
    const Entry& e = table[static_cast<std::size_t>(m)];
    return current == Lang::en ? e.en : e.id;
}

std::string trf(M m, std::initializer_list<std::string_view> args) {
    std::string_view pattern = tr(m);
    std::string out;
    auto next = args.begin();
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 1 < pattern.size() && pattern[i + 1] == '}' && next != args.end()) {
            out += *next++;
            ++i;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

const char* error_prefix(errc code) {
    switch (code) {
        case errc::invalid_input: return tr(M::err_invalid_input);
        case errc::refused: return tr(M::err_refused);
        case errc::forbidden: return tr(M::err_forbidden);
        case errc::not_found: return tr(M::err_not_found);
        case errc::conflict: return tr(M::err_conflict);
        case errc::corrupt: return tr(M::err_corrupt);
        case errc::busy: return tr(M::err_busy);
        case errc::io:
        case errc::ok: break;
    }
    return tr(M::err_io);
}

}  // namespace alur::cli
