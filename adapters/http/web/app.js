// Alur: the web page of `alur serve`. Vanilla JavaScript, no framework, no
// network access but this server's /api. Indonesian by default, English on
// request (the toggle re-renders every label). The token is kept in
// sessionStorage only (gone when the tab is closed).
"use strict";

const T = {
  id: {
    tagline: "Alur kerja keputusan kepegawaian ASN",
    sign_in: "Masuk", sign_out: "Keluar", token: "Token API",
    token_help: "Token dibuat dengan: alur token add NAMA --role admin|ppk|auditor",
    bad_token: "Token tidak dikenal atau sudah dicabut.",
    switch_lang: "English",
    cases: "Daftar kasus", filter_state: "Status", filter_unit: "Unit kerja (OPD)", all: "semua",
    apply: "Terapkan", no_cases: "Tidak ada kasus.", case_id: "Kasus", official: "Pegawai",
    unit: "Unit", state: "Status", due: "Tenggat", updated: "Diperbarui",
    late: (n) => n > 0 ? "terlambat " + n + " hari kerja" : "lewat tenggat hari ini",
    left: (n) => "sisa " + n + " hari kerja",
    no_due: "tanpa tenggat",
    back: "← Daftar kasus", version: "versi",
    deadline: "Tenggat (jatuh tempo)", timeline: "Riwayat",
    actor: "pelaku", role: "peran", at: "pada", reason: "Alasan", recorded: "dicatat",
    forms: "Tindakan yang dapat Anda ajukan sekarang", no_forms: "Tidak ada tindakan yang dapat diajukan peran Anda pada status ini.",
    submit: "Ajukan", choose: "— pilih —", required: "wajib", optional: "opsional",
    submitted: (e) => "Tercatat: " + e, refused: "Ditolak",
    diagram: "Diagram status", states: "Status", transitions: "Transisi", mermaid: "Teks Mermaid",
    verify: "Verifikasi jurnal (audit)", verify_ok: "Jurnal utuh: rantai hash dan pemutaran ulang sesuai.",
    verify_bad: "Jurnal TIDAK utuh", events: "peristiwa", cases_n: "kasus",
    verifying: "Memverifikasi jurnal di latar belakang…", verify_failed: "Verifikasi gagal dijalankan",
    auditor_note: "Peran auditor hanya membaca: tidak ada formulir.",
    facts: "Data kasus", nip: "NIP", name: "Nama", grade: "Jenjang", post: "Jabatan", target: "Jabatan usulan",
    workflow: "Alur kerja", opened: "Dibuka", total: "Nilai total", outcome: "Hasil",
    signed_in: (r) => "peran: " + r, loading: "Memuat…", error: "Kesalahan",
    acting: "Pelaksana tugas (Plt)", acting_serving: "sedang menjabat", acting_upcoming: "belum mulai",
    acting_finished: "selesai", acting_ended: (d) => "diakhiri lebih awal, hari terakhir " + d,
    acting_letter: "surat perintah",
    linked: "Kasus terkait", came_from: "Berasal dari", opened_cases: "Membuka", jobfit_batch: "Batch job fit",
    no_links: "tidak ada", missing_origin: (id) => id + " (tidak ada di jurnal)",
    calendar_gap: (y, s) => s === "provisional"
      ? "Kalender libur " + y + " masih sementara (tanggal perkiraan): tenggat dapat bergeser."
      : "Kalender libur " + y + " belum tersedia: hanya akhir pekan yang dilewati.",
  },
  en: {
    tagline: "Workflows for civil-servant personnel decisions",
    sign_in: "Sign in", sign_out: "Sign out", token: "API token",
    token_help: "Tokens are made with: alur token add NAME --role admin|ppk|auditor",
    bad_token: "Unknown or revoked token.",
    switch_lang: "Bahasa Indonesia",
    cases: "Cases", filter_state: "State", filter_unit: "Unit (OPD)", all: "all",
    apply: "Apply", no_cases: "No cases.", case_id: "Case", official: "Official",
    unit: "Unit", state: "State", due: "Deadline", updated: "Updated",
    late: (n) => n > 0 ? n + " working day" + (n === 1 ? "" : "s") + " late" : "past the deadline today",
    left: (n) => n + " working day" + (n === 1 ? "" : "s") + " left",
    no_due: "no deadline",
    back: "← Cases", version: "version",
    deadline: "Deadline (due)", timeline: "History",
    actor: "by", role: "role", at: "at", reason: "Reason", recorded: "recorded",
    forms: "Events you may submit now", no_forms: "Your role may submit no event in this state.",
    submit: "Submit", choose: "— choose —", required: "required", optional: "optional",
    submitted: (e) => "Recorded: " + e, refused: "Refused",
    diagram: "State diagram", states: "States", transitions: "Transitions", mermaid: "Mermaid text",
    verify: "Journal verification (audit)", verify_ok: "Journal intact: hash chain and replay agree.",
    verify_bad: "Journal NOT intact", events: "events", cases_n: "cases",
    verifying: "Verifying the journal in the background…", verify_failed: "The verify could not run",
    auditor_note: "The auditor role only reads: no forms.",
    facts: "Case data", nip: "NIP", name: "Name", grade: "Grade", post: "Post", target: "Proposed post",
    workflow: "Workflow", opened: "Opened", total: "Total score", outcome: "Outcome",
    signed_in: (r) => "role: " + r, loading: "Loading…", error: "Error",
    acting: "Acting officials (Plt)", acting_serving: "serving", acting_upcoming: "not yet started",
    acting_finished: "finished", acting_ended: (d) => "ended early, last day " + d,
    acting_letter: "warrant",
    linked: "Linked cases", came_from: "Came from", opened_cases: "Opened", jobfit_batch: "Job fit batch",
    no_links: "none", missing_origin: (id) => id + " (not in the journal)",
    calendar_gap: (y, s) => s === "provisional"
      ? "The holiday calendar for " + y + " is provisional (expected dates): the deadline may move."
      : "The holiday calendar for " + y + " is missing: only weekends were skipped.",
  },
};

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
    ppk_decided: "keputusan PPK", inauguration_scheduled: "pelantikan dijadwalkan", inaugurated: "pelantikan",
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
    acting_assigned: "Plt ditunjuk", acting_ended: "Plt diakhiri", from: "dari", until: "sampai",
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
  },
};

