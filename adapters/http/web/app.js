// Alur: the views of the web page of `alur serve` (an ES module): signing in,
// the home screen (the caller's tasks, the overdue cases, the case list),
// opening a case and the case page. Shared helpers come from core.js; ops.js
// adds the roster, job fit, open selection and export screens the same way.
import {
  h, show, api, ApiError, t, nm, hasLabel, fmtTime, fmtDate, fmtDay, parseDate, registerView, setHooks, route, go,
  lang, setLang, session, token, setToken, clearSession, signedIn, errorText, lateText, loadCatalog, loadAgency,
  nav, checkNip, nipParts, today, helpIn,
} from "./core.js";
import "./ops.js";  // the roster, job fit, open selection and export screens

// --- who is signed in -----------------------------------------------------------
function adopt(s, via) {
  Object.assign(session, {
    name: s.name || null, role: s.role || null, unit: s.unit || null,
    csrf: via === "password" ? s.csrf || null : null, expires_at: s.expires_at || null, via,
  });
}

// A password sign-in is resumed from its cookie (GET /api/session); a token
// one from sessionStorage. Servers that do not tell a token's role: the
// auditor is the role that may verify, the admin the one that may read refusals.
async function resume() {
  if (token()) {
    try {
      const s = await api("GET", "/api/session");
      if (s && s.role) return adopt(s, "token");
    } catch (e) { /* older server: found below */ }
    await api("GET", "/api/cases?limit=1");  // 401 for a bad token
    session.via = "token";
    try {
      await api("GET", "/api/audit/verify");
      session.role = "auditor";
    } catch (e) {
      if (e.status === 401) throw e;
      try { await api("GET", "/api/refusals?limit=1"); session.role = "admin"; } catch (e2) { session.role = "ppk"; }
    }
    return;
  }
  try {
    const s = await api("GET", "/api/session");
    if (s && s.role) adopt(s, "password");
  } catch (e) { /* not signed in */ }
}

// --- the journal's verification, for auditors --------------------------------------
// GET /api/audit/verify starts a background job (202); the page polls the
// job's location and shows the result in the verify card once it is done.
const verify = { result: null, job: null };

async function startVerify() {
  try {
    const started = await api("GET", "/api/audit/verify");
    if (!verify.job || verify.job.id !== started.job.id) {
      verify.result = null;
      verify.job = started.job;
      pollVerify(started.job.location);
    }
  } catch (e) {
    verify.result = { failed: errorText(e) };
  }
}

async function pollVerify(location) {
  try {
    for (;;) {
      const r = await api("GET", location);
      if (!verify.job || verify.job.location !== location) return;  // signed out meanwhile
      verify.job = r.job;
      if (r.job.state !== "running") {
        verify.result = r.job.state === "done" ? r : { failed: r.error ? r.error.message : "" };
        break;
      }
      refreshVerifyCard();
      await new Promise((ok) => setTimeout(ok, 500));
    }
  } catch (e) {
    verify.result = { failed: errorText(e) };
  }
  refreshVerifyCard();
}

function refreshVerifyCard() {
  const el = document.getElementById("verify") || document.getElementById("verify-running");
  if (el) el.replaceWith(verifyCard());
}

function verifyCard() {
  const v = verify.result;
  if (!v) {
    const j = verify.job;
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
             (v.problem ? v.problem.case_id + " #" + v.problem.global_seq + " " + nm(v.problem.field) + ": " + v.problem.what : "")),
    h("p", { class: "muted" }, v.events + " " + t("events") + ", " + v.cases + " " + t("cases_n")));
}

// --- the header ---------------------------------------------------------------------
function header() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
  document.getElementById("lang-toggle").textContent = t("switch_lang");
  document.getElementById("sign-out").hidden = !signedIn();
  const who = document.getElementById("who");
  who.textContent = signedIn() && session.role
    ? (session.name ? session.name + " · " : "") + nm(session.role) + (session.unit ? " · " + session.unit : "")
    : "";
}

// --- signing in ------------------------------------------------------------------
function signInView(message) {
  const err = h("p", { class: "error", id: "signin-error", role: "alert" }, message || "");
  const name = h("input", { id: "signin-name", name: "name", autocomplete: "username", required: true });
  const password = h("input", { id: "signin-password", name: "password", type: "password",
    autocomplete: "current-password", required: true });
  const button = h("button", { class: "primary", type: "submit" }, t("sign_in"));
  const form = h("form", { id: "signin", class: "card narrow", onsubmit: async (ev) => {
    ev.preventDefault();
    err.textContent = "";
    button.disabled = true;
    try {
      setToken("");
      const s = await api("POST", "/api/session", { name: name.value.trim(), password: password.value });
      adopt(s, "password");
      await signedInNow();
    } catch (e) {
      password.value = "";
      if (e.status === 401 || e.status === 400) err.textContent = t("bad_password");
      else if (e.status === 429) err.textContent = t("err_429", e.retry_after || 60);
      else if (e.status === 404 || e.status === 405) err.textContent = t("no_password_signin");
      else err.textContent = errorText(e);
      button.disabled = false;
      password.focus();
    }
  } },
  h("h1", {}, t("sign_in")),
  h("label", { for: "signin-name" }, t("user_name")), name,
  h("label", { for: "signin-password" }, t("password")), password,
  err, button);

  const tokenErr = h("p", { class: "error", id: "token-error", role: "alert" });
  const tokenInput = h("input", { id: "token", name: "token", type: "password", autocomplete: "off", required: true });
  const tokenForm = h("form", { id: "token-form", onsubmit: async (ev) => {
    ev.preventDefault();
    tokenErr.textContent = "";
    setToken(tokenInput.value.trim());
    try {
      await resume();
      await signedInNow();
    } catch (e) {
      clearSession();
      tokenErr.textContent = e.status === 401 ? t("bad_token") : errorText(e);
    }
  } },
  h("label", { for: "token" }, t("token")), tokenInput,
  h("p", { class: "muted" }, t("token_help")),
  tokenErr,
  h("button", { class: "primary", type: "submit" }, t("sign_in_token")));
  const other = h("details", { id: "token-signin", class: "card narrow" },
    h("summary", {}, t("token_option")), tokenForm);
  show(form, other);
  name.focus();
}

