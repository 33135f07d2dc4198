// Alur: the HR office's batch work on the web page of `alur serve` (an ES
// module, imported by app.js): the roster (browse, search, import a CSV with
// a dry run first and every bad line shown), job fit batches (start one with
// its exclusions shown before confirming, the batches, a batch's report,
// polled while it runs, and its CSV), an open selection's applicants (status,
// reasons, scores, ranking, registering one, the shortlist of three and the
// PPK's choice) and the exports (CSV, JSON Lines, XLSX). Only core.js is
// imported; the views add themselves with registerView.
import {
  h, show, api, ApiError, t, nm, hasLabel, fmtDate, fmtTime, parseDate, registerView, go, lang, session, token,
  errorText, addStrings, addLabels, checkNip, nipParts,
} from "./core.js";

// --- strings (also in adapters/i18n/src/page_strings.cpp, served by GET /api/catalog) ---------
addStrings({
  id: {
    ops_roster: "Daftar pegawai", ops_jobfit: "Job fit", ops_selection: "Seleksi terbuka", ops_export: "Ekspor",
    ops_unavailable: "Fitur ini belum tersedia di server ini.",
    // the roster
    ops_roster_title: "Daftar pegawai (roster)", ops_roster_search_help: "nama, NIP atau jabatan",
    ops_roster_total: "{} pegawai", ops_roster_none: "Tidak ada pegawai yang cocok.",
    ops_inaugurated_at: "Dilantik", ops_birth_date: "Tanggal lahir",
    ops_import_title: "Impor daftar pegawai dari CSV",
    ops_import_help: "Kolom: nip, name, grade, post, unit, inaugurated_at, birth_date (pemisah , atau ;). Tanggal HH/BB/TTTT. Semua baris diperiksa dulu: bila satu baris salah, tidak ada yang diimpor.",
    ops_import_file: "Berkas CSV", ops_import_check: "Periksa (uji coba)", ops_import_confirm: "Impor sekarang",
    ops_import_cancel: "Batal", ops_import_no_file: "Pilih berkas CSV terlebih dahulu.",
    ops_import_bad: "Berkas ditolak: {} baris salah. Perbaiki lalu periksa lagi; tidak ada yang diubah.",
    ops_import_line: "Baris", ops_import_field: "Kolom", ops_import_message: "Masalah",
    ops_import_preview: "Uji coba: {} ditambahkan, {} diubah, {} tetap. Belum ada yang disimpan.",
    ops_import_done: "Impor selesai: {} ditambahkan, {} diubah, {} tetap.",
    ops_change_added: "ditambahkan", ops_change_changed: "diubah", ops_change_kind: "Perubahan",
    ops_change_fields: "Isian", ops_no_changes: "Tidak ada perubahan: daftar sudah sama dengan berkas ini.",
    // job fit
    ops_jobfit_title: "Job fit (uji kesesuaian) pejabat JPT", ops_jobfit_start: "Mulai batch job fit",
    ops_as_of: "Per tanggal", ops_unit_all: "kosong: seluruh instansi", ops_profile: "Profil penilaian",
    ops_profile_default: "kosong: profil bawaan", ops_check_first: "Periksa dulu",
    ops_jobfit_confirm: "Mulai batch ({} pegawai)", ops_included: "Diikutkan ({})", ops_excluded: "Dikecualikan ({})",
    ops_excluded_none: "Tidak ada yang dikecualikan.", ops_exclusion_reason: "Alasan pengecualian",
    ops_jobfit_preview: "Periksa daftar di bawah, lalu mulai batch. Belum ada kasus yang dibuka.",
    ops_batches: "Batch job fit", ops_no_batches: "Belum ada batch job fit.", ops_batch: "Batch",
    ops_created: "Dibuat", ops_status: "Status", ops_opened_n: "Kasus dibuka", ops_excluded_n: "Dikecualikan",
    ops_status_running: "sedang berjalan", ops_status_done: "selesai", ops_status_failed: "gagal",
    ops_progress: "Membuka kasus: {} dari {}", ops_report: "Laporan batch {}", ops_rank: "Peringkat",
    ops_download_csv: "Unduh CSV", ops_back_batches: "← Batch job fit", ops_linked_cases: "Kasus terkait",
    ops_selections_opened: "Seleksi terbuka yang dibuka", ops_batch_started: "Batch {} dimulai.",
    ops_whole_agency: "seluruh instansi", ops_batch_error: "Batch gagal: {}",
    // open selection
    ops_selection_title: "Seleksi terbuka JPT", ops_selection_none: "Belum ada kasus seleksi terbuka.",
    ops_selection_open: "Buka seleksi terbuka", ops_applicants: "Pelamar ({})", ops_no_applicants: "Belum ada pelamar.",
    ops_case_page: "Halaman kasus", ops_registration_closes: "Pendaftaran ditutup",
    ops_current_post: "Jabatan sekarang", ops_golongan: "golongan", ops_applicant: "Pelamar", ops_reasons: "Alasan",
    ops_ranking: "Peringkat", ops_scores: "Nilai", ops_register: "Daftarkan pelamar", ops_registered: "Pelamar {} terdaftar.",
    ops_shortlist: "Tiga besar (shortlist)", ops_shortlist_none: "Tiga besar belum ditetapkan pansel.",
    ops_place: "Urutan", ops_chosen: "Pilihan PPK: {} ({})", ops_choose: "Pilih",
    ops_choose_reason: "Alasan pilihan", ops_chose: "Pilihan PPK tercatat: {}",
    ops_back_selection: "← Seleksi terbuka", ops_not_selection: "Kasus ini bukan seleksi terbuka.",
    // exports
    ops_export_title: "Ekspor jurnal peristiwa", ops_export_help: "Setiap peristiwa yang tercatat, untuk audit dan pelaporan. NIP ditulis sebagai teks.",
    ops_since: "Sejak tanggal", ops_since_help: "kosong: sejak awal", ops_all_workflows: "semua alur kerja",
    ops_download_jsonl: "Unduh JSON Lines", ops_download_xlsx: "Unduh XLSX (Excel)",
    ops_downloading: "Mengunduh…", ops_downloaded: "Terunduh: {}",
  },
  en: {
    ops_roster: "Roster", ops_jobfit: "Job fit", ops_selection: "Open selection", ops_export: "Export",
    ops_unavailable: "This server does not offer this yet.",
    ops_roster_title: "Roster of officials", ops_roster_search_help: "name, NIP or post",
    ops_roster_total: "{} officials", ops_roster_none: "No official matches.",
    ops_inaugurated_at: "Inaugurated", ops_birth_date: "Born",
    ops_import_title: "Import the roster from a CSV",
    ops_import_help: "Columns: nip, name, grade, post, unit, inaugurated_at, birth_date (separated by , or ;). Dates DD/MM/YYYY. Every line is checked first: if one is wrong, nothing is imported.",
    ops_import_file: "CSV file", ops_import_check: "Check (dry run)", ops_import_confirm: "Import now",
    ops_import_cancel: "Cancel", ops_import_no_file: "Choose a CSV file first.",
    ops_import_bad: "The file was refused: {} bad lines. Fix them and check again; nothing was changed.",
    ops_import_line: "Line", ops_import_field: "Column", ops_import_message: "Problem",
    ops_import_preview: "Dry run: {} added, {} changed, {} unchanged. Nothing is saved yet.",
    ops_import_done: "Imported: {} added, {} changed, {} unchanged.",
    ops_change_added: "added", ops_change_changed: "changed", ops_change_kind: "Change",
    ops_change_fields: "Fields", ops_no_changes: "No change: the roster already matches this file.",
    ops_jobfit_title: "Job fit of JPT officials", ops_jobfit_start: "Start a job fit batch",
    ops_as_of: "As of", ops_unit_all: "empty: the whole agency", ops_profile: "Scoring profile",
    ops_profile_default: "empty: the default profile", ops_check_first: "Check first",
    ops_jobfit_confirm: "Start the batch ({} officials)", ops_included: "Included ({})", ops_excluded: "Excluded ({})",
    ops_excluded_none: "Nobody is excluded.", ops_exclusion_reason: "Why excluded",
    ops_jobfit_preview: "Check the lists below, then start the batch. No case is opened yet.",
    ops_batches: "Job fit batches", ops_no_batches: "No job fit batch yet.", ops_batch: "Batch",
    ops_created: "Created", ops_status: "Status", ops_opened_n: "Cases opened", ops_excluded_n: "Excluded",
    ops_status_running: "running", ops_status_done: "done", ops_status_failed: "failed",
    ops_progress: "Opening cases: {} of {}", ops_report: "Report of batch {}", ops_rank: "Rank",
    ops_download_csv: "Download CSV", ops_back_batches: "← Job fit batches", ops_linked_cases: "Linked cases",
    ops_selections_opened: "Open selections opened", ops_batch_started: "Batch {} started.",
    ops_whole_agency: "the whole agency", ops_batch_error: "The batch failed: {}",
    ops_selection_title: "Open selections for JPT posts", ops_selection_none: "No open selection case yet.",
    ops_selection_open: "Open an open selection", ops_applicants: "Applicants ({})", ops_no_applicants: "No applicant yet.",
    ops_case_page: "Case page", ops_registration_closes: "Registration closes",
    ops_current_post: "Current post", ops_golongan: "rank", ops_applicant: "Applicant", ops_reasons: "Reasons",
    ops_ranking: "Ranking", ops_scores: "Scores", ops_register: "Register an applicant", ops_registered: "Applicant {} registered.",
    ops_shortlist: "Shortlist of three", ops_shortlist_none: "The committee has not set the shortlist yet.",
    ops_place: "Place", ops_chosen: "The PPK's choice: {} ({})", ops_choose: "Choose",
    ops_choose_reason: "Reason for the choice", ops_chose: "The PPK's choice is recorded: {}",
    ops_back_selection: "← Open selections", ops_not_selection: "This case is not an open selection.",
    ops_export_title: "Export the event journal", ops_export_help: "Every recorded event, for audits and reports. NIPs are written as text.",
    ops_since: "Since", ops_since_help: "empty: from the start", ops_all_workflows: "every workflow",
    ops_download_jsonl: "Download JSON Lines", ops_download_xlsx: "Download XLSX (Excel)",
    ops_downloading: "Downloading…", ops_downloaded: "Downloaded: {}",
  },
});
// Applicants' statuses and fields, where the catalog has none.
addLabels({
  id: {
    registered: "terdaftar", eligible: "memenuhi syarat", failed: "tidak memenuhi syarat", shortlisted: "tiga besar",
    chosen: "terpilih", current_post: "jabatan sekarang", years_in_post: "lama dalam jabatan (tahun)",
    birth_date: "tanggal lahir", disciplinary: "hukuman disiplin", education: "pendidikan terakhir",
    years_related_experience: "pengalaman terkait (tahun)", years_in_admin_post: "lama jabatan administrator (tahun)",
    rank: "golongan", none: "tidak ada", light: "ringan", moderate: "sedang", severe: "berat",
    assessment_center: "assessment center", interview: "wawancara", paper: "makalah", track_record: "rekam jejak",
    applicant_registered: "pelamar didaftarkan", ppk_chose: "pilihan PPK",
    preparation: "persiapan", announcement: "pengumuman", registration: "pendaftaran",
    administrative_selection: "seleksi administrasi", assessment: "penilaian kompetensi",
    track_record_and_interview: "rekam jejak dan wawancara", shortlist: "penetapan tiga besar",
    ppk_choice: "pilihan PPK", cancelled: "dibatalkan", filled_by_job_fit: "diisi melalui job fit",
  },
  en: {
    registered: "registered", eligible: "eligible", failed: "not eligible", shortlisted: "shortlisted", chosen: "chosen",
    rank: "rank (golongan)", current_post: "current post", years_in_post: "years in the post", birth_date: "date of birth",
    disciplinary: "disciplinary record", education: "highest education",
    years_related_experience: "related experience (years)", years_in_admin_post: "years in an administrator post",
    applicant_registered: "applicant registered", ppk_chose: "PPK's choice",
    administrative_selection: "administrative selection", track_record_and_interview: "track record and interview",
    ppk_choice: "PPK's choice", filled_by_job_fit: "filled by a job fit",
  },
});

