// A carer's phone held changes queued offline by version 1 of the app (storage format 1) when
// the new version arrived: the new version converts them, keeps their order, and sends them.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { PortalServer, launchBrowser, untilWorkerControls } from "../harness.mjs";
import { PortalPage } from "../portal-page.mjs";

const SAVED = "All your changes are saved with the fostering service.";

let browser;
let server;

before(async () => {
  server = await PortalServer.start({ demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("changes queued by version 1 of the app survive the upgrade and are sent once", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const portal = new PortalPage(page, server.url);
  await portal.signIn("carer@demo.test");
  await portal.expectHeading("My details");
  await untilWorkerControls(page);
  await portal.connectionStatus().getByText(SAVED).waitFor();

  await context.setOffline(true);
  // Exactly what version 1 left in local storage: format 1, bare My details changes.
  await page.evaluate(() => {
    const user = JSON.parse(localStorage.getItem("portal:v1:session")).id;
    const prefix = `portal:v1:u:${user}:`;
    localStorage.setItem("portal:format", "1");
    localStorage.setItem(`${prefix}q:tab-version-1:1`, '{"set_phone":{"value":"01632 960 101","replacing":""}}');
    localStorage.setItem(
      `${prefix}q:tab-version-1:2`,
      '{"set_languages":{"value":["English","Urdu"],"replacing":""}}',
    );
    localStorage.setItem(`${prefix}q:tab-version-1:3`, '{"set_phone":{"value":"01632 960 103","replacing":""}}');
    localStorage.setItem(`${prefix}qnext:tab-version-1`, "4");
  });
  await page.reload();
  await portal.expectHeading("My details");
  await portal.connectionStatus().getByText("3 changes are saved on this device and waiting to be sent.").waitFor();
  const stored = await page.evaluate(() => ({
    format: localStorage.getItem("portal:format"),
    queued: Object.keys(localStorage)
      .filter((k) => k.includes(":q:"))
      .map((k) => localStorage.getItem(k)),
  }));
  assert.equal(stored.format, "2");
  assert.equal(stored.queued.length, 3);
  for (const entry of stored.queued) assert.match(entry, /^\{"details":\{"set_/);
  // The waiting changes show on top of what the server has, in the order they were made.
  assert.equal(await page.getByLabel("Phone number").inputValue(), "01632 960 103");

  await context.setOffline(false);
  await portal.syncNow();
  await portal.connectionStatus().getByText(SAVED).waitFor();

  const other = await browser.newContext();
  const fresh = await other.newPage();
  const freshPortal = new PortalPage(fresh, server.url);
  await freshPortal.signIn("carer@demo.test");
  await freshPortal.expectHeading("My details");
  await freshPortal.untilFieldValue("Phone number", "01632 960 103");
  assert.equal(await fresh.getByLabel("Languages spoken at home").inputValue(), "English, Urdu");
  const pulled = await fresh.evaluate(async () => (await fetch("/api/sync/pull?cursor=0")).json());
  assert.deepEqual(pulled.rejections, []);
  assert.deepEqual(
    pulled.clients.filter((c) => c.client_id === "tab-version-1").map((c) => c.last_applied),
    [3],
  );
  await other.close();
  await context.close();
});