async function signedInNow() {
  await loadAgency();
  if (session.role === "auditor") startVerify();
  header();
  if (location.hash !== "" && location.hash !== "#/") await route();
  else go("#/");
}

async function signOut(message) {
  if (session.via === "password") {
    try { await api("DELETE", "/api/session"); } catch (e) { /* gone already */ }
  }
  clearSession();
  verify.result = null; verify.job = null;
  workflowCache = {};
  unitCache = null;
  header();
  nav();
  if (location.hash !== "" && location.hash !== "#/") history.replaceState(null, "", "#/");
  signInView(message);
}

function fatal(e) {
  if (e instanceof ApiError && e.status === 401) return signOut(session.via === "password" ? t("session_ended") : t("bad_token"));
  show(h("p", {}, h("a", { href: "#/" }, t("back"))), h("p", { class: "error", id: "page-error" }, errorText(e)));
}

// --- workflows ---------------------------------------------------------------------
let workflowCache = {};
async function workflow(name) {
  if (!workflowCache[name]) workflowCache[name] = api("GET", "/api/workflows/" + encodeURIComponent(name));
  try {
    return await workflowCache[name];
  } catch (e) {
    delete workflowCache[name];
    throw e;
  }
}
let workflowList = null;
async function workflows() {
  if (!workflowList) workflowList = (await api("GET", "/api/workflows")).workflows;
  return workflowList;
}

// Events that many states take (withdrawn, a minister's approval, ...) are
// "other actions"; the rest of a state's events are its own steps.
function stepKinds(w, state) {
  const from = {};
  for (const x of w.transitions) {
    if (w.final_states.includes(x.from)) continue;
    (from[x.event] = from[x.event] || new Set()).add(x.from);
  }
  const general = (e) => (from[e] ? from[e].size : 0) >= 3;
  const forward = (e) => w.transitions.some((x) => x.from === state && x.event === e && !x.internal && x.to !== state);
  return { general, forward };
}

/// The caller's allowed events in workflow order, the state's own steps first.
function orderedEvents(w, c) {
  const order = w.events.map((e) => e.name);
  const allowed = c.allowed_events.slice().sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const { general } = stepKinds(w, c.state);
  return { steps: allowed.filter((e) => !general(e)), other: allowed.filter((e) => general(e)) };
}

/// Who else acts in this state (the events of other roles), for "waiting for".
function waitingFor(w, c) {
  const { general } = stepKinds(w, c.state);
  const events = new Set(w.transitions.filter((x) => x.from === c.state && !x.internal && x.to !== c.state).map((x) => x.event));
  const out = [];
  for (const spec of w.events) {
    if (!events.has(spec.name) || general(spec.name) || c.allowed_events.includes(spec.name)) continue;
    if (!spec.roles.length || spec.roles.includes(session.role)) continue;
    out.push({ event: spec.name, roles: spec.roles });
  }
  return out;
}

// --- small pieces ---------------------------------------------------------------------
function dueBadge(c) {
  if (!c.due_at) return h("span", { class: "muted" }, t("no_due"));
  if (c.overdue) return h("span", { class: "badge late" }, lateText(-(c.working_days_left || 0)));
  return h("span", { class: "badge" }, t("left", c.working_days_left));
}
const caseLink = (id) => h("a", { href: "#/case/" + encodeURIComponent(id), class: "case-link" }, id);
const official = (c) => (c.data && c.data.official) || {};
const subjectOf = (c) => official(c).name || c.subject_label || (c.data && c.data.post) || "";

// A payload value for people: labels for choices, dates as the agency writes them.
function valueText(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? t("yes") : t("no");
  if (typeof v === "number") return lang === "id" ? String(v).replace(".", ",") : String(v);
  const s = String(v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return fmtDate(s);
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d\d:\d\d)$/.test(s)) return fmtTime(s);
  return hasLabel(s) ? nm(s) : s;
}
function payloadText(p) {
  if (!p || typeof p !== "object") return "";
  return Object.entries(p).filter(([, v]) => v !== null && v !== "" && typeof v !== "object")
    .map(([k, v]) => nm(k) + ": " + valueText(v)).join(" · ");
}

// --- home: tasks, overdue cases, the case list ------------------------------------------
const listState = { q: "", workflow: "", state: "", unit: "", overdue: false, sort: "due", cursor: "", back: [] };
let unitCache = null;
const PAGE = 25;

async function units() {
  if (!unitCache) {
    try {
      const all = await api("GET", "/api/cases?limit=1000&sort=id");
      unitCache = [...new Set(all.cases.map((c) => c.unit).filter(Boolean))].sort();
    } catch (e) {
      unitCache = [];
    }
  }
  return unitCache;
}

function taskItems(r) {
  const list = (r && (r.tasks || r.cases)) || [];
  return list.map((x) => ({ c: x.case || x, events: x.events || x.allowed_events || (x.case && x.case.allowed_events) || [] }));
}