// --- the API beyond JSON: raw bodies, answers with more than {error} and downloads -----------
function authHeaders(method) {
  const out = {};
  if (token()) out.Authorization = "Bearer " + token();
  else if (session.csrf && method !== "GET") out["X-CSRF-Token"] = session.csrf;
  return out;
}

/// `body` (text) sent as `type`; the answer's JSON, or an ApiError carrying it as `data`.
async function sendText(method, path, body, type) {
  let res;
  try {
    res = await fetch(path, { method, credentials: "same-origin", body,
      headers: Object.assign({ "Content-Type": type, "Accept-Language": lang }, authHeaders(method)) });
  } catch (e) {
    throw new ApiError(0, "network", String(e.message || e));
  }
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (res.ok) return data;
  const err = (data && data.error) || {};
  const e = new ApiError(res.status, err.code || "http_" + res.status, err.message || res.statusText, err.field, err.refusal);
  e.data = data;
  throw e;
}

/// A JSON call whose error answer is kept (e.data): the 422 of a batch, a 409 naming the batch.
async function sendJson(method, path, body) {
  return sendText(method, path, JSON.stringify(body), "application/json");
}

const withLang = (path) => path + (path.includes("?") ? "&" : "?") + "lang=" + lang;
const unavailable = (e) => e instanceof ApiError && (e.status === 404 || e.status === 405 || e.status === 503);

