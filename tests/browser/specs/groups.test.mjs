// Support groups as carers use them: two carers asking for the last place while offline get one
// place between them, the other joins the waiting list and is given the place when it is given
// up; the calendar file reads back; the pages pass axe at 320 px.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";

import {
  PortalServer,
  accessibilityViolations,
  goOffline,
  goOnline,
  launchBrowser,
} from "../harness.mjs";
import { signedInCarer } from "../portal-page.mjs";

const SAVED = "All your changes are saved with the fostering service.";

describe("support groups", () => {
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

  /** A carer signed in on their own phone, on the first "Men who care" session (two places). */
  async function carerOnSession(email) {
    const { context, page, portal, errors } = await signedInCarer(browser, server.url, email);
    await portal.navigation().getByRole("link", { name: "Groups" }).click();
    await portal.expectHeading("Support groups");
    await portal.connectionStatus().getByText(SAVED).waitFor();
    await page.getByRole("link", { name: "Men who care" }).first().click();
    await portal.expectHeading("Men who care");
    return { context, page, portal, errors };
  }

  const status = (page) => page.getByRole("heading", { name: "Your booking" }).locator("xpath=following-sibling::p[1]");

  test("two carers asking offline for the last place get one place, and the waiting list moves up", async () => {
    const first = await carerOnSession("carer@demo.test");
    await first.page.getByText("2 places left").waitFor();
    await first.page.getByRole("button", { name: "Ask for a place" }).click();
    await status(first.page).getByText("You have a place").waitFor();

    const second = await carerOnSession("nowak@demo.test");
    const third = await carerOnSession("begum@demo.test");
    await second.page.getByText("1 place left").waitFor();
    await third.page.getByText("1 place left").waitFor();
    for (const carer of [second, third]) {
      await goOffline(carer.context);
      await carer.page.getByRole("button", { name: "Ask for a place" }).click();
      await status(carer.page).getByText("Requested").waitFor();
    }
    // Offline, each request survives a reload.
    await second.page.reload();
    await status(second.page).getByText("Requested").waitFor();

    await goOnline(second.context);
    await second.portal.syncNow();
    await second.portal.connectionStatus().getByText(SAVED).waitFor();
    await status(second.page).getByText("You have a place").waitFor();
    await goOnline(third.context);
    await third.portal.syncNow();
    await third.portal.connectionStatus().getByText(SAVED).waitFor();
    await status(third.page).getByText("On the waiting list").waitFor();

    // The second carer cannot come after all: the place goes to the third.
    await second.page.getByRole("button", { name: "Give up my place" }).click();
    await second.page.getByRole("button", { name: "Yes, give up my place" }).click();
    await second.portal.connectionStatus().getByText(SAVED).waitFor();
    await third.portal.syncNow();
    await status(third.page).getByText("You have a place").waitFor();

    // The calendar file reads back: one event, at 7pm UK time, for the group.
    await third.page.getByRole("navigation", { name: "Support groups" }).getByRole("link", { name: "My bookings" }).click();
    await third.portal.expectHeading("My bookings");
    const download = third.page.waitForEvent("download");
    await third.page.getByRole("button", { name: "Download a calendar file (.ics)" }).click();
    const file = await download;
    assert.equal(file.suggestedFilename(), "support-groups.ics");
    const ics = readFileSync(await file.path(), "utf8").replace(/\r\n /g, "");
    assert.equal(ics.match(/BEGIN:VEVENT/g).length, 1);
    assert.match(ics, /\r\nDTSTART;TZID=Europe\/London:\d{8}T190000\r\n/);
    assert.match(ics, /\r\nSUMMARY:Men who care\r\n/);
    assert.match(ics, /\r\nSTATUS:CONFIRMED\r\n/);

    for (const carer of [first, second, third]) {
      assert.deepEqual(
        carer.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED") && !e.includes("/api/")),
        [],
      );
      await carer.context.close();
    }
  });

  test("the groups pages pass axe and fit a 320 px screen", async () => {
    const { context, page, portal, errors } = await carerOnSession("clarke@demo.test");
    const session = new URL(page.url()).pathname;
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ["/groups", session, "/groups/bookings"]) {
      await portal.open(path);
      assert.deepEqual(await accessibilityViolations(page), [], path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.equal(overflow, 0, `${path} scrolls sideways`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
});