function tasksCard(r) {
  if (!r) return h("section", { class: "card", id: "tasks" }, h("h2", {}, t("my_tasks")), h("p", { class: "muted" }, t("tasks_unavailable")));
  const items = taskItems(r);
  const total = typeof r.total === "number" ? r.total : items.length;
  return h("section", { class: "card", id: "tasks" },
    h("h2", {}, t("my_tasks"), " ", h("span", { class: "count", id: "tasks-count" }, String(total))),
    r.unit ? h("p", { class: "muted", id: "tasks-scope" }, t("scope_unit", r.unit)) : null,
    items.length
      ? h("ul", { class: "tasks" }, items.slice(0, 12).map(({ c, events }) =>
          h("li", { class: "task" + (c.overdue ? " overdue" : ""), "data-case": c.id },
            h("div", { class: "task-head" }, caseLink(c.id), " ", h("span", {}, subjectOf(c)), " ", dueBadge(c)),
            h("div", { class: "muted" }, nm(c.workflow) + " · " + nm(c.state)),
            h("div", { class: "chips" }, events.map((e) => h("span", { class: "chip" }, nm(e)))))))
      : h("p", { class: "muted" }, t("no_tasks")),
    items.length > 12 ? h("p", { class: "muted" }, t("more_tasks", items.length - 12)) : null);
}

function overdueCard(r) {
  if (!r) return null;
  const total = typeof r.total === "number" ? r.total : r.cases.length;
  return h("section", { class: "card", id: "overdue" },
    h("h2", {}, t("overdue_cases"), " ", h("span", { class: "count late", id: "overdue-count" }, String(total) + (r.next_cursor && typeof r.total !== "number" ? "+" : ""))),
    session.unit ? h("p", { class: "muted", id: "overdue-scope" }, t("scope_unit", session.unit)) : null,
    r.cases.length
      ? h("ul", { class: "tasks" }, r.cases.map((c) =>
          h("li", { class: "task overdue", "data-case": c.id },
            h("div", { class: "task-head" }, caseLink(c.id), " ", h("span", {}, subjectOf(c)), " ", dueBadge(c)),
            h("div", { class: "muted" }, nm(c.workflow) + " · " + nm(c.state) + (c.unit ? " · " + c.unit : "")))))
      : h("p", { class: "muted" }, t("no_overdue")),
    total > r.cases.length ? h("button", { type: "button", class: "link-button", onclick: () => {
      Object.assign(listState, { overdue: true, unit: session.unit || listState.unit, cursor: "", back: [] });
      homeView();
    } }, t("show_all_overdue")) : null);
}

async function homeView() {
  show(h("p", { class: "muted" }, t("loading")));
  const [wfs, tasks, overdue, unitList] = await Promise.all([
    workflows(),
    session.role === "auditor" ? Promise.resolve(undefined) : api("GET", "/api/tasks").catch((e) => { if (e.status === 401) throw e; return null; }),
    api("GET", "/api/cases?overdue=true&sort=due&limit=5" + (session.unit ? "&unit=" + encodeURIComponent(session.unit) : "")).catch((e) => { if (e.status === 401) throw e; return null; }),
    units(),
  ]);
  const stateNames = listState.workflow ? (await workflow(listState.workflow)).states : [];
  if (!stateNames.includes(listState.state)) listState.state = "";

  const listHolder = h("div", { id: "list-holder" });
  const refresh = () => { listState.cursor = ""; listState.back = []; return renderList(listHolder).catch(fatal); };

  const q = h("input", { id: "filter-q", name: "q", type: "search", placeholder: t("search_help"), value: listState.q });
  let timer = null;
  q.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => { listState.q = q.value.trim(); refresh(); }, 300);
  });
  const wfSel = h("select", { id: "filter-workflow", name: "workflow" },
    h("option", { value: "" }, t("all")), wfs.map((w) => h("option", { value: w.name }, nm(w.name))));
  wfSel.value = listState.workflow;
  const stateSel = h("select", { id: "filter-state", name: "state" },
    h("option", { value: "" }, listState.workflow ? t("all") : t("all_states")),
    await allStates(wfs, stateNames));
  stateSel.value = listState.state;
  const unitSel = h("select", { id: "filter-unit", name: "unit" },
    h("option", { value: "" }, t("all")), unitList.map((u) => h("option", { value: u }, u)));
  unitSel.value = listState.unit;
  const overdueBox = h("input", { id: "filter-overdue", name: "overdue", type: "checkbox", checked: listState.overdue });
  const sortSel = h("select", { id: "sort", name: "sort" },
    [["due", "sort_due"], ["-updated", "sort_updated"], ["-opened", "sort_opened_new"], ["opened", "sort_opened_old"], ["id", "sort_id"]]
      .map(([v, k]) => h("option", { value: v }, t(k))));
  sortSel.value = listState.sort;

  wfSel.addEventListener("change", () => { listState.workflow = wfSel.value; listState.state = ""; listState.cursor = ""; listState.back = []; homeView().catch(fatal); });
  stateSel.addEventListener("change", () => { listState.state = stateSel.value; refresh(); });
  unitSel.addEventListener("change", () => { listState.unit = unitSel.value; refresh(); });
  overdueBox.addEventListener("change", () => { listState.overdue = overdueBox.checked; refresh(); });
  sortSel.addEventListener("change", () => { listState.sort = sortSel.value; refresh(); });

  const children = [
    h("h1", {}, t("home_title")),
    h("div", { class: "home-top" },
      tasks === undefined ? null : tasksCard(tasks),
      overdueCard(overdue)),
    h("h2", { class: "section-title" }, t("cases")),
    h("form", { class: "card filters", id: "filters", onsubmit: (ev) => { ev.preventDefault(); listState.q = q.value.trim(); refresh(); } },
      h("div", { class: "grow" }, h("label", { for: "filter-q" }, t("search")), q),
      h("div", {}, h("label", { for: "filter-workflow" }, t("workflow")), wfSel),
      h("div", {}, h("label", { for: "filter-state" }, t("filter_state")), stateSel),
      h("div", {}, h("label", { for: "filter-unit" }, t("filter_unit")), unitSel),
      h("div", {}, h("label", { for: "sort" }, t("sort")), sortSel),
      h("div", { class: "check" }, overdueBox, h("label", { for: "filter-overdue" }, t("only_overdue")))),
    listHolder,
  ];
  if (session.role === "auditor") children.push(verifyCard());
  show(...children);
  await renderList(listHolder);
}

