// After one visit the portal opens with no network at all: reloaded, in a new tab, and from a
// cold start of the browser, while the service worker leaves the API to the network.

import assert from "node:assert/strict";
import { after, describe, test } from "node:test";

import {
  PortalServer,
  collectErrors,
  launchBrowser,
  launchPersistent,
  removeDir,
  tempDir,
  untilWorkerControls,
} from "../harness.mjs";
import { PortalPage } from "../portal-page.mjs";

describe("offline", () => {
  const cleanups = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  test("reloading with the network cut and the server stopped still shows the portal", async () => {
    const server = await PortalServer.start();
    cleanups.push(() => server.stop());
    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const context = await browser.newContext();
    const page = await context.newPage();
    const portal = new PortalPage(page, server.url);
    await portal.open("/");
    await untilWorkerControls(page);

    await server.stop();
    await context.setOffline(true);
    await page.reload();
    await portal.expectHeading("Foster Carer Portal");
    await portal.untilConnection("No connection");

    // The privacy notice and the accessibility statement, pages of their own with no app,
    // opened in a new tab, also come from the device.
    const second = new PortalPage(await context.newPage(), server.url);
    await second.open("/privacy");
    await second.expectHeading("Privacy notice");
    await second.open("/accessibility");
    await second.expectHeading("Accessibility statement for the Foster Carer Portal");
  });

  test("a cold start of the browser with no network opens the portal", async () => {
    const server = await PortalServer.start();
    cleanups.push(() => server.stop());
    const profile = tempDir("profile");
    cleanups.push(() => removeDir(profile));

    const first = await launchPersistent(profile);
    const page = first.pages()[0] ?? (await first.newPage());
    await new PortalPage(page, server.url).open();
    await untilWorkerControls(page);
    await first.close();

    await server.stop();
    const cold = await launchPersistent(profile, { offline: true });
    cleanups.push(() => cold.close());
    const coldPage = cold.pages()[0] ?? (await cold.newPage());
    const errors = collectErrors(coldPage);
    const portal = new PortalPage(coldPage, server.url);
    await portal.open();
    await portal.expectHeading("Foster Carer Portal");
    await portal.untilConnection("No connection");
    // Failed health checks are expected with no network; nothing else may go wrong.
    assert.deepEqual(
      errors.filter((e) => !e.includes("/api/health") && !e.includes("ERR_INTERNET_DISCONNECTED")),
      [],
    );
  });

  test("the service worker answers for the app, never for the API", async () => {
    const server = await PortalServer.start();
    cleanups.push(() => server.stop());
    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await new PortalPage(page, server.url).open();
    await untilWorkerControls(page);

    const online = await page.evaluate(async () => (await fetch("/api/health")).status);
    assert.equal(online, 200);
    await server.stop();
    const offline = await page.evaluate(() =>
      fetch("/api/health").then(
        (r) => `answered ${r.status}`,
        () => "network error",
      ),
    );
    assert.equal(offline, "network error", "API answers must never come from the cache");
    // A page of the app, by contrast, still comes from the device.
    const app = await page.evaluate(async () => (await fetch("/", { mode: "same-origin" })).status);
    assert.equal(app, 200);
  });
});