let lang = localStorage.getItem("alur.lang") === "en" ? "en" : "id";
const t = (key, ...args) => {
  const v = T[lang][key];
  return typeof v === "function" ? v(...args) : v;
};
const nm = (name) => (NAMES[lang][name] || (lang === "en" ? String(name).replace(/_/g, " ") : name));

// --- small DOM helpers --------------------------------------------------------
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
const app = () => document.getElementById("app");
function show(...nodes) { app().replaceChildren(...nodes); }

function fmtTime(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  return d.toLocaleString(lang === "en" ? "en-GB" : "id-ID", {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short",
  });
}

// --- the API ------------------------------------------------------------------
class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status; this.code = code; this.field = field;
  }
}

function token() { return sessionStorage.getItem("alur.token") || ""; }

async function api(method, path, body, headers) {
  const init = { method, headers: Object.assign({ Authorization: "Bearer " + token() }, headers || {}) };
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
    throw new ApiError(res.status, err.code || "http_" + res.status, err.message || res.statusText, err.field);
  }
  return data;
}

function errorText(e) {
  if (!(e instanceof ApiError)) return String(e && e.message ? e.message : e);
  let s = e.status ? e.status + " " + e.code + ": " + e.message : e.message;
  if (e.field) s += " (" + e.field + ")";
  return s;
}

// The caller's role is not told by the API; the auditor is the role that may verify.
// GET /api/audit/verify starts a background job (202); the page polls the
// job's location and shows the result in the verify card once it is done.
let session = { role: null, verify: null, verifyJob: null };

async function detectRole() {
  try {
    const started = await api("GET", "/api/audit/verify");
    session.role = "auditor";
    if (!session.verifyJob || session.verifyJob.id !== started.job.id) {
      session.verify = null;
      session.verifyJob = started.job;
      pollVerify(started.job.location);
    }
  } catch (e) {
    if (e.status === 401) throw e;
    session.role = null;
    session.verify = null;
    session.verifyJob = null;
  }
}

async function pollVerify(location) {
  try {
    for (;;) {
      const r = await api("GET", location);
      if (!session.verifyJob || session.verifyJob.location !== location) return;  // signed out meanwhile
      session.verifyJob = r.job;
      if (r.job.state !== "running") {
        session.verify = r.job.state === "done" ? r : { failed: r.error ? r.error.message : "" };
        break;
      }
      refreshVerifyCard();
      await new Promise((ok) => setTimeout(ok, 500));
    }
  } catch (e) {
    session.verify = { failed: errorText(e) };
  }
  refreshVerifyCard();
}