// The state filter: the chosen workflow's states; without one, every state of
// every workflow (grouped by workflow), so a state can still be picked.
async function allStates(wfs, stateNames) {
  if (listState.workflow) return stateNames.map((s) => h("option", { value: s }, nm(s)));
  const seen = new Set();
  const out = [];
  for (const w of wfs) {
    const spec = await workflow(w.name);
    const opts = spec.states.filter((s) => !seen.has(s)).map((s) => { seen.add(s); return h("option", { value: s }, nm(s)); });
    if (opts.length) out.push(h("optgroup", { label: nm(w.name) }, opts));
  }
  return out;
}

async function renderList(holder) {
  holder.setAttribute("data-loading", "");  // tests wait for it to go
  const q = new URLSearchParams({ sort: listState.sort, limit: String(PAGE) });
  for (const k of ["q", "workflow", "state", "unit"]) if (listState[k]) q.set(k, listState[k]);
  if (listState.overdue) q.set("overdue", "true");
  if (listState.cursor) q.set("cursor", listState.cursor);
  const list = await api("GET", "/api/cases?" + q);
  const first = listState.back.length * PAGE + 1;
  const last = first + list.cases.length - 1;
  const count = typeof list.total === "number"
    ? (list.cases.length ? t("showing_of", first, last, list.total) : t("n_cases", 0))
    : (list.cases.length ? t("showing", first, last) : t("n_cases", 0));
  const label = (k) => ({ "data-label": t(k) });
  const rows = list.cases.map((c) =>
    h("tr", { class: c.overdue ? "overdue" : "", "data-case": c.id },
      h("td", label("case_id"), caseLink(c.id), h("div", { class: "muted" }, nm(c.workflow))),
      h("td", label("official"), subjectOf(c), h("div", { class: "muted" }, official(c).post || "")),
      h("td", label("unit"), c.unit || ""),
      h("td", label("state"), h("span", { class: "badge" + (c.due_at ? "" : " final") }, nm(c.state))),
      h("td", label("due"), c.due_at ? h("span", { class: "due-at" }, fmtTime(c.due_at)) : "", " ", dueBadge(c)),
      h("td", Object.assign({ class: "muted" }, label("updated")), fmtTime(c.updated_at))));
  const prev = h("button", { type: "button", id: "page-prev", class: "secondary", disabled: !listState.back.length, onclick: () => {
    listState.cursor = listState.back.pop() || "";
    renderList(holder).catch(fatal);
  } }, t("prev_page"));
  const next = h("button", { type: "button", id: "page-next", class: "secondary", disabled: !list.next_cursor, onclick: () => {
    listState.back.push(listState.cursor);
    listState.cursor = list.next_cursor;
    renderList(holder).catch(fatal);
  } }, t("next_page"));
  holder.replaceChildren(h("div", { class: "card list-card" },
    h("p", { class: "list-count", id: "case-count" }, count),
    rows.length
      ? h("table", { id: "cases", class: "cases" },
          h("thead", {}, h("tr", {}, ["case_id", "official", "unit", "state", "due", "updated"].map((x) => h("th", {}, t(x))))),
          h("tbody", {}, rows))
      : h("p", { class: "muted" }, t("no_cases")),
    h("div", { class: "pager" }, prev, h("span", { class: "muted" }, t("page_n", listState.back.length + 1)), next)));
  holder.removeAttribute("data-loading");
}

// The workflow's help texts are English: shown in the page's language from the
// catalog's help table (nothing when it has no row for a text).
const helpText = (x) => helpIn(x.help);

// --- form fields ---------------------------------------------------------------------
let fieldSeq = 0;
// One input for a payload field: a choice is a select, a date a DD/MM/YYYY
// text input (sent as ISO), a number a number input, a NIP checked as typed.
function fieldInput(f, c, value) {
  const id = "f-" + (++fieldSeq);
  const common = { id, name: f.name, required: f.required, "aria-describedby": id + "-note" };
  let input;
  const weights = c && c.data && c.data.scoring_profile && c.data.scoring_profile.weights;
  const choices = f.choices || (f.name === "component" && weights ? Object.keys(weights) : null);
  const note = h("p", { class: "field-note", id: id + "-note" });
  if (choices) {
    input = h("select", common, h("option", { value: "" }, t("choose")),
      choices.map((x) => h("option", { value: x }, hasLabel(x) ? nm(x) : x)));
  } else if (f.type === "date") {
    input = h("input", Object.assign({ type: "text", inputmode: "numeric", placeholder: t("date_placeholder"),
      autocomplete: "off", class: "date-input" }, common));
    // Checked as typed, never on leaving the field: a message appearing on blur
    // would move the button under a click that is on its way.
    input.addEventListener("input", () => {
      const v = input.value.trim();
      const wrong = v.length >= 8 && !parseDate(v);
      input.setCustomValidity(wrong ? t("bad_date") : "");
      note.textContent = wrong ? t("bad_date") : "";
      note.className = "field-note" + (wrong ? " bad" : "");
    });
  } else if (f.type === "number" || f.type === "integer") {
    input = h("input", Object.assign({ type: "number", inputmode: "decimal", step: f.type === "integer" ? "1" : "any",
      min: f.min !== undefined ? f.min : null, max: f.max !== undefined ? f.max : null }, common));
  } else if (f.type === "boolean") {
    input = h("select", common, h("option", { value: "" }, t("choose")), h("option", { value: "true" }, t("yes")), h("option", { value: "false" }, t("no")));
  } else {
    input = h("input", Object.assign({ type: "text" }, common));
  }
  if (f.name === "nip" && f.type === "string") nipInput(input, note);
  input.dataset.type = f.type;
  if (value !== undefined && value !== null) input.value = f.type === "date" ? fmtDate(value) : String(value);
  const range = f.min !== undefined && f.max !== undefined ? t("range", valueText(f.min), valueText(f.max)) : "";
  return h("div", { class: "field", "data-field": f.name },
    h("label", { for: id }, nm(f.name), " ", h("small", {}, f.required ? t("required") : t("optional"))),
    input,
    helpText(f) || range ? h("p", { class: "help" }, [helpText(f), range].filter(Boolean).join(" · ")) : null,
    note);
}

