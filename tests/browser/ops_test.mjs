// The HR office's batch work from the browser (ops.js), in real headless
// Chromium (playwright-core):
//
//   node tests/browser/ops_test.mjs [PATH_TO_ALUR]     (default: build/bin/alur)
//
// A WIB agency. The administrator signs in (a password from `alur user add`;
// an API token where this build has no `alur user`), imports a roster whose
// line 3 has a 17-digit NIP (the file is refused: the page shows line 3, its
// column and the message, and nothing is imported), then a good one (the dry
// run lists the five officials to be added; confirmed, the roster lists and
// searches them). The administrator starts a job fit batch: the check first
// shows who is excluded and why (an official inaugurated in April 2025, one
// retiring), then the confirmed batch's report with ranks, outcomes and its
// CSV. On an open selection in registration the administrator registers an
// applicant from the page (the NIP checked as typed); on one the committee has
// taken to the PPK (events sent through the API, dated in 2025) the applicants
// show their status, reasons, scores and ranking, and the PPK signs in and
// chooses from the shortlist of three. The exports download as CSV (it has the
// NIP) and XLSX (a zip: "PK"). At 390 px the tables are cards. The auditor
// reads the roster and the batches without their forms and downloads JSON Lines. Screenshots:
// build/browser/ops-*.png. Exits non-zero on any failure; the server (its PID)
// is stopped at the end.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { agency, launch, check, addUser, signIn, signOut, noSideScroll, todayIn } from "./harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const alur = path.resolve(process.argv[2] || path.join(root, "build", "bin", "alur"));
const shotDir = path.join(path.dirname(path.dirname(alur)), "browser");
const step = (what) => console.log("ops_test: " + what);
const shot = (page, name) => page.screenshot({ path: path.join(shotDir, "ops-" + name + ".png"), fullPage: true });

const agencies = [];
const contexts = [];
let current = null;  // the page, for a screenshot of a failure

