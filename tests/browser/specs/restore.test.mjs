// The server's database is restored from a backup taken before a carer's change reached it:
// the carer's device notices and sends the change again, and it takes effect once.

import assert from "node:assert/strict";
import { cpSync, rmSync } from "node:fs";
import { after, before, test } from "node:test";

import { PortalServer, freePort, launchBrowser, tempDir, untilWorkerControls } from "../harness.mjs";
import { PortalPage } from "../portal-page.mjs";

const SAVED = "All your changes are saved with the fostering service.";

let browser;
let server;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("changes a restored server lost are sent again from the device", async () => {
  const port = await freePort();
  const data = tempDir("data");
  const backup = tempDir("backup");
  server = await PortalServer.start({ port, dataDir: data, demo: true });

  const context = await browser.newContext();
  const page = await context.newPage();
  const portal = new PortalPage(page, server.url);
  await portal.signIn("walsh@demo.test");
  await portal.expectHeading("My details");
  await untilWorkerControls(page);
  await portal.connectionStatus().getByText(SAVED).waitFor();

  // Last night's backup.
  await server.stop();
  cpSync(data, backup, { recursive: true });
  server = await PortalServer.start({ port, dataDir: data, demo: true });

  await page.getByLabel("Phone number").fill("01632 960 808");
  await page.getByRole("button", { name: "Save my details" }).click();
  await portal.syncNow();
  await portal.connectionStatus().getByText(SAVED).waitFor();

  // Something goes wrong and the service restores the backup: the change is gone from it.
  await server.stop();
  rmSync(data, { recursive: true, force: true });
  cpSync(backup, data, { recursive: true });
  server = await PortalServer.start({ port, dataDir: data, demo: true });

  await portal.syncNow();
  await portal.connectionStatus().getByText(SAVED).waitFor();
  // Seen from a new browser, the server has the change again.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  const freshPortal = new PortalPage(fresh, server.url);
  await freshPortal.signIn("walsh@demo.test");
  await freshPortal.expectHeading("My details");
  await freshPortal.untilFieldValue("Phone number", "01632 960 808");
  const pulled = await fresh.evaluate(async () => (await fetch("/api/sync/pull?cursor=0")).json());
  assert.deepEqual(pulled.rejections, []);
  assert.deepEqual(
    pulled.clients.map((c) => c.last_applied),
    [1],
    "the change was applied once, by the device's own client",
  );
  await other.close();
  await context.close();
});