/// A download link: with a session the browser sends the cookie itself; with
/// a token (no cookie) the file is fetched with it and saved from a Blob.
function downloadLink(path, label, attrs) {
  const status = h("span", { class: "muted download-status", role: "status" });
  const a = h("a", Object.assign({ href: path, download: "", class: "download" }, attrs || {}), label);
  a.addEventListener("click", async (ev) => {
    if (!token()) return;  // the cookie goes along
    ev.preventDefault();
    status.textContent = t("ops_downloading");
    try {
      const res = await fetch(path, { credentials: "same-origin", headers: authHeaders("GET") });
      if (!res.ok) {
        let data = null;
        try { data = await res.json(); } catch (e) { data = null; }
        const err = (data && data.error) || {};
        throw new ApiError(res.status, err.code || "http_" + res.status, err.message || res.statusText, err.field);
      }
      const name = (/filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") || "") || [])[1] || "alur-download";
      const url = URL.createObjectURL(await res.blob());
      const save = h("a", { href: url, download: name, hidden: true });
      document.body.append(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      status.textContent = t("ops_downloaded", name);
    } catch (e) {
      status.textContent = errorText(e);
    }
  });
  return h("span", { class: "download-item" }, a, " ", status);
}

// --- small pieces --------------------------------------------------------------------------
/// A table that becomes cards on a phone: columns [{label, cell(row) -> node|text, cls}].
function opsTable(id, columns, rows, rowAttrs) {
  return h("div", { class: "table-wrap" }, h("table", { id, class: "ops-table" },
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { class: c.cls || null }, c.label)))),
    h("tbody", {}, rows.map((r) => h("tr", rowAttrs ? rowAttrs(r) : {},
      columns.map((c) => h("td", { "data-label": c.label, class: c.cls || null }, c.cell(r))))))));
}
const caseLink = (id) => id ? h("a", { href: "#/case/" + encodeURIComponent(id), class: "case-link" }, id) : "";
const num = (v) => v === null || v === undefined ? "–" : (lang === "id" ? String(v).replace(".", ",") : String(v));
// A name's label; a value that is no identifier (a post, "IV/a") as it is.
const label = (v) => (v === null || v === undefined || v === "") ? "–" : (hasLabel(v) || /^[a-z][a-z0-9_]*$/.test(v) ? nm(v) : String(v));
/// A person in one cell: the name, the NIP, and a line under them (post, golongan).
const person = (name, nip, line) => [h("strong", {}, name), h("div", { class: "muted nip" }, "NIP " + nip), line ? h("div", { class: "muted" }, line) : null];
/// The scores of each component (a small table), or "–" before any is recorded.
const scoreList = (components, scores) => components.some((k) => scores && scores[k] !== null && scores[k] !== undefined)
  ? h("dl", { class: "scores" }, components.map((k) => [h("dt", {}, label(k)), h("dd", {}, num(scores[k]))])) : "–";
const problem = (id) => h("p", { class: "error", id, role: "alert" });
function field(id, text, input, help) {
  input.id = id;
  return h("div", { class: "field" }, h("label", { for: id }, text), input, help ? h("p", { class: "help" }, help) : null);
}
/// A text field for a date the agency's way (DD/MM/YYYY), checked as typed.
function dateInput(name, value) {
  const input = h("input", { type: "text", name, inputmode: "numeric", placeholder: t("date_placeholder"), autocomplete: "off",
    class: "date-input", value: value || null });
  input.addEventListener("input", () => {
    const v = input.value.trim();
    input.setCustomValidity(v.length >= 8 && !parseDate(v) ? t("bad_date") : "");
  });
  return input;
}
let renderSeq = 0;  // a view's polling stops once another render has begun
const stillHere = (seq, hash) => seq === renderSeq && location.hash === hash;
/// show() without the absent parts (a null would read "null").
const present = (nodes) => nodes.flat(Infinity).filter((x) => x !== null && x !== undefined && x !== false);
const view = (...nodes) => show(...present(nodes));
/// el.replaceChildren without the absent parts.
const put = (el, ...nodes) => el.replaceChildren(...present(nodes));
function page(...nodes) { renderSeq++; view(...nodes); return renderSeq; }