// The API as a script's user calls it (an admin token), for what the test sets up.
function client(base, token) {
  return async (method, url, body) => {
    const res = await fetch(base + url, { method, headers: { Authorization: "Bearer " + token, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

// Applicants of the open selection (eligible against the announcement: IV/a, 2 years, 56).
const people = [
  { nip: "197603152005011002", name: "Drs. Ahmad Fauzi, M.Si.", rank: "IV/b", years_in_post: 4, birth_date: "1976-03-15", s: [85, 80, 88, 90] },
  { nip: "197811202003122001", name: "Dr. Rina Wati, M.Pd.", rank: "IV/a", years_in_post: 3, birth_date: "1978-11-20", s: [90, 85, 80, 85] },
  { nip: "198005052006041003", name: "Budi Santoso, S.T., M.T.", rank: "IV/a", years_in_post: 2.5, birth_date: "1980-05-05", s: [70, 75, 72, 80] },
  { nip: "197201012000031004", name: "Ir. Hasan Basri", rank: "IV/c", years_in_post: 6, birth_date: "1972-01-01", s: [80, 70, 85, 75] },
];
const registration = (p) => ({ nip: p.nip, name: p.name, current_post: "Kepala Bidang", rank: p.rank, years_in_post: p.years_in_post,
  birth_date: p.birth_date, disciplinary: "none", education: "S2", years_related_experience: 10, years_in_admin_post: 4 });

async function main() {
  step("alur " + alur);
  mkdirSync(shotDir, { recursive: true });
  const wib = agency(alur, { timezone: "WIB" });
  agencies.push(wib);
  wib.cli("init");
  const admin = addUser(wib, "sari", "admin");
  const ppk = addUser(wib, "bupati", "ppk");
  const auditor = addUser(wib, "inspektorat", "auditor");
  const script = wib.addToken("skrip", "admin");
  step(admin.password ? "users with passwords (alur user add)" : "no `alur user` in this build: users sign in with API tokens");
  // An open selection the committee took to the PPK's choice in 2025 (entered
  // with the CLI before the server starts: `alur advance --batch`, dated).
  const opened = wib.run(["advance", "--batch", "-", "--json"], JSON.stringify({ workflow: "open_selection",
    payload: { post: "Kepala Dinas Pendidikan", unit: "Dinas Pendidikan", grade: "jpt_pratama" },
    reason: "jabatan lowong", at: "2025-02-03 09:00", actor: "sari", role: "admin" }) + "\n");
  const id = (opened.match(/SEL-\d+/) || [])[0];
  check(id, "the 2025 open selection was opened: " + opened);
  const lines = [];
  const add = (event, payload, at, role) => lines.push({ case: id, event, payload, at, reason: event.replace(/_/g, " "),
    actor: role === "ppk" ? "bupati" : "sari", role: role || "admin" });
  add("pansel_formed", { sk_number: "800/12/BKPSDM/2025", chair: "Sekretaris Daerah", members: "Sekda, Asisten III, Kepala BKPSDM, 2 akademisi", member_count: 5 }, "2025-02-05 10:00");
  add("announced", { ref: "800/20/PANSEL/2025", date: "2025-02-10", registration_closes: "2025-02-24", min_rank: "IV/a", min_years_in_post: 2, max_age: 56 }, "2025-02-10 08:00");
  for (const p of people) add("applicant_registered", registration(p), "2025-02-12 10:00");
  add("applicant_registered", { nip: "198506152010012005", name: "Siti Aminah, S.E.", current_post: "Kepala Seksi", rank: "III/d",
    years_in_post: 3, birth_date: "1985-06-15", disciplinary: "none" }, "2025-02-13 10:00");
  add("registration_closed", {}, "2025-02-24 16:00");
  add("administrative_completed", {}, "2025-02-25 10:00");
  for (const p of people) {
    add("score_recorded", { nip: p.nip, component: "assessment_center", value: p.s[0] }, "2025-02-26 10:00");
    add("score_recorded", { nip: p.nip, component: "paper", value: p.s[1] }, "2025-02-26 10:00");
  }
  add("assessment_completed", {}, "2025-02-26 16:00");
  for (const p of people) {
    add("score_recorded", { nip: p.nip, component: "interview", value: p.s[2] }, "2025-02-27 10:00");
    add("score_recorded", { nip: p.nip, component: "track_record", value: p.s[3] }, "2025-02-27 10:00");
  }
  add("interviews_completed", {}, "2025-02-27 16:00");
  add("shortlist_set", { first: people[0].nip, second: people[1].nip, third: people[3].nip }, "2025-02-28 10:00");
  add("recommendation_requested", { ref: "800/88/BKPSDM/2025" }, "2025-03-01 09:00");
  add("recommendation_received", { decision: "approve", ref: "R-311/BKN/2025" }, "2025-03-01 10:00");
  const advanced = wib.run(["advance", "--batch", "-", "--json"], lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  check(!/"error"/.test(advanced), "the 2025 selection's events were all recorded: " + advanced.slice(0, 400));
  step("open selection " + id + " taken to the PPK's choice (alur advance --batch, dated 2025)");
  const base = await wib.start();
  const call = client(base, script);
  step("serving " + base);

  const context = await launch({ acceptDownloads: true });
  contexts.push(context);
  const page = context.pages()[0] || await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.setDefaultTimeout(10000);
  current = page;
  await signIn(page, base, admin);

  // --- the roster: a bad line, then a good file -----------------------------------------
  await page.locator('#nav a[data-view="roster"]').click();
  await page.locator("#import-form").waitFor();
  const good = readFileSync(path.join(root, "examples", "roster.csv"), "utf8");
  const goodLines = good.trim().split("\n");
  const bad = [goodLines[0], goodLines[1], goodLines[2].replace(/^197011201996031002/, "19701120199603100"), ...goodLines.slice(3)].join("\n") + "\n";
  const badFile = path.join(wib.work, "roster-bad.csv"), goodFile = path.join(wib.work, "roster.csv");
  writeFileSync(badFile, bad);
  writeFileSync(goodFile, good);
  await page.locator("#import-file").setInputFiles(badFile);
  await page.locator("#import-check").click();
  const line3 = page.locator('#import-lines tr[data-line="3"]');
  await line3.waitFor();
  const line3Text = await line3.innerText();
  check(/nip/i.test(line3Text), "the bad line names its column (nip): " + line3Text);
  check(/18/.test(line3Text), "the bad line says a NIP has 18 digits: " + line3Text);
  check(await page.locator("#import-lines tbody tr").count() === 1, "only line 3 is bad");
  check(await page.locator("#import-confirm").count() === 0, "a refused file cannot be imported");
  check((await page.locator("#roster-count").innerText()).startsWith("0"), "nothing was imported from the bad file");
  step("bad line shown: " + line3Text.replace(/\s+/g, " "));
  await shot(page, "roster-bad");

  await page.locator("#import-file").setInputFiles(goodFile);
  await page.locator("#import-check").click();
  await page.locator("#import-preview").waitFor();
  const preview = await page.locator("#import-preview").innerText();
  check(preview.includes("5 ditambahkan"), "the dry run says five are added: " + preview);
  check(await page.locator('#import-changes tr[data-kind="added"]').count() === 5, "the dry run lists the five officials");
  check((await page.locator("#roster-count").innerText()).startsWith("0"), "the dry run saved nothing");
  await shot(page, "roster-dry-run");
  await page.locator("#import-confirm").click();
  await page.locator("#import-done").waitFor();
  await page.locator("#roster-table tbody tr").nth(4).waitFor();
  check(await page.locator("#roster-table tbody tr").count() === 5, "the roster lists five officials");
  step("imported: " + (await page.locator("#import-done").innerText()));
  await page.locator("#roster-q").fill("Siti");
  await page.locator("#roster-filters button[type=submit]").click();
  await page.locator("#roster-holder:not([data-loading])").waitFor();
  await page.waitForFunction(() => document.querySelectorAll("#roster-table tbody tr").length === 1);
  check((await page.locator("#roster-table").innerText()).includes("08/03/2021"), "dates read DD/MM/YYYY in the roster");
  await page.locator("#roster-q").fill("");
  await page.locator("#roster-filters button[type=submit]").click();
  await page.waitForFunction(() => document.querySelectorAll("#roster-table tbody tr").length === 5);
  await shot(page, "roster");

  // --- job fit: the exclusions before confirming, then the report ---------------------------
  await page.locator('#nav a[data-view="jobfit"]').click();
  await page.locator("#jobfit-form").waitFor();
  check((await page.locator("#jobfit-as-of").inputValue()) === todayIn(7), "the batch date defaults to today, DD/MM/YYYY");
  await page.locator("#jobfit-reason").fill("uji kesesuaian berkala pejabat JPT");
  await page.locator("#jobfit-check").click();
  await page.locator("#jobfit-confirm").waitFor();
  const excluded = await page.locator("#jobfit-excluded").innerText();
  check(excluded.includes("Dra. Nelly Susanti"), "the official inaugurated in April 2025 is excluded: " + excluded);
  check(/14\/04\/2025|2025-04-14/.test(excluded), "with the reason (her inauguration date): " + excluded);
  const included = await page.locator("#jobfit-included tbody tr").count();
  check(included >= 1, "someone is included");
  check(await page.locator("#batches-table tbody tr, #batches .muted").first().innerText().then((x) => !x.includes("JF-")),
    "the check started no batch");
  step(`job fit check: ${included} included; excluded: ` + excluded.replace(/\s+/g, " ").slice(0, 300));
  await shot(page, "jobfit-check");
  await page.locator("#jobfit-confirm").click();
  await page.locator('#batch-report[data-status="done"]').waitFor({ timeout: 30000 });
  const rows = page.locator("#batch-cases tbody tr");
  check(await rows.count() === included, "the report lists every included official");
  check((await page.locator("#batch-cases").innerText()).includes("JF-") || (await rows.first().getAttribute("data-case")),
    "the report names each case");
  check((await page.locator("#batch-excluded-table").innerText()).includes("Nelly"), "the report keeps the exclusions");
  const batch = (await page.locator("h1").innerText()).match(/JF-[\w-]+/)[0];
  step("batch " + batch + " report: " + (await rows.first().innerText()).replace(/\s+/g, " "));
  const csvDownload = page.waitForEvent("download");
  await page.locator("#batch-csv").click();
  const reportCsv = readFileSync(await (await csvDownload).path(), "utf8");
  check(reportCsv.split("\n")[0].includes("NIP"), "the report's CSV has its header: " + reportCsv.split("\n")[0]);
  await shot(page, "jobfit-report");
  await page.locator('#nav a[data-view="jobfit"]').click();
  await page.locator(`#batches-table tr[data-batch="${batch}"]`).waitFor();

  // --- open selection: registering from the page ----------------------------------------------
  const open = await call("POST", "/api/cases", { workflow: "open_selection", post: "Kepala Dinas Perhubungan", unit: "Dinas Perhubungan",
    grade: "jpt_pratama", reason: "jabatan lowong" });
  const fresh = open.case || open.id || (open.projection && open.projection.id);
  check(/^SEL-/.test(fresh), "an open selection was opened: " + JSON.stringify(open).slice(0, 200));
  const ev = (id, event, payload, at, reason) => call("POST", `/api/cases/${id}/events`, { event, payload, reason: reason || event, at });
  const todayIso = todayIn(7).split("/").reverse().join("-");
  const closes = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
  await ev(fresh, "pansel_formed", { sk_number: "800/31/BKPSDM/2026", chair: "Sekretaris Daerah", members: "Sekda, Asisten III, Kepala BKPSDM, 2 akademisi", member_count: 5 });
  await ev(fresh, "announced", { ref: "800/40/PANSEL/2026", date: todayIso, registration_closes: closes, min_rank: "IV/a", min_years_in_post: 2, max_age: 56 });
  await page.locator('#nav a[data-view="selection"]').click();
  await page.locator(`#selections-table a[href="#/selection/${fresh}"]`).click();
  await page.locator("#register-form").waitFor();
  const reg = page.locator("#register-form");
  await reg.locator('[name="nip"]').fill("19780808200312");
  await reg.locator('[name="nip"]').press("2");
  await reg.locator('[name="nip"]').press("0");
  await reg.locator('[name="nip"]').press("0");
  await reg.locator('[name="nip"]').press("1");
  check((await reg.locator('[data-field="nip"] .field-note').innerText()).includes("08/08/1978"), "the NIP is read as typed");
  await reg.locator('[name="name"]').fill("Dra. Nelly Susanti");
  await reg.locator('[name="current_post"]').fill("Kepala Dinas Sosial");
  await reg.locator('[name="rank"]').selectOption("IV/b");
  await reg.locator('[name="years_in_post"]').fill("3");
  await reg.locator('[name="birth_date"]').fill("08/08/1978");
  await reg.locator('[name="disciplinary"]').selectOption("none");
  await reg.locator('[name="education"]').selectOption("S2");
  await reg.locator("button[type=submit]").click();
  await page.locator("#selection-notice").filter({ hasText: "terdaftar" }).waitFor();
  const newRow = page.locator('#applicants-table tr[data-nip="197808082003122001"]');
  check((await newRow.innerText()).includes("terdaftar"), "the new applicant is listed as registered: " + (await newRow.innerText()));
  step("registered from the page: " + (await newRow.innerText()).replace(/\s+/g, " "));
  await shot(page, "selection-register");

  await page.goto(base + "/#/selection/" + id);
  await page.locator("#applicants-table").waitFor();
  const failed = page.locator('#applicants-table tr[data-nip="198506152010012005"]');
  check(await failed.getAttribute("data-status") === "failed", "the applicant below the rank asked failed");
  check((await failed.locator("ul.reasons").innerText()).length > 10, "with the reasons: " + (await failed.innerText()));
  const top = page.locator(`#applicants-table tr[data-nip="${people[0].nip}"]`);
  check(/\d/.test(await top.locator("td").nth(0).innerText()), "the applicants are ranked");
  check(await page.locator("#shortlist ol.shortlist li").count() === 3, "the shortlist has three");
  check(await page.locator("#shortlist button.choose").count() === 0, "the administrator may not choose for the PPK");
  step("applicants: " + (await failed.innerText()).replace(/\s+/g, " ").slice(0, 200));
  await shot(page, "selection-applicants");

  // --- the exports --------------------------------------------------------------------------
  await page.locator('#nav a[data-view="export"]').click();
  await page.locator("#export-csv").waitFor();
  const csvDl = page.waitForEvent("download");
  await page.locator("#export-csv").click();
  const csvFile = await csvDl;
  const csv = readFileSync(await csvFile.path(), "utf8");
  check(csv.includes("197603152005011002"), "the CSV export has the applicant's NIP");
  check(csv.includes("197603152005012002"), "the CSV export has the job fit official's NIP");
  const xlsxDl = page.waitForEvent("download");
  await page.locator("#export-xlsx").click();
  const xlsxFile = await xlsxDl;
  const xlsx = readFileSync(await xlsxFile.path());
  check(xlsx.subarray(0, 2).toString("latin1") === "PK", "the XLSX export is a zip (PK)");
  check(/\.xlsx$/.test(xlsxFile.suggestedFilename()), "the XLSX is named .xlsx: " + xlsxFile.suggestedFilename());
  step(`exports: ${csvFile.suggestedFilename()} (${csv.split("\n").length - 1} lines), ${xlsxFile.suggestedFilename()} (${xlsx.length} bytes)`);
  await page.locator("#export-since").fill("01/03/2025");
  check((await page.locator("#export-csv").getAttribute("href")).includes("since=2025-03-01"), "the since date goes into the link");
  await shot(page, "export");

  // --- a phone: 390 px --------------------------------------------------------------------
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + "/#/selection/" + id);
  await page.locator("#applicants-table").waitFor();
  check(await page.locator("#applicants-table thead").isHidden(), "at 390 px the applicants are cards (no table head)");
  await noSideScroll(page, "the applicants");
  await shot(page, "selection-390");
  await page.goto(base + "/#/roster");
  await page.locator("#roster-table").waitFor();
  await noSideScroll(page, "the roster");
  await shot(page, "roster-390");
  await page.goto(base + "/#/jobfit/" + batch);
  await page.locator("#batch-cases").waitFor();
  await noSideScroll(page, "the job fit report");
  await shot(page, "jobfit-390");
  step("390 px: cards, no horizontal scrolling");
  await page.setViewportSize({ width: 1280, height: 1000 });

  // --- the PPK chooses from the shortlist -------------------------------------------------
  await signOut(page);
  await signIn(page, base, ppk);
  await page.goto(base + "/#/selection/" + id);
  await page.locator("#shortlist button.choose").first().waitFor();
  await page.locator("#choose-reason").fill("rekam jejak dan nilai wawancara terbaik untuk tugas dinas");
  await page.locator(`#shortlist li[data-nip="${people[1].nip}"] button.choose`).click();
  await page.locator("#chosen").waitFor();
  check((await page.locator("#chosen").innerText()).includes("Rina Wati"), "the PPK's choice is shown: " + (await page.locator("#chosen").innerText()));
  check(await page.locator(`#applicants-table tr[data-nip="${people[1].nip}"]`).getAttribute("data-status") === "chosen", "the chosen applicant's status");
  step("the PPK chose: " + (await page.locator("#chosen").innerText()));
  await shot(page, "selection-chosen");

  // --- English -------------------------------------------------------------------------------
  await page.locator("#lang-toggle").click();
  await page.locator("#shortlist h2").filter({ hasText: "Shortlist of three" }).waitFor();
  check((await page.locator("#applicants h2").innerText()).startsWith("Applicants"), "the applicants in English");
  await shot(page, "selection-en");
  await page.locator("#lang-toggle").click();

  // --- the auditor reads: the roster and the batches without their forms, the exports --------
  await signOut(page);
  await signIn(page, base, auditor);
  await page.locator('#nav a[data-view="roster"]').click();
  await page.locator("#roster-table").waitFor();
  check(await page.locator("#import").count() === 0, "the auditor has no import form");
  await page.locator('#nav a[data-view="jobfit"]').click();
  await page.locator(`#batches-table tr[data-batch="${batch}"]`).waitFor();
  check(await page.locator("#jobfit-start").count() === 0, "the auditor cannot start a batch");
  await page.locator('#nav a[data-view="export"]').click();
  const auditDl = page.waitForEvent("download");
  await page.locator("#export-jsonl").click();
  const jsonl = readFileSync(await (await auditDl).path(), "utf8").trim().split("\n");
  check(jsonl.length > 10 && jsonl.every((l) => JSON.parse(l)), "the auditor's JSON Lines export: " + jsonl.length + " lines");
  step("auditor: no forms; JSON Lines export of " + jsonl.length + " events");

  check(pageErrors.length === 0, "no script errors in the page: " + pageErrors.join("; "));
}

let status = 0;
try {
  await main();
  step("PASS");
} catch (e) {
  console.error("ops_test: FAIL: " + (e && e.stack ? e.stack : e));
  status = 1;
  if (current) {
    await current.screenshot({ path: path.join(shotDir, "ops-failure.png"), fullPage: true }).catch(() => {});
    console.error("ops_test: the page at the failure: build/browser/ops-failure.png; it read:\n" +
      (await current.locator("body").innerText().catch(() => "")).slice(0, 1500));
  }
} finally {
  for (const c of contexts) await c.close_();
  for (const a of agencies) await a.stop();
}
process.exit(status);
