// The API's description and reference page, against a real `alur serve`:
//
//   node tests/browser/docs_test.mjs [PATH_TO_ALUR]     (default: build/bin/alur)
//
// An agency of its own (harness.mjs): `alur init`, then `alur serve` on a
// free port. Without signing in: GET /openapi.json is validated with an
// OpenAPI validator from npm (@seriousme/openapi-schema-validator: OpenAPI
// 3.1; a copy broken on purpose must fail it, so the validator is really
// checking), every operation has a summary, a tag and its security, every
// error status refers to the shared Error shape; GET
// /api/workflows/{name}/diagram.svg is each workflow's SVG with a node per
// state titled by its name (404 in the error shape for an unknown one). In
// headless Chromium: /api/docs shows every operation of the document, in
// Indonesian and, after the switch, in English, with no script error and no
// Content-Security-Policy violation; screenshots build/browser/docs.png,
// docs-route.png (POST /api/cases/{id}/events), docs-en.png and
// docs-phone.png (390 px wide, nothing wider than the screen). Exits
// non-zero on any failure (an invalid document fails scripts/test.sh); the
// server (the PID this script started) is stopped.
import { agency, check, launch } from "./harness.mjs";
import { Validator } from "@seriousme/openapi-schema-validator";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const alur = path.resolve(process.argv[2] || path.join(root, "build", "bin", "alur"));
const shotDir = path.join(path.dirname(path.dirname(alur)), "browser");
const step = (what) => console.log("docs_test: " + what);
let browser = null;

const METHODS = ["get", "put", "post", "delete", "patch"];
function operations(doc) {
  const out = [];
  for (const [p, item] of Object.entries(doc.paths))
    for (const m of METHODS) if (item[m]) out.push({ path: p, method: m, op: item[m] });
  return out;
}

async function checkDocument(base) {
  const r = await fetch(base + "/openapi.json");
  check(r.status === 200, "GET /openapi.json without signing in: 200, got " + r.status);
  check((r.headers.get("content-type") || "").startsWith("application/json"), "/openapi.json is JSON");
  const doc = await r.json();
  check(doc.openapi === "3.1.0", "OpenAPI 3.1: " + doc.openapi);

  const validator = new Validator();
  const res = await validator.validate(structuredClone(doc));
  check(res.valid, "the OpenAPI validator accepts /openapi.json: " + JSON.stringify(res.errors, null, 2));
  check(validator.version === "3.1", "validated as OpenAPI 3.1: " + validator.version);
  const broken = structuredClone(doc);
  delete broken.info;
  broken.paths["/openapi.json"].get.responses = { "200": { content: "not an object" } };
  const bad = await new Validator().validate(broken);
  check(!bad.valid, "the validator refuses a document broken on purpose");

  const ops = operations(doc);
  check(ops.length >= 10, "the document has the API's routes: " + ops.length);
  const ids = new Set();
  for (const { path: p, method, op } of ops) {
    const what = `${method.toUpperCase()} ${p}`;
    check(typeof op.summary === "string" && op.summary.length > 0, what + " has a summary");
    check(Array.isArray(op.tags) && op.tags.length === 1, what + " has a tag");
    check(Array.isArray(op.security), what + " says its security");
    check(!ids.has(op.operationId), what + " has a unique operationId");
    ids.add(op.operationId);
    for (const name of [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]))
      check((op.parameters || []).some((x) => x.in === "path" && x.name === name && x.required),
        `${what} describes its path parameter ${name}`);
    for (const [status, resp] of Object.entries(op.responses)) {
      if (Number(status) < 400) continue;
      const ref = resp.$ref && resp.$ref.replace("#/components/responses/", "");
      const shared = ref && doc.components.responses[ref];
      check(shared && shared.content["application/json"].schema.$ref === "#/components/schemas/Error",
        `${what} ${status} is the shared Error shape`);
    }
    if (op.security.length) {
      const schemes = op.security.flatMap((s) => Object.keys(s)).sort().join(",");
      check(schemes === "bearer,session", what + " takes a bearer token or the session cookie: " + schemes);
      check(op.responses["401"], what + " (signed in) documents 401");
    }
  }
  const err = doc.components.schemas.Error;
  check(err.properties.error.required.join(",") === "code,message" && err.properties.error.properties.field,
    "the Error schema is {error: {code, message, field?}}");
  check(doc.components.securitySchemes.session.in === "cookie" && doc.components.securitySchemes.session.name === "alur_session",
    "the session cookie alur_session is a security scheme");
  const open = ops.filter((o) => o.op.security.length === 0).map((o) => o.method.toUpperCase() + " " + o.path);
  for (const must of ["GET /openapi.json", "GET /api/docs", "GET /healthz"])
    check(open.includes(must), must + " is documented as open");
  step(`/openapi.json valid OpenAPI ${validator.version}: ${ops.length} operations, ${Object.keys(doc.paths).length} paths, ` +
    `${open.length} open; tags ${doc.tags.map((t) => t.name).join(", ")}`);
  return doc;
}