// --- the roster ----------------------------------------------------------------------------
const rosterState = { q: "", unit: "", cursor: "", back: [] };
const PAGE = 25;

async function rosterView() {
  const seq = page(h("p", { class: "muted" }, t("loading")));
  const holder = h("div", { id: "roster-holder" });
  const q = h("input", { type: "search", name: "q", value: rosterState.q, placeholder: t("ops_roster_search_help") });
  const unit = h("input", { type: "text", name: "unit", value: rosterState.unit });
  const filters = h("form", { class: "filters", id: "roster-filters", onsubmit: (ev) => {
    ev.preventDefault();
    Object.assign(rosterState, { q: q.value.trim(), unit: unit.value.trim(), cursor: "", back: [] });
    renderRoster(holder).catch((e) => { put(holder, problem("roster-error")); holder.firstChild.textContent = errorText(e); });
  } },
  h("div", { class: "grow" }, field("roster-q", t("search"), q)),
  h("div", {}, field("roster-unit", t("filter_unit"), unit)),
  h("div", {}, h("button", { class: "primary", type: "submit" }, t("apply"))));
  const body = [h("h1", {}, t("ops_roster_title")), session.role === "admin" ? importCard(() => renderRoster(holder)) : null,
    h("section", { class: "card", id: "roster" }, filters, holder)];
  if (seq !== renderSeq) return;
  view(...body);
  await renderRoster(holder);
}

async function renderRoster(holder) {
  holder.dataset.loading = "";
  const params = new URLSearchParams({ limit: String(PAGE) });
  if (rosterState.q) params.set("q", rosterState.q);
  if (rosterState.unit) params.set("unit", rosterState.unit);
  if (rosterState.cursor) params.set("cursor", rosterState.cursor);
  let r;
  try {
    r = await api("GET", "/api/roster?" + params);
  } catch (e) {
    delete holder.dataset.loading;
    if (e.status === 401) throw e;
    put(holder, h("p", { class: unavailable(e) ? "muted" : "error", id: "roster-error" }, unavailable(e) ? t("ops_unavailable") : errorText(e)));
    return;
  }
  const list = r.officials || [];
  const start = rosterState.back.length * PAGE;
  const pager = h("div", { class: "pager" },
    h("button", { type: "button", class: "secondary", id: "roster-prev", disabled: !rosterState.back.length, onclick: () => {
      rosterState.cursor = rosterState.back.pop() || "";
      renderRoster(holder);
    } }, t("prev_page")),
    h("span", { class: "muted" }, list.length ? t("showing_of", start + 1, start + list.length, r.total) : ""),
    h("button", { type: "button", class: "secondary", id: "roster-next", disabled: !r.next_cursor, onclick: () => {
      rosterState.back.push(rosterState.cursor);
      rosterState.cursor = r.next_cursor;
      renderRoster(holder);
    } }, t("next_page")));
  put(holder,
    h("p", { class: "list-count", id: "roster-count" }, t("ops_roster_total", r.total !== undefined ? r.total : list.length)),
    list.length ? opsTable("roster-table", [
      { label: t("official"), cls: "person", cell: (o) => person(o.name, o.nip) },
      { label: t("grade"), cell: (o) => label(o.grade) },
      { label: t("post"), cell: (o) => o.post },
      { label: t("unit"), cell: (o) => o.unit },
      { label: t("ops_inaugurated_at"), cell: (o) => fmtDate(o.inaugurated_at) },
      { label: t("ops_birth_date"), cell: (o) => fmtDate(o.birth_date) },
    ], list, (o) => ({ "data-nip": o.nip })) : h("p", { class: "muted" }, t("ops_roster_none")),
    r.next_cursor || rosterState.back.length ? pager : null);
  delete holder.dataset.loading;
}

/// Import: the file is checked first (dry run: what would be added or
/// changed, or every bad line), then imported on confirmation.
function importCard(afterImport) {
  const file = h("input", { type: "file", name: "file", accept: ".csv,text/csv,text/plain" });
  const out = h("div", { id: "import-result" });
  const err = problem("import-error");
  const check = h("button", { class: "primary", type: "submit", id: "import-check" }, t("ops_import_check"));
  let text = "", source = "";
  const run = async (dry) => {
    err.textContent = "";
    const path = withLang("/api/roster/import?dry_run=" + dry + "&source=" + encodeURIComponent(source || "upload"));
    return sendText("POST", path, text, "text/csv; charset=utf-8");
  };
  const showBad = (e) => {
    const lines = (e.data && e.data.lines) || [];
    put(out,
      h("p", { class: "error", id: "import-refused" }, t("ops_import_bad", lines.length || 1)),
      lines.length ? opsTable("import-lines", [
        { label: t("ops_import_line"), cell: (l) => h("strong", {}, String(l.line)) },
        { label: t("ops_import_field"), cell: (l) => l.field ? label(l.field) : "–" },
        { label: t("ops_import_message"), cell: (l) => l.message, cls: "wide" },
      ], lines, (l) => ({ "data-line": l.line, class: "bad-line" })) : h("p", {}, errorText(e)));
  };
  const changesTable = (r) => (r.changes || []).length ? opsTable("import-changes", [
    { label: t("ops_change_kind"), cell: (c) => h("span", { class: "badge " + c.kind }, t("ops_change_" + c.kind)) },
    { label: t("nip"), cell: (c) => c.nip },
    { label: t("name"), cell: (c) => c.name },
    (r.changes || []).some((c) => (c.fields || []).length) && { label: t("ops_change_fields"), cls: "wide", cell: (c) => (c.fields || []).length ? h("ul", { class: "field-changes" }, c.fields.map((f) =>
      h("li", {}, label(f.field) + ": ", h("del", {}, f.before || "–"), " → ", h("ins", {}, f.after || "–")))) : "" },
  ].filter(Boolean), r.changes, (c) => ({ "data-nip": c.nip, "data-kind": c.kind })) : h("p", { class: "muted" }, t("ops_no_changes"));
  const form = h("form", { id: "import-form", onsubmit: async (ev) => {
    ev.preventDefault();
    put(out);
    const f = file.files && file.files[0];
    if (!f) { err.textContent = t("ops_import_no_file"); return; }
    check.disabled = true;
    try {
      text = await f.text();
      source = f.name;
      const r = await run(true);
      const confirm = h("button", { class: "primary", type: "button", id: "import-confirm", onclick: async () => {
        confirm.disabled = true;
        try {
          const done = await run(false);
          put(out, h("p", { class: "success", id: "import-done" }, t("ops_import_done", done.added, done.changed, done.unchanged)));
          file.value = "";
          await afterImport();
        } catch (e) {
          if (e.status === 401) throw e;
          if (e.status === 422 && e.data && e.data.lines) showBad(e); else err.textContent = errorText(e);
          confirm.disabled = false;
        }
      } }, t("ops_import_confirm"));
      const cancel = h("button", { class: "secondary", type: "button", onclick: () => put(out) }, t("ops_import_cancel"));
      put(out, h("p", { class: "notice", id: "import-preview" }, t("ops_import_preview", r.added, r.changed, r.unchanged)),
        changesTable(r), h("div", { class: "actions-row" }, confirm, " ", cancel));
    } catch (e) {
      if (e.status === 422 && e.data && e.data.lines) showBad(e);
      else err.textContent = unavailable(e) ? t("ops_unavailable") : errorText(e);
    } finally {
      check.disabled = false;
    }
  } },
  field("import-file", t("ops_import_file"), file, t("ops_import_help")), err, check);
  file.addEventListener("change", () => put(out));
  return h("section", { class: "card", id: "import" }, h("h2", {}, t("ops_import_title")), form, out);
}

