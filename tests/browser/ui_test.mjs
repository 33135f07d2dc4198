// The web page of `alur serve` in real headless Chromium (Debian's
// /usr/bin/chromium), driven by playwright-core.
//
//   node tests/browser/ui_test.mjs [PATH_TO_ALUR]     (default: build/bin/alur)
//
// In a fresh temporary directory: `alur init`, two cases opened and advanced
// through the CLI (one brought to `scoring` now, one left overdue since
// 2025), an admin and an auditor token, then `alur serve --listen
// 127.0.0.1:0`. In the browser: the admin signs in, sees the overdue case
// highlighted, opens the scoring case, records a score through the form and
// sees the timeline gain the event; a refusal shows as a message; the page
// switches to English; the case lists the case opened from it (a third
// mutation with --origin) as a link, and that case links back to it;
// screenshots go to build/browser/ (list.png, case.png, auditor.png). Then the
// auditor signs in, opens the case, finds no event form and the verify
// result. Exits non-zero on any failure; the server (the PID this script
// started) is stopped at the end.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { agency, launch, check } from "./harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const alur = path.resolve(process.argv[2] || path.join(root, "build", "bin", "alur"));
// Screenshots go next to the binary's build: build/bin/alur -> build/browser/.
const shotDir = path.join(path.dirname(path.dirname(alur)), "browser");

const wib = agency(alur);
const cli = wib.cli;
let browser = null;  // the persistent context (its own fresh user-data-dir)
const step = (what) => console.log("ui_test: " + what);

const ADMIN = ["--actor", "sari", "--role", "admin"];

// A case opened now and brought to `scoring` through the CLI.
function caseInScoring() {
  const opened = cli("open", "mutation", "--nip", "197603152005012002", "--name", "Siti Rahmawati, S.Pd., M.Pd.",
    "--grade", "jpt_pratama", "--post", "Kepala Dinas Pendidikan",
    "--target", "Kepala Badan Perencanaan Pembangunan Daerah", "--unit", "Dinas Pendidikan",
    "--inaugurated-at", "2021-03-08", ...ADMIN, "--reason", "usulan rotasi JPT Pratama");
  const id = (opened.match(/MUT-\d+/) || [])[0];
  check(id, "alur open printed a case id: " + opened);
  for (const item of ["career_history", "achievements", "skp", "edijab", "competency_test",
    "superior_recommendation", "neutrality", "discipline"])
    cli("advance", id, "record_added", `item=${item}`, "value=Terlampir dalam berkas", "source=BKPSDM", ...ADMIN,
      "--reason", "rekam jejak");
  cli("advance", id, "records_completed", ...ADMIN, "--reason", "rekam jejak lengkap");
  for (const [role, name] of [["rt_head", "Bapak Syafrizal"], ["community_figure", "H. Zainal Abidin"],
    ["neighbour", "Ibu Nurhayati"]])
    cli("advance", id, "interview_recorded", `role=${role}`, `name=${name}`, "summary=Baik", ...ADMIN,
      "--reason", "wawancara");
  cli("advance", id, "visit_completed", ...ADMIN, "--reason", "kunjungan selesai");
  return id;
}

async function signIn(page, base, token) {
  await page.goto(base + "/");
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(base + "/");
  await page.locator("#token-signin summary").click();
  await page.locator("#token").fill(token);
  await page.locator("#token-form button[type=submit]").click();
  await page.locator("table#cases").waitFor();
}

