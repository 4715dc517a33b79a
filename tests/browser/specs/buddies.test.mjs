// The buddy scheme as people use it: a new carer asks for a buddy, an experienced one offers
// to be one while offline, staff run the matcher and send its suggestion, both say yes (one of
// them offline), and only then does each see the other's name.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  PortalServer,
  accessibilityViolations,
  collectErrors,
  goOffline,
  goOnline,
  launchBrowser,
  totp,
} from "../harness.mjs";
import { PortalPage, signedInCarer } from "../portal-page.mjs";

const SAVED = "All your changes are saved with the fostering service.";

describe("the buddy scheme", () => {
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

  async function onBuddyPage(email) {
    const carer = await signedInCarer(browser, server.url, email);
    await carer.portal.navigation().getByRole("link", { name: "Buddies" }).click();
    await carer.portal.expectHeading("Buddy scheme");
    await carer.portal.connectionStatus().getByText(SAVED).waitFor();
    return carer;
  }

  test("suggested, accepted by both (one offline), and only then named", async () => {
    const seeker = await onBuddyPage("carer@demo.test");
    await seeker.page.getByLabel("I would like a buddy", { exact: true }).check();
    await seeker.page.getByLabel("Weekday evenings").check();
    await seeker.page.getByRole("button", { name: "Save my answers" }).click();
    await seeker.portal.connectionStatus().getByText(SAVED).waitFor();

    const buddy = await onBuddyPage("nowak@demo.test");
    await goOffline(buddy.context);
    await buddy.page.getByLabel("How many carers could you buddy at once?").fill("9");
    await buddy.page.getByRole("button", { name: "Save my answers" }).click();
    await buddy.page
      .getByRole("alert")
      .getByRole("link", { name: "Enter how many carers you could buddy at once, from 1 to 5." })
      .waitFor();
    await buddy.page.getByLabel("How many carers could you buddy at once?").fill("1");
    await buddy.page.getByLabel("Weekday evenings").check();
    await buddy.page.getByRole("button", { name: "Save my answers" }).click();
    await buddy.page.getByText("Waiting to send").first().waitFor();
    await buddy.page.reload();
    assert.equal(await buddy.page.getByLabel("How many carers could you buddy at once?").inputValue(), "1");
    await goOnline(buddy.context);
    await buddy.portal.syncNow();
    await buddy.portal.connectionStatus().getByText(SAVED).waitFor();

    // Staff run the matcher and send its suggestion.
    const staffContext = await browser.newContext();
    const staffPage = await staffContext.newPage();
    const staffErrors = collectErrors(staffPage);
    const staff = new PortalPage(staffPage, server.url);
    await staff.signIn("worker@demo.test");
    await staffPage.getByLabel("Code from your authenticator app").fill(totp());
    await staffPage.getByRole("button", { name: "Sign in" }).click();
    await staff.expectHeading("Carers");
    await staff.navigation().getByRole("link", { name: "Buddies" }).click();
    await staff.expectHeading("Buddy scheme");
    await staffPage.getByText("1 carer is waiting for a buddy").waitFor();
    await staffPage.getByRole("button", { name: "Suggest pairs for everyone waiting" }).click();
    const suggestion = staffPage.getByLabel(/The Taylor household with The Nowak household/);
    await suggestion.waitFor();
    assert.equal(await suggestion.isChecked(), true);
    await staffPage.getByText("Both free on weekday evenings", { exact: false }).first().waitFor();
    assert.deepEqual(await accessibilityViolations(staffPage), []);
    await staffPage.getByRole("button", { name: "Send the ticked suggestions" }).click();
    await staffPage.getByText("1 suggestion sent.", { exact: false }).waitFor();
    await staffPage.getByText("Suggested", { exact: true }).first().waitFor();

    // The carer sees why, but not who, and says yes.
    await seeker.portal.syncNow();
    await seeker.page.getByText("Suggested: waiting for your answer").waitFor();
    await seeker.page.getByText("Both free on weekday evenings").waitFor();
    assert.equal(await seeker.page.getByText("Ania Nowak").count(), 0, "no name before both say yes");
    assert.deepEqual(await accessibilityViolations(seeker.page), []);
    await seeker.page.getByRole("button", { name: "Yes, pair us" }).click();
    await seeker.portal.connectionStatus().getByText(SAVED).waitFor();
    await seeker.page.getByText("You said yes: waiting for their answer").waitFor();

    // The buddy says yes with no signal; it counts once the phone reconnects.
    await buddy.portal.syncNow();
    await buddy.page.getByRole("button", { name: "Yes, pair us" }).waitFor();
    await goOffline(buddy.context);
    await buddy.page.getByRole("button", { name: "Yes, pair us" }).click();
    await buddy.page.getByText("Waiting to send").first().waitFor();
    await goOnline(buddy.context);
    await buddy.portal.syncNow();
    await buddy.portal.connectionStatus().getByText(SAVED).waitFor();
    await buddy.page.getByText("Sam Taylor").waitFor();

    await seeker.portal.syncNow();
    await seeker.page.getByText("Paired", { exact: true }).waitFor();
    await seeker.page.getByText("Ania Nowak").waitFor();
    // They keep one shared log of their contacts, offline too.
    await goOffline(seeker.context);
    await seeker.page.getByRole("button", { name: "Log this contact" }).click();
    await seeker.page.getByRole("alert").getByText("Enter how long it was in minutes", { exact: false }).waitFor();
    await seeker.page.getByLabel("How long, in minutes").fill("25");
    await seeker.page.getByRole("button", { name: "Log this contact" }).click();
    await seeker.page.getByText("1 contact this month.", { exact: false }).waitFor();
    await seeker.page.getByText("Waiting to send").first().waitFor();
    await goOnline(seeker.context);
    await seeker.portal.syncNow();
    await seeker.portal.connectionStatus().getByText(SAVED).waitFor();
    await buddy.portal.syncNow();
    await buddy.page.getByText("Phone call, 25 minutes", { exact: false }).waitFor();
    const download = buddy.page.waitForEvent("download");
    await buddy.page.getByRole("button", { name: "Download the contact log (CSV)" }).click();
    assert.equal((await download).suggestedFilename(), "buddy-contacts.csv");

    await seeker.page.setViewportSize({ width: 320, height: 640 });
    assert.deepEqual(await accessibilityViolations(seeker.page), []);
    const overflow = await seeker.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, "the buddy page scrolls sideways");

    await staffPage.reload();
    await staffPage.getByText("Paired", { exact: true }).first().waitFor();
    await staffPage.getByText("1 contact logged, the last on", { exact: false }).waitFor();

    // The scoring is data staff set, checked before it is saved.
    await staffPage.getByLabel("The same area").fill("lots");
    await staffPage.getByRole("button", { name: "Save the scoring" }).click();
    await staffPage
      .getByRole("alert")
      .getByRole("link", { name: "The same area: enter a whole number of points from 0 to 100." })
      .waitFor();
    await staffPage.getByLabel("The same area").fill("20");
    await staffPage.getByLabel("The service's areas (optional)").fill("CW1 Crewe");
    await staffPage.getByRole("button", { name: "Save the scoring" }).click();
    await staffPage.getByText("Scoring saved.", { exact: false }).waitFor();
    assert.deepEqual(await accessibilityViolations(staffPage), []);
    assert.deepEqual(
      seeker.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED") && !e.includes("/api/")),
      [],
    );
    assert.deepEqual(
      buddy.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED") && !e.includes("/api/")),
      [],
    );
    assert.deepEqual(staffErrors, []);
    for (const context of [seeker.context, buddy.context, staffContext]) await context.close();
  });
});