function refreshVerifyCard() {
  const el = document.getElementById("verify") || document.getElementById("verify-running");
  if (el) el.replaceWith(verifyCard());
}

// --- views --------------------------------------------------------------------
function header() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
  document.getElementById("lang-toggle").textContent = t("switch_lang");
  document.getElementById("sign-out").hidden = !token();
  document.getElementById("who").textContent = token() && session.role ? t("signed_in", session.role) : "";
}

function signInView(message) {
  const err = h("p", { class: "error", id: "signin-error" }, message || "");
  const input = h("input", { id: "token", name: "token", type: "password", autocomplete: "off", required: true });
  const form = h("form", { id: "signin", class: "card", onsubmit: async (ev) => {
    ev.preventDefault();
    sessionStorage.setItem("alur.token", input.value.trim());
    try {
      await api("GET", "/api/cases?limit=1");
      await detectRole();
      location.hash = "#/";
      route();
    } catch (e) {
      sessionStorage.removeItem("alur.token");
      err.textContent = e.status === 401 ? t("bad_token") : errorText(e);
    }
  } },
  h("h1", {}, t("sign_in")),
  h("label", { for: "token" }, t("token")), input,
  h("p", { class: "muted" }, t("token_help")),
  err,
  h("button", { class: "primary", type: "submit" }, t("sign_in")));
  show(form);
  input.focus();
}

let workflowCache = {};
async function workflow(name) {
  if (!workflowCache[name]) workflowCache[name] = await api("GET", "/api/workflows/" + encodeURIComponent(name));
  return workflowCache[name];
}

function dueBadge(c) {
  if (!c.due_at) return h("span", { class: "muted" }, t("no_due"));
  if (c.overdue) return h("span", { class: "badge late" }, t("late", -(c.working_days_left || 0)));
  return h("span", { class: "badge" }, t("left", c.working_days_left));
}

const listFilter = { state: "", unit: "" };

async function listView() {
  show(h("p", { class: "muted" }, t("loading")));
  const q = new URLSearchParams({ sort: "due", limit: "200" });
  if (listFilter.state) q.set("state", listFilter.state);
  if (listFilter.unit) q.set("unit", listFilter.unit);
  const [list, wfs, all] = await Promise.all([
    api("GET", "/api/cases?" + q), api("GET", "/api/workflows"), api("GET", "/api/cases?limit=1000"),
  ]);
  const states = [];
  for (const w of wfs.workflows) for (const s of (await workflow(w.name)).states) if (!states.includes(s)) states.push(s);
  const units = [...new Set(all.cases.map((c) => c.unit).filter(Boolean))].sort();

  const stateSel = h("select", { id: "filter-state", name: "state" },
    h("option", { value: "" }, t("all")), states.map((s) => h("option", { value: s }, nm(s))));
  stateSel.value = listFilter.state;
  const unitSel = h("select", { id: "filter-unit", name: "unit" },
    h("option", { value: "" }, t("all")), units.map((u) => h("option", { value: u }, u)));
  unitSel.value = listFilter.unit;
  const apply = () => { listFilter.state = stateSel.value; listFilter.unit = unitSel.value; route(); };
  stateSel.addEventListener("change", apply);
  unitSel.addEventListener("change", apply);

  const rows = list.cases.map((c) => {
    const o = (c.data && c.data.official) || {};
    return h("tr", { class: c.overdue ? "overdue" : "", "data-case": c.id },
      h("td", {}, h("a", { href: "#/case/" + encodeURIComponent(c.id), class: "case-link" }, c.id)),
      h("td", {}, o.name || c.subject_label || "", h("div", { class: "muted" }, o.post || "")),
      h("td", {}, c.unit || ""),
      h("td", {}, h("span", { class: "badge" + (c.due_at ? "" : " final") }, nm(c.state))),
      h("td", {}, c.due_at ? fmtTime(c.due_at) : "", " ", dueBadge(c)),
      h("td", { class: "muted" }, fmtTime(c.updated_at)));
  });
  const children = [
    h("h1", {}, t("cases")),
    h("div", { class: "card filters" },
      h("div", {}, h("label", { for: "filter-state" }, t("filter_state")), stateSel),
      h("div", {}, h("label", { for: "filter-unit" }, t("filter_unit")), unitSel)),
    h("div", { class: "card" }, rows.length
      ? h("table", { id: "cases" },
          h("thead", {}, h("tr", {}, [t("case_id"), t("official"), t("unit"), t("state"), t("due"), t("updated")].map((x) => h("th", {}, x)))),
          h("tbody", {}, rows))
      : h("p", { class: "muted" }, t("no_cases"))),
  ];
  if (session.role === "auditor") children.push(verifyCard());
  show(...children);
}