// --- job fit -----------------------------------------------------------------------------
const statusBadge = (s) => h("span", { class: "badge status-" + s, "data-status": s }, t("ops_status_" + s) !== "ops_status_" + s ? t("ops_status_" + s) : s);

async function jobfitView(batch) {
  if (batch) return batchView(batch);
  const seq = page(h("p", { class: "muted" }, t("loading")));
  let list = null, failure = null;
  try {
    list = (await api("GET", "/api/jobfit")).batches || [];
  } catch (e) {
    if (e.status === 401) throw e;
    failure = e;
  }
  if (seq !== renderSeq) return;
  const batches = h("section", { class: "card", id: "batches" }, h("h2", {}, t("ops_batches")),
    failure ? h("p", { class: unavailable(failure) ? "muted" : "error" }, unavailable(failure) ? t("ops_unavailable") : errorText(failure))
    : list.length ? opsTable("batches-table", [
      { label: t("ops_batch"), cell: (b) => h("a", { href: "#/jobfit/" + encodeURIComponent(b.batch), class: "batch-link" }, b.batch) },
      { label: t("ops_as_of"), cell: (b) => fmtDate(b.as_of) },
      { label: t("unit"), cell: (b) => b.unit || t("ops_whole_agency") },
      { label: t("ops_profile"), cell: (b) => label(b.profile) },
      { label: t("ops_created"), cell: (b) => [fmtTime(b.created_at), " · ", b.actor] },
      { label: t("ops_status"), cell: (b) => statusBadge(b.status) },
      { label: t("ops_opened_n"), cell: (b) => String(b.opened), cls: "num" },
      { label: t("ops_excluded_n"), cell: (b) => String(b.excluded), cls: "num" },
    ], list, (b) => ({ "data-batch": b.batch })) : h("p", { class: "muted" }, t("ops_no_batches")));
  view(h("h1", {}, t("ops_jobfit_title")), session.role === "admin" && !failure ? startCard() : null, batches);
}

const officialColumns = () => [
  { label: t("official"), cls: "person", cell: (o) => person(o.name, o.nip, [o.post, o.unit].filter(Boolean).join(" · ")) },
  { label: t("ops_inaugurated_at"), cell: (o) => fmtDate(o.inaugurated_at), cls: "nowrap" },
];
const exclusionTable = (id, list) => list.length
  ? opsTable(id, [officialColumns()[0],
    { label: t("ops_exclusion_reason"), cell: (o) => h("span", { class: "exclusion-reason" }, (o.reason_text && o.reason_text[lang]) || o.reason), cls: "wide" }], list, (o) => ({ "data-nip": o.nip }))
  : h("p", { class: "muted" }, t("ops_excluded_none"));

