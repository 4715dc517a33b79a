// Several tabs of the portal on one device: one tab syncs at a time (Web Locks), a tab closed in
// the middle of sending holds nobody up, nor does a frozen one, and a thousand quick changes
// from two tabs all arrive, each exactly once.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { PortalServer, collectErrors, launchBrowser, untilWorkerControls } from "../harness.mjs";
import { PortalPage } from "../portal-page.mjs";

const SAVED = "All your changes are saved with the fostering service.";
const SYNC_REQUEST = /\/api\/sync\/(push|pull)/;

describe("several tabs", () => {
  let server;
  let browser;

  before(async () => {
    server = await PortalServer.start({ demo: true });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedInTabs(email, count) {
    const context = await browser.newContext();
    const first = await context.newPage();
    const errors = collectErrors(first);
    const portal = new PortalPage(first, server.url);
    await portal.signIn(email);
    await portal.expectHeading("My details");
    await untilWorkerControls(first);
    await portal.connectionStatus().getByText(SAVED).waitFor();
    const tabs = [{ page: first, portal }];
    while (tabs.length < count) {
      const page = await context.newPage();
      const other = new PortalPage(page, server.url);
      await other.open("/my-details");
      await other.connectionStatus().getByText(SAVED).waitFor();
      tabs.push({ page, portal: other });
    }
    return { context, tabs, errors };
  }

  async function addMember(page, name) {
    await page.getByLabel("Their name").fill(name);
    await page.getByRole("button", { name: "Add to household" }).click();
  }

  /** The people the tabs added, as the server has them, seen from a new browser: the household's
   * members after its lead carer, whom every household starts with. */
  async function membersOnServer(email) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const portal = new PortalPage(page, server.url);
    await portal.signIn(email);
    await portal.expectHeading("My details");
    await portal.connectionStatus().getByText("Last synced at", { exact: false }).waitFor();
    const names = await page.getByRole("button", { name: /^Remove / }).allTextContents();
    const progress = await page.evaluate(async () => {
      const answer = await fetch("/api/sync/pull?cursor=0", { cache: "no-store" });
      return answer.json();
    });
    await context.close();
    return { names: names.slice(1).map((n) => n.replace(/^Remove /, "").trim()), progress };
  }

  test("three tabs sending at once take turns: never two syncs in flight", async () => {
    const { context, tabs, errors } = await signedInTabs("ahmed@demo.test", 3);
    let inFlight = 0;
    let most = 0;
    let syncs = 0;
    await context.route(SYNC_REQUEST, async (route) => {
      inFlight += 1;
      syncs += 1;
      most = Math.max(most, inFlight);
      // Slow enough that, without the lock, the tabs' requests would overlap.
      await new Promise((resolve) => setTimeout(resolve, 300));
      inFlight -= 1;
      await route.continue();
    });

    await Promise.all(tabs.map(({ page }, i) => addMember(page, `Tab ${i + 1} person`)));
    await Promise.all(tabs.map(({ portal }) => portal.syncNow()));
    for (const { portal } of tabs) await portal.connectionStatus().getByText(SAVED).waitFor();

    assert.ok(syncs >= 3, `every tab synced (${syncs} requests)`);
    assert.equal(most, 1, "one sync request at a time across the tabs");
    const { names } = await membersOnServer("ahmed@demo.test");
    assert.deepEqual(names.sort(), ["Tab 1 person", "Tab 2 person", "Tab 3 person"]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a tab closed in the middle of sending does not hold the others up", async () => {
    const { context, tabs } = await signedInTabs("kowalski@demo.test", 2);
    const [first, second] = tabs;
    // The first push never gets an answer while its tab is open: that tab is stuck mid-push,
    // holding the sync lock.
    let stuck;
    const pushes = [];
    await context.route("**/api/sync/push", async (route) => {
      pushes.push(route.request().postDataJSON());
      if (!stuck) {
        stuck = route;
        return;
      }
      await route.continue();
    });

    await addMember(first.page, "Written in the first tab");
    while (!stuck) await new Promise((resolve) => setTimeout(resolve, 50));
    await addMember(second.page, "Written in the second tab");
    await second.portal.syncNow();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(pushes.length, 1, "the second tab waits while the first is sending");

    await first.page.close();
    await second.portal.connectionStatus().getByText(SAVED).waitFor();
    await stuck.abort().catch(() => {});

    const { names, progress } = await membersOnServer("kowalski@demo.test");
    assert.deepEqual(names.sort(), ["Written in the first tab", "Written in the second tab"]);
    assert.deepEqual(progress.rejections, []);
    await context.close();
  });

  test("a tab frozen in the middle of sending holds nobody up, and nothing counts twice", async () => {
    const { context, tabs } = await signedInTabs("walsh@demo.test", 2);
    const [first, second] = tabs;
    let held;
    await context.route("**/api/sync/push", async (route) => {
      if (!held) {
        held = route;
        return;
      }
      await route.continue();
    });
    await addMember(first.page, "Written before the freeze");
    while (!held) await new Promise((resolve) => setTimeout(resolve, 50));
    // The browser freezes the first tab (as it does to background tabs) while its push is on
    // the way; the push reaches the server, but the frozen tab cannot hear the answer.
    const cdp = await context.newCDPSession(first.page);
    await cdp.send("Page.setWebLifecycleState", { state: "frozen" });
    await held.continue();

    // The other tab carries on, sending its own change and the frozen tab's again.
    await addMember(second.page, "Written while the other tab was frozen");
    await second.portal.syncNow();
    await second.portal.connectionStatus().getByText(SAVED).waitFor();

    await cdp.send("Page.setWebLifecycleState", { state: "active" });
    await first.portal.syncNow();
    await first.portal.connectionStatus().getByText(SAVED).waitFor();
    const { names, progress } = await membersOnServer("walsh@demo.test");
    assert.deepEqual(names.sort(), ["Written before the freeze", "Written while the other tab was frozen"]);
    assert.deepEqual(progress.rejections, []);
    assert.deepEqual(
      progress.clients.map((c) => c.last_applied),
      [2],
      "the device's one client: each tab's change applied once",
    );
    await context.close();
  });

  // A time limit, so that a stall (as once, when a re-read of the device's keys took older
  // values over what a tab was writing) fails here rather than holding up the whole suite.
  test(
    "two tabs making 500 quick changes each: all 1,000 reach the server once",
    { timeout: 180_000 },
    async () => {
    const { context, tabs, errors } = await signedInTabs("green@demo.test", 2);
    // Each tab adds someone and removes them again, 250 times, as fast as the page allows,
    // while syncing carries on in the background.
    const quickChanges = async ([who, pairs]) => {
      const field = document.getElementById("member-name");
      const form = field.closest("form");
      const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
      const removeButton = (name) =>
        [...document.querySelectorAll("button")].find((b) => b.textContent === `Remove ${name}`);
      for (let i = 0; i < pairs; i += 1) {
        const name = `${who} ${i}`;
        field.value = name;
        field.dispatchEvent(new Event("input", { bubbles: true }));
        form.requestSubmit();
        while (!removeButton(name)) await tick();
        removeButton(name).click();
        while (removeButton(name)) await tick();
      }
    };
    await Promise.all(tabs.map(({ page }, i) => page.evaluate(quickChanges, [`Person ${i + 1}.`, 250])));
    for (const { portal } of tabs) {
      await portal.syncNow();
      await portal.connectionStatus().getByText(SAVED).waitFor({ timeout: 120_000 });
    }

    const { names, progress } = await membersOnServer("green@demo.test");
    assert.deepEqual(names, [], "every person added was removed again");
    assert.deepEqual(progress.rejections, []);
    const applied = progress.clients.map((c) => c.last_applied);
    assert.deepEqual(applied, [1000], "both tabs' 1,000 changes were applied, once each, by the device's one client");
    assert.deepEqual(errors, []);
    await context.close();
  },
  );
});
