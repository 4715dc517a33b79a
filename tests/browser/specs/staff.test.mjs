// The staff side, as a supervising social worker uses it: sign in with a code, find households,
// add one and hand its carer a sign-in link, change what the service records. And the carer's
// side of that link: choosing a password and arriving signed in.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { PortalServer, accessibilityViolations, collectErrors, launchBrowser, totp } from "../harness.mjs";
import { PortalPage, signedInStaff } from "../portal-page.mjs";

describe("the staff side", () => {
  let server;
  let browser;
  let staff;
  let page;
  let errors;

  before(async () => {
    server = await PortalServer.start({ demo: true });
    browser = await launchBrowser();
    // One sign-in for the whole suite: each code works only once.
    staff = await browser.newContext();
    page = await staff.newPage();
    errors = collectErrors(page);
    const portal = new PortalPage(page, server.url);
    await portal.signIn("worker@demo.test");
    await page.getByLabel("Code from your authenticator app").fill(totp());
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(new URL("/staff", server.url).toString());
    await portal.expectHeading("Carers");
    // The password step answers "code needed" as an ordinary answer: nothing in the console.
    assert.deepEqual(errors, []);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("the Carers list finds households by words and by filters", async () => {
    const portal = new PortalPage(page, server.url);
    await portal.open("/staff");
    await page.getByText("Showing all 14 households.").waitFor();
    await page.getByLabel("Search").fill("taylor northby");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByText("Showing 1 of 14 households.").waitFor();
    assert.ok(await page.getByRole("link", { name: "The Taylor household" }).isVisible());
    assert.match(page.url(), /\?q=taylor%20northby$/);

    await page.getByRole("link", { name: "Clear search and filters" }).click();
    await page.getByText("Showing all 14 households.").waitFor();
    await page.getByLabel("Status").selectOption({ label: "On hold" });
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByText("Showing 1 of 14 households.").waitFor();
    assert.ok(await page.getByRole("link", { name: "The Nowak household" }).isVisible());

    // The search is in the address: reloading keeps it.
    await page.reload();
    await page.getByText("Showing 1 of 14 households.").waitFor();
    assert.equal(await page.getByLabel("Status").inputValue(), "on_hold");
    assert.deepEqual(errors, []);
  });

  test("a new household's carer chooses a password with the link and is signed in", async () => {
    const portal = new PortalPage(page, server.url);
    await portal.open("/staff");
    await page.getByRole("button", { name: "Add a household" }).click();
    await portal.expectHeading("Add a household");
    await page.getByRole("button", { name: "Add household and make sign-in link" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.waitFor();
    assert.ok(await summary.getByRole("link", { name: "Enter the household's name." }).isVisible());

    await page.getByLabel("Household name").fill("The Lee household");
    await page.getByLabel("Lead carer's full name").fill("Ash Lee");
    await page.getByLabel("Lead carer's email address").fill("ash.lee@example.test");
    await page.getByLabel("Area").fill("Northby");
    await page.getByLabel("Type of fostering").selectOption({ label: "Short breaks" });
    await page.getByLabel("Date approved").fill("02/10/2025");
    await page.getByLabel("Supervising social worker").selectOption({ label: "Jo Okafor" });
    await page.getByRole("button", { name: "Add household and make sign-in link" }).click();
    await portal.expectHeading("Household added");
    const link = (await page.locator("#invitation-link").textContent()).trim();
    assert.match(link, /\/invitation#[A-Za-z0-9_-]{43}$/);

    // The carer, on their own phone.
    const carer = await browser.newContext();
    const phone = await carer.newPage();
    const phoneErrors = collectErrors(phone);
    await phone.goto(link);
    await phone.getByText("Welcome, Ash Lee").waitFor();
    await phone.getByLabel("Password").fill("password");
    await phone.getByRole("button", { name: "Set password and sign in" }).click();
    await phone.getByRole("alert").filter({ hasText: "at least 10 characters" }).waitFor();
    await phone.getByLabel("Password").fill("kettle garden purple");
    await phone.getByRole("button", { name: "Set password and sign in" }).click();
    await new PortalPage(phone, server.url).expectHeading("My details");
    // What staff entered reaches the carer's phone with the first sync, in words.
    const record = phone.locator("dl").filter({ hasText: "Type of fostering" });
    await record.getByText("Short breaks").waitFor();
    assert.ok(await record.getByText("2 October 2025").isVisible());
    assert.ok(await record.getByText("Jo Okafor").isVisible());

    // The link worked once.
    const again = await browser.newContext();
    const other = await again.newPage();
    await other.goto(link);
    await other.getByText("This link does not work").waitFor();
    await again.close();
    await carer.close();
    assert.deepEqual(phoneErrors, []);

    await portal.open("/staff?q=lee");
    await page.getByRole("row", { name: /The Lee household.*Using the portal/ }).waitFor();
  });

  test("staff change what the service records, and see it saved", async () => {
    const portal = new PortalPage(page, server.url);
    await portal.open("/staff?q=taylor");
    await page.getByRole("link", { name: "The Taylor household" }).click();
    await portal.expectHeading("The Taylor household");
    await page.getByLabel("Status").selectOption({ label: "On hold" });
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("The household's record is updated.").waitFor();
    await page.reload();
    await portal.expectHeading("The Taylor household");
    assert.equal(await page.getByLabel("Status").inputValue(), "on_hold");

    await page.getByRole("button", { name: "Make a new sign-in link" }).click();
    await page.getByText("Send this link to Sam Taylor").waitFor();
    assert.deepEqual(errors, []);
    // The worker does not see the household's history of staff actions; an administrator does.
    assert.equal(await page.getByRole("heading", { name: "What staff have done" }).count(), 0);
    const admin = await signedInStaff(browser, server.url, "admin@demo.test");
    await admin.portal.open("/staff?q=taylor");
    await admin.page.getByRole("link", { name: "The Taylor household" }).click();
    const history = admin.page.getByRole("table", { name: "What staff have done, newest first" });
    await history.getByRole("cell", { name: "Made a sign-in link for the lead carer" }).waitFor();
    await history.getByRole("cell", { name: "Changed the household's facts" }).waitFor();
    assert.equal(await history.getByRole("cell", { name: "Jo Okafor" }).count(), 2);
    assert.deepEqual(await accessibilityViolations(admin.page), []);
    // The link was emailed to the carer too. This server has no mail server, so the email
    // waits where an administrator sees it; a supervising social worker is not shown it.
    assert.equal(await page.getByRole("link", { name: "Emails" }).count(), 0);
    await admin.portal.navigation().getByRole("link", { name: "Emails" }).click();
    await admin.portal.expectHeading("Emails");
    await admin.page.getByText("No mail server is set up", { exact: false }).waitFor();
    await admin.page
      .getByRole("row", { name: /An invitation to set a password\s+carer@demo\.test\s+Waiting to be sent/ })
      .waitFor();
    assert.deepEqual(await accessibilityViolations(admin.page), []);
    assert.deepEqual(admin.errors, []);
    await admin.context.close();
  });

  test("ending a household asks why, and the report of why carers leave counts it", async () => {
    const portal = new PortalPage(page, server.url);
    await portal.open("/staff?q=begum");
    await page.getByRole("link", { name: "The Begum household" }).click();
    await portal.expectHeading("The Begum household");
    // The question appears only when the household is leaving.
    assert.equal(await page.getByLabel("Why is the household leaving the service?").count(), 0);
    await page.getByLabel("Status").selectOption({ label: "No longer fostering" });
    await page.getByRole("button", { name: "Save changes" }).click();
    await page
      .getByRole("alert")
      .getByRole("link", { name: "Choose why the household is leaving the service." })
      .waitFor();
    await page.getByLabel("Why is the household leaving the service?").selectOption({ label: "Moved to a fostering agency" });
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("The household's record is updated.").waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);

    await portal.open("/staff");
    await page.getByRole("link", { name: "Why carers leave" }).click();
    await portal.expectHeading("Why carers leave");
    const table = page.getByRole("table", { name: "Exits by month and reason" });
    const agency = await table.getByRole("columnheader").allTextContents();
    const column = agency.indexOf("Moved to a fostering agency");
    assert.ok(column > 0, "a column for each reason");
    const twoYears = table.getByRole("row").filter({ hasText: "Two years" });
    // This one, and the demo's Lindqvists, who moved to an agency five months ago.
    assert.equal((await twoYears.getByRole("cell").allTextContents())[column - 1], "2");
    assert.deepEqual(await accessibilityViolations(page), []);
    assert.deepEqual(errors, []);
  });

  test("staff add a course to the catalogue and change it", async () => {
    const portal = new PortalPage(page, server.url);
    await portal.open("/staff");
    await portal.navigation().getByRole("link", { name: "Training courses" }).click();
    await portal.expectHeading("Training courses");
    await page.getByRole("row", { name: /Safeguarding children/ }).waitFor();
    await page.getByRole("button", { name: "Add a course" }).click();
    await portal.expectHeading("Add a course");

    await page.getByRole("button", { name: "Save course" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    // Each problem links to its field, and following the link puts the cursor there.
    await summary.getByRole("link", { name: "Enter the course title." }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), "course-title");

    await page.getByLabel("Course title").fill("Understanding trauma");
    await page.getByLabel("Category").fill("Practice");
    await page.getByRole("group", { name: "Mandatory for" }).getByLabel("Mainstream fostering").check();
    await page.getByLabel("Done again every (months)").fill("48");
    await page.getByLabel("5. Understand the development of children and young people").check();
    await page.getByRole("button", { name: "Save course" }).click();
    await portal.expectHeading("Training courses");
    const row = page.getByRole("row", { name: /Understanding trauma/ });
    await row.getByText("Every 48 months").waitFor();
    assert.ok(await row.getByText("Mainstream fostering").isVisible());

    await row.getByRole("link", { name: "Understanding trauma" }).click();
    await portal.expectHeading("Change a course");
    assert.equal(await page.getByLabel("Done again every (months)").inputValue(), "48");
    await page.getByLabel("Done again every (months)").fill("24");
    await page.getByRole("button", { name: "Save course" }).click();
    await page.getByRole("row", { name: /Understanding trauma/ }).getByText("Every 24 months").waitFor();
    assert.deepEqual(errors, []);
  });

  test("staff see training across households, filter it and download it", async () => {
    const portal = new PortalPage(page, server.url);
    await portal.open("/staff");
    await portal.navigation().getByRole("link", { name: "Training", exact: true }).click();
    await portal.expectHeading("Training");
    await page.getByText(/^Showing all \d+ households\.$/).waitFor();
    const taylor = page.getByRole("row", { name: /The Taylor household/ });
    assert.ok(await taylor.getByText("Safeguarding children").isVisible());
    await page.getByLabel("Supervising social worker").selectOption({ label: "Jo Okafor" });
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByText(/^Showing \d+ of \d+ households\.$/).waitFor();
    assert.ok(page.url().includes("worker="), "the filter is in the address");

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download all households as a spreadsheet (CSV)" }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^training-overview-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.deepEqual(errors, []);
  });

  test("staff read a household's learning log and mark an entry verified", async () => {
    // The carer's device sends a record as its sync does (the carers' learning pages have their
    // own tests in learning.test.mjs); the household starts with its lead carer, Lee Clarke. The
    // worker supervises the Clarkes, so may confirm their training.
    const carer = await browser.newContext();
    const phone = await carer.newPage();
    const carerPortal = new PortalPage(phone, server.url);
    await carerPortal.signIn("clarke@demo.test");
    await carerPortal.expectHeading("My details");
    const pushed = await phone.evaluate(async () => {
      const entry = {
        title: "Safeguarding refresher", date: "2025-10-01", hours: "1", minutes: "30",
        format: "webinar", provider: "", course_id: "", standards: [6], members: ["member-lee-clarke"],
        certificate: "", learned: "", will_use: "",
      };
      const answer = await fetch("/api/sync/push", {
        method: "POST",
        headers: { "content-type": "application/json", "x-portal-request": "1" },
        body: JSON.stringify({
          client_id: "tab-learning-test",
          mutations: [
            { counter: 1, mutation: { details: { add_member: { id: "member-lee-clarke", name: "Lee Clarke", role: "main_carer" } } } },
            { counter: 2, mutation: { training: { save: { id: "entry-clarke-1", form: entry } } } },
          ],
        }),
      });
      return answer.json();
    });
    assert.equal(pushed.last_applied, 2);
    await carer.close();

    const portal = new PortalPage(page, server.url);
    await portal.open("/staff?q=clarke");
    await page.getByRole("link", { name: "The Clarke household" }).click();
    await portal.expectHeading("The Clarke household");
    const log = page.getByRole("listitem").filter({ hasText: "Safeguarding refresher" });
    await log.getByText("1 October 2025, 1 hour 30 minutes, webinar. Attended: Lee Clarke. TSD standards 6.").waitFor();
    // The button names its entry for screen reader users (the title is visually hidden).
    await log.getByRole("button", { name: /^Mark as verified\W+Safeguarding refresher$/ }).click();
    await log.getByText("Verified", { exact: true }).waitFor();
    assert.ok(await log.getByText("by Jo Okafor", { exact: false }).isVisible());
    assert.deepEqual(await accessibilityViolations(page), []);
    assert.deepEqual(errors, []);
  });

  test("staff add a monthly group, see its sessions and cancel one with a reason", async () => {
    const portal = new PortalPage(page, server.url);
    await portal.open("/staff/groups");
    await page.getByRole("link", { name: "Add a group" }).click();
    await portal.expectHeading("Add a group");
    await page.getByRole("button", { name: "Add the group" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.getByRole("link", { name: "Enter the group's name." }).waitFor();

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Name of the group").fill("Kinship carers' evening");
    await page.getByLabel("Kind of group").selectOption({ label: "Family and friends carers" });
    await page.getByLabel("Date of the first session").fill(tomorrow);
    await page.getByLabel("Starts at (UK time)").fill("6pm");
    await page.getByLabel("Ends at").fill("8pm");
    await page.getByLabel("How many sessions to add").fill("2");
    await page.getByLabel("Where it meets (optional for an online group)").fill("Millbrook Hall");
    await page.getByLabel("Places per session (optional)").fill("15");
    // A double click, as people do, adds one group.
    await page.getByRole("button", { name: "Add the group" }).dblclick();
    await portal.expectHeading("Support groups");
    const group = page.getByRole("heading", { level: 2, name: "Kinship carers' evening" });
    await group.waitFor();
    await page.reload();
    await group.waitFor();
    assert.equal(await group.count(), 1, "one group, however many presses");
    const sessions = page.getByRole("listitem").filter({ hasText: "Millbrook Hall" });
    assert.equal(await sessions.count(), 2);
    await sessions.first().getByText("6pm to 8pm", { exact: false }).waitFor();

    await sessions.first().getByRole("button", { name: "Cancel this session" }).click();
    await sessions.first().getByLabel("Why is it cancelled? Everyone booked is told.").fill("The hall is closed for repairs.");
    await sessions.first().getByRole("button", { name: "Cancel the session" }).click();
    await sessions.first().getByText("The hall is closed for repairs.").waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
    assert.deepEqual(errors, []);
  });

  test("staff pages pass axe and fit a 320 px screen", async () => {
    const portal = new PortalPage(page, server.url);
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ["/staff", "/staff/carers/new", "/staff/carers/nobody", "/staff/courses", "/staff/courses/new", "/staff/training", "/staff/groups", "/staff/groups/new"]) {
      await portal.open(path);
      await page.getByText("Loading", { exact: false }).waitFor({ state: "detached" });
      assert.deepEqual(await accessibilityViolations(page), [], path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.equal(overflow, 0, `${path} scrolls sideways`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    assert.deepEqual(errors, []);
  });
});