function startCard() {
  const asOf = dateInput("as_of", fmtDate(new Date().toISOString()));
  const unit = h("input", { type: "text", name: "unit" });
  const profile = h("input", { type: "text", name: "profile" });
  const reason = h("textarea", { name: "reason", class: "event-reason" });
  const err = problem("jobfit-error");
  const out = h("div", { id: "jobfit-preview" });
  const check = h("button", { class: "primary", type: "submit", id: "jobfit-check" }, t("ops_check_first"));
  const request = () => {
    const iso = parseDate(asOf.value);
    if (!iso) { asOf.focus(); throw new Error(t("ops_as_of") + ": " + t("bad_date")); }
    const body = { as_of: iso, reason: reason.value.trim() };
    if (unit.value.trim()) body.unit = unit.value.trim();
    if (profile.value.trim()) body.profile = profile.value.trim();
    return body;
  };
  const form = h("form", { id: "jobfit-form", novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    err.textContent = "";
    put(out);
    let body;
    try { body = request(); } catch (e) { err.textContent = e.message; return; }
    if (!body.reason) { err.textContent = t("missing_field", t("reason")); reason.focus(); return; }
    check.disabled = true;
    try {
      const r = await sendJson("POST", withLang("/api/jobfit"), Object.assign({ dry_run: true }, body));
      const included = r.included || [], excluded = r.excluded || [];
      const confirm = h("button", { class: "primary", type: "button", id: "jobfit-confirm", disabled: !included.length, onclick: async () => {
        confirm.disabled = true;
        try {
          const started = await sendJson("POST", withLang("/api/jobfit"), Object.assign({ dry_run: false }, body));
          go("#/jobfit/" + encodeURIComponent(started.batch));
        } catch (e) {
          if (e.status === 409 && e.data && e.data.batch) return go("#/jobfit/" + encodeURIComponent(e.data.batch));
          err.textContent = errorText(e);
          confirm.disabled = false;
        }
      } }, t("ops_jobfit_confirm", included.length));
      put(out,
        h("p", { class: "notice" }, t("ops_jobfit_preview")),
        h("h3", {}, t("ops_excluded", excluded.length)), exclusionTable("jobfit-excluded", excluded),
        h("h3", {}, t("ops_included", included.length)),
        included.length ? opsTable("jobfit-included", officialColumns(), included, (o) => ({ "data-nip": o.nip })) : null,
        h("div", { class: "actions-row" }, confirm));
    } catch (e) {
      err.textContent = unavailable(e) ? t("ops_unavailable") : errorText(e);
    } finally {
      check.disabled = false;
    }
  } },
  h("div", { class: "fields" },
    field("jobfit-as-of", t("ops_as_of") + " (" + t("date_placeholder") + ")", asOf),
    field("jobfit-unit", t("unit"), unit, t("ops_unit_all")),
    field("jobfit-profile", t("ops_profile"), profile, t("ops_profile_default"))),
  field("jobfit-reason", t("reason"), reason), err, check);
  return h("section", { class: "card", id: "jobfit-start" }, h("h2", {}, t("ops_jobfit_start")), form, out);
}

async function batchView(id) {
  const hash = location.hash;
  const seq = page(h("p", { class: "muted" }, t("loading")));
  const r = await api("GET", withLang("/api/jobfit/" + encodeURIComponent(id)));
  if (!stillHere(seq, hash)) return;
  const components = r.components || [];
  const cases = (r.cases || []).slice().sort((a, b) => (a.rank || 1e9) - (b.rank || 1e9));
  const running = r.status === "running";
  const p = r.progress;
  view(
    h("p", {}, h("a", { href: "#/jobfit" }, t("ops_back_batches"))),
    h("h1", {}, t("ops_report", r.batch), " ", statusBadge(r.status)),
    h("section", { class: "card", id: "batch-report", "data-status": r.status },
      h("dl", { class: "facts" },
        h("dt", {}, t("ops_as_of")), h("dd", {}, fmtDate(r.as_of)),
        h("dt", {}, t("unit")), h("dd", {}, r.unit || t("ops_whole_agency")),
        h("dt", {}, t("ops_profile")), h("dd", {}, label(r.profile)),
        h("dt", {}, t("ops_opened_n")), h("dd", {}, String(r.opened !== undefined ? r.opened : cases.length))),
      running && p ? h("p", { class: "notice", id: "batch-progress" }, t("ops_progress", p.done, p.total)) : null,
      r.status === "failed" && r.error ? h("p", { class: "error" }, t("ops_batch_error", r.error)) : null,
      h("p", {}, downloadLink("/api/jobfit/" + encodeURIComponent(r.batch) + "?format=csv&lang=" + lang, t("ops_download_csv"), { id: "batch-csv", class: "download button-link" })),
      cases.length ? opsTable("batch-cases", [
        { label: t("ops_rank"), cell: (c) => h("strong", { class: "rank" }, c.rank ? String(c.rank) : "–"), cls: "num" },
        { label: t("case_id"), cell: (c) => caseLink(c.id || c.case), cls: "nowrap" },
        { label: t("official"), cls: "person", cell: (c) => person(c.name, c.nip, c.post) },
        { label: t("ops_scores"), cls: "scores", cell: (c) => scoreList(components, c.scores) },
        { label: t("total"), cell: (c) => h("strong", {}, num(c.total)), cls: "num" },
        { label: t("outcome"), cell: (c) => c.outcome ? h("span", { class: "badge outcome-" + c.outcome }, label(c.outcome)) : "–" },
        { label: t("state"), cell: (c) => label(c.state) },
        { label: t("ops_linked_cases"), cls: "wide", cell: (c) => (c.linked_cases || []).length
          ? c.linked_cases.map((x, i) => [i ? ", " : "", caseLink(x.id), " (" + label(x.workflow) + ")"]) : "–" },
      ], cases, (c) => ({ "data-case": c.id || c.case, "data-rank": c.rank || "" })) : null,
      (r.selections || []).length ? [h("h3", {}, t("ops_selections_opened")), h("ul", { class: "links" }, r.selections.map((s) =>
        h("li", {}, h("a", { href: "#/selection/" + encodeURIComponent(s.id) }, s.id), " — " + (s.post || "") + " · " + label(s.state))))] : null),
    h("section", { class: "card", id: "batch-excluded" }, h("h2", {}, t("ops_excluded", (r.excluded || []).length)), exclusionTable("batch-excluded-table", r.excluded || [])));
  if (running) setTimeout(() => { if (stillHere(seq, hash)) batchView(id).catch(() => {}); }, 1000);
}

// --- open selection ---------------------------------------------------------------------
let selectionSpec = null;
async function registrationFields() {
  if (!selectionSpec) {
    const w = await api("GET", "/api/workflows/open_selection");
    selectionSpec = (w.events.find((e) => e.name === "applicant_registered") || { fields: [] }).fields.filter((f) => !f.derived && f.type !== "object");
  }
  return selectionSpec;
}

