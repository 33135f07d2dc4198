// Alur: the shared core of the web page of `alur serve` (an ES module).
// Views live in app.js (cases) and ops.js (roster, job fit, selection,
// exports); they import only from here and add themselves with registerView.
//
//   h(tag, attrs, ...children)      builds an element (attrs: class, on<event>, other attributes)
//   api(method, path, body, headers) calls this server's /api with the caller's sign-in
//   ApiError                        what api() throws: status, code, message, field, refusal
//   t(key, ...args)                 a page string in the chosen language
//   nm(name)                        the label of a state, event, field or choice
//   fmtDate(x) / fmtTime(x)         DD/MM/YYYY, and date + time, in the agency's time zone
//   registerView(id, labelKey, render, {roles}) a screen at #/id (in the navigation if labelKey)
//
// No inline script or style: the server sends Content-Security-Policy default-src 'self'.
"use strict";

// --- strings ------------------------------------------------------------------
// Rows {key, Indonesian, English}, as adapters/i18n/src/page_strings.cpp has
// them (GET /api/catalog?lang= serves that table and replaces these when it
// loads; these are what the page says when it cannot). Templates: `{}` is the
// next argument, `{0}`, `{1}` the one at that position; an English plural has
// a second key ending in `_one`, used when the first argument is 1.
const ROWS = [
  // the frame: sign-in, language, the case list
  ["tagline", "Alur kerja keputusan kepegawaian ASN", "Workflows for civil-servant personnel decisions"],
  ["sign_in", "Masuk", "Sign in"],
  ["sign_out", "Keluar", "Sign out"],
  ["token", "Token API", "API token"],
  ["token_help", "Token dibuat dengan: alur token add NAMA --role admin|ppk|auditor", "Tokens are made with: alur token add NAME --role admin|ppk|auditor"],
  ["bad_token", "Token tidak dikenal atau sudah dicabut.", "Unknown or revoked token."],
  ["switch_lang", "English", "Bahasa Indonesia"],
  ["cases", "Daftar kasus", "Cases"],
  ["filter_state", "Status", "State"],
  ["filter_unit", "Unit kerja (OPD)", "Unit (OPD)"],
  ["all", "semua", "all"],
  ["no_cases", "Tidak ada kasus.", "No cases."],
  ["case_id", "Kasus", "Case"],
  ["official", "Pegawai", "Official"],
  ["unit", "Unit", "Unit"],
  ["state", "Status", "State"],
  ["due", "Tenggat", "Deadline"],
  ["updated", "Diperbarui", "Updated"],
  ["late", "terlambat {} hari kerja", "{} working days late"],
  ["late_one", "terlambat {} hari kerja", "{} working day late"],
  ["late_today", "lewat tenggat hari ini", "past the deadline today"],
  ["left", "sisa {} hari kerja", "{} working days left"],
  ["left_one", "sisa {} hari kerja", "{} working day left"],
  ["no_due", "tanpa tenggat", "no deadline"],
  // the case page
  ["back", "← Daftar kasus", "← Cases"],
  ["version", "versi", "version"],
  ["deadline", "Tenggat (jatuh tempo)", "Deadline (due)"],
  ["timeline", "Riwayat", "History"],
  ["actor", "pelaku", "by"],
  ["reason", "Alasan", "Reason"],
  ["forms", "Tindakan yang dapat Anda ajukan sekarang", "Events you may submit now"],
  ["no_forms", "Tidak ada tindakan yang dapat diajukan peran Anda pada status ini.", "Your role may submit no event in this state."],
  ["submit", "Ajukan", "Submit"],
  ["choose", "— pilih —", "— choose —"],
  ["required", "wajib", "required"],
  ["optional", "opsional", "optional"],
  ["submitted", "Tercatat: {}", "Recorded: {}"],
  ["refused", "Ditolak", "Refused"],
  ["diagram", "Diagram status", "State diagram"],
  ["verify", "Verifikasi jurnal (audit)", "Journal verification (audit)"],
  ["verify_ok", "Jurnal utuh: rantai hash dan pemutaran ulang sesuai.", "Journal intact: hash chain and replay agree."],
  ["verify_bad", "Jurnal TIDAK utuh", "Journal NOT intact"],
  ["events", "peristiwa", "events"],
  ["cases_n", "kasus", "cases"],
  ["verifying", "Memverifikasi jurnal di latar belakang…", "Verifying the journal in the background…"],
  ["verify_failed", "Verifikasi gagal dijalankan", "The verify could not run"],
  ["auditor_note", "Peran auditor hanya membaca: tidak ada formulir.", "The auditor role only reads: no forms."],
  ["facts", "Data kasus", "Case data"],
  ["nip", "NIP", "NIP"],
  ["name", "Nama", "Name"],
  ["grade", "Jenjang", "Grade"],
  ["post", "Jabatan", "Post"],
  ["target", "Jabatan usulan", "Proposed post"],
  ["workflow", "Alur kerja", "Workflow"],
  ["opened", "Dibuka", "Opened"],
  ["total", "Nilai total", "Total score"],
  ["outcome", "Hasil", "Outcome"],
  ["loading", "Memuat…", "Loading…"],
  ["error", "Kesalahan", "Error"],
  // acting officials (Plt)
  ["acting", "Pelaksana tugas (Plt)", "Acting officials (Plt)"],
  ["acting_serving", "sedang menjabat", "serving"],
  ["acting_upcoming", "belum mulai", "not yet started"],
  ["acting_finished", "selesai", "finished"],
  ["acting_ended", "diakhiri lebih awal, hari terakhir {}", "ended early, last day {}"],
  ["acting_letter", "surat perintah", "warrant"],
  // linked cases
  ["linked", "Kasus terkait", "Linked cases"],
  ["came_from", "Berasal dari", "Came from"],
  ["opened_cases", "Membuka", "Opened"],
  ["jobfit_batch", "Batch job fit", "Job fit batch"],
  ["no_links", "tidak ada", "none"],
  ["missing_origin", "{} (tidak ada di jurnal)", "{} (not in the journal)"],
  ["calendar_gap", "Kalender libur {} belum tersedia: hanya akhir pekan yang dilewati.", "The holiday calendar for {} is missing: only weekends were skipped."],
  ["calendar_gap_provisional", "Kalender libur {} masih sementara (tanggal perkiraan): tenggat dapat bergeser.", "The holiday calendar for {} is provisional (expected dates): the deadline may move."],
  // refusals as sentences: {0} the event's label, {1} the state's label, {2} the rule's title,
  // {3} the basis cited, {4} what to do next (the rule's), {5} the events allowed now, {6} the role
  ["refusal_guard", "{0} tidak dapat dicatat pada tahap {1}: {2}. Dasar: {3}. Yang dapat dilakukan: {4}.", "{0} cannot be recorded at the {1} stage: {2}. Basis: {3}. What you can do: {4}."],
  ["refusal_guard_no_rule", "{0} tidak dapat dicatat pada tahap {1}: syarat peristiwa ini belum terpenuhi.", "{0} cannot be recorded at the {1} stage: the conditions of this event are not met."],
  ["refusal_no_transition", "{0} tidak dapat dicatat pada tahap {1}. Yang dapat dicatat sekarang: {5}.", "{0} cannot be recorded at the {1} stage. What can be recorded now: {5}."],
  ["refusal_final", "{0} tidak dapat dicatat: kasus sudah selesai pada tahap {1}.", "{0} cannot be recorded: the case has ended at the {1} stage."],
  ["refusal_role", "{0} tidak dapat dicatat oleh peran {6}. Mintalah pengguna dengan peran yang berwenang.", "{0} cannot be recorded by the role {6}. Ask a user with the role that may record it."],
  ["refusal_other", "{0} tidak dapat dicatat.", "{0} cannot be recorded."],
  ["refusal_basis", "Dasar", "Basis"],
  ["refusal_what_to_do", "Yang dapat dilakukan", "What you can do"],
  // the page's added strings (issue 14) --------------------------------------------
  // refusals the server gives no rule for: {0} the event, {1} the state, {2} the engine's reason
  ["refusal_said", "{0} tidak dapat dicatat pada tahap {1}: {2}.", "{0} cannot be recorded at the {1} stage: {2}."],
  ["refusal_said_any", "{0} tidak dapat dicatat: {1}.", "{0} cannot be recorded: {1}."],
  ["err_network", "Server tidak dapat dihubungi. Periksa jaringan lalu coba lagi.", "The server cannot be reached. Check the network and try again."],
  ["err_401", "Sesi Anda berakhir atau belum masuk. Silakan masuk lagi.", "Your session has ended or you are not signed in. Please sign in again."],
  ["err_403", "Peran Anda tidak berwenang untuk tindakan ini.", "Your role may not do this."],
  ["err_404", "Data yang dicari tidak ditemukan.", "What you looked for was not found."],
  ["err_409", "Kasus ini baru saja diubah orang lain. Muat ulang halaman lalu coba lagi.", "Someone else has just changed this case. Reload the page and try again."],
  ["err_429", "Terlalu banyak percobaan. Coba lagi dalam {} detik.", "Too many attempts. Try again in {} seconds."],
  // signing in
  ["user_name", "Nama pengguna", "User name"],
  ["password", "Kata sandi", "Password"],
  ["bad_password", "Nama atau kata sandi salah", "Wrong name or password"],
  ["no_password_signin", "Server ini belum menerima masuk dengan kata sandi: gunakan token API di bawah.", "This server does not take password sign-ins yet: use an API token below."],
  ["session_ended", "Sesi Anda telah berakhir. Silakan masuk lagi.", "Your session has ended. Please sign in again."],
  ["token_option", "Masuk dengan token API (untuk pengguna skrip)", "Sign in with an API token (for scripts' users)"],
  ["sign_in_token", "Masuk dengan token", "Sign in with the token"],
  // home
  ["home", "Beranda", "Home"],
  ["home_title", "Beranda", "Home"],
  ["my_tasks", "Tugas saya", "My tasks"],
  ["no_tasks", "Tidak ada tugas untuk peran Anda saat ini.", "No tasks for your role right now."],
  ["tasks_unavailable", "Daftar tugas belum tersedia di server ini.", "This server has no task list yet."],
  ["more_tasks", "dan {} tugas lainnya", "and {} more"],
  ["overdue_cases", "Kasus lewat tenggat", "Overdue cases"],
  ["no_overdue", "Tidak ada kasus yang lewat tenggat.", "No case is past its deadline."],
  ["show_all_overdue", "Tampilkan semua kasus lewat tenggat", "Show every overdue case"],
  ["search", "Cari", "Search"],
  ["search_help", "nama, NIP, nomor kasus, jabatan", "name, NIP, case number, post"],
  ["all_states", "semua", "all"],
  ["only_overdue", "hanya yang lewat tenggat", "overdue only"],
  ["sort", "Urutkan", "Sort by"],
  ["sort_due", "tenggat terdekat", "nearest deadline"],
  ["sort_updated", "terakhir diperbarui", "last updated"],
  ["sort_opened_new", "terbaru dibuka", "newest first"],
  ["sort_opened_old", "terlama dibuka", "oldest first"],
  ["sort_id", "nomor kasus", "case number"],
  ["n_cases", "{} kasus", "{} cases"],
  ["n_cases_one", "{} kasus", "{} case"],
  ["showing", "Menampilkan kasus {}–{}", "Showing cases {}–{}"],
  ["showing_of", "Menampilkan {}–{} dari {} kasus", "Showing {}–{} of {} cases"],
  ["prev_page", "← Sebelumnya", "← Previous"],
  ["next_page", "Berikutnya →", "Next →"],
  ["page_n", "Halaman {}", "Page {}"],
  // opening a case
  ["open_case", "Buka kasus", "Open a case"],
  ["open_form_title", "Data pembukaan kasus {}", "Opening a {} case"],
  ["open_submit", "Buka kasus", "Open the case"],
  ["opened_notice", "Kasus {} dibuka.", "Case {} opened."],
  ["missing_field", "Isian wajib belum diisi: {}", "A required field is empty: {}"],
  ["date_placeholder", "HH/BB/TTTT", "DD/MM/YYYY"],
  ["bad_date", "Tanggal ditulis HH/BB/TTTT, mis. 08/12/2026", "Write the date as DD/MM/YYYY, e.g. 08/12/2026"],
  ["range", "antara {} dan {}", "from {} to {}"],
  ["yes", "ya", "yes"],
  ["no", "tidak", "no"],
  // the case page
  ["next_step", "Langkah berikutnya", "Next step"],
  ["other_actions", "Tindakan lain", "Other actions"],
  ["waiting_for", "Menunggu: {}", "Waiting for: {}"],
  ["weight", "bobot", "weight"],
  ["reminder_sent", "Pengingat terkirim: tenggat {}, {}", "Reminder sent: deadline {}, {}"],
  ["escalation_sent", "Eskalasi terkirim: tenggat {} terlewati, {}", "Escalation sent: deadline {} passed, {}"],
  ["by_system", "dicatat otomatis oleh sistem", "recorded by the system"],
  ["correction_of", "Koreksi atas {}", "Correction of {}"],
  ["original", "Semula", "Originally"],
  ["corrected_by", "Dikoreksi oleh {} ({}, {})", "Corrected by {} ({}, {})"],
  ["recorded_at", "Dicatat", "Recorded"],
  ["recorded_by", "oleh", "by"],
  ["hash", "Hash", "Hash"],
  ["prev_hash", "Hash sebelumnya", "Previous hash"],
  ["refusals", "Penolakan pada kasus ini", "Refusals on this case"],
  ["no_refusals", "Tidak ada penolakan yang tercatat.", "No refusal recorded."],
  ["diagram_current", "Tahap saat ini: {}", "Current stage: {}"],
  // the NIP, checked as typed
  ["nip_length", "NIP harus 18 angka (tertulis {})", "A NIP has 18 digits ({} typed)"],
  ["nip_digits", "NIP hanya boleh berisi angka", "A NIP has digits only"],
  ["nip_birth_date", "angka 1-8 bukan tanggal lahir TTTTBBHH yang sah", "digits 1-8 are not a real birth date YYYYMMDD"],
  ["nip_birth_year", "tahun lahir (angka 1-4) harus antara 1940 dan {}", "the birth year (digits 1-4) must be 1940 to {}"],
  ["nip_appointment_month", "angka 13-14 bukan bulan pengangkatan 01-12", "digits 13-14 are not an appointment month 01-12"],
  ["nip_appointment_year", "tahun pengangkatan (angka 9-12) harus paling awal 17 tahun setelah tahun lahir", "the appointment year (digits 9-12) must be at least 17 years after the birth year"],
  ["nip_appointment_future", "bulan pengangkatan (angka 9-14) belum tiba", "the appointment month (digits 9-14) is in the future"],
  ["nip_sex", "angka ke-15 (jenis kelamin) harus 1 atau 2", "digit 15 (sex) must be 1 or 2"],
  ["nip_serial", "angka ke-16 sampai 18 (nomor urut) tidak boleh 000", "digits 16-18 (the serial) may not be 000"],
  ["nip_ok_1", "lahir {} · diangkat {}/{} · laki-laki", "born {} · appointed {}/{} · male"],
  ["nip_ok_2", "lahir {} · diangkat {}/{} · perempuan", "born {} · appointed {}/{} · female"],
  ["nip_birth", "tanggal lahir", "birth date"],
  ["nip_appointed", "pengangkatan", "appointment"],
  ["nip_sex_part", "jenis kelamin", "sex"],
  ["nip_serial_part", "nomor urut", "serial"],
];
const T = { id: {}, en: {} };
for (const [key, id, en] of ROWS) { T.id[key] = id; T.en[key] = en; }
/// The built-in rows (the browser tests check them against the catalog's).
export const builtInStrings = () => ROWS.map((r) => r.slice());

