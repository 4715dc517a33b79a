// The browser tests' harness: the real server on a free loopback port with a fresh database,
// and Debian's Chromium driven by Playwright. `cargo xtask test` sets the three variables below.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the browser tests with \`cargo xtask test\`.`);
  }
  return value;
}

export const SERVER_BIN = required("PORTAL_SERVER_BIN");
export const DIST_DIR = required("PORTAL_DIST_DIR");
export const CHROMIUM = required("PORTAL_CHROMIUM");

// Without the background-networking flags Chromium keeps trying to reach Google's services,
// which this machine's closed network refuses.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `portal-${prefix}-`));
}

/** A port nobody is listening on, so a server can be stopped and restarted on the same origin. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** A copy of the release build, which a test may change to stand for a new version. */
export function copyOfBuild() {
  const dir = tempDir("dist");
  cpSync(DIST_DIR, dir, { recursive: true });
  return dir;
}

/**
 * A real SMTP server on loopback (`tests/mailbox/mailbox.py`, Python's aiosmtpd) that keeps every
 * email it is sent, for journeys that end in someone's inbox. `cargo xtask test` names the
 * Python that has aiosmtpd in PORTAL_TEST_PYTHON.
 */
export class TestMailbox {
  static async start() {
    const folder = tempDir("mail");
    const script = new URL("../mailbox/mailbox.py", import.meta.url).pathname;
    const child = spawn(process.env.PORTAL_TEST_PYTHON || "python3", [script, folder], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const port = await new Promise((resolve, reject) => {
      let stdout = "";
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
        const match = stdout.match(/listening on (\d+)/);
        if (match) resolve(Number(match[1]));
      });
      child.once("exit", (code) => reject(new Error(`the test mailbox exited (${code})`)));
    });
    return new TestMailbox(child, port, folder);
  }

  constructor(child, port, folder) {
    this.child = child;
    this.smtpUrl = `smtp://127.0.0.1:${port}`;
    this.folder = folder;
  }

  /** Every email received, oldest first, as its whole text. */
  received() {
    return readdirSync(this.folder)
      .filter((name) => name.endsWith(".eml"))
      .sort()
      .map((name) => readFileSync(join(this.folder, name), "utf8"));
  }

  /** The emails to `to` whose subject is `subject`. */
  emails(to, subject) {
    const header = (email, name) =>
      email
        .split(/\r?\n\r?\n/)[0]
        .split(/\r?\n/)
        .find((line) => line.startsWith(`${name}: `))
        ?.slice(name.length + 2);
    return this.received().filter((email) => header(email, "To") === to && header(email, "Subject") === subject);
  }

  stop() {
    this.child.kill();
    rmSync(this.folder, { recursive: true, force: true });
  }
}

export class PortalServer {
  static async start({ dist = DIST_DIR, port = 0, dataDir = tempDir("data"), demo = false, env = {} } = {}) {
    const child = spawn(
      SERVER_BIN,
      [
        "--addr",
        `127.0.0.1:${port}`,
        "--data-dir",
        dataDir,
        "--dist-dir",
        dist,
        ...(demo ? ["--demo"] : []),
      ],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PORTAL_LOG: "warn", ...env } },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const url = await new Promise((resolve, reject) => {
      let stdout = "";
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
        const match = stdout.match(/serving on (http:\/\/\S+)/);
        if (match) resolve(match[1]);
      });
      child.once("exit", (code) => reject(new Error(`the server exited (${code}): ${stderr}`)));
    });
    return new PortalServer(child, url, dataDir);
  }

  constructor(child, url, dataDir) {
    this.child = child;
    this.url = url;
    this.dataDir = dataDir;
  }

  async stop() {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    await exited;
  }
}

/**
 * The real server with the demo council and `records` extra records for the demo carer's
 * household (the `sync_bench` example, which `cargo xtask test` and `bench` build), for the
 * first-sync tests and figures. Also serves `/bench/floor`, the same records as one document.
 */
export async function startSeededServer(records, { dist = DIST_DIR } = {}) {
  const bin = required("PORTAL_SYNC_BENCH_BIN");
  const child = spawn(bin, ["serve", "--records", String(records), "--dist-dir", dist], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = out.match(/serving on (http:\/\/\S+)/);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`the seeded server exited (${code})`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGINT");
      await exited;
    },
  };
}

/**
 * For a suite that shares one server and one browser: starts both before its tests and stops
 * both after (`serverOptions` as `PortalServer.start` takes them). Returns an object whose
 * `server` and `browser` are set once the suite starts.
 */
export function sharedServerAndBrowser({ before, after }, serverOptions = {}) {
  const shared = { server: null, browser: null };
  before(async () => {
    shared.server = await PortalServer.start(serverOptions);
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.stop();
  });
  return shared;
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A browser with a profile on disk, so that a test can close it and start it again "cold". */
export async function launchPersistent(userDataDir, options = {}) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
}

/** Collects console errors and uncaught exceptions (CSP violations arrive as console errors). */
export function collectErrors(page) {
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  return errors;
}

