// A carer's details, changed on a phone with no signal: kept on the device through reloads,
// shown in other tabs, sent once when the connection returns, and removed on signing out.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  PortalServer,
  accessibilityViolations,
  deviceEntries,
  devicePhotoCount,
  launchBrowser,
} from "../harness.mjs";
import { PortalPage, signedInCarer } from "../portal-page.mjs";

const SAVED = "All your changes are saved with the fostering service.";

describe("my details", () => {
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

  const signedIn = (email) => signedInCarer(browser, server.url, email);

  test("a change made offline survives a reload and is sent when the connection returns", async () => {
    const { context, page, portal } = await signedIn("carer@demo.test");
    await portal.connectionStatus().getByText(SAVED).waitFor();

    await context.setOffline(true);
    await page.getByLabel("Phone number").fill("01632 960 123");
    await page.getByRole("button", { name: "Save my details" }).click();
    await page.getByText("Your details are saved on this device.").waitFor();
    await portal.connectionStatus().getByText("1 change is saved on this device and waiting to be sent.").waitFor();

    await page.reload();
    await portal.expectHeading("My details");
    assert.equal(await page.getByLabel("Phone number").inputValue(), "01632 960 123");
    await portal.connectionStatus().getByText("1 change is saved on this device").waitFor();

    await context.setOffline(false);
    await portal.syncNow();
    await portal.connectionStatus().getByText(SAVED).waitFor();

    // A fresh browser signing in as the same carer sees the change: it reached the server.
    const other = await signedIn("carer@demo.test");
    await other.portal.connectionStatus().getByText("Last synced at", { exact: false }).waitFor();
    await other.page.reload();
    await other.portal.expectHeading("My details");
    assert.equal(await other.page.getByLabel("Phone number").inputValue(), "01632 960 123");
    await other.context.close();
    await context.close();
  });

  test("a change in one tab shows in another without a reload", async () => {
    const { context, page } = await signedIn("nowak@demo.test");
    const second = await context.newPage();
    const secondPortal = new PortalPage(second, server.url);
    await secondPortal.open("/my-details");
    await context.setOffline(true);
    await page.getByLabel("Languages spoken at home").fill("English, Polish");
    await page.getByRole("button", { name: "Save my details" }).click();
    await secondPortal.connectionStatus().getByText("1 change is saved on this device").waitFor();
    await context.close();
  });

  test("bad input gets a plain message and nothing typed is lost", async () => {
    const { context, page, errors } = await signedIn("begum@demo.test");
    await page.getByLabel("Phone number").fill("call me after six");
    await page.getByLabel("First part of your postcode").fill("NB1 2AB");
    await page.getByRole("button", { name: "Save my details" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.waitFor();
    await summary.getByRole("link", { name: "Enter a phone number, like 01632 960 001 or +44 7700 900 982." }).waitFor();
    assert.equal(await page.getByLabel("Phone number").inputValue(), "call me after six");
    assert.deepEqual(await accessibilityViolations(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("signing out with waiting changes warns first, then leaves nothing of the carer behind", async () => {
    const { context, page, portal } = await signedIn("hughes@demo.test");
    await context.setOffline(true);
    await page.getByLabel("Phone number").fill("01632 960 777");
    await page.getByRole("button", { name: "Save my details" }).click();
    await page.getByText("Your details are saved on this device.").waitFor();
    // A photo chosen for a payment query not yet sent is on the device too.
    await portal.open("/payments/new");
    await portal.expectHeading("Ask about a payment");
    const png = await page.evaluate(() => {
      const canvas = document.createElement("canvas");
      canvas.width = 40;
      canvas.height = 40;
      canvas.getContext("2d").fillRect(0, 0, 20, 20);
      return canvas.toDataURL("image/png").split(",")[1];
    });
    await page.getByLabel("Photos (optional)").setInputFiles({
      name: "receipt.png",
      mimeType: "image/png",
      buffer: Buffer.from(png, "base64"),
    });
    await page.getByRole("button", { name: "Remove receipt.png" }).waitFor();
    assert.equal(await devicePhotoCount(page), 1);

    await portal.navigation().getByRole("link", { name: "Sign out" }).click();
    await portal.expectHeading("Sign out");
    await page.getByText("If you sign out now, they will be deleted from this device and lost.", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Sign out and lose my waiting changes" }).click();
    await portal.expectHeading("Sign in");
    const left = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith("portal:v1:u:") || k === "portal:v1:session"),
    );
    assert.deepEqual(left, []);
    assert.deepEqual(await deviceEntries(page), [], "nothing of the carer is left in IndexedDB");
    assert.equal(await devicePhotoCount(page), 0, "nor any photo");
    // The service worker's cache holds the app itself, never anyone's answers from the server.
    const cached = await page.evaluate(async () => {
      const urls = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      }
      return urls;
    });
    assert.deepEqual(
      cached.filter((url) => url.includes("/api/")),
      [],
    );
    await context.close();
  });

  test("a change made in a tab that was closed before it could be sent is sent once later", async () => {
    const { context, page } = await signedIn("mensah@demo.test");
    await context.setOffline(true);
    await page.getByLabel("Phone number").fill("01632 960 456");
    await page.getByRole("button", { name: "Save my details" }).click();
    await page.getByText("Your details are saved on this device.").waitFor();
    await page.close();

    await context.setOffline(false);
    const later = await context.newPage();
    const portal = new PortalPage(later, server.url);
    await portal.open("/my-details");
    await portal.connectionStatus().getByText(SAVED).waitFor();
    // A new device signing in fills the form as the first sync arrives, without a reload.
    const fresh = await signedIn("mensah@demo.test");
    await fresh.portal.untilFieldValue("Phone number", "01632 960 456");
    await fresh.context.close();
    await context.close();
  });

  test("when the sign-in ends while offline, nothing is lost and signing in again sends it", async () => {
    const { context, page, portal } = await signedIn("clarke@demo.test");
    await context.setOffline(true);
    await page.getByLabel("Phone number").fill("01632 960 333");
    await page.getByRole("button", { name: "Save my details" }).click();
    await page.getByText("Your details are saved on this device.").waitFor();
    // The server no longer recognises this browser (as after a long absence).
    await context.clearCookies();
    await context.setOffline(false);
    await portal.syncNow();
    const warning = page.getByText("Your sign-in has ended.", { exact: false });
    await warning.waitFor();
    await page.getByText("1 change is saved on this device and waiting to be sent.").first().waitFor();
    await page.getByRole("link", { name: "Sign in again to send them" }).click();
    await page.getByLabel("Email address").fill("clarke@demo.test");
    await page.getByLabel("Password").fill("demo-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await portal.expectHeading("My details");
    await portal.connectionStatus().getByText(SAVED).waitFor();
    assert.equal(await page.getByLabel("Phone number").inputValue(), "01632 960 333");
    await context.close();
  });

  test("the sign-in and My details pages pass the accessibility scan", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const portal = new PortalPage(page, server.url);
    await portal.open("/sign-in");
    assert.deepEqual(await accessibilityViolations(page), []);
    await portal.signIn("carer@demo.test");
    await portal.expectHeading("My details");
    assert.deepEqual(await accessibilityViolations(page), []);
    await context.close();
  });

  test("on a phone a calm status is one line, and a carer's page headings are on the first screen", async () => {
    // A carer's pages too, with the status area above them: one line while all is well, and
    // whole on asking.
    const carer = await signedInCarer(browser, server.url, "carer@demo.test");
    await carer.page.setViewportSize({ width: 390, height: 844 });
    const status = carer.portal.connectionStatus();
    await status.getByText("All saved · synced", { exact: false }).waitFor();
    assert.equal(await status.getByRole("button", { name: "Sync now" }).isVisible(), false);
    await status.getByRole("button", { name: "Details" }).click();
    await status.getByText("All your changes are saved with the fostering service.").waitFor();
    await status.getByRole("button", { name: "Sync now" }).waitFor();
    assert.deepEqual(await accessibilityViolations(carer.page), []);
    await status.getByRole("button", { name: "Hide details" }).click();
    // Something waiting makes it stand out whole, without asking.
    await carer.context.setOffline(true);
    await carer.page.getByLabel("Phone number").fill("01632 960 404");
    await carer.page.getByRole("button", { name: "Save my details" }).click();
    await status.getByText("1 change is saved on this device and waiting to be sent.").waitFor();
    // Back online, the change is sent by itself and the status folds again.
    await carer.context.setOffline(false);
    await status.getByText("All saved · synced", { exact: false }).waitFor();
    for (const path of ["/", "/my-details", "/notifications", "/learning", "/groups", "/buddies", "/payments", "/surveys", "/library", "/library/allegations", "/learning/annual-review", "/news", "/news/contribute"]) {
      await carer.portal.open(path);
      await carer.portal.mainHeading().waitFor();
      await status.getByText("All saved · synced", { exact: false }).waitFor();
      const down = await carer.portal.mainHeading().evaluate((h) => h.getBoundingClientRect().top);
      assert.ok(down < 320, `on ${path} the heading starts ${down} px down`);
    }
    await carer.context.close();
  });

  test("a carer chooses which emails they get, and is told plainly when that needs a connection", async () => {
    const { context, page, portal } = await signedIn("hughes@demo.test");
    await page.getByRole("link", { name: "Choose which emails you get" }).click();
    await portal.expectHeading("Notifications");
    const replies = page.getByLabel("Replies about payment queries and claims");
    await replies.waitFor();
    assert.equal(await replies.isChecked(), true, "every email is on to begin with");
    await replies.uncheck();
    await page.getByRole("button", { name: "Save my choices" }).click();
    await page.getByRole("alert").getByText("Your choices are saved.").waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.reload();
    await portal.expectHeading("Notifications");
    await page.getByLabel("Surveys opening, and a reminder before they close").waitFor();
    assert.equal(await page.getByLabel("Replies about payment queries and claims").isChecked(), false);
    assert.equal(await page.getByLabel("Buddy and mentor suggestions").isChecked(), true);

    // With no signal the page says why it cannot show them, and offers to try again.
    await context.setOffline(true);
    await page.reload();
    await portal.expectHeading("Notifications");
    await page.getByText("this page needs a connection", { exact: false }).waitFor();
    await context.setOffline(false);
    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByLabel("Buddy and mentor suggestions").waitFor();
    await context.close();
  });
});
