// What a person reads on the page comes from the one catalog, in Indonesian
// with English available (issue 14), in real headless Chromium (playwright-core):
//
//   node tests/browser/i18n_test.mjs [PATH_TO_ALUR]     (default: build/bin/alur)
//
// A WIB agency with an open selection past its administrative check (entered
// with `alur advance --batch`, dated 2025): one applicant is below the rank
// asked and states no education. The administrator signs in; the applicants'
// table gives the failed one's reasons in Indonesian from the catalog
// (reason_text.id: "golongan III/d di bawah syarat IV/a", the PP 11/2017
// citation as "pasal 107"), never the workflow's stored English; switched to
// English, the stored English. The form that opens a mutation case shows each
// field's help text in Indonesian ("NIP 18 angka"), and in English after the
// switch ("18-digit NIP"). Screenshots: build/browser/i18n-*.png. Exits
// non-zero on any failure; the server (its PID) is stopped at the end.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { agency, launch, check, addUser, signIn } from "./harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const alur = path.resolve(process.argv[2] || path.join(root, "build", "bin", "alur"));
const shotDir = path.join(path.dirname(path.dirname(alur)), "browser");
const step = (what) => console.log("i18n_test: " + what);
const shot = (page, name) => page.screenshot({ path: path.join(shotDir, "i18n-" + name + ".png"), fullPage: true });

const agencies = [];
const contexts = [];
let current = null;

const people = [
  { nip: "197603152005011002", name: "Drs. Ahmad Fauzi, M.Si.", rank: "IV/b", years_in_post: 4, birth_date: "1976-03-15" },
  { nip: "197811202003122001", name: "Dr. Rina Wati, M.Pd.", rank: "IV/a", years_in_post: 3, birth_date: "1978-11-20" },
  { nip: "198005052006041003", name: "Budi Santoso, S.T., M.T.", rank: "IV/a", years_in_post: 2.5, birth_date: "1980-05-05" },
  { nip: "197201012000031004", name: "Ir. Hasan Basri", rank: "IV/c", years_in_post: 6, birth_date: "1972-01-01" },
];
const failing = "198506152010012005";

