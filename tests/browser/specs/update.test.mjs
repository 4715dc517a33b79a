// A new version deployed while a carer has the portal open: they are offered it, choose when to
// reload, and lose nothing kept on the device.

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";

import {
  PortalServer,
  copyOfBuild,
  freePort,
  launchBrowser,
  removeDir,
  tempDir,
  untilWorkerControls,
} from "../harness.mjs";
import { PortalPage } from "../portal-page.mjs";

/** Marks a copy of the build as a different release, as a real deployment would differ. */
function markRelease(dist, release) {
  const index = join(dist, "index.html");
  const html = readFileSync(index, "utf8");
  writeFileSync(index, html.replace("<head>", `<head><meta name="portal-release" content="${release}">`));
}

const release = (page) =>
  page.evaluate(() => document.querySelector('meta[name="portal-release"]')?.content ?? null);

describe("updates", () => {
  const cleanups = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  test("offers a new version, reloads into it on request, and keeps the device's data", async () => {
    const [first, second] = [copyOfBuild(), copyOfBuild()];
    markRelease(first, "first");
    markRelease(second, "second");
    const data = tempDir("data");
    cleanups.push(() => [first, second, data].forEach(removeDir));
    const port = await freePort();

    const old = await PortalServer.start({ dist: first, port, dataDir: data });
    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    const portal = new PortalPage(page, old.url);
    await portal.open();
    await untilWorkerControls(page);
    assert.equal(await release(page), "first");
    await page.evaluate(() => localStorage.setItem("portal-test:kept", "a carer's unsent change"));

    await old.stop();
    const updated = await PortalServer.start({ dist: second, port, dataDir: data });
    cleanups.push(() => updated.stop());

    // Reopening runs the version on the device, and the browser finds the new one meanwhile.
    await page.reload();
    await portal.expectHeading("Foster Carer Portal");
    assert.equal(await release(page), "first", "no switch without asking");
    const banner = page.getByRole("region", { name: "Update" });
    await banner.getByText("A new version is available").waitFor();

    await Promise.all([
      page.waitForEvent("load"),
      banner.getByRole("button", { name: "Reload" }).click(),
    ]);
    await portal.expectHeading("Foster Carer Portal");
    assert.equal(await release(page), "second");
    assert.equal(
      await page.evaluate(() => localStorage.getItem("portal-test:kept")),
      "a carer's unsent change",
    );
    assert.equal(await banner.count(), 0, "the offer goes once taken");
  });
});