// The NIP as typed: its four parts shown, the wrong one marked and named.
function nipInput(input, note) {
  input.setAttribute("inputmode", "numeric");
  input.setAttribute("maxlength", "18");
  input.setAttribute("autocomplete", "off");
  input.classList.add("nip-input");
  const check = (final) => {
    const v = input.value.trim();
    const r = checkNip(v, final);
    input.setCustomValidity(r.problem && (final || r.hard) ? r.text : "");
    note.className = "field-note nip-note" + (r.problem && (final || r.hard) ? " bad" : r.problem ? "" : " ok");
    note.replaceChildren(...(v ? [nipParts(v, r.part), h("span", { class: "nip-text" }, r.problem ? r.text : r.summary)] : []));
  };
  input.addEventListener("input", () => check(false));
}

// The payload of a form: numbers as numbers, dates as ISO; null and a message when one is wrong.
function readPayload(form) {
  const payload = {};
  for (const el of form.querySelectorAll("[data-type]")) {
    const v = el.value.trim();
    if (v === "") continue;
    const type = el.dataset.type;
    if (type === "date") {
      const iso = parseDate(v);
      if (!iso) return { error: nm(el.name) + ": " + t("bad_date"), el };
      payload[el.name] = iso;
    } else if (type === "number" || type === "integer") payload[el.name] = Number(v);
    else if (type === "boolean") payload[el.name] = v === "true";
    else payload[el.name] = v;
  }
  for (const el of form.querySelectorAll(".nip-input")) {
    const r = checkNip(el.value.trim(), true);
    if (el.value.trim() && r.problem) return { error: r.text, el };
  }
  return { payload };
}

// --- opening a case --------------------------------------------------------------------
async function openView(arg) {
  show(h("p", { class: "muted" }, t("loading")));
  const wfs = await workflows();
  const chosen = arg && wfs.some((w) => w.name === arg) ? arg : (wfs.some((w) => w.name === "mutation") ? "mutation" : wfs[0].name);
  const w = await workflow(chosen);
  const wfChoice = wfs.find((x) => x.name === chosen);
  const spec = w.events.find((e) => e.name === (wfChoice.open_event || "opened")) || { fields: [] };
  const sel = h("select", { id: "open-workflow", name: "workflow" }, wfs.map((x) => h("option", { value: x.name }, nm(x.name))));
  sel.value = chosen;
  sel.addEventListener("change", () => go("#/open/" + encodeURIComponent(sel.value)));
  const fields = spec.fields.filter((f) => !f.derived && f.type !== "object");
  const err = h("p", { class: "error", id: "open-error", role: "alert" });
  const reason = h("textarea", { id: "open-reason", name: "reason", class: "event-reason" });
  const button = h("button", { class: "primary", type: "submit" }, t("open_submit"));
  const form = h("form", { class: "card event-form open-form", id: "open-form", "data-workflow": chosen, novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    err.textContent = "";
    const { payload, error, el } = readPayload(form);
    if (error) { err.textContent = error; if (el) el.focus(); return; }
    const missing = fields.find((f) => f.required && payload[f.name] === undefined);
    if (missing) {
      err.textContent = t("missing_field", nm(missing.name));
      const m = form.querySelector('[name="' + missing.name + '"]');
      if (m) m.focus();
      return;
    }
    button.disabled = true;
    try {
      const body = Object.assign({ workflow: chosen }, payload);
      if (reason.value.trim()) body.reason = reason.value.trim();
      const r = await api("POST", "/api/cases", body, { "Idempotency-Key": newKey() });
      pendingNotice = t("opened_notice", r.id);
      go("#/case/" + encodeURIComponent(r.id));
    } catch (e) {
      if (e.status === 401) return fatal(e);
      err.textContent = errorText(e);
      button.disabled = false;
    }
  } },
  h("h2", {}, t("open_form_title", nm(chosen))),
  helpText(spec) ? h("p", { class: "muted" }, helpText(spec)) : null,
  h("div", { class: "fields" }, fields.map((f) => fieldInput(f, null))),
  h("label", { for: "open-reason" }, t("reason"), " ", h("small", {}, t("optional"))), reason,
  err, button);
  form.addEventListener("input", () => { err.textContent = ""; });
  show(h("h1", {}, t("open_case")),
    h("div", { class: "card filters" }, h("div", {}, h("label", { for: "open-workflow" }, t("workflow")), sel)),
    form);
}

const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
let pendingNotice = "";

// --- the case page ---------------------------------------------------------------------
// The decision forms of the PPK are prefilled with the proposed post.
function prefill(spec, c) {
  const o = official(c);
  const out = {};
  if (/decided|reviewed|chose/.test(spec.name) && spec.roles.includes("ppk")) {
    if (o.target) for (const k of ["post", "target_post"]) if (spec.fields.some((f) => f.name === k)) out[k] = o.target;
    if (c.data && c.data.target_unit && spec.fields.some((f) => f.name === "target_unit")) out.target_unit = c.data.target_unit;
  }
  return out;
}

