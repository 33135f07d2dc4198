// The whole job from the browser, as the three kinds of user do it, in real
// headless Chromium (playwright-core):
//
//   node tests/browser/flow_test.mjs [PATH_TO_ALUR]     (default: build/bin/alur)
//
// A WIB agency: an administrator, a PPK and an auditor (`alur user add NAME
// --role ROLE`, the password on standard input; API tokens where this build
// has no `alur user`). The administrator signs in with a password (a wrong one
// first: "Nama atau kata sandi salah"), opens a mutation case from the page
// (a NIP with a wrong appointment month is caught as typed, naming the part),
// and takes it through record gathering, the field visit and scoring to the
// PPK's decision, one form at a time, the next step highlighted; a refusal
// reads as a sentence. The PPK signs in, finds the case in their tasks, and
// decides with the form prefilled with the proposed post and the score shown.
// A score is corrected (POST .../events `corrected`, as `alur advance CASE
// corrected of= field= value= reason=`); the auditor signs in and sees each
// event's hash and the correction beside the original. The list and the case
// at 390 px wide: cards, no horizontal scrolling. Times: a case opened at 09:00
// local shows 09.00 WIB here and 09.00 WITA on a second server for a WITA
// agency, though the browser's own zone is New York. Screenshots:
// build/browser/flow-*.png. Exits non-zero on any failure; the servers (the
// PIDs this script started) are stopped at the end.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { agency, launch, check, addUser, signIn } from "./harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const alur = path.resolve(process.argv[2] || path.join(root, "build", "bin", "alur"));
const shotDir = path.join(path.dirname(path.dirname(alur)), "browser");
const step = (what) => console.log("flow_test: " + what);
const shot = (page, name) => page.screenshot({ path: path.join(shotDir, "flow-" + name + ".png"), fullPage: true });

const agencies = [];
const contexts = [];

async function signOut(page) {
  await page.locator("#sign-out").click();
  await page.locator("#signin-name").waitFor();
}

const version = async (page) => Number(await page.locator("#case-version").getAttribute("data-version"));

// Fills and submits the form of `event` on the case page; waits for the case's next version.
async function submit(page, event, fields, reason) {
  const details = page.locator(`details.event-details[data-event="${event}"]`);
  await details.waitFor();
  if (!(await details.evaluate((d) => d.open))) await details.locator(":scope > summary").click();
  const form = details.locator("form.event-form");
  for (const [name, value] of Object.entries(fields)) {
    const el = form.locator(`[name="${name}"]`);
    if ((await el.evaluate((x) => x.tagName)) === "SELECT") await el.selectOption(String(value));
    else await el.fill(String(value));
  }
  await form.locator(".event-reason").fill(reason);
  const v = await version(page);
  await form.locator("button[type=submit]").click();
  await page.locator(`#case-version[data-version="${v + 1}"]`).waitFor();
}

const nextStep = (page) => page.locator("details.event-details.next").getAttribute("data-event");

async function noSideScroll(page, what) {
  const [sw, w] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  check(sw <= w, `${what}: no horizontal scrolling at ${w} px (content ${sw} px wide)`);
}

// Today in the agency's zone (UTC+7) as DD/MM/YYYY.
function todayWib() {
  const d = new Date(Date.now() + 7 * 3600 * 1000);
  return String(d.getUTCDate()).padStart(2, "0") + "/" + String(d.getUTCMonth() + 1).padStart(2, "0") + "/" + d.getUTCFullYear();
}