// Names of the mutation workflow's states, events and payload fields; any
// other name is shown as it is.
const NAMES = {
  id: {
    record_gathering: "pengumpulan rekam jejak", field_visit: "kunjungan lapangan", scoring: "penilaian",
    recommendation: "rekomendasi", ppk_decision: "keputusan PPK", inauguration: "pelantikan",
    completed: "selesai", rejected: "ditolak", withdrawn: "ditarik",
    opened: "kasus dibuka", record_added: "rekam jejak dicatat", records_completed: "rekam jejak lengkap",
    visit_scheduled: "kunjungan dijadwalkan", interview_recorded: "wawancara dicatat",
    visit_completed: "kunjungan selesai", score_recorded: "nilai dicatat", scoring_completed: "penilaian selesai",
    recommendation_requested: "rekomendasi diminta", recommendation_received: "rekomendasi diterima",
    ppk_decided: "keputusan PPK", inauguration_scheduled: "pelantikan dijadwalkan", inaugurated: "pelantikan dilaksanakan",
    ministerial_approval_recorded: "persetujuan tertulis Mendagri dicatat",
    exception_recorded: "pengecualian dicatat",
    presidential_decision: "keputusan Presiden", career_post_added: "riwayat jabatan dicatat",
    skp_recorded: "predikat SKP dicatat", technical_consideration_recorded: "pertimbangan teknis BKN dicatat",
    proposal_sent: "usulan ke Presiden dikirim", president_decided: "keputusan Presiden (Keppres)",
    presidential_approval: "persetujuan Presiden", keppres_number: "nomor Keppres", via_mendagri: "melalui Mendagri",
    sk_date: "tanggal SK", target_grade: "jenjang jabatan usulan", scope: "lingkup mutasi", year: "tahun",
    rating: "predikat", from: "dari", until: "sampai", number: "nomor",
    within_agency: "dalam satu instansi", between_regions: "antardaerah", between_agencies: "antarinstansi",
    sangat_baik: "sangat baik", baik: "baik", butuh_perbaikan: "butuh perbaikan", kurang: "kurang",
    sangat_kurang: "sangat kurang",
    reminder: "pengingat", escalation: "eskalasi",
    component: "komponen", value: "nilai", item: "butir", source: "sumber", date: "tanggal", team: "tim",
    role: "peran", name: "nama", summary: "ringkasan", ref: "nomor surat", decision: "keputusan",
    notes: "catatan", post: "jabatan", sk_number: "nomor SK", letter: "nomor surat", kind: "jenis",
    reason: "alasan", approve: "setuju", reject: "tolak",
    paper: "makalah", interview: "wawancara", track_record: "rekam jejak", performance_contract: "kontrak kinerja",
    rt_head: "ketua RT", community_figure: "tokoh masyarakat", neighbour: "tetangga",
    career_history: "riwayat karier", achievements: "prestasi", competency_test: "uji kompetensi",
    superior_recommendation: "rekomendasi atasan", neutrality: "netralitas", discipline: "disiplin",
    legal_violation: "pelanggaran hukum", requirements_unmet: "syarat jabatan tidak terpenuhi",
    grade: "jenjang", nip: "NIP", target: "jabatan usulan", unit: "unit", inaugurated_at: "dilantik pada",
    acting_assigned: "Plt ditunjuk", acting_ended: "Plt diakhiri",
    admin: "admin kepegawaian", ppk: "PPK", auditor: "auditor", system: "sistem",
    reminder_due: "pengingat tenggat", deadline_passed: "eskalasi tenggat", corrected: "koreksi",
    mutation: "mutasi", job_fit: "uji kompetensi (job fit)", open_selection: "seleksi terbuka",
    performance_review: "penilaian kinerja", development: "pengembangan kompetensi",
    keep: "dipertahankan", rotate: "dirotasi",
    jpt_utama: "JPT Utama", jpt_madya: "JPT Madya", jpt_pratama: "JPT Pratama", administrator: "administrator",
    pengawas: "pengawas", fungsional: "fungsional", pelaksana: "pelaksana", yes: "ya", no: "tidak",
    edijab: "e-dijab (uraian jabatan)", skp: "SKP",
    profile: "profil penilaian", origin: "kasus asal", target_unit: "unit tujuan", jobfit_batch: "batch job fit",
  },
  en: {
    record_gathering: "record gathering", field_visit: "field visit", ppk_decision: "PPK decision",
    opened: "case opened", record_added: "record added", records_completed: "records completed",
    visit_scheduled: "visit scheduled", interview_recorded: "interview recorded", visit_completed: "visit completed",
    score_recorded: "score recorded", scoring_completed: "scoring completed",
    recommendation_requested: "recommendation requested", recommendation_received: "recommendation received",
    ppk_decided: "PPK decided", inauguration_scheduled: "inauguration scheduled",
    ministerial_approval_recorded: "ministerial approval recorded", exception_recorded: "exception recorded",
    presidential_decision: "President's decision", career_post_added: "career post added",
    skp_recorded: "SKP rating recorded", technical_consideration_recorded: "BKN technical consideration recorded",
    proposal_sent: "proposal sent to the President", president_decided: "President decided (Keppres)",
    presidential_approval: "President's approval", keppres_number: "Keppres number", via_mendagri: "through the Minister",
    sk_date: "SK date", target_grade: "proposed grade", scope: "scope", within_agency: "within the agency",
    between_regions: "between regions", between_agencies: "between agencies",
    sk_number: "decree (SK) number", ref: "letter number", track_record: "track record",
    performance_contract: "performance contract", rt_head: "RT head", community_figure: "community figure",
    career_history: "career history", competency_test: "competency test",
    superior_recommendation: "superior's recommendation", legal_violation: "legal violation",
    requirements_unmet: "requirements unmet", inaugurated_at: "inaugurated on",
    acting_assigned: "acting official (Plt) assigned", acting_ended: "acting official (Plt) ended",
    admin: "HR administrator", ppk: "PPK (staffing officer)", auditor: "auditor", system: "system",
    reminder_due: "deadline reminder", deadline_passed: "deadline escalation", corrected: "correction",
    mutation: "mutation", job_fit: "job fit", open_selection: "open selection",
    performance_review: "performance review", development: "competency development",
    jpt_utama: "JPT Utama", jpt_madya: "JPT Madya", jpt_pratama: "JPT Pratama", keep: "keep", rotate: "rotate",
    edijab: "e-dijab (job description)", skp: "SKP",
    profile: "scoring profile", origin: "origin case", target_unit: "target unit", jobfit_batch: "job fit batch",
  },
};