function scoreBox(c) {
  const d = c.data || {};
  if (d.total === undefined && !d.scores) return null;
  const weights = (d.scoring_profile && d.scoring_profile.weights) || {};
  return h("div", { class: "score-box", id: "score-box" },
    h("div", { class: "score-total" }, h("span", { class: "muted" }, t("total")), " ",
      h("strong", { id: "score-total" }, valueText(d.total)),
      d.outcome ? [" · ", h("span", { class: "muted" }, t("outcome")), " ", h("strong", {}, nm(d.outcome))] : null),
    d.scores ? h("ul", { class: "scores" }, Object.entries(d.scores).map(([k, v]) =>
      h("li", {}, nm(k) + ": " + valueText(v) + (weights[k] !== undefined ? " (" + t("weight") + " " + weights[k] + "%)" : "")))) : null);
}

function eventForm(c, spec, onDone, opts) {
  const fields = (spec ? spec.fields : []).filter((f) => !f.derived && f.type !== "object");
  const values = prefill(spec, c);
  const err = h("p", { class: "error", role: "alert" });
  const reasonId = "r-" + spec.name;
  const button = h("button", { class: "primary", type: "submit" }, t("submit") + ": " + nm(spec.name));
  const decision = spec.roles.includes("ppk") && /decided|reviewed|chose/.test(spec.name);
  const form = h("form", { class: "event-form" + (opts.next ? " next" : ""), "data-event": spec.name, novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    err.textContent = "";
    const { payload, error, el } = readPayload(form);
    if (error) { err.textContent = error; if (el) el.focus(); return; }
    const reason = form.querySelector(".event-reason").value.trim();
    if (!reason) { err.textContent = t("missing_field", t("reason")); form.querySelector(".event-reason").focus(); return; }
    button.disabled = true;
    try {
      await api("POST", "/api/cases/" + encodeURIComponent(c.id) + "/events",
        { event: spec.name, payload, reason },
        { "Idempotency-Key": newKey(), "If-Match": String(c.version) });
      onDone(t("submitted", nm(spec.name)));
    } catch (e) {
      if (e.status === 401) return fatal(e);
      err.textContent = t("refused") + " — " + errorText(e, { event: spec.name, state: c.state, next: opts.next_events });
      button.disabled = false;
    }
  } },
  decision ? scoreBox(c) : null,
  helpText(spec) ? h("p", { class: "muted" }, helpText(spec)) : null,
  h("div", { class: "fields" }, fields.map((f) => fieldInput(f, c, values[f.name]))),
  h("label", { for: reasonId }, t("reason"), " ", h("small", {}, t("required"))),
  h("textarea", { id: reasonId, class: "event-reason", required: true }),
  err, button);
  return h("details", { class: "event-details" + (opts.next ? " next" : ""), "data-event": spec.name, open: opts.open },
    h("summary", {}, opts.next ? h("span", { class: "next-tag" }, t("next_step")) : null, " ", nm(spec.name)), form);
}

function actionsCard(c, w, onDone) {
  if (session.role === "auditor")
    return h("section", { class: "card", id: "actions" }, h("h2", {}, t("forms")), h("p", { class: "muted" }, t("auditor_note")));
  const { steps, other } = orderedEvents(w, c);
  const spec = (e) => w.events.find((s) => s.name === e) || { name: e, fields: [], roles: [] };
  const waiting = waitingFor(w, c);
  const list = steps.concat(other);
  // The next step is the caller's when one of their steps moves the case on, or
  // nobody else's does; else the case waits for another role and none is highlighted.
  const { forward } = stepKinds(w, c.state);
  const first = steps.some(forward) || !waiting.length ? 0 : -1;
  return h("section", { class: "card", id: "actions" },
    h("h2", {}, t("forms")),
    h("p", { class: "success", id: "notice" }, pendingNotice || ""),
    list.length ? h("ol", { class: "next-steps", id: "next-steps" }, steps.map((e, i) =>
      h("li", { class: i === first ? "next" : "", "data-event": e }, nm(e), i === first ? h("span", { class: "next-tag" }, t("next_step")) : null))) : null,
    waiting.length ? h("p", { class: "waiting", id: "waiting" }, t("waiting_for", waiting.map((x) => nm(x.event) + " (" + x.roles.map((r) => nm(r)).join(", ") + ")").join("; "))) : null,
    steps.map((e, i) => eventForm(c, spec(e), onDone, { next: i === first, open: i === first, next_events: steps })),
    other.length ? h("h3", { class: "other-title" }, t("other_actions")) : null,
    other.map((e) => eventForm(c, spec(e), onDone, { next: false, open: false })),
    !list.length ? h("p", { class: "muted" }, t("no_forms")) : null);
}

// An event in plain language: the reminder and escalation of a deadline as
// sentences, a correction naming what it corrects, the rest with their labels.
function eventSentence(e) {
  const p = e.payload || {};
  if (e.name === "reminder_due") {
    const n = p.working_days_left;
    return t("reminder_sent", fmtDay(p.due_at), n === undefined ? "" : n >= 0 ? t("left", n) : lateText(-n));
  }
  if (e.name === "deadline_passed") {
    const n = p.working_days_left;
    return t("escalation_sent", fmtDay(p.due_at), n === undefined ? "" : lateText(-n));
  }
  return null;
}

function correctionText(x) {
  return nm(x.field) + " = " + valueText(x.value);
}