function verifyCard() {
  const v = session.verify;
  if (!v) {
    const j = session.verifyJob;
    return h("section", { class: "card", id: "verify-running" }, h("h2", {}, t("verify")),
      h("p", { class: "muted" }, t("verifying") + (j ? " " + j.events_checked + " " + t("events") : "")));
  }
  if (v.failed !== undefined)
    return h("section", { class: "card", id: "verify" }, h("h2", {}, t("verify")),
      h("p", { class: "verify-bad" }, "✗ " + t("verify_failed") + ": " + v.failed));
  return h("section", { class: "card", id: "verify" },
    h("h2", {}, t("verify")),
    v.ok ? h("p", { class: "verify-ok" }, "✓ " + t("verify_ok"))
         : h("p", { class: "verify-bad" }, "✗ " + t("verify_bad") + ": " +
             (v.problem ? v.problem.case_id + " #" + v.problem.global_seq + " " + v.problem.field + ": " + v.problem.what : "")),
    h("p", { class: "muted" }, v.events + " " + t("events") + ", " + v.cases + " " + t("cases_n") +
      " (" + v.chain_ms + " + " + v.replay_ms + " ms)"));
}

function payloadText(p) {
  if (!p || typeof p !== "object") return "";
  return Object.entries(p).filter(([, v]) => v !== null && typeof v !== "object")
    .map(([k, v]) => nm(k) + ": " + (typeof v === "string" && NAMES[lang][v] ? nm(v) : v)).join(" · ");
}

function timeline(events) {
  return h("ol", { class: "timeline", id: "timeline" }, events.slice().reverse().map((e) =>
    h("li", { class: "event" + (e.role === "system" ? " system" : ""), "data-event": e.name, "data-seq": e.seq },
      h("div", {}, h("span", { class: "ev-name" }, nm(e.name)), " ", h("span", { class: "muted" }, "#" + e.seq)),
      h("div", { class: "ev-meta" },
        t("actor") + " ", h("strong", { class: "ev-actor" }, e.actor), " · " + t("role") + " ",
        h("span", { class: "ev-role" }, e.role), " · ", h("time", { datetime: e.occurred_at }, fmtTime(e.occurred_at))),
      e.reason ? h("div", { class: "ev-reason" }, t("reason") + ": " + e.reason) : null,
      payloadText(e.payload) ? h("div", { class: "ev-payload" }, payloadText(e.payload)) : null)));
}

function fieldInput(f, c) {
  const id = "f-" + Math.random().toString(36).slice(2);
  const common = { id, name: f.name, required: f.required, title: f.help || null };
  let input;
  // The score components are those of the case's scoring profile.
  const weights = c.data && c.data.scoring_profile && c.data.scoring_profile.weights;
  const choices = f.choices || (f.name === "component" && weights ? Object.keys(weights) : null);
  if (choices) {
    input = h("select", common, h("option", { value: "" }, t("choose")),
      choices.map((x) => h("option", { value: x }, NAMES[lang][x] ? nm(x) + " (" + x + ")" : x)));
  } else if (f.type === "date") {
    input = h("input", Object.assign({ type: "date" }, common));
  } else if (f.type === "number" || f.type === "integer") {
    input = h("input", Object.assign({ type: "number", inputmode: "decimal", step: f.type === "integer" ? "1" : "any",
      min: f.min !== undefined ? f.min : null, max: f.max !== undefined ? f.max : null }, common));
  } else {
    input = h("input", Object.assign({ type: "text" }, common));
  }
  input.dataset.type = f.type;
  return h("div", { class: "field" },
    h("label", { for: id }, nm(f.name), " ", h("small", {}, "(" + (f.required ? t("required") : t("optional")) +
      (f.help ? "; " + f.help : "") + ")")), input);
}

