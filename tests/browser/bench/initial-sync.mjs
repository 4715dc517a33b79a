// `cargo xtask bench`: a carer's first sync of 10,000 and 50,000 records into a fresh browser
// profile, against the floor of fetching the same records as one JSON document and writing it
// to local storage in one go. Prints figures; asserts nothing (times vary).
//
// Run by `cargo xtask bench`, with the same variables as the browser tests plus
// PORTAL_SYNC_BENCH_BIN (see `startSeededServer`).

import { launchBrowser, startSeededServer } from "../harness.mjs";

/** Fetching every record as one document and storing it with one write: the floor. */
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
        try {
          localStorage.setItem("bench:floor", text);
        } catch (error) {
          return { ms: null, chars: text.length, error: error.name };
        }
        return { ms: performance.now() - started, chars: text.length };
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
  const stored = await page.evaluate(() => {
    let chars = 0;
    let kept = 0;
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      chars += key.length + localStorage.getItem(key).length;
      if (key.includes(":rec:bench_records:")) kept += 1;
    }
    return { chars, kept, heap: performance.memory?.usedJSHeapSize ?? null };
  });
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
        console.log(`  floor: the document does not fit in local storage (${base.error})`);
      } else {
        console.log(`  floor, one document in one write:  ${base.ms.toFixed(0)} ms`);
      }
      if (ours.outcome === "synced") {
        console.log(
          `  portal initial sync:                ${ours.ms.toFixed(0)} ms in ${ours.pulls} pulls, ${ours.kept} records kept, ${mb(ours.chars)} of local storage, JS heap ${(ours.heap / 1024 / 1024).toFixed(1)} MB`,
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