export let lang = localStorage.getItem("alur.lang") === "en" ? "en" : "id";
export function setLang(l) {
  lang = l === "en" ? "en" : "id";
  localStorage.setItem("alur.lang", lang);
}

/// Adds strings of a module (ops.js): { id: {key: text|fn}, en: {...} }; labels with addLabels.
export function addStrings(table) {
  for (const l of ["id", "en"]) Object.assign(T[l], (table && table[l]) || {});
}
export function addLabels(table) {
  for (const l of ["id", "en"]) Object.assign(NAMES[l], (table && table[l]) || {});
}

// A catalog text may carry {} placeholders ("sisa {} hari kerja"): filled in order.
function fill(text, args) {
  let i = 0;
  return String(text).replace(/\{(\d*)\}/g, (m, n) => {
    const k = n === "" ? i++ : Number(n);
    return args[k] === undefined ? "" : String(args[k]);
  });
}

export const t = (key, ...args) => {
  const pick = (k) => (T[lang][k] !== undefined ? T[lang][k] : T.id[k]);
  const one = args.length && Number(args[0]) === 1 ? pick(key + "_one") : undefined;
  const v = one !== undefined ? one : pick(key);
  if (v === undefined) return key;
  return args.length ? fill(v, args) : v;
};
/// "terlambat 3 hari kerja", or "lewat tenggat hari ini" on the day itself.
export const lateText = (n) => (n > 0 ? t("late", n) : t("late_today"));
export const nm = (name) => {
  if (name === undefined || name === null) return "";
  const s = String(name);
  return NAMES[lang][s] || (lang === "en" ? s.replace(/_/g, " ") : (NAMES.id[s] || s));
};
export const hasLabel = (name) => NAMES[lang][String(name)] !== undefined;

