// A carer's phone held changes queued offline by an older version of the app when the new
// version arrived: format 1 (bare My details changes in local storage) and format 2 (changes
// naming their feature, a client per page load, everything in local storage). The new version
// moves them into IndexedDB, keeps their order, and sends each once.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { PortalServer, deviceEntries, launchBrowser, untilWorkerControls } from "../harness.mjs";
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
    left: Object.keys(localStorage).filter((k) => k.includes(":q:")),
  }));
  assert.equal(stored.format, "3");
  assert.deepEqual(stored.left, [], "moved out of local storage");
  // The tab rewrites them in the background just after it opens.
  let queued = [];
  for (let tries = 0; tries < 50; tries += 1) {
    queued = (await deviceEntries(page, ":q:")).map(([, value]) => value);
    if (queued.every((entry) => entry.startsWith('{"details":'))) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(queued.length, 3);
  for (const entry of queued) assert.match(entry, /^\{"details":\{"set_/);
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

test("a full queue kept by format 2 in local storage moves into IndexedDB and is sent once", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const portal = new PortalPage(page, server.url);
  await portal.signIn("hughes@demo.test");
  await portal.expectHeading("My details");
  await untilWorkerControls(page);
  await portal.connectionStatus().getByText(SAVED).waitFor();
  const user = await page.evaluate(() => JSON.parse(localStorage.getItem("portal:v1:session")));

  // Make the phone exactly as format 2 left it: nothing in IndexedDB, everything in local
  // storage, 300 changes queued offline by one page load's client, and a draft. The accessibility statement runs no app, so nothing is open meanwhile.
  await page.goto(`${server.url}/accessibility`);
  await context.setOffline(true);
  await page.evaluate(async (user) => {
    await new Promise((resolve, reject) => {
      const deleting = indexedDB.deleteDatabase("portal");
      deleting.onsuccess = resolve;
      deleting.onerror = () => reject(deleting.error);
      deleting.onblocked = () => reject(new Error("the database is still open"));
    });
    localStorage.clear();
    const prefix = `portal:v1:u:${user.id}:`;
    localStorage.setItem("portal:format", "2");
    localStorage.setItem("portal:v1:session", JSON.stringify(user));
    localStorage.setItem(`${prefix}cursor`, "0");
    for (let n = 1; n <= 300; n += 1) {
      const phone = `01632 960 ${String(n).padStart(3, "0")}`;
      localStorage.setItem(`${prefix}q:tab-format-two:${n}`, JSON.stringify({ details: { set_phone: { value: phone, replacing: "" } } }));
    }
    localStorage.setItem(`${prefix}qnext:tab-format-two`, "301");
    localStorage.setItem(`${prefix}draft:learning-log`, '{"title":"Half typed"}');
  }, user);

  await page.goto(`${server.url}/my-details`);
  await portal.expectHeading("My details");
  await portal.connectionStatus().getByText("300 changes are saved on this device and waiting to be sent.").waitFor();
  assert.equal(await page.getByLabel("Phone number").inputValue(), "01632 960 300");
  const local = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.deepEqual(local, [
    "portal:format",
    `portal:v1:session`,
    `portal:v1:u:${user.id}:draft:learning-log`,
  ]);
  assert.equal(await page.evaluate(() => localStorage.getItem("portal:format")), "3");
  assert.equal((await deviceEntries(page, ":q:tab-format-two:")).length, 300);

  // A change made now is the device's own client's, after the old queue.
  await page.getByLabel("Phone number").fill("01632 960 999");
  await page.getByRole("button", { name: "Save my details" }).click();
  await page.getByText("Your details are saved on this device.").waitFor();

  await context.setOffline(false);
  await portal.syncNow();
  await portal.connectionStatus().getByText(SAVED).waitFor({ timeout: 60_000 });
  assert.deepEqual(await deviceEntries(page, ":q:"), [], "every queued change was sent and settled");
  assert.equal((await deviceEntries(page, ":sent:")).length, 301, "and kept in the sent log");
  const pulled = await page.evaluate(async () => (await fetch("/api/sync/pull?cursor=0")).json());
  assert.deepEqual(pulled.rejections, []);
  const progress = Object.fromEntries(pulled.clients.map((c) => [c.client_id.replace(/-.*/, ""), c.last_applied]));
  assert.deepEqual(progress, { device: 1, tab: 300 }, "each of the 301 changes applied once");
  await page.reload();
  await portal.expectHeading("My details");
  await portal.untilFieldValue("Phone number", "01632 960 999");
  await context.close();
});
