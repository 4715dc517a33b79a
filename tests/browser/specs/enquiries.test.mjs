// Enquiries as people make them: someone thinking about fostering finds the enquiry from the
// portal's front page on a phone, answers with no signal (a reload half way loses nothing),
// sends it, and it waits on the phone; back online, with two tabs open, it is sent once. The
// recruitment team finds it once in the inbox, records a call and moves it on. The same
// enquiry also works in a browser that runs no JavaScript at all, through the server's plain
// pages.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  PortalServer,
  accessibilityViolations,
  collectErrors,
  goOffline,
  goOnline,
  launchBrowser,
  unstyledParts,
  untilWorkerControls,
} from "../harness.mjs";
import { PortalPage, signedInStaff } from "../portal-page.mjs";

const SAVED_HERE = "Your enquiry is saved on this device";
const SENT = "Thank you: your enquiry has been sent";

/** Answers the question on the page and presses Continue. */
async function answer(page, heading, fill) {
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  await fill();
  await page.getByRole("button", { name: "Continue" }).click();
}

describe("enquiries from people thinking about fostering", () => {
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

  test("made offline on a phone across a reload, sent once from two tabs, answered by the team", async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(server.url);
    await page.getByRole("link", { name: "Make an enquiry" }).click();
    await page.getByRole("heading", { level: 1, name: "Thinking about fostering?" }).waitFor();
    await untilWorkerControls(page);
    assert.deepEqual(await accessibilityViolations(page), []);

    await goOffline(context);
    await page.getByRole("button", { name: "Start now" }).click();
    await answer(page, "What is your name?", async () => {});
    await page.getByRole("link", { name: "Enter your name" }).waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
    await answer(page, "What is your name?", () => page.getByLabel("What is your name?").fill("Robin Hart"));
    await answer(page, "How can we contact you?", () => page.getByLabel("Phone number").fill("07700 900 456"));
    await answer(page, "When is the best time to call you?", () =>
      page.getByLabel("Early evening (5pm to 7pm)").check(),
    );
    await answer(page, "What is your postcode?", () => page.getByLabel("What is your postcode?").fill("NB4 2XY"));
    // Half way, the page is reloaded with no signal: the enquiry picks up where it was.
    await page.getByRole("heading", { level: 1, name: "Do you have a spare bedroom?" }).waitFor();
    await page.reload();
    await answer(page, "Do you have a spare bedroom?", () => page.getByLabel("Yes").check());
    await answer(page, "What kind of fostering interests you?", () => page.getByLabel("Teenagers").check());
    await answer(page, "How did you hear about fostering with us?", async () => {
      await page.getByLabel("A foster carer", { exact: true }).check();
      await page.getByLabel("If a foster carer told you about us, their name (optional)", { exact: false }).fill("Sam Taylor");
    });
    await answer(page, "Can we contact you about fostering?", () =>
      page.getByLabel("You can contact me about fostering").check(),
    );
    await page.getByRole("heading", { level: 1, name: "Check your answers before sending your enquiry" }).waitFor();
    await page.getByText("07700 900 456").waitFor();
    await page.getByText("A foster carer (Sam Taylor)").waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.getByRole("button", { name: "Send my enquiry" }).click();
    await page.getByRole("heading", { level: 1, name: SAVED_HERE }).waitFor();
    await page.reload();
    await page.getByRole("heading", { level: 1, name: SAVED_HERE }).waitFor();
    const second = await context.newPage();
    await second.goto(new URL("/enquire/", server.url).toString());
    await second.getByRole("heading", { level: 1, name: SAVED_HERE }).waitFor();

    await goOnline(context);
    await page.getByRole("heading", { level: 1, name: SENT }).waitFor();
    await page.getByText("What happens next").waitFor();
    // The thank-you panel is styled by the enquiry's own stylesheet, at 320 px as everywhere.
    assert.deepEqual(await unstyledParts(page), []);
    // The second tab, whichever sent it, says it has gone too.
    await second.getByRole("heading", { level: 1, name: SENT }).waitFor();
    await second.reload();
    await second.getByRole("heading", { level: 1, name: "Thinking about fostering?" }).waitFor();
    // Only the tries to send while there was no signal failed.
    assert.deepEqual(
      errors.filter((e) => !e.includes("net::ERR_INTERNET_DISCONNECTED")),
      [],
    );

    const staff = await signedInStaff(browser, server.url, "recruit@demo.test");
    await staff.portal.navigation().getByRole("link", { name: "Enquiries" }).click();
    await staff.portal.expectHeading("Enquiries");
    await staff.page.getByText("waiting for a first contact", { exact: false }).waitFor();
    await staff.page.getByRole("link", { name: "Robin Hart" }).waitFor();
    assert.equal(await staff.page.getByRole("link", { name: "Robin Hart" }).count(), 1, "sent once");
    assert.deepEqual(await accessibilityViolations(staff.page), []);
    await staff.page.getByRole("link", { name: "Robin Hart" }).click();
    await staff.portal.expectHeading("Robin Hart");
    await staff.page.getByText("NB4").waitFor();
    await staff.page.getByRole("definition").filter({ hasText: "Sam Taylor" }).waitFor();
    // A note typed but not yet added survives another form's change and the page's refresh.
    await staff.page.getByLabel("Add a note").fill("Call again on Friday");
    await staff.page.getByLabel("Record a contact attempt").selectOption({ label: "Phone call" });
    await staff.page.getByRole("button", { name: "Record the contact" }).click();
    await staff.page.getByRole("cell", { name: "Phone call" }).waitFor();
    assert.equal(await staff.page.getByLabel("Add a note").inputValue(), "Call again on Friday");
    assert.equal(await staff.page.getByLabel("Record a contact attempt").inputValue(), "");
    await staff.page.getByLabel("Move from Enquiry to").selectOption({ label: "Closed" });
    await staff.page.getByRole("button", { name: "Move the enquiry" }).click();
    await staff.page.getByText("Choose why the enquiry is closing").waitFor();
    await staff.page.getByLabel("Move from Enquiry to").selectOption({ label: "Initial visit" });
    await staff.page.getByRole("button", { name: "Move the enquiry" }).click();
    await staff.page.getByRole("cell", { name: "Moved to Initial visit" }).waitFor();
    assert.deepEqual(await accessibilityViolations(staff.page), []);

    // Applications against the 16-week target: those overdue first, each with the reason.
    await staff.page.getByRole("link", { name: "All enquiries" }).click();
    await staff.page.getByRole("link", { name: "Applications against 16 weeks" }).click();
    await staff.portal.expectHeading("Applications against 16 weeks");
    await staff.page.getByText("applications are open:", { exact: false }).waitFor();
    await staff.page.getByText("reached panel within 16 weeks", { exact: false }).waitFor();
    const applications = staff.page.getByRole("table", { name: "Open applications, those needing action first" });
    const rows = applications.getByRole("row");
    const standings = await rows.evaluateAll((all) =>
      all.slice(1).map((row) => row.querySelector("strong.govuk-tag")?.textContent),
    );
    // Those already at panel (the target met or missed) need nothing more against it: last.
    const rank = (standing) => ["Overdue", "At risk", "On track"].indexOf(standing) >>> 0;
    assert.ok(standings.includes("Overdue"), `some demo applications are overdue: ${standings}`);
    assert.deepEqual(
      standings,
      [...standings].sort((a, b) => rank(a) - rank(b)),
      "overdue first, then at risk",
    );
    await rows.nth(1).getByText("after the 16-week target", { exact: false }).waitFor();
    assert.deepEqual(await accessibilityViolations(staff.page), []);
    await staff.page.setViewportSize({ width: 320, height: 640 });
    const sideways = await staff.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(sideways, 0, "the page scrolls sideways at 320 px; the table scrolls in its own box");
    await staff.page.setViewportSize({ width: 1280, height: 800 });
    // The most overdue application's own page shows each milestone against its due day.
    await rows.nth(1).getByRole("link").first().click();
    await staff.page.getByRole("heading", { name: "Against the 16-week target" }).waitFor();
    await staff.page.getByText("Overdue", { exact: true }).waitFor();
    await staff.page.getByRole("term").filter({ hasText: "Panel" }).waitFor();
    assert.deepEqual(await accessibilityViolations(staff.page), []);

    await staff.page.getByRole("link", { name: "All enquiries" }).click();
    await staff.page.getByRole("link", { name: "The funnel: numbers for reports" }).click();
    await staff.portal.expectHeading("The recruitment funnel");
    await staff.page.getByRole("table", { name: "Each stage reached, by month" }).waitFor();
    const referrals = staff.page.getByRole("table", { name: "Carers who referred a friend" });
    await referrals.getByRole("rowheader", { name: "Sam Taylor" }).waitFor();
    assert.deepEqual(await accessibilityViolations(staff.page), []);

    // Someone who was not ready asked to be called back, and the day has come (demo data).
    await staff.portal.navigation().getByRole("link", { name: "Enquiries" }).click();
    await staff.portal.expectHeading("Enquiries");
    await staff.page.getByText("1 person who was not ready is due a call back.").waitFor();
    await staff.page.getByLabel("Show").selectOption({ label: "Due to get back in touch" });
    const due = staff.page.getByRole("row").filter({ hasText: "due to get back in touch" });
    assert.equal(await due.count(), 1);
    await due.getByRole("link").click();
    await staff.page.getByRole("heading", { name: "Getting back in touch" }).waitFor();
    await staff.page.getByText("It was not the right time for them. Get back in touch on", { exact: false }).waitFor();
    const calls = () =>
      staff.page.evaluate(() => [...document.querySelectorAll("td")].filter((td) => td.textContent === "Phone call").length);
    const before = await calls();
    await staff.page.getByLabel("Record a contact attempt").selectOption({ label: "Phone call" });
    await staff.page.getByRole("button", { name: "Record the contact" }).click();
    await staff.page.waitForFunction(
      (n) => [...document.querySelectorAll("td")].filter((td) => td.textContent === "Phone call").length > n,
      before,
    );
    assert.equal(await calls(), before + 1, "the call is in the history");
    await staff.page.getByRole("link", { name: "All enquiries" }).click();
    await staff.portal.expectHeading("Enquiries");
    await staff.page.getByText("waiting for a first contact", { exact: false }).waitFor();
    assert.equal(await staff.page.getByText("due a call back").count(), 0, "called back");
    assert.deepEqual(staff.errors, []);
    await context.close();
    await staff.context.close();
  });

  test("works in a browser that runs no JavaScript, through the server's plain pages", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const portal = new PortalPage(page, server.url);
    await portal.open("/enquire/");
    await page.getByRole("heading", { level: 1, name: "Thinking about fostering?" }).waitFor();
    await page.getByRole("button", { name: "Start now" }).click();
    await answer(page, "What is your name?", () => page.getByLabel("What is your name?").fill("Sam Okoro"));
    await answer(page, "How can we contact you?", () => page.getByLabel("Email address").fill("sam@example.com"));
    await answer(page, "When is the best time to call you?", () => page.getByLabel("Any time").check());
    await answer(page, "What is your postcode?", () => page.getByLabel("What is your postcode?").fill("LS1 1AA"));
    await page.getByRole("link", { name: "LS1 is outside the area we cover", exact: false }).waitFor();
    await answer(page, "What is your postcode?", () => page.getByLabel("What is your postcode?").fill("NB9 1AA"));
    await answer(page, "Do you have a spare bedroom?", () => page.getByLabel("Not yet, but there will be").check());
    await answer(page, "What kind of fostering interests you?", () => page.getByLabel("Short breaks").check());
    await answer(page, "How did you hear about fostering with us?", () => page.getByLabel("An event or talk").check());
    await answer(page, "Can we contact you about fostering?", () =>
      page.getByLabel("You can contact me about fostering").check(),
    );
    await page.getByRole("heading", { level: 1, name: "Check your answers before sending your enquiry" }).waitFor();
    await page.getByRole("button", { name: "Send my enquiry" }).click();
    await page.getByRole("heading", { level: 1, name: SENT }).waitFor();
    await context.close();
  });
});
