// The API reference page (/api/docs): reads /openapi.json (generated from
// the server's route table) and shows every route. Indonesian, English
// available (the same choice as the main page: localStorage "alur.lang").
// No inline script or style: the page's Content-Security-Policy forbids them.
"use strict";

const T = {
  id: {
    title: "Referensi API", tagline: "Referensi API",
    switch_lang: "English",
    intro: "Setiap rute yang dijawab server, dibuat dari tabel rute server. Dokumen mesinnya: ",
    intro_errors: "Setiap galat berbentuk sama:",
    intro_auth: "Rute yang perlu masuk menerima token API (Authorization: Bearer …) atau cookie sesi alur_session dari halaman (penulisan juga perlu header X-CSRF-Token).",
    loading: "Memuat /openapi.json …", load_failed: "Dokumen API tidak dapat dimuat: ",
    areas: "Bagian", routes_count: (n) => n + " rute",
    open: "terbuka (tanpa masuk)", signed_in: "perlu masuk", roles: "peran: ",
    parameters: "Parameter", name: "Nama", where: "Letak", type: "Jenis", required: "Wajib", description: "Keterangan",
    yes: "ya", no: "tidak",
    in_path: "jalur", in_query: "kueri", in_header: "header", in_cookie: "cookie",
    request_body: "Isi permintaan", responses: "Jawaban", success: "Berhasil", errors: "Galat",
    status: "Status", media: "Jenis isi", schema: "Skema", error_shape: "bentuk galat bersama (Error)",
    no_params: "Tanpa parameter.", lines: "baris",
  },
  en: {
    title: "API reference", tagline: "API reference",
    switch_lang: "Bahasa Indonesia",
    intro: "Every route the server answers, generated from the server's route table. The machine-readable document: ",
    intro_errors: "Every error has the same shape:",
    intro_auth: "Signed-in routes take an API token (Authorization: Bearer …) or the page's session cookie alur_session (writes also need the X-CSRF-Token header).",
    loading: "Loading /openapi.json …", load_failed: "The API document could not be loaded: ",
    areas: "Areas", routes_count: (n) => n + (n === 1 ? " route" : " routes"),
    open: "open (no sign-in)", signed_in: "signed in", roles: "roles: ",
    parameters: "Parameters", name: "Name", where: "In", type: "Type", required: "Required", description: "Description",
    yes: "yes", no: "no",
    in_path: "path", in_query: "query", in_header: "header", in_cookie: "cookie",
    request_body: "Request body", responses: "Responses", success: "Success", errors: "Errors",
    status: "Status", media: "Media type", schema: "Schema", error_shape: "the shared error shape (Error)",
    no_params: "No parameters.", lines: "lines",
  },
};
const TAGS = {
  id: {
    cases: "Kasus", workflows: "Alur kerja", audit: "Audit", refusals: "Penolakan", roster: "Daftar pegawai",
    jobfit: "Uji kesesuaian", export: "Ekspor", session: "Masuk", auth: "Masuk", docs: "Dokumentasi",
    service: "Layanan", agency: "Instansi", tasks: "Tugas", selection: "Seleksi terbuka", users: "Pengguna",
    corrections: "Koreksi", catalog: "Katalog",
  },
  en: {
    cases: "Cases", workflows: "Workflows", audit: "Audit", refusals: "Refusals", roster: "Roster",
    jobfit: "Job fit", export: "Export", session: "Signing in", auth: "Signing in", docs: "Documentation",
    service: "Service", agency: "Agency", tasks: "Tasks", selection: "Open selection", users: "Users",
    corrections: "Corrections", catalog: "Catalog",
  },
};
// The areas' descriptions in Indonesian (in English: the document's own).
const TAG_DESC = {
  cases: "Kasus: daftar, pencarian, pembukaan, rincian, pengajuan peristiwa",
  workflows: "Alur kerja: status, peristiwa, isian, transisi dan diagram",
  audit: "Auditor: verifikasi rantai hash jurnal", refusals: "Catatan penolakan",
  roster: "Daftar pegawai: telusuri, cari, impor", jobfit: "Batch uji kesesuaian dan laporannya",
  export: "Ekspor jurnal (JSON Lines, CSV, XLSX)", session: "Masuk dan keluar", auth: "Masuk dan keluar",
  docs: "Dokumen ini dan halaman referensi API", service: "Kesehatan, metrik dan halaman web",
};