// The catalog (labels of every state, event, field and choice, and the page's
// strings) from the server: {lang, messages: {key: text}, labels: {name: text},
// rules: {id: {title, what_to_do}}, help: {English help text: text}}. Any failure keeps the built-in strings.
const loadedCatalogs = {};
export async function loadCatalog(l) {
  if (loadedCatalogs[l]) return;
  loadedCatalogs[l] = true;
  try {
    const res = await fetch("/api/catalog?lang=" + encodeURIComponent(l), { credentials: "same-origin" });
    if (!res.ok) return;
    const c = await res.json();
    const rows = (x) => Array.isArray(x)
      ? Object.fromEntries(x.filter((r) => r && (r.name || r.key)).map((r) => [r.name || r.key, r.text || r.label || r[l]]))
      : (x && typeof x === "object" ? x : {});
    const labels = rows(c.labels);
    for (const [k, v] of Object.entries(labels)) if (typeof v === "string" && v) NAMES[l][k] = v;
    const strings = rows(c.messages || c.strings || c.page);
    for (const [k, v] of Object.entries(strings)) if (typeof v === "string" && v) T[l][k] = v;
    if (c.rules && typeof c.rules === "object") catalogRules[l] = Array.isArray(c.rules)
      ? Object.fromEntries(c.rules.map((r) => [r.id || r.rule || r.key, r])) : c.rules;
    if (c.help && typeof c.help === "object" && !Array.isArray(c.help)) catalogHelp[l] = c.help;
  } catch (e) {
    /* the built-in strings stay */
  }
}
/// A workflow's help text (English, as GET /api/workflows gives it) in the
/// chosen language: the catalog's "help" table, keyed by the English text.
const catalogHelp = { id: {}, en: {} };
export const helpIn = (en) => (!en ? "" : lang === "en" ? en : catalogHelp[lang][en] || "");
/// The catalog's rules (title, what_to_do, basis) by rule id, in the chosen language.
const catalogRules = { id: {}, en: {} };
export const rule = (id) => (catalogRules[lang] && catalogRules[lang][id]) || catalogRules.id[id] || null;