async function selectionView(id) {
  if (id) return applicantsView(id);
  const seq = page(h("p", { class: "muted" }, t("loading")));
  const r = await api("GET", "/api/cases?workflow=open_selection&limit=100&sort=-opened");
  if (seq !== renderSeq) return;
  const list = r.cases || [];
  view(h("h1", {}, t("ops_selection_title")),
    session.role === "admin" ? h("p", {}, h("a", { href: "#/open/open_selection", class: "button-link", id: "selection-open" }, t("ops_selection_open"))) : null,
    h("section", { class: "card", id: "selections" }, list.length ? opsTable("selections-table", [
      { label: t("case_id"), cell: (c) => h("a", { href: "#/selection/" + encodeURIComponent(c.id), class: "selection-link" }, c.id) },
      { label: t("post"), cell: (c) => c.subject_label || (c.data && c.data.post) || "" },
      { label: t("unit"), cell: (c) => c.unit || "" },
      { label: t("state"), cell: (c) => label(c.state) },
      { label: t("due"), cell: (c) => c.due_at ? fmtDate(c.due_at) : t("no_due") },
    ], list, (c) => ({ "data-case": c.id })) : h("p", { class: "muted" }, t("ops_selection_none"))));
}

async function applicantsView(id, message) {
  const hash = location.hash;
  const seq = page(h("p", { class: "muted" }, t("loading")));
  let r;
  try {
    r = await api("GET", "/api/cases/" + encodeURIComponent(id) + "/applicants");
  } catch (e) {
    if (e.status === 400) throw new ApiError(400, e.code, t("ops_not_selection"));
    throw e;
  }
  const fields = r.allowed_events.includes("applicant_registered") ? await registrationFields() : [];
  if (!stillHere(seq, hash)) return;
  const components = r.components || [];
  const applicants = r.applicants || [];
  const reload = (msg) => applicantsView(id, msg).catch((e) => { document.getElementById("selection-error").textContent = errorText(e); });
  view(
    h("p", {}, h("a", { href: "#/selection" }, t("ops_back_selection")), " · ", h("a", { href: "#/case/" + encodeURIComponent(id) }, t("ops_case_page"))),
    h("h1", {}, r.case + " — " + r.post + (r.unit ? " (" + r.unit + ")" : ""), " ", h("span", { class: "badge", id: "selection-state" }, label(r.state)),
      " ", h("small", { class: "muted", id: "selection-version", "data-version": r.version }, t("version") + " " + r.version)),
    h("p", { class: "success", id: "selection-notice", role: "status" }, message || ""),
    problem("selection-error"),
    r.registration_closes ? h("p", { class: "muted" }, t("ops_registration_closes") + ": " + fmtDate(r.registration_closes)) : null,
    shortlistCard(r, reload),
    h("section", { class: "card", id: "applicants" }, h("h2", {}, t("ops_applicants", applicants.length)),
      applicants.length ? opsTable("applicants-table", [
        { label: t("ops_ranking"), cell: (a) => h("strong", {}, a.ranking ? String(a.ranking) : "–"), cls: "num" },
        { label: t("ops_applicant"), cls: "person", cell: (a) => person(a.name, a.nip, [a.current_post, a.rank ? t("ops_golongan") + " " + a.rank : ""].filter(Boolean).join(" · ")) },
        { label: t("ops_status"), cell: (a) => h("span", { class: "badge applicant-" + a.status, "data-status": a.status }, label(a.status)) },
        { label: t("ops_reasons"), cls: "wide", cell: (a) => (a.reasons || []).length ? h("ul", { class: "reasons" }, a.reasons.map(reasonItem)) : "–" },
        { label: t("ops_scores"), cls: "scores", cell: (a) => scoreList(components, a.scores) },
        { label: t("total"), cell: (a) => h("strong", {}, num(a.total)), cls: "num" },
      ], applicants, (a) => ({ "data-nip": a.nip, "data-status": a.status })) : h("p", { class: "muted" }, t("ops_no_applicants"))),
    fields.length ? registerCard(id, r.version, fields, reload) : null);
}

// One reason in the page's language (reason_text, cite_text), its citation after it unless the sentence ends with it.
function reasonItem(x) {
  const text = (x.reason_text && x.reason_text[lang]) || x.text;
  const cite = (x.cite_text && x.cite_text[lang]) || x.cite;
  return h("li", { class: "reason", "data-kind": x.kind || "" }, text,
    cite && !String(text).includes(cite) ? h("span", { class: "muted cite" }, " — " + cite) : null);
}

function shortlistCard(r, reload) {
  const list = r.shortlist || [];
  const canChoose = r.allowed_events.includes("ppk_chose") && !r.chosen;
  const reason = h("textarea", { name: "reason", class: "event-reason", id: "choose-reason" });
  const err = problem("choose-error");
  const choose = (a) => async (ev) => {
    err.textContent = "";
    if (!reason.value.trim()) { err.textContent = t("missing_field", t("ops_choose_reason")); reason.focus(); return; }
    ev.target.disabled = true;
    try {
      await api("POST", "/api/cases/" + encodeURIComponent(r.case) + "/events",
        { event: "ppk_chose", payload: { nip: a.nip }, reason: reason.value.trim() }, { "If-Match": '"' + r.version + '"' });
      reload(t("ops_chose", a.name || a.nip));
    } catch (e) {
      err.textContent = errorText(e, { event: "ppk_chose", state: r.state });
      ev.target.disabled = false;
    }
  };
  return h("section", { class: "card", id: "shortlist" }, h("h2", {}, t("ops_shortlist")),
    r.chosen ? h("p", { class: "chosen", id: "chosen" }, "★ " + t("ops_chosen", r.chosen.name || r.chosen.nip, fmtDate(r.chosen.decided_on))) : null,
    list.length ? h("ol", { class: "shortlist" }, list.map((a) =>
      h("li", { "data-nip": a.nip, class: r.chosen && r.chosen.nip === a.nip ? "chosen" : "" },
        h("strong", {}, a.name || a.nip), " ", h("span", { class: "muted" }, a.nip + (a.current_post ? " · " + a.current_post : "")),
        " · " + t("total") + " " + num(a.total),
        canChoose ? [" ", h("button", { type: "button", class: "secondary choose", onclick: choose(a) }, t("ops_choose"))] : null)))
      : h("p", { class: "muted" }, t("ops_shortlist_none")),
    canChoose && list.length ? [field("choose-reason", t("ops_choose_reason"), reason), err] : null);
}