// What each status means, in Indonesian (in English: the document's own words).
const STATUS_ID = {
  200: "Berhasil", 201: "Dibuat", 202: "Diterima: pekerjaan latar dimulai", 204: "Tanpa isi",
  400: "Masukan tidak sah: pesannya menyebut yang salah (dan `field` isiannya)",
  401: "Belum masuk: tidak ada token atau cookie sesi yang sah",
  403: "Ditolak: peran pemanggil tidak boleh melakukannya (atau token CSRF tidak ada)",
  404: "Tidak ditemukan", 405: "Metode tidak diizinkan (header Allow menyebut metodenya)",
  409: "Bentrok: kasus berubah sementara itu (If-Match) atau sudah ada", 413: "Isi permintaan terlalu besar",
  415: "Jenis isi tidak didukung", 422: "Ditolak aturan alur kerja: pesannya menyebut alasannya",
  429: "Terlalu banyak percobaan: coba lagi nanti", 500: "Galat internal", 503: "Sibuk: coba lagi nanti",
};
const statusText = (status, fallback) => (lang === "id" && STATUS_ID[status]) || fallback || "";

let lang = localStorage.getItem("alur.lang") === "en" ? "en" : "id";
let doc = null;
let failure = null;
const t = (key, ...args) => {
  const v = T[lang][key];
  return typeof v === "function" ? v(...args) : v;
};
const tagName = (tag) => TAGS[lang][tag] || tag.replace(/_/g, " ");

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else el.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/// A JSON pointer "#/components/..." in the document.
function resolve(ref) {
  return ref.replace(/^#\//, "").split("/").reduce((o, k) => (o ? o[k] : undefined), doc);
}

/// A schema as indented JSON; a long one folded (click to open).
function schemaView(schema) {
  const text = JSON.stringify(schema, null, 2);
  const lines = text.split("\n").length;
  if (lines <= 14) return h("pre", {}, text);
  return h("details", {}, h("summary", {}, t("schema") + " (" + lines + " " + t("lines") + ")"), h("pre", {}, text));
}

function schemaBlock(content) {
  return Object.entries(content || {}).map(([media, m]) =>
    h("div", {},
      h("div", { class: "muted" }, t("media"), ": ", h("code", {}, media)),
      m.schema && Object.keys(m.schema).length ? schemaView(m.schema) : null));
}

function paramsTable(params) {
  if (!params || !params.length) return h("p", { class: "muted" }, t("no_params"));
  return h("table", {},
    h("thead", {}, h("tr", {}, ["name", "where", "type", "required", "description"].map((k) => h("th", {}, t(k))))),
    h("tbody", {}, params.map((p) => h("tr", {},
      h("td", {}, h("code", {}, p.name)),
      h("td", {}, t("in_" + p.in) || p.in),
      h("td", {}, (p.schema && p.schema.type) || ""),
      h("td", {}, p.required ? t("yes") : t("no")),
      h("td", {}, p.description || "")))));
}

function operationView(path, method, op) {
  const open = Array.isArray(op.security) && op.security.length === 0;
  const roles = op["x-roles"] || [];
  const statuses = Object.keys(op.responses || {}).sort();
  const ok = statuses.filter((s) => s < "400");
  const bad = statuses.filter((s) => s >= "400");
  const description = (op.description || "").replace(/\n\nRoles: [^\n]*\.$/, "");
  return h("section", { class: "op", id: op.operationId },
    h("div", { class: "op-head" },
      h("span", { class: "method " + method }, method.toUpperCase()),
      h("span", { class: "op-path" }, path),
      h("span", { class: "op-summary" }, op.summary),
      h("span", { class: open ? "badge open" : "badge" }, open ? t("open") : t("signed_in")),
      roles.length ? h("span", { class: "badge role" }, t("roles") + roles.join(", ")) : null),
    description ? h("p", { class: "desc" }, description) : null,
    h("h3", {}, t("parameters")), paramsTable(op.parameters),
    op.requestBody ? [h("h3", {}, t("request_body")), schemaBlock(op.requestBody.content)] : null,
    h("h3", {}, t("responses")),
    h("table", {},
      h("thead", {}, h("tr", {}, h("th", {}, t("status")), h("th", {}, t("description")))),
      h("tbody", {},
        ok.map((s) => h("tr", { class: "ok" }, h("td", {}, s + " · " + t("success")),
          h("td", {}, statusText(s, op.responses[s].description), schemaBlock(op.responses[s].content)))),
        bad.map((s) => {
          const r = op.responses[s].$ref ? resolve(op.responses[s].$ref) || {} : op.responses[s];
          return h("tr", { class: "err" }, h("td", {}, s + " · " + t("errors")),
            h("td", {}, statusText(s, r.description), " ", h("span", { class: "muted" }, "(" + t("error_shape") + ")")));
        }))));
}

function render() {
  document.documentElement.lang = lang;
  document.title = "Alur · " + t("title");
  document.querySelector("[data-t=tagline]").textContent = t("tagline");
  document.getElementById("lang-toggle").textContent = t("switch_lang");
  const main = document.getElementById("docs");
  main.replaceChildren();
  main.append(h("h1", {}, t("title")));
  if (failure) return main.append(h("div", { class: "error" }, t("load_failed") + failure));
  if (!doc) return main.append(h("p", { class: "muted" }, t("loading")));

  // The operations by tag, in the document's order.
  const byTag = new Map((doc.tags || []).map((tag) => [tag.name, []]));
  for (const [path, item] of Object.entries(doc.paths || {}))
    for (const [method, op] of Object.entries(item)) {
      const tag = (op.tags && op.tags[0]) || "service";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push([path, method, op]);
    }
  const total = [...byTag.values()].reduce((n, ops) => n + ops.length, 0);
  const errorSchema = doc.components && doc.components.schemas && doc.components.schemas.Error;
  main.append(h("div", { class: "card docs-intro" },
    h("p", {}, t("intro"), h("a", { href: "/openapi.json" }, "/openapi.json"), " (OpenAPI " + doc.openapi + ", " +
      t("routes_count", total) + ")."),
    h("p", {}, t("intro_auth")),
    h("p", {}, t("intro_errors"), " ", h("code", {}, '{"error": {"code", "message", "field"?}}')),
    errorSchema ? h("details", {}, h("summary", {}, "Error"), h("pre", {}, JSON.stringify(errorSchema, null, 2))) : null,
    h("h2", {}, t("areas")),
    h("ul", { class: "docs-toc" }, [...byTag.entries()].filter(([, ops]) => ops.length).map(([tag, ops]) =>
      h("li", {}, h("a", { href: "#tag-" + tag }, tagName(tag)), " ", h("span", { class: "muted" }, "(" + ops.length + ")"))))));
  for (const [tag, ops] of byTag) {
    if (!ops.length) continue;
    const info = (doc.tags || []).find((x) => x.name === tag);
    main.append(h("div", { class: "card", id: "tag-" + tag },
      h("h2", {}, tagName(tag)),
      (lang === "id" && TAG_DESC[tag]) || (info && info.description)
        ? h("p", { class: "muted" }, (lang === "id" && TAG_DESC[tag]) || info.description) : null,
      ops.map(([path, method, op]) => operationView(path, method, op))));
  }
}

document.getElementById("lang-toggle").addEventListener("click", () => {
  lang = lang === "id" ? "en" : "id";
  localStorage.setItem("alur.lang", lang);
  render();
});
render();
fetch("/openapi.json", { headers: { Accept: "application/json" } })
  .then((r) => (r.ok ? r.json() : Promise.reject(new Error("HTTP " + r.status))))
  .then((d) => { doc = d; render(); })
  .catch((e) => { failure = e.message; render(); });
