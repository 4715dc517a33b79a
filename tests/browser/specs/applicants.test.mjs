// Applicants, as people go through it: the recruitment team invites someone whose enquiry has
// reached the application stage; the applicant sets a password on their phone and finds their
// application on the home page (stages, what happens next, their tasks), with the carers' areas
// closed to them; they tick a task with no signal and it reaches the team when the signal
// returns; the team confirms it; staff suggest a mentor, both say yes and the mentor logs a
// call the applicant sees; the team takes the application to approval, and the same sign-in now opens the carers'
// portal.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  PortalServer,
  accessibilityViolations,
  collectErrors,
  goOffline,
  goOnline,
  launchBrowser,
  untilWorkerControls,
} from "../harness.mjs";
import { PortalPage, signedInCarer, signedInStaff } from "../portal-page.mjs";

// The demo's Fran Doyle applied five weeks ago (see the server's demo enquiries).
const ENQUIRY = "/staff/enquiries/demo-enquiry-0005-000000";

describe("applicants", () => {
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

  test("invited, ticks a task offline on a phone, confirmed, approved: the same sign-in opens the carers' portal", async () => {
    const staff = await signedInStaff(browser, server.url, "recruit@demo.test");
    await staff.portal.open(ENQUIRY);
    await staff.portal.expectHeading("Fran Doyle");
    await staff.page.getByRole("heading", { name: "Invite the applicant to the portal" }).waitFor();
    await staff.page.getByLabel("Area").fill("Northby");
    await staff.page.getByLabel("Type of fostering").selectOption({ label: "Mainstream fostering" });
    await staff.page.getByRole("button", { name: "Invite the applicant" }).click();
    const link = (await staff.page.locator("#invitation-link").textContent()).trim();
    assert.match(link, /\/invitation#[A-Za-z0-9_-]{43}$/);

    // The applicant, on their phone.
    const phone = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await phone.newPage();
    const errors = collectErrors(page);
    const portal = new PortalPage(page, server.url);
    await page.goto(link);
    await page.getByText("Welcome, Fran Doyle").waitFor();
    await page.getByLabel("Password").fill("kettle garden purple");
    await page.getByRole("button", { name: "Set password and sign in" }).click();
    await portal.expectHeading("My details");
    await untilWorkerControls(page);
    await portal.followMenu("Home");
    await portal.expectHeading("Your application to foster");
    await page.getByText("Where you are now: Application").waitFor();
    await page.getByRole("heading", { name: "What happens next" }).waitFor();
    assert.ok(await page.getByText("Planned by", { exact: false }).first().isVisible());
    // Only home, My details and signing out: the carers' areas open on approval.
    const menu = portal.navigation().getByRole("button", { name: "Menu" });
    await menu.click();
    assert.equal(await portal.navigation().getByRole("link", { name: "Learning" }).count(), 0);
    await menu.click();
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.goto(new URL("/payments", server.url).toString());
    await portal.expectHeading("Payments is for approved foster carers");
    await page.getByRole("link", { name: "your home page" }).click();
    await portal.expectHeading("Your application to foster");

    // With no signal, the DBS forms ticked as done: kept on the phone, sent when back online.
    await goOffline(phone);
    const dbs = page.getByRole("checkbox", { name: "Fill in your DBS check forms" });
    await dbs.check();
    await page.getByText("You ticked this on", { exact: false }).waitFor();
    await page.reload();
    await portal.expectHeading("Your application to foster");
    assert.ok(await dbs.isChecked(), "kept on the phone across a reload");
    await goOnline(phone);
    await portal.syncNow();
    await portal.expectAllSaved();

    // The team sees the tick and confirms it; the applicant's phone shows the confirmation.
    await staff.page.reload();
    await staff.portal.expectHeading("Fran Doyle");
    const row = staff.page.getByRole("row", { name: /Fill in your DBS check forms/ });
    await row.getByText("Done, waiting for the team").waitFor();
    await row.getByRole("button", { name: "Confirm Fill in your DBS check forms" }).click();
    await row.getByRole("button", { name: "Take back Fill in your DBS check forms" }).waitFor();
    assert.deepEqual(await accessibilityViolations(staff.page), []);
    await portal.syncNow();
    await page.getByText("Confirmed by the team on", { exact: false }).waitFor();
    assert.ok(await dbs.isDisabled(), "a confirmed task stays ticked");

    // A mentor: staff run the matcher for applicants, and the Walshes (who offered two
    // places and mentor the demo applicant) are suggested. Both say yes; then each sees the
    // other's details and the applicant logs their first call.
    const worker = await signedInStaff(browser, server.url, "worker@demo.test");
    await worker.portal.navigation().getByRole("link", { name: "Buddies" }).click();
    await worker.portal.expectHeading("Buddy scheme");
    await worker.page.getByRole("button", { name: "Suggest mentors for applicants" }).click();
    await worker.page.getByRole("heading", { name: "Suggested mentors" }).waitFor();
    assert.equal(
      await worker.page.getByLabel("Mentor for The Doyle household").locator("option:checked").textContent(),
      "The Walsh household (the matcher's choice)",
    );
    assert.deepEqual(await accessibilityViolations(worker.page), []);
    await worker.page.getByRole("button", { name: "Send these suggestions" }).click();
    await worker.page.getByText("1 suggestion sent.", { exact: false }).waitFor();

    await portal.syncNow();
    await portal.followMenu("Your mentor");
    await portal.expectHeading("Your mentor");
    const card = page.getByRole("heading", { name: "A mentor for you" });
    await card.waitFor();
    await page.getByRole("button", { name: "Yes, pair us" }).click();
    await portal.syncNow();
    await portal.expectAllSaved();
    const mentor = await signedInCarer(browser, server.url, "walsh@demo.test");
    await mentor.portal.navigation().getByRole("link", { name: "Buddies" }).click();
    await mentor.portal.expectHeading("Buddy scheme");
    // The Walshes already mentor Hana Sato; the new suggestion is the one to answer.
    await mentor.page.getByRole("heading", { name: "An applicant for you to mentor" }).nth(1).waitFor();
    await mentor.page.getByRole("button", { name: "Yes, pair us" }).click();
    await mentor.portal.syncNow();
    await mentor.portal.expectAllSaved();
    await portal.syncNow();
    await page.getByText("Chris Walsh").waitFor();
    // The mentor logs their first call, in the Doyles' card (the Walshes mentor Hana Sato too);
    // the applicant sees it in the log they share.
    await mentor.portal.syncNow();
    const doyles = mentor.page.locator(".govuk-summary-card").filter({ hasText: "Fran Doyle" });
    await doyles.getByLabel("How long, in minutes").fill("30");
    await doyles.getByRole("button", { name: "Log this contact" }).click();
    await mentor.portal.syncNow();
    await mentor.portal.expectAllSaved();
    await portal.syncNow();
    await page.getByText("Phone call, 30 minutes").waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
    assert.deepEqual([...worker.errors, ...mentor.errors], []);
    await mentor.context.close();
    await worker.context.close();

    // Through assessment and panel to approval.
    for (const [from, to] of [
      ["Application", "Assessment"],
      ["Assessment", "Panel"],
      ["Panel", "Approved"],
    ]) {
      await staff.page.getByLabel(`Move from ${from} to`).selectOption({ label: to });
      await staff.page.getByRole("button", { name: "Move the enquiry" }).click();
      await staff.page.getByRole("cell", { name: `Moved to ${to}` }).waitFor();
    }
    await staff.page.getByText("This enquiry has become a carer household.").waitFor();

    // The same sign-in now opens the carers' portal.
    // The phone was left on the mentor's page, which becomes the buddy scheme.
    await portal.syncNow();
    await portal.expectHeading("Buddy scheme");
    await portal.followMenu("Home");
    await page.getByRole("heading", { level: 1, name: "Foster Carer Portal" }).waitFor();
    await portal.followMenu("Learning");
    await portal.expectHeading("My learning");
    // Requests the phone could not make with no signal are the only errors it may show.
    assert.deepEqual(
      errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED") && !e.includes("/api/")),
      [],
    );
    assert.deepEqual(staff.errors, []);
    await phone.close();
    await staff.context.close();
  });
});