function timeline(events, auditor) {
  const bySeq = new Map(events.map((e) => [e.seq, e]));
  const corrections = new Map();
  for (const e of events)
    if (e.name === "corrected" && e.payload) {
      const of = Number(e.payload.of);
      if (!corrections.has(of)) corrections.set(of, []);
      corrections.get(of).push(e);
    }
  const item = (e) => {
    const sentence = eventSentence(e);
    const p = e.payload || {};
    let body = null;
    if (e.name === "corrected") {
      const target = bySeq.get(Number(p.of));
      body = h("div", { class: "ev-payload" }, t("correction_of", "#" + p.of + (target ? " " + nm(target.name) : "")) + ": " +
        correctionText(p) + (p.reason ? " — " + p.reason : ""));
    } else if (!sentence && payloadText(p)) {
      body = h("div", { class: "ev-payload" }, payloadText(p));
    }
    const fixes = corrections.get(e.seq) || [];
    const side = fixes.length ? h("div", { class: "corrections", "data-corrected": String(e.seq) },
      fixes.map((f) => h("div", { class: "side-by-side" },
        h("div", { class: "was" }, h("div", { class: "muted" }, t("original")), nm(f.payload.field) + " = " + valueText(p[f.payload.field])),
        h("div", { class: "now" }, h("div", { class: "muted" }, t("corrected_by", "#" + f.seq, f.actor, fmtTime(f.occurred_at))),
          correctionText(f.payload), f.payload.reason ? h("div", { class: "ev-reason" }, f.payload.reason) : null)))) : null;
    return h("li", { class: "event" + (e.role === "system" ? " system" : "") + (fixes.length ? " has-corrections" : ""), "data-event": e.name, "data-seq": e.seq },
      h("div", {}, h("span", { class: "ev-name" }, sentence || nm(e.name)), " ", h("span", { class: "muted" }, "#" + e.seq)),
      h("div", { class: "ev-meta" },
        e.role === "system" ? t("by_system") : [t("actor") + " ", h("strong", { class: "ev-actor" }, e.actor), " · ",
          h("span", { class: "ev-role" }, nm(e.role))],
        " · ", h("time", { datetime: e.occurred_at }, fmtTime(e.occurred_at))),
      e.reason && e.role !== "system" ? h("div", { class: "ev-reason" }, t("reason") + ": " + e.reason) : null,
      body, side,
      auditor ? h("div", { class: "ev-audit" },
        h("div", {}, t("recorded_at") + " " + fmtTime(e.recorded_at) + " " + t("recorded_by") + " ", h("strong", { class: "ev-recorded-by" }, e.recorded_by || e.actor)),
        h("div", {}, t("hash") + " ", h("code", { class: "ev-hash" }, e.hash)),
        h("div", { class: "muted" }, t("prev_hash") + " ", h("code", {}, e.prev_hash))) : null);
  };
  return h("ol", { class: "timeline", id: "timeline" }, events.slice().reverse().map(item));
}

function refusalsCard(r) {
  if (!r) return null;
  const list = r.refusals || [];
  return h("section", { class: "card", id: "refusals" },
    h("h2", {}, t("refusals"), " ", h("span", { class: "count" }, String(list.length))),
    list.length ? h("ul", { class: "refusals" }, list.slice().reverse().map((x) =>
      h("li", { "data-seq": x.seq },
        h("div", { class: "refusal-text" }, errorText(new ApiError(422, x.code, x.message, x.field, x.refusal), { event: x.event })),
        h("div", { class: "ev-meta" }, t("actor") + " " + x.actor + " · " + nm(x.role) + " · " + fmtTime(x.at)),
        session.role === "auditor" ? h("div", { class: "ev-audit" }, t("hash") + " ", h("code", {}, x.hash)) : null)))
      : h("p", { class: "muted" }, t("no_refusals")));
}

// The state diagram: the server's SVG (drawn from the transition table) inlined,
// the current state's node marked; the states as a list when there is none.
async function diagramCard(w, state) {
  const card = h("section", { class: "card", id: "diagram" }, h("h2", {}, t("diagram") + " — " + nm(w.name)));
  try {
    const res = await fetch("/api/workflows/" + encodeURIComponent(w.name) + "/diagram.svg",
      { credentials: "same-origin", headers: token() ? { Authorization: "Bearer " + token() } : {} });
    if (!res.ok) throw new Error(String(res.status));
    const doc = new DOMParser().parseFromString(await res.text(), "image/svg+xml");
    const svg = doc.documentElement;
    if (svg.nodeName !== "svg") throw new Error("not svg");
    svg.querySelectorAll("script, foreignObject").forEach((x) => x.remove());
    for (const el of svg.querySelectorAll("*"))
      for (const a of [...el.attributes]) if (/^on/i.test(a.name) || a.name === "style") el.removeAttribute(a.name);
    svg.removeAttribute("style");
    for (const g of svg.querySelectorAll("g.node")) {
      const title = g.querySelector("title");
      const name = title ? title.textContent.trim() : "";
      g.dataset.state = name;
      if (name === state) g.classList.add("current");
      if (w.final_states.includes(name)) g.classList.add("final");
    }
    // Guards ("[all_records_present]") are the engine's names: left out; titles are tooltips.
    for (const x of svg.querySelectorAll("g.edge text")) if (/^\[.*\]$/.test(x.textContent.trim())) x.remove();
    for (const x of svg.querySelectorAll("title")) x.remove();
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", t("diagram") + ": " + nm(state));
    const shown = document.importNode(svg, true);
    card.append(h("div", { class: "diagram-svg" }, shown), h("p", { class: "muted" }, t("diagram_current", nm(state))));
    requestAnimationFrame(() => labelDiagram(shown, w));
  } catch (e) {
    card.append(h("ul", { class: "states" }, w.states.map((s) =>
      h("li", { class: s === state ? "current" : "" }, nm(s), w.final_states.includes(s) ? " ■" : "", s === state ? " ◀" : ""))));
  }
  return card;
}

// The diagram's states and events in the page's language, each label kept
// within the room its English name had (its node's box for a state).
function labelDiagram(svg, w) {
  if (!svg.isConnected) return;
  const names = new Set(w.states.concat(w.events.map((e) => e.name)));
  for (const x of svg.querySelectorAll("text")) {
    const name = x.textContent.trim();
    if (!names.has(name) || !hasLabel(name)) continue;
    const before = x.getComputedTextLength();
    const node = x.closest("g.node");
    const box = node && node.querySelector("path, polygon, ellipse");
    const room = box ? box.getBBox().width - 8 : before * 1.15;
    x.textContent = nm(name);
    if (x.getComputedTextLength() > room && room > 0) {
      x.setAttribute("textLength", String(room));
      x.setAttribute("lengthAdjust", "spacingAndGlyphs");
    }
  }
}