function eventForm(c, spec, onDone) {
  const fields = (spec ? spec.fields : []).filter((f) => !f.derived && f.type !== "object");
  const err = h("p", { class: "error", role: "alert" });
  const reasonId = "r-" + spec.name;
  const button = h("button", { class: "primary", type: "submit" }, t("submit") + ": " + nm(spec.name));
  const form = h("form", { class: "event-form", "data-event": spec.name, onsubmit: async (ev) => {
    ev.preventDefault();
    err.textContent = "";
    const payload = {};
    for (const el of form.querySelectorAll("[data-type]")) {
      if (el.value === "") continue;
      payload[el.name] = el.dataset.type === "number" || el.dataset.type === "integer" ? Number(el.value) : el.value;
    }
    button.disabled = true;
    try {
      const key = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
      await api("POST", "/api/cases/" + encodeURIComponent(c.id) + "/events",
        { event: spec.name, payload, reason: form.querySelector(".event-reason").value },
        { "Idempotency-Key": key, "If-Match": String(c.version) });
      onDone(t("submitted", nm(spec.name)));
    } catch (e) {
      if (e.status === 401) return signOut(t("bad_token"));
      err.textContent = t("refused") + " — " + errorText(e);
      button.disabled = false;
    }
  } },
  h("h3", {}, nm(spec.name), " ", h("small", { class: "muted" }, spec.help || "")),
  fields.map((f) => fieldInput(f, c)),
  h("label", { for: reasonId }, t("reason"), " ", h("small", {}, "(" + t("required") + ")")),
  h("textarea", { id: reasonId, class: "event-reason", required: true }),
  err, button);
  return form;
}

// The acting officials (Plt) recorded on a case (data.acting), each with where
// it stands today (the browser's date): who acts in the post this case left vacant.
function actingCard(c) {
  const list = (c.data && Array.isArray(c.data.acting)) ? c.data.acting : [];
  if (!list.length) return null;
  const d = new Date();
  const today = d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  const status = (a) => {
    const last = a.ended ? a.ended.date : a.until;
    if (today < a.from) return t("acting_upcoming");
    if (today <= last) return t("acting_serving");
    return a.ended ? t("acting_ended", a.ended.date) : t("acting_finished");
  };
  return h("section", { class: "card", id: "acting" }, h("h2", {}, t("acting")),
    h("ul", { class: "acting" }, list.map((a) =>
      h("li", { class: status(a) === t("acting_serving") ? "current" : "" },
        h("strong", {}, a.name), " (NIP " + a.nip + ") — " + a.post + ", " + a.from + " – " + a.until +
        " · " + t("acting_letter") + " " + a.letter + " · ", h("em", {}, status(a))))));
}

// The cases this one came from (its origin chain, nearest first) and the cases
// it opened, each a link to its own view (GET /api/cases/{id} gives "linked").
function linksCard(c) {
  const l = c.linked || { came_from: [], opened: [] };
  const item = (x) => h("li", { "data-case": x.id },
    h("a", { href: "#/case/" + encodeURIComponent(x.id), class: "case-link" }, x.id), " ",
    h("span", { class: "muted" }, nm(x.workflow) + " · " + nm(x.state) + (x.subject_label ? " · " + x.subject_label : "")));
  const list = (id, cases, extra) => {
    const items = cases.map(item).concat(extra || []);
    return items.length ? h("ul", { class: "links", id }, items) : h("p", { class: "muted", id }, t("no_links"));
  };
  const missing = l.missing_origin ? [h("li", { class: "muted" }, t("missing_origin", l.missing_origin))] : [];
  return h("section", { class: "card", id: "linked" }, h("h2", {}, t("linked")),
    h("h3", {}, t("came_from")), list("came-from", l.came_from, missing),
    l.jobfit_batch ? h("p", { id: "jobfit-batch" }, t("jobfit_batch") + ": " + l.jobfit_batch) : null,
    h("h3", {}, t("opened_cases")), list("opened-cases", l.opened));
}

function diagram(w, state) {
  return h("section", { class: "card", id: "diagram" },
    h("h2", {}, t("diagram") + " — " + w.name),
    h("h3", {}, t("states")),
    h("ul", { class: "states" }, w.states.map((s) =>
      h("li", { class: s === state ? "current" : "" }, nm(s), w.final_states.includes(s) ? " ■" : "", s === state ? " ◀" : ""))),
    h("h3", {}, t("transitions")),
    h("ul", { class: "transitions" }, w.transitions.filter((x) => x.to && !x.internal).map((x) =>
      h("li", {}, nm(x.from) + " → " + nm(x.to) + " (" + nm(x.event) + (x.guard ? "; " + x.guard : "") + ")"))),
    h("details", {}, h("summary", {}, t("mermaid")), h("pre", {}, w.mermaid)));
}