function registerCard(id, version, fields, reload) {
  const err = problem("register-error");
  const inputs = fields.map((f) => {
    let input;
    if (f.choices) input = h("select", { name: f.name }, h("option", { value: "" }, t("choose")),
      f.choices.map((x) => h("option", { value: x }, hasLabel(x) ? nm(x) : x)));
    else if (f.type === "date") input = dateInput(f.name);
    else if (f.type === "number" || f.type === "integer")
      input = h("input", { type: "number", name: f.name, inputmode: "decimal", step: f.type === "integer" ? "1" : "any",
        min: f.min !== undefined ? f.min : null, max: f.max !== undefined ? f.max : null });
    else input = h("input", { type: "text", name: f.name, autocomplete: "off" });
    input.dataset.type = f.type;
    const note = h("p", { class: "field-note" });
    if (f.name === "nip") {
      input.inputMode = "numeric";
      input.maxLength = 18;
      input.addEventListener("input", () => {
        const v = input.value.trim();
        const c = checkNip(v, false);
        put(note, v ? nipParts(v, c.part) : "", h("span", { class: "nip-text" }, c.problem ? c.text : c.summary || ""));
        note.className = "field-note" + (c.problem && c.hard ? " bad" : c.problem ? "" : " ok");
      });
    }
    const fid = "reg-" + f.name;
    input.id = fid;
    return h("div", { class: "field", "data-field": f.name },
      h("label", { for: fid }, nm(f.name), " ", h("small", {}, f.required ? t("required") : t("optional"))), input, note);
  });
  const button = h("button", { class: "primary", type: "submit" }, t("ops_register"));
  const form = h("form", { id: "register-form", novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    err.textContent = "";
    const payload = {};
    for (const el of form.querySelectorAll("[data-type]")) {
      const v = el.value.trim();
      const f = fields.find((x) => x.name === el.name);
      if (v === "") {
        if (f.required) { err.textContent = t("missing_field", nm(f.name)); el.focus(); return; }
        continue;
      }
      if (f.type === "date") {
        const iso = parseDate(v);
        if (!iso) { err.textContent = nm(f.name) + ": " + t("bad_date"); el.focus(); return; }
        payload[f.name] = iso;
      } else if (f.type === "number" || f.type === "integer") payload[f.name] = Number(v);
      else payload[f.name] = v;
    }
    const nip = checkNip(payload.nip || "", true);
    if (nip.problem) { err.textContent = nip.text; form.querySelector('[name="nip"]').focus(); return; }
    button.disabled = true;
    try {
      const r = await api("POST", "/api/cases/" + encodeURIComponent(id) + "/applicants", payload, { "If-Match": '"' + version + '"' });
      reload(t("ops_registered", (r.applicant && r.applicant.name) || payload.name));
    } catch (e) {
      err.textContent = errorText(e, { event: "applicant_registered" });
      button.disabled = false;
    }
  } }, h("div", { class: "fields" }, inputs), err, button);
  return h("section", { class: "card", id: "register" }, h("h2", {}, t("ops_register")), form);
}

// --- exports -------------------------------------------------------------------------------
async function exportView() {
  const seq = page(h("p", { class: "muted" }, t("loading")));
  let wfs = [];
  try { wfs = (await api("GET", "/api/workflows")).workflows || []; } catch (e) { if (e.status === 401) throw e; }
  if (seq !== renderSeq) return;
  const since = dateInput("since");
  const workflow = h("select", { name: "workflow" }, h("option", { value: "" }, t("ops_all_workflows")),
    wfs.map((w) => h("option", { value: w.name }, nm(w.name))));
  const err = problem("export-error");
  const links = h("div", { class: "downloads", id: "export-links" });
  const draw = () => {
    err.textContent = "";
    const p = new URLSearchParams();
    const s = since.value.trim();
    if (s) {
      const iso = parseDate(s);
      if (!iso) { err.textContent = t("ops_since") + ": " + t("bad_date"); put(links); return; }
      p.set("since", iso);
    }
    if (workflow.value) p.set("workflow", workflow.value);
    const q = (fmt) => "/api/export?format=" + fmt + (p.toString() ? "&" + p : "");
    put(links,
      downloadLink(q("csv"), t("ops_download_csv"), { id: "export-csv", class: "download button-link" }),
      downloadLink(q("jsonl"), t("ops_download_jsonl"), { id: "export-jsonl", class: "download button-link" }),
      downloadLink(q("xlsx"), t("ops_download_xlsx"), { id: "export-xlsx", class: "download button-link" }));
  };
  since.addEventListener("input", draw);
  workflow.addEventListener("change", draw);
  draw();
  view(h("h1", {}, t("ops_export_title")),
    h("section", { class: "card", id: "export" }, h("p", { class: "muted" }, t("ops_export_help")),
      h("div", { class: "filters top" },
        h("div", {}, field("export-since", t("ops_since") + " (" + t("date_placeholder") + ")", since, t("ops_since_help"))),
        h("div", {}, field("export-workflow", t("workflow"), workflow))),
      err, links));
}

// --- the views --------------------------------------------------------------------------------
registerView("roster", "ops_roster", () => rosterView(), { roles: ["admin", "auditor"], order: 2 });
registerView("jobfit", "ops_jobfit", (arg) => jobfitView(arg), { roles: ["admin", "auditor"], order: 3 });
registerView("selection", "ops_selection", (arg) => selectionView(arg), { order: 4 });
registerView("export", "ops_export", () => exportView(), { roles: ["admin", "auditor"], order: 5 });
