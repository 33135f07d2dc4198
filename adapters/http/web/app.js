// Alur: the views of the web page of `alur serve` (an ES module): sign-in,
// the home screen (tasks, overdue cases, the case list), opening a case and
// the case page. Shared helpers come from core.js; ops.js adds more screens.
import {
  h, show, api, ApiError, t, nm, fmtTime, fmtDate, registerView, setHooks, route, go, lang, setLang,
  session, token, setToken, clearSession, signedIn, errorText, loadCatalog, loadAgency, nav, hasLabel,
} from "./core.js";

// The caller's role is not told by the API; the auditor is the role that may verify.
// GET /api/audit/verify starts a background job (202); the page polls the
// job's location and shows the result in the verify card once it is done.

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
    setToken(input.value.trim());
    try {
      await api("GET", "/api/cases?limit=1");
      await detectRole();
      location.hash = "#/";
      route();
    } catch (e) {
      setToken("");
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
    .map(([k, v]) => nm(k) + ": " + (typeof v === "string" && hasLabel(v) ? nm(v) : v)).join(" · ");
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
      choices.map((x) => h("option", { value: x }, hasLabel(x) ? nm(x) + " (" + x + ")" : x)));
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
  clearSession();
  session.verify = null; session.verifyJob = null;
  workflowCache = {};
  header();
  nav();
  if (location.hash !== "" && location.hash !== "#/") history.replaceState(null, "", "#/");
  signInView(message);
}

function fatal(e) {
  if (e instanceof ApiError && e.status === 401) return signOut(t("bad_token"));
  show(h("p", {}, h("a", { href: "#/" }, t("back"))), h("p", { class: "error", id: "page-error" }, t("error") + ": " + errorText(e)));
}

registerView("home", "cases", () => listView());
registerView("case", null, (id) => caseView(id));
setHooks({ signIn: () => signInView(), header, fatal });

window.addEventListener("hashchange", route);
document.addEventListener("DOMContentLoaded", async () => {
  document.getElementById("lang-toggle").addEventListener("click", () => {
    setLang(lang === "id" ? "en" : "id");
    route();
  });
  document.getElementById("sign-out").addEventListener("click", () => signOut());
  if (token()) {
    try { await detectRole(); } catch (e) { return signOut(t("bad_token")); }
  }
  route();
});