// The acting officials (Plt) recorded on a case (data.acting), each with where
// it stands today in the agency's zone.
function actingCard(c, today) {
  const list = (c.data && Array.isArray(c.data.acting)) ? c.data.acting : [];
  if (!list.length) return null;
  const status = (a) => {
    const last = a.ended ? a.ended.date : a.until;
    if (today < a.from) return t("acting_upcoming");
    if (today <= last) return t("acting_serving");
    return a.ended ? t("acting_ended", fmtDate(a.ended.date)) : t("acting_finished");
  };
  return h("section", { class: "card", id: "acting" }, h("h2", {}, t("acting")),
    h("ul", { class: "acting" }, list.map((a) =>
      h("li", { class: status(a) === t("acting_serving") ? "current" : "" },
        h("strong", {}, a.name), " (NIP " + a.nip + ") — " + a.post + ", " + fmtDate(a.from) + " – " + fmtDate(a.until) +
        " · " + t("acting_letter") + " " + a.letter + " · ", h("em", {}, status(a))))));
}

// The cases this one came from (its origin chain, nearest first) and the cases
// it opened, each a link to its own view (GET /api/cases/{id} gives "linked").
function linksCard(c) {
  const l = c.linked || { came_from: [], opened: [] };
  const item = (x) => h("li", { "data-case": x.id }, caseLink(x.id), " ",
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

function factsCard(c) {
  const o = official(c);
  const d = c.data || {};
  const rows = [["workflow", nm(c.workflow)], ["nip", o.nip], ["name", o.name], ["grade", o.grade && nm(o.grade)],
    ["post", o.post || (typeof d.post === "string" ? d.post : undefined)], ["target", o.target],
    ["unit", o.unit || c.unit], ["inaugurated_at", o.inaugurated_at && fmtDate(o.inaugurated_at)],
    ["opened", fmtTime(c.opened_at)], ["total", d.total !== undefined ? valueText(d.total) : undefined],
    ["outcome", d.outcome && nm(d.outcome)]].filter(([, v]) => v !== undefined && v !== null && v !== "");
  return h("section", { class: "card", id: "facts" }, h("h2", {}, t("facts")),
    h("dl", { class: "facts" }, rows.map(([k, v]) => [h("dt", {}, hasLabel(k) && !["nip", "name", "post", "unit", "target", "total", "outcome", "workflow", "opened", "grade"].includes(k) ? nm(k) : t(k)), h("dd", {}, String(v))])));
}

async function caseView(id) {
  show(h("p", { class: "muted" }, t("loading")));
  const auditor = session.role === "auditor";
  const [c, hist, refusals] = await Promise.all([
    api("GET", "/api/cases/" + encodeURIComponent(id)),
    api("GET", "/api/cases/" + encodeURIComponent(id) + "/history"),
    auditor || session.role === "admin"
      ? api("GET", "/api/refusals?case=" + encodeURIComponent(id)).catch((e) => { if (e.status === 401) throw e; return null; })
      : Promise.resolve(null),
  ]);
  const w = await workflow(c.workflow);
  const diagram = await diagramCard(w, c.state);
  const deadline = h("section", { class: "card", id: "deadline" }, h("h2", {}, t("deadline")),
    c.due_at ? h("p", { class: "deadline" + (c.overdue ? " late" : "") }, h("span", { class: "due-at" }, fmtTime(c.due_at)), " — ", dueBadge(c))
             : h("p", { class: "muted" }, t("no_due")),
    ...(c.calendar || []).map((g) => h("p", { class: "calendar-gap muted" }, t(g.status === "provisional" ? "calendar_gap_provisional" : "calendar_gap", g.year))));
  const actions = actionsCard(c, w, (msg) => { pendingNotice = msg; caseView(id).catch(fatal); });
  pendingNotice = "";
  show(
    h("p", {}, h("a", { href: "#/" }, t("back"))),
    h("h1", {}, c.id + (subjectOf(c) ? " — " + subjectOf(c) : ""), " ", h("span", { class: "badge", id: "case-state" }, nm(c.state)),
      " ", h("small", { class: "muted", id: "case-version", "data-version": c.version }, t("version") + " " + c.version)),
    h("div", { class: "grid" },
      h("div", {},
        actions,
        h("section", { class: "card", id: "history" }, h("h2", {}, t("timeline")), timeline(hist.events, auditor)),
        auditor || session.role === "admin" ? refusalsCard(refusals) : null),
      h("div", {},
        deadline,
        auditor ? verifyCard() : null,
        factsCard(c),
        linksCard(c),
        actingCard(c, today()))),
    diagram);
}

// --- start -------------------------------------------------------------------------
registerView("home", "home", () => homeView(), { order: 0 });
registerView("open", "open_case", (arg) => openView(arg), { roles: ["admin"], order: 1 });
registerView("case", null, (id) => caseView(id));
setHooks({ signIn: () => signInView(), header, fatal });

window.addEventListener("hashchange", route);
document.addEventListener("DOMContentLoaded", async () => {
  document.getElementById("lang-toggle").addEventListener("click", async () => {
    setLang(lang === "id" ? "en" : "id");
    await loadCatalog(lang);
    route();
  });
  document.getElementById("sign-out").addEventListener("click", () => signOut());
  await Promise.all([loadCatalog(lang), loadCatalog("id")]);
  try {
    await resume();
  } catch (e) {
    clearSession();
    return signOut(t("bad_token"));
  }
  if (signedIn()) {
    await loadAgency();
    if (session.role === "auditor") startVerify();
  }
  route();
});