// --- small DOM helpers --------------------------------------------------------
export function h(tag, attrs, ...children) {
  const svg = tag.startsWith("svg:");
  const el = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.setAttribute("class", v);
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
const app = () => document.getElementById("app");
export function show(...nodes) { app().replaceChildren(...nodes); }

// --- times, in the agency's zone ------------------------------------------------
// GET /api/agency: {timezone: "WIB", iana: "Asia/Jakarta", offset: "+07:00"}. Until
// (or unless) it is known, the zone is that of the offset each API time carries.
const ZONES = { "+07:00": ["WIB", "Asia/Jakarta"], "+08:00": ["WITA", "Asia/Makassar"], "+09:00": ["WIT", "Asia/Jayapura"] };
export let agency = null;
export async function loadAgency() {
  try {
    const a = await api("GET", "/api/agency");
    if (a && (a.iana || a.timezone)) agency = a;
    const now = a && a.now ? Date.parse(a.now) : NaN;
    if (!isNaN(now)) clockSkew = now - Date.now();
  } catch (e) {
    /* the offsets of the API's times are used */
  }
  return agency;
}
function zoneOf(iso) {
  if (agency && agency.iana) return { name: agency.timezone || agency.iana, iana: agency.iana };
  const m = /([+-]\d\d:\d\d)$/.exec(String(iso || ""));
  const z = m && ZONES[m[1]];
  if (z) return { name: z[0], iana: z[1] };
  return { name: "WIB", iana: "Asia/Jakarta" };  // the default zone of an agency (alur.toml's default)
}
const MONTHS = {
  id: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
};
// The calendar date and the clock time of an instant in the agency's zone.
function parts(iso) {
  const d = new Date(iso);
  if (isNaN(d)) return null;
  const z = zoneOf(iso);
  const p = {};
  for (const x of new Intl.DateTimeFormat("en-GB", {
    timeZone: z.iana, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(d)) p[x.type] = x.value;
  return { y: p.year, m: p.month, d: p.day, hh: p.hour, mm: p.minute, zone: z.name };
}
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/// "08/12/2026": a date ("2026-12-08") as it is, an instant in the agency's zone.
export function fmtDate(x) {
  if (!x) return "";
  const m = DATE_ONLY.exec(String(x));
  if (m) return m[3] + "/" + m[2] + "/" + m[1];
  const p = parts(x);
  return p ? p.d + "/" + p.m + "/" + p.y : String(x);
}
/// "08/12/2026 16.00 WIB" (Indonesian) or "08/12/2026 16:00 WIB".
export function fmtTime(x) {
  if (!x) return "";
  if (DATE_ONLY.test(String(x))) return fmtDate(x);
  const p = parts(x);
  if (!p) return String(x);
  return p.d + "/" + p.m + "/" + p.y + " " + p.hh + (lang === "en" ? ":" : ".") + p.mm + " " + p.zone;
}
/// "8 Des 2026": a day in words, for sentences.
export function fmtDay(x) {
  if (!x) return "";
  let y, mo, d;
  const m = DATE_ONLY.exec(String(x));
  if (m) [y, mo, d] = [m[1], m[2], m[3]];
  else {
    const p = parts(x);
    if (!p) return String(x);
    [y, mo, d] = [p.y, p.m, p.d];
  }
  return Number(d) + " " + MONTHS[lang][Number(mo) - 1] + " " + y;
}
/// Today's date in the agency's zone, "YYYY-MM-DD": by the server's clock
/// (GET /api/agency's "now", plus the time since) when it is known.
let clockSkew = 0;
export function today() {
  const p = parts(new Date(Date.now() + clockSkew).toISOString());
  return p.y + "-" + p.m + "-" + p.d;
}
/// "08/12/2026" (also 8/12/2026, 08-12-2026) -> "2026-12-08"; null when not a real date.
export function parseDate(text) {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(String(text || ""));
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return y + "-" + String(mo).padStart(2, "0") + "-" + String(d).padStart(2, "0");
}

// --- the API ------------------------------------------------------------------
export class ApiError extends Error {
  constructor(status, code, message, field, refusal) {
    super(message);
    this.status = status; this.code = code; this.field = field; this.refusal = refusal || null;
  }
}

// Who is signed in. A password sign-in is a session cookie (HttpOnly: the
// page never sees it) plus its CSRF token, sent on every write; a token
// sign-in (for scripts' users) keeps the token in sessionStorage (gone with the tab).
export const session = { name: null, role: null, unit: null, csrf: null, expires_at: null, via: null };
export const token = () => sessionStorage.getItem("alur.token") || "";
export function setToken(v) {
  if (v) sessionStorage.setItem("alur.token", v);
  else sessionStorage.removeItem("alur.token");
}
export function clearSession() {
  Object.assign(session, { name: null, role: null, unit: null, csrf: null, expires_at: null, via: null });
  setToken("");
}
export const signedIn = () => !!(session.via || token());

export async function api(method, path, body, headers) {
  const init = { method, credentials: "same-origin", headers: Object.assign({}, headers || {}) };
  if (token()) init.headers.Authorization = "Bearer " + token();
  else if (session.csrf && method !== "GET" && method !== "HEAD") init.headers["X-CSRF-Token"] = session.csrf;
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, "network", String(e.message || e));
  }
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (!res.ok) {
    const err = (data && data.error) || {};
    const e = new ApiError(res.status, err.code || "http_" + res.status, err.message || res.statusText, err.field,
      err.refusal || (data && data.refusal));
    e.retry_after = Number(res.headers.get("Retry-After")) || err.retry_after || null;
    throw e;
  }
  return data;
}

/// A refusal as a sentence (the catalog's refusal_* strings): what was refused,
/// at which stage, why (the rule's title and basis) and what to do next.
/// `r`: {kind, event, state, rule, basis, role, allowed} (the API's "refusal");
/// `said`: the engine's reason, for a refusal whose rule the page does not know.
export function refusalText(r, said) {
  if (!r) return said || "";
  const rt = (r.rule && rule(r.rule)) || {};
  const title = rt.title || r.title || "";
  const next = rt.what_to_do || r.what_to_do || "";
  // The citation in the page's language ("pasal 116 ayat (1)"), else as the registry writes it.
  const basis = (r.basis_text && r.basis_text[lang]) || r.basis || rt.basis || "";
  const args = [nm(r.event), r.state ? nm(r.state) : "", title, basis, next,
    (r.allowed || []).map(nm).join(", "), r.role ? nm(r.role) : ""];
  const kind = r.kind || (r.rule ? "guard" : "");
  const stop = (x) => String(x).replace(/[.\s]+$/, "");
  if (kind === "no_transition" && r.state) return t("refusal_no_transition", ...args);
  if (kind === "final" && r.state) return t("refusal_final", ...args);
  if (kind === "role" && r.role) return t("refusal_role", ...args);
  if (title && basis && next && r.state) return t("refusal_guard", ...args);
  if (title || (said && r.parsed)) {
    let s = r.state ? t("refusal_said", args[0], args[1], stop(title || said)) : t("refusal_said_any", args[0], stop(title || said));
    if (basis) s += " " + t("refusal_basis") + ": " + stop(basis) + ".";
    if (next) s += " " + t("refusal_what_to_do") + ": " + stop(next) + ".";
    return s;
  }
  if (kind === "guard" && r.state) {
    // No rule to cite: what can be recorded now is what to do next (`r.next`, from the page).
    const next = (r.next || []).filter((e) => e !== r.event).map(nm);
    return t("refusal_guard_no_rule", ...args) + (next.length ? " " + t("refusal_what_to_do") + ": " + next.join(", ") + "." : "");
  }
  return t("refusal_other", ...args);
}

/// The parts of the engine's refusal messages (as adapters/i18n/refusal.cpp reads
/// them), for a server whose errors carry no "refusal".
export function parseRefusal(code, message, context) {
  const m = String(message || "");
  const c = context || {};
  let x;
  if ((x = /^(\S+) refused in (\S+): ([\s\S]*)$/.exec(m))) return { r: { kind: "guard", event: x[1], state: x[2], parsed: true }, said: x[3] };
  if ((x = /^no transition from (\S+) on (\S+) \((?:allowed now: ([^)]*)|.*final.*)\)$/.exec(m)))
    return { r: { kind: x[3] !== undefined ? "no_transition" : "final", event: x[2], state: x[1],
      allowed: x[3] ? x[3].split(/,\s*/) : [] } };
  if ((x = /^role '([^']+)' may not submit (\S+)/.exec(m))) return { r: { kind: "role", event: x[2], role: x[1], state: c.state } };
  if (code === "refused" && c.event) return { r: { kind: "guard", event: c.event, state: c.state, parsed: true }, said: m };
  return null;
}

