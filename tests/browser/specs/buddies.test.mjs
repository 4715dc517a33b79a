// The buddy scheme as people use it: a new carer asks for a buddy, an experienced one offers
// to be one while offline, staff run the matcher and send its suggestion, both say yes (one of
// them offline), and only then does each see the other's name.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { PortalServer, accessibilityViolations, goOffline, goOnline, launchBrowser } from "../harness.mjs";
import { signedInCarer, signedInStaff } from "../portal-page.mjs";

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

  async function onStaffBuddyPage(email) {
    const staff = await signedInStaff(browser, server.url, email);
    await staff.portal.navigation().getByRole("link", { name: "Buddies" }).click();
    await staff.portal.expectHeading("Buddy scheme");
    return staff;
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
    const { context: staffContext, page: staffPage, errors: staffErrors } = await onStaffBuddyPage("worker@demo.test");
    await staffPage.getByText("1 carer is waiting for a buddy").waitFor();
    await staffPage.getByRole("button", { name: "Suggest buddies for everyone waiting" }).click();
    const suggestion = staffPage.getByLabel("Buddy for The Taylor household");
    await suggestion.waitFor();
    assert.equal(
      await suggestion.locator("option:checked").textContent(),
      "The Nowak household (the matcher's choice)",
    );
    await staffPage.getByText("Both free on weekday evenings", { exact: false }).first().waitFor();
    assert.deepEqual(await accessibilityViolations(staffPage), []);
    await staffPage.getByRole("button", { name: "Send these suggestions" }).click();
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
    // The buddy is part-way through changing their answers when the contact arrives: what
    // they have typed stays, because a sync redraws the form only if their answers changed.
    // So is the contact they were part-way through logging: the new contact joins the list
    // and the form stays as it was.
    const places = buddy.page.getByLabel("How many carers could you buddy at once?");
    await places.fill("2");
    const minutes = buddy.page.getByLabel("How long, in minutes");
    await minutes.fill("40");
    await buddy.portal.syncNow();
    await buddy.page.getByText("Phone call, 25 minutes", { exact: false }).waitFor();
    assert.equal(await places.inputValue(), "2", "the sync kept what the buddy was typing");
    assert.equal(await minutes.inputValue(), "40", "the sync kept the contact being logged");
    await minutes.fill("");
    await places.fill("1");
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
    // Staff see the pair's whole log.
    await staffPage.getByText("Contact log (1)").click();
    const log = staffPage.getByRole("table", { name: "Contacts between The Taylor household and The Nowak household" });
    await log.getByRole("cell", { name: "Phone call" }).waitFor();
    await log.getByRole("cell", { name: "The Taylor household" }).waitFor();

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

  test("a buddy's last place, accepted offline on two devices, goes to one carer", async () => {
    for (const email of ["hughes@demo.test", "begum@demo.test"]) {
      const seeker = await onBuddyPage(email);
      await seeker.page.getByLabel("I would like a buddy", { exact: true }).check();
      await seeker.page.getByRole("button", { name: "Save my answers" }).click();
      await seeker.portal.connectionStatus().getByText(SAVED).waitFor();
      await seeker.context.close();
    }
    const phone = await onBuddyPage("mensah@demo.test");
    await phone.page.getByLabel("How many carers could you buddy at once?").fill("2");
    await phone.page.getByRole("button", { name: "Save my answers" }).click();
    await phone.portal.connectionStatus().getByText(SAVED).waitFor();

    // Another member of staff than the first test's, so the same code is not used twice.
    const staff = await onStaffBuddyPage("admin@demo.test");
    await staff.page.getByRole("button", { name: "Suggest buddies for everyone waiting" }).click();
    for (const seeker of ["The Hughes household", "The Begum household"]) {
      assert.equal(
        await staff.page.getByLabel(`Buddy for ${seeker}`).locator("option:checked").textContent(),
        "The Mensah household (the matcher's choice)",
      );
    }
    await staff.page.getByRole("button", { name: "Send these suggestions" }).click();
    await staff.page.getByText("2 suggestions sent.", { exact: false }).waitFor();

    // Both devices have both suggestions; then the buddy offers one place, on the phone only.
    const laptop = await onBuddyPage("mensah@demo.test");
    await laptop.page.getByRole("button", { name: "Yes, pair us" }).nth(1).waitFor();
    await phone.portal.syncNow();
    await phone.page.getByRole("button", { name: "Yes, pair us" }).nth(1).waitFor();
    await phone.page.getByLabel("How many carers could you buddy at once?").fill("1");
    await phone.page.getByRole("button", { name: "Save my answers" }).click();
    await phone.portal.connectionStatus().getByText(SAVED).waitFor();

    // With no signal, each device says yes to a different carer.
    await goOffline(phone.context);
    await goOffline(laptop.context);
    await phone.page.getByRole("button", { name: "Yes, pair us" }).first().click();
    await laptop.page.getByRole("button", { name: "Yes, pair us" }).last().click();
    await phone.page.getByText("Waiting to send").first().waitFor();
    await laptop.page.getByText("Waiting to send").first().waitFor();
    await goOnline(phone.context);
    await phone.portal.syncNow();
    await phone.portal.connectionStatus().getByText(SAVED).waitFor();
    await goOnline(laptop.context);
    await laptop.portal.syncNow();
    await laptop.page.getByRole("heading", { name: "Needs your attention" }).waitFor();
    await laptop.page
      .getByText("You already buddy as many carers as you offered to.", { exact: false })
      .waitFor();
    await laptop.page.getByText("You said yes: waiting for their answer").waitFor();
    assert.equal(await laptop.page.getByText("You said yes: waiting for their answer").count(), 1);
    assert.equal(await laptop.page.getByRole("button", { name: "Yes, pair us" }).count(), 1);

    // Staff withdraw the suggestion the buddy has no place for, and rule the pair out.
    await staff.page.reload();
    await staff.page.getByText("The buddy said yes; waiting for the carer.").waitFor();
    const item = staff.page.getByRole("listitem").filter({ hasText: "Waiting for both to answer." });
    const unanswered = await item.locator("strong").first().textContent();
    await item.getByText("Withdraw this suggestion").first().click();
    await item.getByRole("button", { name: "Withdraw this suggestion" }).click();
    await item.getByRole("alert").getByText("Say why, for the record.").waitFor();
    await item.getByLabel("Why (carers do not see this)").fill("The buddy has only one place now.");
    await item.getByRole("button", { name: "Withdraw this suggestion" }).click();
    await staff.page.getByText("Withdrawn", { exact: true }).waitFor();
    await staff.page.getByLabel("One household").selectOption({ label: unanswered });
    await staff.page.getByLabel("The other household").selectOption({ label: unanswered });
    await staff.page.getByRole("button", { name: "Never suggest this pair" }).click();
    await staff.page.getByRole("alert").getByRole("link", { name: "Choose two different households." }).waitFor();
    await staff.page.getByLabel("The other household").selectOption({ label: "The Mensah household" });
    await staff.page.getByLabel("Why (carers do not see this)", { exact: true }).last().fill("Related by marriage.");
    await staff.page.getByRole("button", { name: "Never suggest this pair" }).click();
    await staff.page.getByText(/household and The .* household: Related by marriage\./).waitFor();
    assert.deepEqual(await accessibilityViolations(staff.page), []);
    await laptop.portal.syncNow();
    await laptop.page.getByText("Withdrawn by the fostering service").waitFor();
    assert.equal(await laptop.page.getByText("You said yes: waiting for their answer").count(), 1);
    assert.deepEqual(staff.errors, []);
    for (const context of [phone.context, laptop.context, staff.context]) await context.close();
  });
});