async function main() {
  step("alur " + alur);
  mkdirSync(shotDir, { recursive: true });
  const wib = agency(alur, { timezone: "WIB" });
  agencies.push(wib);
  wib.cli("init");
  const admin = addUser(wib, "sari", "admin");
  const ppk = addUser(wib, "bupati", "ppk");
  const auditor = addUser(wib, "inspektorat", "auditor");
  const script = wib.addToken("skrip", "admin");  // the correction, as a script's user would submit it
  step(admin.password ? "users with passwords (alur user add)" : "no `alur user` in this build: users sign in with API tokens");
  // A case opened at 09:00 agency time, for the time-zone check.
  const timed = (wib.cli("open", "mutation", "--nip", "198502142010011003", "--name", "Dedi Kurniawan, S.STP.",
    "--grade", "administrator", "--post", "Kepala Bagian Organisasi", "--target", "Sekretaris Dinas Sosial",
    "--unit", "Sekretariat Daerah", "--inaugurated-at", "2021-07-01", "--at", "2026-11-02 09:00",
    "--actor", "sari", "--role", "admin", "--reason", "usulan rotasi").match(/MUT-\d+/) || [])[0];
  check(timed, "the timed case was opened");
  const base = await wib.start();
  step("WIB agency serving " + base);
  // Does this server's refusal carry its rule (the catalog's {event, state, kind, rule, basis})?
  const probe = await fetch(base + "/api/cases/" + timed + "/events", {
    method: "POST", headers: { Authorization: "Bearer " + script, "Content-Type": "application/json" },
    body: JSON.stringify({ event: "records_completed", payload: {}, reason: "uji" }),
  });
  const structuredRefusals = !!((await probe.json()).error || {}).refusal;
  step(structuredRefusals ? "refusals carry their rule" : "this server's refusals carry no rule yet: the page words them itself");

  const context = await launch();
  contexts.push(context);
  const page = context.pages()[0] || await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  // The page keeps to the server's Content-Security-Policy (no inline script or style).
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) pageErrors.push(m.text()); });
  page.setDefaultTimeout(10000);

  // The page's built-in strings are the catalog's (adapters/i18n/src/page_strings.cpp), row for row.
  await page.goto(base + "/");
  const builtIn = await page.evaluate(async () => (await import("/core.js")).builtInStrings());
  for (const [i, lang] of [[1, "id"], [2, "en"]]) {
    const res = await fetch(base + "/api/catalog?lang=" + lang);
    if (res.status === 404 || res.status === 401) { step("this server has no GET /api/catalog yet (" + res.status + ")"); break; }
    const messages = (await res.json()).messages;
    const differ = builtIn.filter((r) => messages[r[0]] !== r[i]).map((r) => r[0]);
    check(differ.length === 0, `core.js's strings are page_strings.cpp's (${lang}); these differ: ${differ.join(", ")}`);
  }

  // --- the administrator: a wrong password, then the right one ----------------------
  if (admin.password) {
    await page.goto(base + "/");
    await page.locator("#signin-name").fill(admin.name);
    await page.locator("#signin-password").fill("salah");
    await page.locator("#signin button[type=submit]").click();
    await page.locator("#signin-error").filter({ hasText: "Nama atau kata sandi salah" }).waitFor();
    step("a wrong password: " + (await page.locator("#signin-error").innerText()));
  }
  await signIn(page, base, admin);
  check((await page.locator("#who").innerText()).includes("admin kepegawaian"), "the header names the role");

  // --- opening a case from the page ------------------------------------------------
  await page.locator('#nav a[data-view="open"]').click();
  await page.locator("#open-form").waitFor();
  const form = page.locator("#open-form");
  const nip = form.locator('[name="nip"]');
  await nip.fill("19880717201213");  // appointment month 13, while typing
  await nip.press("0");
  const note = form.locator('[data-field="nip"] .field-note');
  await note.filter({ hasText: "13-14" }).waitFor();
  check(await note.locator(".nip-part.bad").innerText().then((x) => x.includes("201213")),
    "the wrong part of the NIP (the appointment, 201213) is marked");
  step("NIP checked as typed: " + (await note.locator(".nip-text").innerText()));
  await nip.fill("198807172012012004");
  check(await note.locator(".nip-part.bad").count() === 0, "a good NIP has no part marked");
  check((await note.innerText()).includes("17/07/1988"), "a good NIP shows its birth date: " + (await note.innerText()));
  await form.locator('[name="name"]').fill("Rina Marlina, S.E.");
  await form.locator('[name="grade"]').selectOption("administrator");
  await form.locator('[name="post"]').fill("Kepala Bagian Umum Dinas Pendidikan");
  await form.locator('[name="target"]').fill("Sekretaris Dinas Pendidikan");
  await form.locator('[name="unit"]').fill("Dinas Pendidikan");
  await form.locator('[name="inaugurated_at"]').fill("2021-07-01");  // not how the agency writes a date
  await form.locator("button[type=submit]").click();
  await page.locator("#open-error").filter({ hasText: "HH/BB/TTTT" }).waitFor();
  await form.locator('[name="inaugurated_at"]').fill("03/01/2022");
  await shot(page, "open");
  await form.locator("button[type=submit]").click();
  await page.locator("#notice").filter({ hasText: "dibuka" }).waitFor();
  const id = (await page.locator("h1").first().innerText()).match(/MUT-\d+/)[0];
  check((await page.locator("#facts").innerText()).includes("03/01/2022"), "the inauguration date reads DD/MM/YYYY");
  step("opened " + id + " from the page");

  // --- record gathering, the field visit, scoring --------------------------------
  check(await nextStep(page) === "record_added", "in record gathering the next step is record_added");
  // A refusal reads as a sentence: records_completed before the records are in.
  await submit(page, "record_added", { item: "career_history", value: "Terlampir", source: "BKPSDM" }, "rekam jejak")
  const early = page.locator('details.event-details[data-event="records_completed"]');
  await early.locator(":scope > summary").click();
  await early.locator(".event-reason").fill("terlalu cepat");
  await early.locator("button[type=submit]").click();
  const refusal = early.locator(".error");
  await refusal.filter({ hasText: "Ditolak" }).waitFor();
  const refusalText = await refusal.innerText();
  check(!/\b4\d\d\b/.test(refusalText), "the refusal has no HTTP code: " + refusalText);
  check(/rekam jejak lengkap tidak dapat dicatat pada tahap pengumpulan rekam jejak/i.test(refusalText),
    "the refusal says what was refused at which stage: " + refusalText);
  if (structuredRefusals)  // the catalog's rule: its title and what to do, no internal names
    check(!/records_completed|record_gathering|refused/.test(refusalText) && refusalText.includes("Yang dapat dilakukan"),
      "the refusal reads as a sentence: " + refusalText);
  step("refusal: " + refusalText);
  for (const item of ["achievements", "skp", "edijab", "competency_test", "superior_recommendation", "neutrality", "discipline"])
    await submit(page, "record_added", { item, value: "Terlampir dalam berkas", source: "BKPSDM" }, "rekam jejak");
  await submit(page, "records_completed", {}, "rekam jejak lengkap");
  check((await page.locator("#case-state").innerText()) === "kunjungan lapangan", "the case is in the field visit");
  for (const [role, name] of [["rt_head", "Bapak Syafrizal"], ["community_figure", "H. Zainal Abidin"], ["neighbour", "Ibu Nurhayati"]])
    await submit(page, "interview_recorded", { role, name, summary: "Baik" }, "wawancara");
  await submit(page, "visit_completed", {}, "kunjungan selesai");
  check(await nextStep(page) === "score_recorded", "in scoring the next step is score_recorded");
  for (const [component, value] of [["interview", 85], ["paper", 80], ["performance_contract", 90], ["track_record", 88]])
    await submit(page, "score_recorded", { component, value }, "hasil penilaian pansel");
  await submit(page, "scoring_completed", {}, "penilaian selesai");
  check((await page.locator("#case-state").innerText()) === "keputusan PPK", "the case waits for the PPK");
  check((await page.locator("#waiting").innerText()).includes("PPK"), "the page says the PPK acts next");
  await shot(page, "admin-case");
  step(id + " taken to the PPK's decision through the page");
  await signOut(page);

  // --- the PPK: the task, the decision ---------------------------------------------
  await signIn(page, base, ppk);
  const tasksRoute = (await fetch(base + "/api/tasks", { headers: { Authorization: "Bearer " + script } })).status !== 404;
  if (tasksRoute) {
    const task = page.locator(`#tasks li[data-case="${id}"]`);
    await task.waitFor();
    check(Number(await page.locator("#tasks-count").innerText()) >= 1, "the PPK's task count");
    check((await task.innerText()).includes("keputusan PPK"), "the task names the event: " + (await task.innerText()));
    await shot(page, "ppk-home");
    await task.locator("a.case-link").click();
  } else {
    step("this server has no GET /api/tasks yet: the PPK opens the case from the list");
    await shot(page, "ppk-home");
    await page.locator(`tr[data-case="${id}"] a.case-link`).click();
  }
  await page.locator("#timeline").waitFor();
  check(await nextStep(page) === "ppk_decided", "the PPK's next step is the decision");
  const decision = page.locator('form.event-form[data-event="ppk_decided"]');
  check(await decision.locator('[name="post"]').inputValue() === "Sekretaris Dinas Pendidikan", "the post is prefilled with the proposal");
  const score = await decision.locator("#score-box").innerText();
  check(score.includes("86,4") || score.includes("86"), "the decision form shows the score: " + score);
  await shot(page, "ppk-decision");
  await submit(page, "ppk_decided", { decision: "approve", sk_number: "821.2/045/BKPSDM/2026", sk_date: todayWib() },
    "disetujui sesuai rekomendasi pansel");
  check((await page.locator("#case-state").innerText()) === "pelantikan", "approved: the case goes to inauguration");
  step("the PPK approved " + id + " with the form prefilled; score " + score.replace(/\s+/g, " "));
  await signOut(page);

  // --- a correction (as a script submits it), then the auditor ---------------------
  const history = await (await fetch(base + "/api/cases/" + id + "/history", { headers: { Authorization: "Bearer " + script } })).json();
  const paper = history.events.find((e) => e.name === "score_recorded" && e.payload.component === "paper");
  const res = await fetch(base + "/api/cases/" + id + "/events", {
    method: "POST", headers: { Authorization: "Bearer " + script, "Content-Type": "application/json" },
    body: JSON.stringify({ event: "corrected", payload: { of: paper.seq, field: "value", value: 82, reason: "salah ketik nilai makalah" },
      reason: "koreksi atas nota dinas 800/77/2026" }),
  });
  check(res.status === 200, "the correction was recorded (" + res.status + " " + (await res.clone().text()) + ")");

  await signIn(page, base, auditor);
  await page.goto(base + "/#/case/" + id);
  await page.locator("#timeline").waitFor();
  const events = (await (await fetch(base + "/api/cases/" + id + "/history", { headers: { Authorization: "Bearer " + script } })).json()).events;
  check(await page.locator("#timeline .ev-hash").count() === events.length, "every event shows its hash");
  check((await page.locator("#timeline .ev-hash").first().innerText()) === events[events.length - 1].hash, "the newest event's hash");
  const side = page.locator(`.corrections[data-corrected="${paper.seq}"]`);
  check((await side.locator(".was").innerText()).includes("80"), "the original value beside the correction");
  check((await side.locator(".now").innerText()).includes("82"), "the corrected value");
  check((await side.innerText()).includes("salah ketik nilai makalah"), "the correction's reason");
  check(await page.locator("form.event-form").count() === 0, "the auditor has no forms");
  const refusals = await page.locator("#refusals").innerText();
  check(refusals.includes("ditolak") || refusals.includes("tidak dapat dicatat"), "the refusals on the case: " + refusals);
  await shot(page, "auditor");
  await page.locator(`#timeline li[data-seq="${paper.seq}"]`).screenshot({ path: path.join(shotDir, "flow-auditor-correction.png") });
  step("auditor: hashes, the correction of #" + paper.seq + " side by side, the refusals");
  await signOut(page);

  // --- a phone: 390 px --------------------------------------------------------------
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, base, admin);
  check(await page.locator("table#cases thead").isHidden(), "on a phone the table's head is hidden");
  check(await page.locator("table#cases tbody tr").first().evaluate((tr) => getComputedStyle(tr).display) !== "table-row",
    "on a phone each case is a card");
  await noSideScroll(page, "the list");
  await shot(page, "phone-list");
  await page.goto(base + "/#/case/" + id);
  await page.locator("#timeline").waitFor();
  await noSideScroll(page, "the case page");
  await page.screenshot({ path: path.join(shotDir, "flow-phone-case.png") });  // the first screen, as the phone shows it
  await page.goto(base + "/#/open");
  await page.locator("#open-form").waitFor();
  await noSideScroll(page, "the open form");
  step("390 px: cards, no horizontal scrolling");
  await page.setViewportSize({ width: 1280, height: 1000 });

  // --- times in the agency's zone: WIB here, WITA on a second server ----------------
  // The page learns the zone from GET /api/agency; a server without it gives UTC times only.
  const agencyRoute = (await fetch(base + "/api/agency", { headers: { Authorization: "Bearer " + script } })).status !== 404;
  const opened = async () => {
    await page.locator("#facts").waitFor();
    return page.locator("#facts dd").nth(await page.locator("#facts dt").evaluateAll((dts) => dts.findIndex((d) => d.textContent === "Dibuka"))).innerText();
  };
  await page.goto(base + "/#/case/" + timed);
  const wibText = await opened();
  check(wibText === "02/11/2026 09.00 WIB", "a WIB agency's time: " + wibText);
  await shot(page, "wib");
  await signOut(page);

  if (!agencyRoute) {
    step("this server has no GET /api/agency yet: the WITA agency's times cannot be told from WIB; not checked");
    check(pageErrors.length === 0, "no script errors in the page: " + pageErrors.join("; "));
    return;
  }
  const wita = agency(alur, { name: "Pemerintah Kota Makassar", timezone: "WITA" });
  agencies.push(wita);
  wita.cli("init");
  const witaAdmin = addUser(wita, "andi", "admin");
  const witaCase = (wita.cli("open", "mutation", "--nip", "198502142010011003", "--name", "Andi Pratama",
    "--grade", "administrator", "--post", "Kepala Bagian Umum", "--target", "Sekretaris Dinas Kesehatan",
    "--unit", "Sekretariat Daerah", "--inaugurated-at", "2021-07-01", "--at", "2026-11-02 09:00",
    "--actor", "andi", "--role", "admin", "--reason", "usulan rotasi").match(/MUT-\d+/) || [])[0];
  const witaBase = await wita.start();
  await signIn(page, witaBase, witaAdmin);
  await page.goto(witaBase + "/#/case/" + witaCase);
  const witaText = await opened();
  check(witaText === "02/11/2026 09.00 WITA", "a WITA agency's time: " + witaText);
  await shot(page, "wita");
  step("times: " + wibText + " (WIB agency), " + witaText + " (WITA agency); the browser is in New York");

  check(pageErrors.length === 0, "no script errors in the page: " + pageErrors.join("; "));
}

let status = 0;
try {
  await main();
  step("PASS");
} catch (e) {
  console.error("flow_test: FAIL: " + (e && e.stack ? e.stack : e));
  status = 1;
} finally {
  for (const c of contexts) await c.close_();
  for (const a of agencies) await a.stop();
}
process.exit(status);