/// What went wrong, for a person: no HTTP codes, no internal identifiers.
/// `context`: {event, state} of a refused submission.
export function errorText(e, context) {
  if (!(e instanceof ApiError)) return String(e && e.message ? e.message : e);
  if (e.refusal) return refusalText(Object.assign({}, context || {}, e.refusal));
  if (e.code === "refused" || e.code === "forbidden") {
    const p = parseRefusal(e.code, e.message, context);
    if (p) return refusalText(Object.assign({}, context || {}, p.r), p.said);
  }
  if (e.status === 0) return t("err_network");
  if (e.status === 401) return t("err_401");
  if (e.status === 403) return t("err_403");
  if (e.status === 404) return t("err_404");
  if (e.status === 409) return t("err_409");
  if (e.status === 429) return t("err_429", e.retry_after || 60);
  let s = e.message || t("error");
  if (e.field) s += " (" + nm(e.field) + ")";
  return s;
}

// --- views and navigation -------------------------------------------------------
// A view is a screen at #/<id>[/<arg>]; render(arg) fills #app (it may be async).
// With a labelKey it is a link in the navigation for the roles given (none: every role).
const views = [];
export function registerView(id, labelKey, render, opts) {
  const roles = (opts && opts.roles) || [];
  const i = views.findIndex((v) => v.id === id);
  const v = { id, labelKey, render, roles, order: opts && opts.order !== undefined ? opts.order : views.length };
  if (i >= 0) views[i] = v; else views.push(v);
  if (document.readyState !== "loading") nav();
}
const allowed = (v) => !v.roles.length || v.roles.includes(session.role);