async function main() {
  step("alur " + alur);
  mkdirSync(shotDir, { recursive: true });
  const wib = agency(alur, { timezone: "WIB" });
  agencies.push(wib);
  wib.cli("init");
  const admin = addUser(wib, "sari", "admin");
  const opened = wib.run(["advance", "--batch", "-", "--json"], JSON.stringify({ workflow: "open_selection",
    payload: { post: "Kepala Dinas Pendidikan", unit: "Dinas Pendidikan", grade: "jpt_pratama" },
    reason: "jabatan lowong", at: "2025-02-03 09:00", actor: "sari", role: "admin" }) + "\n");
  const id = (opened.match(/SEL-\d+/) || [])[0];
  check(id, "the open selection was opened: " + opened);
  const lines = [];
  const add = (event, payload, at) => lines.push({ case: id, event, payload, at, reason: event.replace(/_/g, " "), actor: "sari", role: "admin" });
  add("pansel_formed", { sk_number: "800/12/BKPSDM/2025", chair: "Sekretaris Daerah", members: "Sekda, Asisten III, Kepala BKPSDM, 2 akademisi", member_count: 5 }, "2025-02-05 10:00");
  add("announced", { ref: "800/20/PANSEL/2025", date: "2025-02-10", registration_closes: "2025-02-24", min_rank: "IV/a", min_years_in_post: 2, max_age: 56 }, "2025-02-10 08:00");
  for (const p of people)
    add("applicant_registered", { ...p, current_post: "Kepala Bidang", disciplinary: "none", education: "S2", years_related_experience: 10, years_in_admin_post: 4 }, "2025-02-12 10:00");
  add("applicant_registered", { nip: failing, name: "Siti Aminah, S.E.", current_post: "Kepala Seksi", rank: "III/d",
    years_in_post: 3, birth_date: "1985-06-15", disciplinary: "none" }, "2025-02-13 10:00");
  add("registration_closed", {}, "2025-02-24 16:00");
  add("administrative_completed", {}, "2025-02-25 10:00");
  const advanced = wib.run(["advance", "--batch", "-", "--json"], lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  check(!/"error"/.test(advanced), "the selection's events were all recorded: " + advanced.slice(0, 400));
  step("open selection " + id + " past its administrative check (alur advance --batch, dated 2025)");

  const base = await wib.start();
  const context = await launch();
  contexts.push(context);
  const page = await context.newPage();
  current = page;
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await signIn(page, base, admin);

  // --- the failed applicant's reasons, in Indonesian ------------------------------------
  await page.goto(base + "/#/selection/" + id);
  const row = page.locator(`#applicants-table tr[data-nip="${failing}"]`);
  await row.waitFor();
  check(await row.getAttribute("data-status") === "failed", "the applicant below the rank asked failed");
  const reasons = (await row.locator("li.reason").allInnerTexts()).map((x) => x.replace(/\s+/g, " ").trim());
  step("reasons (id): " + reasons.join(" | "));
  check(reasons.some((x) => x.startsWith("golongan III/d di bawah syarat IV/a")), "the rank reason in Indonesian: " + reasons.join(" | "));
  check(reasons.some((x) => x.startsWith("pendidikan tidak diisi; paling rendah S1/D-IV disyaratkan") && /pasal 107/.test(x)),
    "the education reason in Indonesian, citing pasal 107: " + reasons.join(" | "));
  check(!reasons.some((x) => /below the required|not stated|art\. 107/.test(x)), "no stored English in the Indonesian page");
  check(await row.locator('li.reason[data-kind="rank_below"]').count() === 1, "each reason carries its kind");
  await row.scrollIntoViewIfNeeded();
  await shot(page, "selection-reasons");

  // --- a form's field help texts, in Indonesian -----------------------------------------
  await page.goto(base + "/#/open/mutation");
  await page.locator("#open-form").waitFor();
  const nipHelp = (await page.locator('#open-form .field[data-field="nip"] .help').innerText()).trim();
  const inaugHelp = (await page.locator('#open-form .field[data-field="inaugurated_at"] .help').innerText()).trim();
  step(`open form help (id): nip "${nipHelp}", inaugurated_at "${inaugHelp}"`);
  check(nipHelp === "NIP 18 angka", "the NIP's help in Indonesian: " + nipHelp);
  check(inaugHelp === "dilantik pada jabatan saat ini pada", "the inauguration date's help in Indonesian: " + inaugHelp);
  const helps = await page.locator("#open-form .field .help").count();
  const fields = await page.locator("#open-form .field").count();
  check(helps > 0 && helps === fields, `every field of the open form has its help (${helps} of ${fields})`);
  await shot(page, "open-form");

  // --- switched to English ----------------------------------------------------------------
  await page.locator("#lang-toggle").click();
  await page.locator('#open-form .field[data-field="nip"] .help').filter({ hasText: "18-digit NIP" }).waitFor();
  step("open form help (en): " + (await page.locator('#open-form .field[data-field="nip"] .help').innerText()).trim());
  await shot(page, "open-form-en");
  await page.goto(base + "/#/selection/" + id);
  await row.waitFor();
  const en = (await row.locator("li.reason").allInnerTexts()).map((x) => x.replace(/\s+/g, " ").trim());
  step("reasons (en): " + en.join(" | "));
  check(en.some((x) => x.startsWith("rank III/d below the required IV/a")), "the rank reason in English: " + en.join(" | "));
  check(en.some((x) => x.startsWith("education not stated; at least S1/D-IV is required")), "the education reason in English");
  await page.locator("#lang-toggle").click();
  check(pageErrors.length === 0, "no script errors in the page: " + pageErrors.join("; "));
}

let status = 0;
try {
  await main();
  console.log("i18n_test: PASS");
} catch (e) {
  status = 1;
  console.error("i18n_test: FAIL: " + (e && e.stack ? e.stack : e));
  if (current) await current.screenshot({ path: path.join(shotDir, "i18n-failure.png"), fullPage: true }).catch(() => {});
} finally {
  for (const c of contexts) await c.close_();
  for (const a of agencies) await a.stop();
}
process.exit(status);
