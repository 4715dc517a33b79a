// The app shell as a person meets it: it loads, says whether it is connected, and moves between
// pages by its links, by typed addresses and by keyboard, with no errors in the console.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { collectErrors, sharedServerAndBrowser } from "../harness.mjs";
import { PortalPage } from "../portal-page.mjs";

describe("the app shell", () => {
  const shared = sharedServerAndBrowser({ before, after });

  async function openPortal(path = "/") {
    const page = await shared.browser.newPage();
    const errors = collectErrors(page);
    const portal = new PortalPage(page, shared.server.url);
    await portal.open(path);
    return { page, portal, errors };
  }

  test("loads the home page and says it is connected", async () => {
    const { page, portal, errors } = await openPortal();
    await portal.expectHeading("Foster Carer Portal");
    assert.equal(await page.title(), "Home – Foster Carer Portal – Northby Council");
    await portal.untilConnection("Connected");
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("moves between pages by the footer links and the service name", async () => {
    const { page, portal, errors } = await openPortal();
    await portal.footerLink("Privacy notice").click();
    await portal.expectHeading("Privacy notice");
    assert.equal(new URL(page.url()).pathname, "/privacy");
    assert.equal(await page.title(), "Privacy notice – Foster Carer Portal – Northby Council");

    await portal.footerLink("Accessibility statement").click();
    await portal.expectHeading("Accessibility statement for the Foster Carer Portal");
    assert.equal(new URL(page.url()).pathname, "/accessibility");

    await portal.serviceNameLink().click();
    await portal.expectHeading("Foster Carer Portal");
    assert.equal(new URL(page.url()).pathname, "/");

    await page.goBack();
    await portal.expectHeading("Accessibility statement for the Foster Carer Portal");
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("marks the current page in the navigation", async () => {
    const { page, portal } = await openPortal();
    const home = portal.navigation().getByRole("link", { name: "Home" });
    assert.equal(await home.getAttribute("aria-current"), "page");
    await portal.footerLink("Privacy notice").click();
    await portal.expectHeading("Privacy notice");
    assert.equal(await home.getAttribute("aria-current"), null);
    await page.close();
  });

  test("opens a page directly by its address, and explains an unknown one", async () => {
    const { page, portal, errors } = await openPortal("/privacy");
    await portal.expectHeading("Privacy notice");
    await portal.open("/no-such-page");
    await portal.expectHeading("Page not found");
    await page.getByRole("link", { name: "Go to the portal's home page" }).click();
    await portal.expectHeading("Foster Carer Portal");
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("offers a skip link as the first stop for the keyboard", async () => {
    const { page } = await openPortal();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "main-content");
    await page.close();
  });
});