/** Waits until the service worker has installed and controls the page. */
export async function untilWorkerControls(page) {
  const controlled = (waitMs) =>
    page.evaluate(async (waitMs) => {
      await navigator.serviceWorker.ready;
      if (navigator.serviceWorker.controller) return true;
      return new Promise((resolve) => {
        navigator.serviceWorker.addEventListener("controllerchange", () => resolve(true), { once: true });
        setTimeout(() => resolve(Boolean(navigator.serviceWorker.controller)), waitMs);
      });
    }, waitMs);
  // A worker that has installed but not yet claimed this page controls the next load of it: a
  // reload, rather than waiting for ever on a claim that may have come and gone.
  if (!(await controlled(15_000))) {
    await page.reload();
    assert.ok(await controlled(15_000), "the service worker never took control of the page");
  }
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core's WCAG 2.2 A and AA rules on the page and returns the violations. */
export async function accessibilityViolations(page) {
  // Evaluated through the DevTools protocol, so the page's CSP (rightly) does not block it.
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, {
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
      },
    }),
  );
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
}

/** Headings and GOV.UK panels that the portal's stylesheet does not reach: a heading in the
 * browser's default font, or a panel with no background (a component the page's stylesheet
 * lacks). Empty when the page is styled throughout. */
export async function unstyledParts(page) {
  return page.evaluate(() => {
    const out = [];
    for (const heading of document.querySelectorAll("h1, h2, h3")) {
      const font = getComputedStyle(heading).fontFamily.toLowerCase();
      if (!font.includes("arial")) out.push(`${heading.tagName} "${heading.textContent.trim()}" in ${font}`);
    }
    for (const panel of document.querySelectorAll(".govuk-panel")) {
      if (getComputedStyle(panel).backgroundColor === "rgba(0, 0, 0, 0)") {
        out.push(`panel "${panel.textContent.trim().slice(0, 40)}" has no background`);
      }
    }
    return out;
  });
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

// The demo staff's TOTP secret, JBSWY3DPEHPK3PXP, decoded from base32.
const DEMO_TOTP_SECRET = Buffer.from("48656c6c6f21deadbeef", "hex");

/** The demo staff's authenticator code for now (RFC 6238: HMAC-SHA1, 30-second steps). */
export function totp() {
  const step = Buffer.alloc(8);
  step.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30)));
  const digest = crypto.createHmac("sha1", DEMO_TOTP_SECRET).update(step).digest();
  const offset = digest[19] & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** Cuts a browser context off the network. Besides the browser's own offline switch, the
 * portal's API requests are refused outright: requests a service worker passes on to the
 * network are not always covered by the switch, and a test that means "no signal" must not
 * depend on that. */
export async function goOffline(context) {
  await context.route("**/api/**", (route) => route.abort("internetdisconnected"));
  await context.setOffline(true);
}

/** Gives a context its network back (see `goOffline`). */
export async function goOnline(context) {
  await context.unroute("**/api/**");
  await context.setOffline(false);
}

/** What the portal keeps in IndexedDB on the page's origin: `[key, value]` for every key that
 * contains `part` (all of them when `part` is empty). Reads without creating the database, so a
 * test never leaves an empty one behind for the app to find. */
export async function deviceEntries(page, part = "", { valuesToo = true } = {}) {
  return page.evaluate(
    async ([part, valuesToo]) => {
      const names = (await indexedDB.databases()).map((d) => d.name);
      if (!names.includes("portal")) return [];
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open("portal");
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        if (!db.objectStoreNames.contains("keys")) return [];
        const tx = db.transaction("keys");
        const store = tx.objectStore("keys");
        const keys = store.getAllKeys();
        const values = valuesToo ? store.getAll() : null;
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        return keys.result
          .map((key, i) => [key, values ? values.result[i] : null])
          .filter(([key]) => key.includes(part));
      } finally {
        db.close();
      }
    },
    [part, valuesToo],
  );
}

/** How many keys containing `part` the portal keeps in IndexedDB (see `deviceEntries`). */
export async function deviceKeyCount(page, part) {
  return (await deviceEntries(page, part, { valuesToo: false })).length;
}

/** Gives the page's origin a storage quota of `extraBytes` more than it uses now, as on a
 * phone whose storage is nearly full (`null` gives back the browser's own quota). Chromium
 * holds back room for IndexedDB in advance, so small writes may still fit: use it for writes of
 * megabytes. */
export async function limitStorage(context, page, extraBytes) {
  const cdp = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  if (extraBytes === null) {
    await cdp.send("Storage.overrideQuotaForOrigin", { origin });
    return;
  }
  const { usage } = await page.evaluate(() => navigator.storage.estimate());
  await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: usage + extraBytes });
}

/** Makes the portal's pages in `context` see a browser that gives them little room: `extraBytes`
 * more than is used now. Chromium ignores a quota set through the DevTools protocol when a page
 * asks `navigator.storage.estimate()`, so the answer itself is changed, for this page and every
 * page loaded after it; what is used is still the browser's own figure. */
export async function reportSmallQuota(context, page, extraBytes) {
  const { usage } = await page.evaluate(() => navigator.storage.estimate());
  const quota = usage + extraBytes;
  const patch = (size) => {
    const estimate = StorageManager.prototype.estimate;
    StorageManager.prototype.estimate = async function () {
      return { ...(await estimate.call(this)), quota: size };
    };
  };
  await context.addInitScript(patch, quota);
  await page.evaluate(patch, quota);
}

/** How many photos the portal keeps on the device (its `portal-photos` database). */
export async function devicePhotoCount(page) {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes("portal-photos")) return 0;
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open("portal-photos");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      if (!db.objectStoreNames.contains("photos")) return 0;
      const count = db.transaction("photos").objectStore("photos").count();
      return await new Promise((resolve, reject) => {
        count.onsuccess = () => resolve(count.result);
        count.onerror = () => reject(count.error);
      });
    } finally {
      db.close();
    }
  });
}