async function checkDiagrams(base) {
  for (const wf of ["mutation", "job_fit", "open_selection", "development", "performance_review"]) {
    const r = await fetch(`${base}/api/workflows/${wf}/diagram.svg`);
    check(r.status === 200, `${wf}: diagram.svg 200, got ${r.status}`);
    check(r.headers.get("content-type").startsWith("image/svg+xml"), `${wf}: image/svg+xml`);
    const svg = await r.text();
    const nodes = [...svg.matchAll(/<g id="node\d+" class="node">\s*<title>([^<]*)<\/title>/g)].map((m) => m[1]);
    check(svg.includes("<svg") && nodes.length >= 5, `${wf}: an SVG with its states as nodes (${nodes.length})`);
    if (wf === "mutation")
      for (const s of ["record_gathering", "ppk_decision", "completed"]) check(nodes.includes(s), "mutation: node " + s);
  }
  const r = await fetch(`${base}/api/workflows/nope/diagram.svg`);
  const body = await r.json();
  check(r.status === 404 && body.error && body.error.code === "not_found" && /nope/.test(body.error.message),
    "an unknown workflow's diagram: 404 in the error shape");
  step("diagram.svg for the 5 workflows (open), 404 for an unknown one");
}

async function checkPage(base, doc) {
  mkdirSync(shotDir, { recursive: true });
  browser = await launch();
  const page = browser.pages()[0] || await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push("script error: " + e));
  page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`); });
  page.setDefaultTimeout(10000);

  const ops = operations(doc);
  await page.goto(base + "/api/docs");
  await page.locator("section.op").first().waitFor();
  check(await page.locator("h1").innerText() === "Referensi API", "the page's heading is Indonesian");
  check(await page.locator("section.op").count() === ops.length,
    `the page shows every operation: ${await page.locator("section.op").count()} of ${ops.length}`);
  for (const { path: p, method, op } of ops) {
    const section = page.locator(`section.op[id="${op.operationId}"]`);
    check(await section.count() === 1, `${method} ${p} has its section`);
    const text = await section.innerText();
    check(text.includes(p) && text.includes(method.toUpperCase()) && text.includes(op.summary),
      `${method} ${p}: method, path and summary shown`);
    check(!text.includes("[object"), `${method} ${p}: nothing shown as [object ...]`);
    for (const status of Object.keys(op.responses)) check(text.includes(status), `${method} ${p}: status ${status} shown`);
    if (op.requestBody) {
      check(text.includes("Isi permintaan"), `${method} ${p}: its request body is shown`);
      for (const media of Object.keys(op.requestBody.content)) check(text.includes(media), `${method} ${p}: body ${media} shown`);
    }
    for (const param of op.parameters || []) check(text.includes(param.name), `${method} ${p}: parameter ${param.name} shown`);
  }
  const body = await page.locator("body").innerText();
  for (const word of ["Parameter", "Jawaban", "Galat", "terbuka (tanpa masuk)", "perlu masuk"])
    check(body.includes(word), "Indonesian: " + word);
  await page.screenshot({ path: path.join(shotDir, "docs.png"), fullPage: false });
  // One route in full: parameters, body, errors.
  const events = page.locator("section.op#post_api_cases_id_events");
  check(await events.count() === 1, "POST /api/cases/{id}/events is shown");
  await events.screenshot({ path: path.join(shotDir, "docs-route.png") });
  await page.locator("#lang-toggle").click();
  await page.locator("h1", { hasText: "API reference" }).waitFor();
  const en = await page.locator("body").innerText();
  for (const word of ["Parameters", "Responses", "Errors", "open (no sign-in)"]) check(en.includes(word), "English: " + word);
  await page.screenshot({ path: path.join(shotDir, "docs-en.png"), fullPage: false });
  // On a phone: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator("#lang-toggle").click();
  await page.locator("h1", { hasText: "Referensi API" }).waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 390, "at 390 px the page is not wider than the screen: " + width);
  await page.screenshot({ path: path.join(shotDir, "docs-phone.png"), fullPage: false });
  check(problems.length === 0, "no script error or CSP violation in the page: " + problems.join("; "));
  step(`/api/docs shows all ${ops.length} operations in Indonesian and English; ${shotDir}/docs.png, docs-route.png, docs-en.png, docs-phone.png`);
}

const server = agency(alur);
let status = 0;
try {
  step("alur " + alur);
  server.cli("init");
  const base = await server.start();
  const doc = await checkDocument(base);
  await checkDiagrams(base);
  await checkPage(base, doc);
  step("PASS");
} catch (e) {
  console.error("docs_test: FAIL: " + (e && e.stack ? e.stack : e));
  status = 1;
} finally {
  if (browser) await browser.close_();
  await server.stop();
}
process.exit(status);
