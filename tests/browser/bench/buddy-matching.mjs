// `cargo xtask bench`: buddy matching in Chromium, on the same made-up cohorts as the native
// figure (see `crates/bench`). The page (built by Trunk from `crates/bench/index.html`) runs
// the matcher as it loads and writes its figures; this script serves it and prints them.
// Target: under two seconds for 1,000 seekers and 2,000 volunteers. Asserts nothing.
//
// Needs PORTAL_BENCH_DIST (the built page) and PORTAL_CHROMIUM, like the browser tests.

import { readFileSync } from "node:fs";
import { extname, join } from "node:path";

import { launchBrowser } from "../harness.mjs";

const dist = process.env.PORTAL_BENCH_DIST;
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  // Served straight from the build folder: no server is needed for a page with no API.
  await page.route("http://bench.invalid/**", (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = join(dist, path === "/" ? "index.html" : path);
    route.fulfill({ body: readFileSync(file), contentType: types[extname(file)] ?? "application/octet-stream" });
  });
  await page.goto("http://bench.invalid/");
  const figures = page.locator("#figures");
  await figures.filter({ hasText: "greedy" }).waitFor({ timeout: 120_000 });
  console.log((await figures.innerText()).trim());
} finally {
  await browser.close();
}
