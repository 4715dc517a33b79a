// A first sync of thousands of records: a tab closed half way leaves what it stored, and the
// next tab carries on from there; a device too small for everything says so in plain words
// and still shows what it kept.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import {
  deviceEntries,
  deviceKeyCount,
  launchBrowser,
  limitStorage,
  startSeededServer,
  untilWorkerControls,
} from "../harness.mjs";
import { PortalPage } from "../portal-page.mjs";

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

const storedRecords = (page) => deviceKeyCount(page, ":rec:bench_records:");

test("a first sync cut off by closing the tab carries on where it stopped", async () => {
  const server = await startSeededServer(4000);
  try {
    const context = await browser.newContext();
    // Every page after the first is slow to arrive, so the tab can be closed part-way.
    await context.route(/\/api\/sync\/pull\?cursor=[1-9]/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue().catch(() => {});
    });
    const first = await context.newPage();
    const portal = new PortalPage(first, server.url);
    await portal.signIn("carer@demo.test");
    await portal.expectHeading("My details");
    for (;;) {
      const cursors = await deviceEntries(first, ":cursor");
      if (cursors.some(([, value]) => Number(value) > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const keptBefore = await storedRecords(first);
    assert.ok(keptBefore > 0 && keptBefore < 4000, `part-way: ${keptBefore} records stored`);
    await first.close();

    await context.unroute(/\/api\/sync\/pull/);
    const cursors = [];
    context.on("request", (request) => {
      const match = request.url().match(/\/api\/sync\/pull\?cursor=(\d+)/);
      if (match) cursors.push(Number(match[1]));
    });
    const second = await context.newPage();
    const again = new PortalPage(second, server.url);
    await again.open("/my-details");
    await again.connectionStatus().getByText("Last synced at", { exact: false }).waitFor();
    assert.ok(cursors[0] > 0, `the next tab started from where the first stopped, not from 0 (${cursors[0]})`);
    assert.equal(await storedRecords(second), 4000);
    await context.close();
  } finally {
    await server.stop();
  }
});

test("a device without room for everything says so and still shows what it kept", async () => {
  // About 6.6 million characters, on a phone that has room for 1 MB more. Chromium compresses
  // what IndexedDB stores, and how much depends on when it tidies its files: 20,000 records have
  // taken between 2.2 and 3.9 MB. So the room is well below the smallest of those.
  const server = await startSeededServer(20_000);
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const portal = new PortalPage(page, server.url);
    // The first sync waits until the app is installed and the phone's room is set.
    let roomSet;
    const ready = new Promise((resolve) => {
      roomSet = resolve;
    });
    await context.route(/\/api\/sync\/pull/, async (route) => {
      await ready;
      await route.continue().catch(() => {});
    });
    await portal.signIn("carer@demo.test");
    await portal.expectHeading("My details");
    await untilWorkerControls(page);
    await limitStorage(context, page, 1024 * 1024);
    roomSet();
    await portal.connectionStatus().getByText("This device has run out of room for the portal", { exact: false }).waitFor();
    await portal.connectionStatus().getByText("Your waiting changes are safe.", { exact: false }).waitFor();
    const kept = await storedRecords(page);
    assert.ok(kept > 1000 && kept < 20_000, `kept what fitted: ${kept}`);
    // The carer's own details and what the service records still show.
    assert.ok(await page.getByLabel("Phone number").isVisible());
    assert.ok(await page.getByText("Mainstream fostering").isVisible());
    await context.close();
  } finally {
    await server.stop();
  }
});
