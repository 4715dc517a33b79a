// `cargo xtask bench`: a carer's first sync of 10,000 and 50,000 records into a fresh browser
// profile, against the floor of fetching the same records as one JSON document and writing them
// to IndexedDB in one transaction. Prints figures; asserts nothing (times vary).
//
// Run by `cargo xtask bench`, with the same variables as the browser tests plus
// PORTAL_SYNC_BENCH_BIN (see `startSeededServer`).

import { deviceEntries, launchBrowser, startSeededServer } from "../harness.mjs";

/** Fetching every record as one document and writing them in one IndexedDB transaction, one
 * key each as the portal keeps them: the floor. */
async function floor(browser, url) {
  const times = [];
  for (let round = 0; round < 3; round += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${url}/accessibility`);
    times.push(
      await page.evaluate(async () => {
        const started = performance.now();
        const text = await (await fetch("/bench/floor", { cache: "no-store" })).text();
        const records = JSON.parse(text);
        const list = Array.isArray(records) ? records : (records.records ?? []);
        try {
          const db = await new Promise((resolve, reject) => {
            const open = indexedDB.open("bench-floor", 1);
            open.onupgradeneeded = () => open.result.createObjectStore("keys");
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          const tx = db.transaction("keys", "readwrite", { durability: "strict" });
          const store = tx.objectStore("keys");
          list.forEach((record, i) => store.put(JSON.stringify(record.body ?? record), `rec:${record.collection ?? "r"}:${record.id ?? i}`));
          await new Promise((resolve, reject) => {
            tx.oncomplete = resolve;
            tx.onerror = () => reject(tx.error);
          });
          db.close();
        } catch (error) {
          return { ms: null, chars: text.length, error: error.name };
        }
        return { ms: performance.now() - started, chars: text.length, records: list.length };
      }),
    );
    await context.close();
  }
  return times.sort((a, b) => (a.ms ?? Infinity) - (b.ms ?? Infinity))[0];
}

/** Signing in on a fresh profile and syncing everything: from the first pull to the end. */
async function initialSync(browser, url, records) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let firstPull = null;
  let pulls = 0;
  page.on("request", (request) => {
    if (request.url().includes("/api/sync/pull")) {
      pulls += 1;
      firstPull ??= performance.now();
    }
  });
  await page.goto(`${url}/sign-in`);
  await page.getByLabel("Email address").fill("carer@demo.test");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const status = page.getByRole("status");
  const outcome = await Promise.race([
    status.getByText("Last synced at", { exact: false }).waitFor({ timeout: 300_000 }).then(() => "synced"),
    status.getByText("run out of room", { exact: false }).waitFor({ timeout: 300_000 }).then(() => "full"),
  ]);
  const ended = performance.now();
  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
  const entries = await deviceEntries(page);
  let chars = 0;
  let kept = 0;
  for (const [key, value] of entries) {
    chars += key.length + value.length;
    if (key.includes(":rec:bench_records:")) kept += 1;
  }
  const stored = { chars, kept, heap };
  await context.close();
  return { outcome, ms: ended - firstPull, pulls, records, ...stored };
}

const browser = await launchBrowser();
try {
  for (const records of [10_000, 50_000]) {
    const server = await startSeededServer(records);
    try {
      const base = await floor(browser, server.url);
      const ours = await initialSync(browser, server.url, records);
      const mb = (chars) => `${((chars * 2) / 1024 / 1024).toFixed(1)} MB`;
      console.log(`\n${records.toLocaleString("en-GB")} records (${mb(base.chars)} as one document):`);
      if (base.ms === null) {
        console.log(`  floor: the document could not be stored (${base.error})`);
      } else {
        console.log(`  floor, one document in one write:  ${base.ms.toFixed(0)} ms`);
      }
      if (ours.outcome === "synced") {
        console.log(
          `  portal initial sync:                ${ours.ms.toFixed(0)} ms in ${ours.pulls} pulls, ${ours.kept} records kept, ${mb(ours.chars)} in IndexedDB, JS heap ${(ours.heap / 1024 / 1024).toFixed(1)} MB`,
        );
        if (base.ms !== null) {
          console.log(`  ratio portal / floor:               ${(ours.ms / base.ms).toFixed(2)} (target at most 2)`);
        }
      } else {
        console.log(
          `  portal initial sync: the device ran out of room after ${ours.kept} records (${mb(ours.chars)}), in ${ours.ms.toFixed(0)} ms; the carer is told so in plain words`,
        );
      }
    } finally {
      await server.stop();
    }
  }
} finally {
  await browser.close();
}