export function nav() {
  const el = document.getElementById("nav");
  if (!el) return;
  const here = currentView().id;
  el.replaceChildren(...(signedIn() ? views.filter((v) => v.labelKey && allowed(v)).sort((a, b) => a.order - b.order)
    .map((v) => h("a", { href: "#/" + (v.id === "home" ? "" : v.id), class: v.id === here ? "current" : "", "data-view": v.id }, t(v.labelKey))) : []));
}
function currentView() {
  const m = /^#\/([^/]*)(?:\/(.*))?$/.exec(location.hash || "#/");
  const id = (m && m[1]) || "home";
  return { id, arg: m && m[2] !== undefined ? decodeURIComponent(m[2]) : undefined };
}

let hooks = { signIn: null, header: null, fatal: null };
/// app.js: what shows when nobody is signed in, and how the header and errors are drawn.
export function setHooks(x) { hooks = Object.assign(hooks, x); }

export async function route() {
  if (hooks.header) hooks.header();
  nav();
  if (!signedIn()) return hooks.signIn && hooks.signIn();
  const { id, arg } = currentView();
  const v = views.find((x) => x.id === id) || views.find((x) => x.id === "home");
  try {
    if (!allowed(v)) throw new ApiError(403, "forbidden", t("err_403"));
    await v.render(arg);
  } catch (e) {
    if (hooks.fatal) hooks.fatal(e); else throw e;
  }
}
export const go = (hash) => { if (location.hash === hash) route(); else location.hash = hash; };