async function main() {
  step("alur " + alur);
  cli("init");
  const id = caseInScoring();
  // Opened in 2025 and never touched: overdue (record gathering, 10 working days).
  const late = (cli("open", "mutation", "--nip", "198502142010011003", "--name", "Dedi Kurniawan, S.STP.",
    "--grade", "administrator", "--post", "Kepala Bagian Organisasi Sekretariat Daerah",
    "--target", "Sekretaris Dinas Sosial", "--unit", "Sekretariat Daerah", "--inaugurated-at", "2021-07-01",
    "--at", "2025-09-01 08:00", ...ADMIN, "--reason", "usulan rotasi administrator")
    .match(/MUT-\d+/) || [])[0];
  check(late, "the overdue case was opened");
  // A case opened from the scoring one (its origin): the two link each other.
  const child = (cli("open", "mutation", "--nip", "198807172012012004", "--name", "Rina Marlina, S.E.",
    "--grade", "administrator", "--post", "Kepala Bagian Umum Dinas Pendidikan",
    "--target", "Sekretaris Dinas Pendidikan", "--unit", "Dinas Pendidikan", "--inaugurated-at", "2022-01-03",
    "--origin", id, ...ADMIN, "--reason", "usulan dari kasus " + id).match(/MUT-\d+/) || [])[0];
  check(child, "the linked case was opened");
  const linked = JSON.parse(cli("cases", "linked", child, "--json"));
  check(linked.came_from.length === 1 && linked.came_from[0].id === id, "alur cases linked: came from " + id);
  const admin = wib.addToken("sari", "admin");
  const auditor = wib.addToken("inspektorat", "auditor");
  const base = await wib.start();
  step(`${id} in scoring, ${late} overdue; serving ${base}`);

  browser = await launch();
  const page = browser.pages()[0] || await browser.newPage();
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.setDefaultTimeout(10000);

  // --- a bad token is refused with a message -----------------------------------
  await page.goto(base + "/");
  check((await page.title()) === "Alur", "the page's title");
  await page.locator("#token-signin summary").click();
  await page.locator("#token").fill("not-a-token");
  await page.locator("#token-form button[type=submit]").click();
  await page.locator("#token-error").filter({ hasText: "Token tidak dikenal" }).waitFor();
  step("a bad token: refused with a message");

  // --- admin: the list, the overdue case, the case page --------------------------
  await signIn(page, base, admin);
  const lateRow = page.locator(`tr[data-case="${late}"]`);
  check(await lateRow.evaluate((tr) => tr.classList.contains("overdue")), "the overdue case is highlighted");
  check(/terlambat \d+ hari kerja/.test(await lateRow.innerText()), "the overdue case says how many working days late");
  check(!(await page.locator(`tr[data-case="${id}"]`).evaluate((tr) => tr.classList.contains("overdue"))),
    "the case in scoring is not overdue");
  // A filter re-renders the list: wait for the new list with the filter's value.
  const filtered = (sel, value) => page.waitForFunction(([s, v]) => {
    const el = document.querySelector(s);
    return el && el.value === v && document.querySelector("table#cases") && !document.querySelector("#list-holder[data-loading]");
  }, [sel, value]);
  await page.locator("#filter-state").selectOption("scoring");
  await filtered("#filter-state", "scoring");
  check(await page.locator(`tr[data-case="${late}"]`).count() === 0, "the state filter drops the overdue case");
  check(await page.locator(`tr[data-case="${id}"]`).count() === 1, "the state filter keeps the scoring case");
  await page.locator("#filter-state").selectOption("");
  await filtered("#filter-state", "");
  await page.locator("#filter-unit").selectOption("Sekretariat Daerah");
  await filtered("#filter-unit", "Sekretariat Daerah");
  check(await page.locator(`tr[data-case="${id}"]`).count() === 0, "the unit filter drops the other case");
  check(await page.locator(`tr[data-case="${late}"]`).count() === 1, "the unit filter keeps its case");
  await page.locator("#filter-unit").selectOption("");
  await filtered("#filter-unit", "");
  mkdirSync(shotDir, { recursive: true });
  await page.screenshot({ path: path.join(shotDir, "list.png"), fullPage: true });
  step("list: overdue highlighted, filters by state and unit");

  await page.locator(`tr[data-case="${id}"] a.case-link`).click();
  await page.locator("#timeline").waitFor();
  const before = await page.locator("#timeline li.event").count();
  check(before >= 14, `the timeline shows every event (${before})`);
  check((await page.locator("#case-state").innerText()) === "penilaian", "the case is in scoring (penilaian)");
  const form = page.locator('form.event-form[data-event="score_recorded"]');
  await form.waitFor();
  check(await page.locator('form.event-form[data-event="scoring_completed"]').count() === 1,
    "a form for scoring_completed");
  check(await form.locator('input[name="value"]').getAttribute("type") === "number", "the score is a number input");
  check((await page.locator("#diagram").innerText()).includes("penilaian"), "the state diagram lists the states");
  check((await page.locator("dl.facts").innerText()).includes("Dinas Pendidikan"), "the case data shows the unit");

  // A refusal: scoring_completed before every score is in (422, the rule's text).
  const done = page.locator('form.event-form[data-event="scoring_completed"]');
  check(await page.locator('details.event-details.next').getAttribute("data-event") === "score_recorded",
    "the next step is score_recorded (the state's first step in workflow order)");
  await page.locator('details[data-event="scoring_completed"] > summary').click();
  await done.locator(".event-reason").fill("terlalu cepat");
  await done.locator("button[type=submit]").click();
  await done.locator(".error").filter({ hasText: "Ditolak" }).waitFor();
  const refusal = await done.locator(".error").innerText();
  check(!/\b4\d\d\b/.test(refusal) && !refusal.includes("refused:"), "the refusal carries no HTTP code: " + refusal);
  step("refusal shown: " + refusal);

  // The score, through the form.
  await form.locator('[name="component"]').selectOption("paper");
  await form.locator('input[name="value"]').fill("85");
  await form.locator(".event-reason").fill("hasil penilaian pansel: makalah");
  await form.locator("button[type=submit]").click();
  await page.locator("#notice").filter({ hasText: "Tercatat" }).waitFor();
  await page.locator("#timeline li.event").nth(before).waitFor();  // one more event
  const newest = page.locator("#timeline li.event").first();
  check((await newest.getAttribute("data-event")) === "score_recorded", "the newest event is score_recorded");
  const newestText = await newest.innerText();
  check(newestText.includes("sari") && newestText.includes("admin"), "the event shows who and their role: " + newestText);
  check(newestText.includes("hasil penilaian pansel: makalah"), "the event shows why");
  check(newestText.includes("85"), "the event shows the score");
  check(await page.locator("#timeline li.event").count() === before + 1, "exactly one event more");
  step("score recorded through the form; the timeline gained it");

  // English, and back: the labels re-render.
  await page.locator("#lang-toggle").click();
  await page.locator("#history h2").filter({ hasText: "History" }).waitFor();
  check((await page.locator("#case-state").innerText()) === "scoring", "the state in English");
  await page.locator("#lang-toggle").click();
  await page.locator("#history h2").filter({ hasText: "Riwayat" }).waitFor();

  // The links, both ways: the case it opened, and from there back to where it came from.
  check((await page.locator("#linked h2").innerText()) === "Kasus terkait", "the links card");
  check(await page.locator("#came-from a").count() === 0, "the scoring case came from no case");
  const opened = page.locator(`#opened-cases li[data-case="${child}"] a.case-link`);
  check(await opened.count() === 1, "the scoring case lists the case opened from it");
  check((await opened.getAttribute("href")) === "#/case/" + child, "as a link to that case");
  await page.screenshot({ path: path.join(shotDir, "case.png"), fullPage: true });
  await opened.click();
  await page.locator(`#came-from li[data-case="${id}"]`).waitFor();
  check((await page.locator("h1").first().innerText()).startsWith(child), "the link opened " + child);
  check(await page.locator("#opened-cases a").count() === 0, "the linked case opened none");
  await page.locator(`#came-from li[data-case="${id}"] a.case-link`).click();
  await page.locator(`#opened-cases li[data-case="${child}"]`).waitFor();
  check((await page.locator("h1").first().innerText()).startsWith(id), "and its link leads back to " + id);
  step("links: " + id + " opened " + child + ", each a link to the other");
  step("screenshot: " + path.join(shotDir, "case.png"));

  // --- auditor: no forms, the verify result --------------------------------------
  await page.locator("#sign-out").click();
  await page.locator("#signin-name").waitFor();
  await signIn(page, base, auditor);
  await page.locator(`tr[data-case="${id}"] a.case-link`).click();
  await page.locator("#timeline").waitFor();
  await page.locator("#verify").waitFor();
  check(await page.locator("form.event-form").count() === 0, "the auditor sees no event forms");
  check(await page.locator("form").count() === 0, "the auditor sees no form at all");
  const verify = await page.locator("#verify").innerText();
  check(verify.includes("Jurnal utuh"), "the verify result says the journal is intact: " + verify);
  await page.screenshot({ path: path.join(shotDir, "auditor.png"), fullPage: true });
  step("auditor: no forms; " + verify.split("\n").slice(1).join(" "));

  check(pageErrors.length === 0, "no script errors in the page: " + pageErrors.join("; "));
}

let status = 0;
try {
  await main();
  step("PASS");
} catch (e) {
  console.error("ui_test: FAIL: " + (e && e.stack ? e.stack : e));
  status = 1;
} finally {
  if (browser) await browser.close_();
  await wib.stop();
}
process.exit(status);
