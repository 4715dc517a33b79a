// Every page passes axe-core's WCAG 2.2 A and AA rules, and still fits a 320 px phone and 200%
// zoom without sideways scrolling.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { PortalServer, accessibilityViolations, collectErrors, sharedServerAndBrowser } from "../harness.mjs";
import { PortalPage } from "../portal-page.mjs";

// Every route of the app, an unknown address for the "Page not found" page, and the static
// pages (the accessibility statement and the privacy notice), which have no app and so no
// connection box to wait for.
const PAGES = ["/", "/accessibility", "/privacy", "/no-such-page"];
const STATIC_PAGES = ["/accessibility", "/privacy"];

// A 320 px phone, and a 1280 px screen at 200% zoom (which lays out as 640 CSS pixels).
const VIEWPORTS = [
  { name: "a 320 px phone", viewport: { width: 320, height: 640 }, deviceScaleFactor: 2 },
  { name: "200% zoom", viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
  { name: "a desktop", viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
];

describe("accessibility", () => {
  const shared = sharedServerAndBrowser({ before, after });

  for (const { name, viewport, deviceScaleFactor } of VIEWPORTS) {
    for (const path of PAGES) {
      test(`${path} on ${name}: no axe violations, no sideways scrolling, no console errors`, async () => {
        const context = await shared.browser.newContext({ viewport, deviceScaleFactor });
        const page = await context.newPage();
        const errors = collectErrors(page);
        const portal = new PortalPage(page, shared.server.url);
        await portal.open(path);
        if (STATIC_PAGES.includes(path)) {
          await portal.mainHeading().waitFor();
        } else {
          await portal.untilConnection("Connected");
        }

        assert.deepEqual(await accessibilityViolations(page), []);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.equal(overflow, 0, "the page scrolls sideways");
        assert.deepEqual(errors, []);
        await context.close();
      });
    }
  }

  test("on a phone the menu opens from its button, and the page's heading is on the first screen", async () => {
    const context = await shared.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const portal = new PortalPage(page, shared.server.url);
    await portal.open("/");
    await portal.untilConnection("Connected");
    const toggle = portal.navigation().getByRole("button", { name: "Menu" });
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    assert.equal(await portal.navigation().getByRole("link", { name: "Home" }).isVisible(), false);
    const top = await portal.mainHeading().evaluate((h) => h.getBoundingClientRect().top);
    assert.ok(top < 320, `the heading starts ${top} px down`);
    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    await portal.navigation().getByRole("link", { name: "Sign in" }).waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
    // Following a link closes the menu again.
    await portal.navigation().getByRole("link", { name: "Sign in" }).click();
    await portal.expectHeading("Sign in");
    assert.equal(await portal.navigation().getByRole("button", { name: "Menu" }).getAttribute("aria-expanded"), "false");

    // On a wide screen there is no button, and every link shows.
    await page.setViewportSize({ width: 1280, height: 800 });
    assert.equal(await toggle.isVisible(), false);
    assert.equal(await portal.navigation().getByRole("link", { name: "Home" }).isVisible(), true);
    await context.close();

  });

  test("the scan does find a problem when there is one", async () => {
    // Guards the guard: a scan that silently checked nothing would pass every page above.
    const page = await shared.browser.newPage();
    await new PortalPage(page, shared.server.url).open();
    await page.evaluate(() => {
      const unlabelled = document.createElement("input");
      unlabelled.type = "text";
      document.querySelector("main").append(unlabelled);
    });
    const violations = await accessibilityViolations(page);
    assert.ok(violations.some((v) => v.startsWith("label:")), violations.join("\n"));
    await page.close();
  });

  test("with the server gone, Check connection says so, politely and not by colour alone", async () => {
    const own = await PortalServer.start();
    const page = await shared.browser.newPage();
    const portal = new PortalPage(page, own.url);
    await portal.open();
    await portal.untilConnection("Connected");
    await own.stop();
    await page.getByRole("button", { name: "Check connection" }).click();
    await portal.untilConnection("No connection");
    const status = portal.connectionStatus();
    assert.equal(await status.getAttribute("aria-live"), "polite");
    assert.match(await status.textContent(), /Anything you do is kept on this device/);
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.close();
  });
});