// --- the NIP, checked as typed --------------------------------------------------------
// The CLI's check (workflows/rules/nip.cpp, rule nip_structure): 18 digits,
//   1976 03 15 | 2005 01 | 1 | 002
//   birth date | appointed | sex | serial
// `final`: the whole NIP is in (a short one is then wrong); while typing only
// the parts already complete are checked. {problem, part, text, hard, summary}.
const NIP_PARTS = [[0, 8, "nip_birth"], [8, 14, "nip_appointed"], [14, 15, "nip_sex_part"], [15, 18, "nip_serial_part"]];
export function checkNip(text, final) {
  const v = String(text || "");
  const now = today();
  const thisYear = Number(now.slice(0, 4)), thisMonth = Number(now.slice(5, 7));
  const bad = (problem, part, text, hard) => ({ problem, part, text, hard: hard !== false });
  if (/[^0-9]/.test(v)) return bad("not_digits", -1, t("nip_digits"));
  if (v.length > 18 || (final && v.length !== 18)) return bad("length", -1, t("nip_length", v.length));
  const n = (a, b) => Number(v.slice(a, b));
  if (v.length >= 8) {
    const y = n(0, 4), m = n(4, 6), d = n(6, 8);
    const dt = new Date(Date.UTC(y, m - 1, d));
    if (m < 1 || m > 12 || d < 1 || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return bad("birth_date", 0, t("nip_birth_date"));
    if (y < 1940 || y > thisYear - 17) return bad("birth_year", 0, t("nip_birth_year", thisYear - 17));
  }
  if (v.length >= 14) {
    const ay = n(8, 12), am = n(12, 14);
    if (am < 1 || am > 12) return bad("appointment_month", 1, t("nip_appointment_month"));
    if (ay < n(0, 4) + 17) return bad("appointment_year", 1, t("nip_appointment_year"));
    if (ay > thisYear || (ay === thisYear && am > thisMonth)) return bad("appointment_future", 1, t("nip_appointment_future"));
  }
  if (v.length >= 15 && v[14] !== "1" && v[14] !== "2") return bad("sex", 2, t("nip_sex"));
  if (v.length === 18 && v.slice(15) === "000") return bad("serial", 3, t("nip_serial"));
  if (v.length < 18) return bad("length", -1, t("nip_length", v.length), false);
  return { problem: null, part: -1, text: "",
    summary: t("nip_ok_" + v[14], v.slice(6, 8) + "/" + v.slice(4, 6) + "/" + v.slice(0, 4), v.slice(12, 14), v.slice(8, 12)) };
}
/// The NIP's digits in its four parts, the wrong part (index) marked.
export function nipParts(v, wrong) {
  return h("span", { class: "nip-parts" }, NIP_PARTS.map(([a, b, key], i) =>
    v.length > a ? h("span", { class: "nip-part" + (i === wrong ? " bad" : ""), title: t(key) },
      h("span", { class: "digits" }, v.slice(a, b)), h("span", { class: "part-name" }, t(key))) : null));
}
