// What the browser tests share: an agency (a fresh directory with its own
// database and alur.toml), the `alur` CLI on it, `alur serve` started on a free
// port and stopped by its PID, and headless Chromium (Debian's /usr/bin/chromium)
// through playwright-core. Not a test itself (scripts/test.sh runs *_test.mjs).
import { chromium } from "playwright-core";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const chromiumPath = process.env.ALUR_CHROMIUM || "/usr/bin/chromium";

export function check(cond, what) {
  if (!cond) throw new Error("check failed: " + what);
}

// The environment without ALUR_* settings: the database and configuration are given.
function cleanEnv() {
  const env = { ...process.env };
  for (const k of ["ALUR_DB", "ALUR_CONFIG", "ALUR_LANG", "ALUR_LOG"]) delete env[k];
  return env;
}

/// An agency in a fresh temporary directory; `timezone` is alur.toml's agency.timezone.
export function agency(alur, { name = "Pemerintah Kabupaten Pasaman Barat", timezone = "WIB" } = {}) {
  const work = mkdtempSync(path.join(tmpdir(), "alur-browser-"));
  const db = path.join(work, "alur.db");
  const config = path.join(work, "alur.toml");
  writeFileSync(config, `[agency]
name = "${name}"
timezone = "${timezone}"

[notify]
channels = ["file"]

[notify.file]
path = "notices.jsonl"
`);
  let server = null;
  const a = {
    work, db, config, timezone,
    /// Runs `alur --db --config ARGS...`; `input` goes to its standard input.
    run(args, input) {
      try {
        return execFileSync(alur, ["--db", db, "--config", config, ...args], {
          cwd: work, encoding: "utf8", input: input === undefined ? "" : input,
          stdio: ["pipe", "pipe", "pipe"], env: cleanEnv(),
        });
      } catch (e) {
        const err = new Error(`alur ${args.join(" ")} failed (exit ${e.status}): ${e.stderr || e.message}`);
        err.status = e.status;
        throw err;
      }
    },
    cli(...args) { return a.run(args); },
    addToken(name, role) {
      const out = a.cli("token", "add", name, "--role", role).trim().split("\n");
      const token = out[out.length - 1].trim();
      check(/^[0-9a-f]{64}$/.test(token), `alur token add ${name} printed a token`);
      return token;
    },
    /// Starts `alur serve` and resolves with its base URL once it is ready.
    start() {
      return new Promise((resolve, reject) => {
        server = spawn(alur, ["--db", db, "--config", config, "serve", "--listen", "127.0.0.1:0"], {
          cwd: work, stdio: ["ignore", "pipe", "pipe"], env: cleanEnv(),
        });
        let out = "", err = "", port = null;
        const timer = setTimeout(() => reject(new Error("alur serve did not get ready in 20 s:\n" + out + err)), 20000);
        server.stderr.on("data", (d) => { err += d; });
        server.stdout.on("data", (d) => {
          out += d;
          const m = out.match(/^alur serve: http [0-9.]+:(\d+)$/m);
          if (m) port = Number(m[1]);
          if (port && /^alur serve: (siap|ready)/m.test(out)) {
            clearTimeout(timer);
            resolve(`http://127.0.0.1:${port}`);
          }
        });
        server.on("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`alur serve exited (${code}):\n${out}${err}`));
        });
      });
    },
    /// Stops the server this agency started (by its PID), then removes the directory.
    stop() {
      return new Promise((resolve) => {
        const done = () => { rmSync(work, { recursive: true, force: true }); resolve(); };
        if (!server || server.exitCode !== null || server.signalCode !== null) return done();
        server.removeAllListeners("exit");
        const kill = setTimeout(() => { server.kill("SIGKILL"); }, 5000);
        server.once("exit", () => { clearTimeout(kill); done(); });
        server.kill("SIGTERM");
      });
    },
  };
  return a;
}

/// Headless Chromium with a fresh profile; the browser's own zone is New York,
/// so a time shown in the agency's zone cannot come from the browser's.
export async function launch(extra = {}) {
  const userDataDir = mkdtempSync(path.join(tmpdir(), "alur-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
      "--no-first-run", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1280, height: 1000 },
    locale: "id-ID",
    timezoneId: "America/New_York",
    ...extra,
  });
  context.close_ = async () => {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return context;
}

// --- what several tests do the same way -------------------------------------------------

/// A user with a password (`alur user add`, the password on standard input)
/// when this build has `alur user`; an API token otherwise.
export function addUser(a, name, role) {
  if (!/^\s+user\s/m.test(a.cli("--help"))) return { name, role, token: a.addToken(name, role) };
  const password = "sandi-" + name + "-2026!";
  a.run(["user", "add", name, "--role", role], password + "\n" + password + "\n");
  return { name, role, password };
}

/// Signs `who` in (password, or the token form) and waits for the home screen.
export async function signIn(page, base, who) {
  await page.goto(base + "/");
  await page.locator("#signin-name").waitFor();
  if (who.password) {
    await page.locator("#signin-name").fill(who.name);
    await page.locator("#signin-password").fill(who.password);
    await page.locator("#signin button[type=submit]").click();
  } else {
    await page.locator("#token-signin summary").click();
    await page.locator("#token").fill(who.token);
    await page.locator("#token-form button[type=submit]").click();
  }
  // Signed in once the home screen is drawn (signing in goes to #/ itself).
  await page.locator("table#cases, #list-holder .muted").first().waitFor();
  await page.locator("#list-holder:not([data-loading])").waitFor();
}

export async function signOut(page) {
  await page.locator("#sign-out").click();
  await page.locator("#signin-name").waitFor();
}

/// Fails when the page is wider than the window (it would scroll sideways).
export async function noSideScroll(page, what) {
  const [sw, w] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  check(sw <= w, `${what}: no horizontal scrolling at ${w} px (content ${sw} px wide)`);
}

/// Today as DD/MM/YYYY in a zone `hours` ahead of UTC (7: WIB, 8: WITA, 9: WIT).
export function todayIn(hours) {
  const d = new Date(Date.now() + hours * 3600 * 1000);
  return String(d.getUTCDate()).padStart(2, "0") + "/" + String(d.getUTCMonth() + 1).padStart(2, "0") + "/" + d.getUTCFullYear();
}