async function caseView(id, notice) {
  show(h("p", { class: "muted" }, t("loading")));
  const [c, hist] = await Promise.all([
    api("GET", "/api/cases/" + encodeURIComponent(id)),
    api("GET", "/api/cases/" + encodeURIComponent(id) + "/history"),
  ]);
  const w = await workflow(c.workflow);
  const o = (c.data && c.data.official) || {};
  const facts = [["workflow", c.workflow], ["nip", o.nip], ["name", o.name], ["grade", o.grade], ["post", o.post],
    ["target", o.target], ["unit", o.unit], ["opened", fmtTime(c.opened_at)],
    ["total", c.data && c.data.total], ["outcome", c.data && c.data.outcome]].filter(([, v]) => v !== undefined && v !== null && v !== "");

  const deadline = h("section", { class: "card", id: "deadline" }, h("h2", {}, t("deadline")),
    c.due_at ? h("p", { class: "deadline" + (c.overdue ? " late" : "") }, fmtTime(c.due_at), " — ", dueBadge(c))
             : h("p", { class: "muted" }, t("no_due")),
    ...(c.calendar || []).map((g) => h("p", { class: "calendar-gap muted" }, t("calendar_gap", g.year, g.status))));

  let actions;
  if (session.role === "auditor") {
    actions = h("section", { class: "card", id: "actions" }, h("h2", {}, t("forms")), h("p", { class: "muted" }, t("auditor_note")));
  } else {
    const specs = c.allowed_events.map((e) => w.events.find((s) => s.name === e) || { name: e, fields: [] });
    actions = h("section", { class: "card", id: "actions" }, h("h2", {}, t("forms")),
      h("p", { class: "success", id: "notice" }, notice || ""),
      specs.length ? specs.map((s) => eventForm(c, s, (msg) => caseView(id, msg).catch(fatal)))
                   : h("p", { class: "muted" }, t("no_forms")));
  }

  show(
    h("p", {}, h("a", { href: "#/" }, t("back"))),
    h("h1", {}, c.id + " — " + (o.name || ""), " ", h("span", { class: "badge", id: "case-state" }, nm(c.state)),
      " ", h("small", { class: "muted" }, t("version") + " " + c.version)),
    h("div", { class: "grid" },
      h("div", {},
        h("section", { class: "card", id: "history" }, h("h2", {}, t("timeline")), timeline(hist.events))),
      h("div", {},
        deadline,
        session.role === "auditor" ? verifyCard() : null,
        actions,
        h("section", { class: "card" }, h("h2", {}, t("facts")),
          h("dl", { class: "facts" }, facts.map(([k, v]) => [h("dt", {}, t(k)), h("dd", {}, nm(String(v)))]))),
        linksCard(c),
        actingCard(c),
        diagram(w, c.state))));
}

// --- routing ------------------------------------------------------------------
function signOut(message) {
  sessionStorage.removeItem("alur.token");
  session = { role: null, verify: null, verifyJob: null };
  workflowCache = {};
  header();
  if (location.hash !== "" && location.hash !== "#/") history.replaceState(null, "", "#/");
  signInView(message);
}

function fatal(e) {
  if (e instanceof ApiError && e.status === 401) return signOut(t("bad_token"));
  show(h("p", {}, h("a", { href: "#/" }, t("back"))), h("p", { class: "error", id: "page-error" }, t("error") + ": " + errorText(e)));
}

async function route() {
  header();
  if (!token()) return signInView();
  const m = location.hash.match(/^#\/case\/(.+)$/);
  try {
    if (m) await caseView(decodeURIComponent(m[1]));
    else await listView();
  } catch (e) {
    fatal(e);
  }
}

window.addEventListener("hashchange", route);
document.addEventListener("DOMContentLoaded", async () => {
  document.getElementById("lang-toggle").addEventListener("click", () => {
    lang = lang === "id" ? "en" : "id";
    localStorage.setItem("alur.lang", lang);
    route();
  });
  document.getElementById("sign-out").addEventListener("click", () => signOut());
  if (token()) {
    try { await detectRole(); } catch (e) { return signOut(t("bad_token")); }
  }
  route();
});
