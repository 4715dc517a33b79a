// Claims as people use them: on a phone with no signal a carer claims mileage for three
// journeys, an expense with a photo of the receipt and a birthday allowance, asks for a day of
// respite, reloads, and the claims are sent once the phone reconnects. The finance team asks
// about the mileage, approves the allowance and downloads the payment run; the carer sees both
// outcomes and what the service owes, and answers the question.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { PortalServer, accessibilityViolations, goOffline, goOnline, launchBrowser } from "../harness.mjs";
import { signedInCarer, signedInStaff } from "../portal-page.mjs";

/// A date `days` before today, as a carer types it (d/m/yyyy).
function daysAgo(days) {
  const date = new Date(Date.now() - days * 24 * 60 * 60 * 1000);
  return `${date.getUTCDate()}/${date.getUTCMonth() + 1}/${date.getUTCFullYear()}`;
}

describe("claims", () => {
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

  /** A carer signed in on a phone-sized window, on My claims with everything synced. */
  async function onMyClaims(email) {
    const carer = await signedInCarer(browser, server.url, email);
    await carer.page.setViewportSize({ width: 320, height: 640 });
    await carer.portal.followMenu("Payments");
    await carer.portal.expectAllSaved();
    await carer.page.getByRole("link", { name: "My claims" }).first().click();
    await carer.portal.expectHeading("My claims");
    return carer;
  }

  test("claimed offline on a phone, queried and approved by finance, seen by the carer", async () => {
    const carer = await onMyClaims("carer@demo.test");
    const { page, portal } = carer;
    await page.getByRole("button", { name: "Make a claim" }).click();
    await portal.expectHeading("Make a claim");
    const heading = await page.getByRole("heading", { level: 1, name: "Make a claim" }).boundingBox();
    assert.ok(heading && heading.y + heading.height <= 640, `the heading is in the first screen (${heading?.y})`);

    // The Taylors buddy no one, so have no buddying time to claim.
    const kinds = page.getByLabel("What are you claiming for?").locator("option");
    assert.deepEqual((await kinds.allTextContents()).filter((k) => k.includes("Buddy")), []);
    // What is typed stays while a sync lands.
    await page.getByLabel("What are you claiming for?").selectOption({ label: "Mileage" });
    const journey = (n) => page.getByRole("group", { name: `Journey ${n}` });
    await journey(1).getByLabel("From").fill("Home");
    await portal.syncNow();
    await portal.expectAllSaved();
    assert.equal(await journey(1).getByLabel("From").inputValue(), "Home");

    await goOffline(carer.context);
    const fill = async (n, date, from, to, purpose, miles) => {
      await journey(n).getByLabel("Date").fill(date);
      await journey(n).getByLabel("From").fill(from);
      await journey(n).getByLabel("To").fill(to);
      await journey(n).getByLabel("What was it for?").selectOption({ label: purpose });
      await journey(n).getByLabel("Miles").fill(miles);
    };
    await fill(1, daysAgo(6), "Home", "Northby family centre", "Family time (contact)", "12");
    await page.getByRole("button", { name: "Add another journey" }).click();
    await fill(2, daysAgo(5), "Home", "Northby school", "School or nursery", "3.5");
    await page.getByRole("button", { name: "Add another journey" }).click();
    // A journey with a mistake is named in the summary, and what was typed stays.
    await fill(3, daysAgo(4), "Home", "", "Health appointment", "twelve");
    await page.getByRole("button", { name: "Send my claim" }).click();
    const summary = page.getByRole("alert");
    await summary.getByRole("link", { name: "Enter where journey 3 went to" }).waitFor();
    await summary.getByRole("link", { name: "Journey 3: Enter the miles as a number, like 12 or 12.5" }).waitFor();
    assert.equal(await journey(2).getByLabel("Miles").inputValue(), "3.5", "nothing typed is lost");
    await journey(3).getByLabel("To").fill("Kingsmoor clinic");
    await journey(3).getByLabel("Miles").fill("8");
    // 23.5 miles at 45p.
    await page.getByText("This claim comes to £10.58.").waitFor();
    await page.getByRole("button", { name: "Send my claim" }).click();
    await portal.expectHeading("Mileage, 3 journeys");
    await page.getByText("Waiting to send").first().waitFor();
    await page.getByRole("table", { name: "Journeys" }).getByRole("cell", { name: "Kingsmoor clinic", exact: false }).waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);

    // An expense is paid back against a photo of the receipt.
    await page.getByRole("link", { name: "Make a claim" }).first().click();
    await page.getByLabel("What are you claiming for?").selectOption({ label: "Travel or other expense" });
    await page.getByLabel("Date of the expense").fill(daysAgo(3));
    await page.getByLabel("Amount").fill("8.40");
    await page.getByLabel("What was the expense for?").fill("Parking at the hospital");
    await page.getByRole("button", { name: "Send my claim" }).click();
    await summary.getByRole("link", { name: "Add a photo of the receipt: expenses are paid back against a receipt" }).waitFor();
    const receipt = await page.evaluate(() => {
      const canvas = document.createElement("canvas");
      canvas.width = 200;
      canvas.height = 300;
      const context = canvas.getContext("2d");
      context.fillStyle = "#eee";
      context.fillRect(0, 0, 200, 300);
      return canvas.toDataURL("image/png").split(",")[1];
    });
    await page.getByLabel("Photo of the receipt").setInputFiles({
      name: "parking.png",
      mimeType: "image/png",
      buffer: Buffer.from(receipt, "base64"),
    });
    await page.getByRole("button", { name: "Remove parking.png" }).waitFor();
    await page.getByRole("button", { name: "Send my claim" }).click();
    await portal.expectHeading("Travel or other expense");
    await page.getByRole("img", { name: "Photo: parking.png" }).waitFor();

    await page.getByRole("link", { name: "Make a claim" }).first().click();
    await page.getByLabel("What are you claiming for?").selectOption({ label: "Birthday allowance" });
    await page.getByLabel("Date of the occasion").fill(daysAgo(2));
    await page.getByLabel("Amount").fill("£75");
    await page.getByLabel("The child's initials or reference").fill("k.l.");
    await page.getByRole("button", { name: "Send my claim" }).click();
    await portal.expectHeading("Birthday allowance for K L");

    // Respite is asked for from the year's allowance, and is not money.
    await page.getByRole("link", { name: "Make a claim" }).first().click();
    await page.getByLabel("What are you claiming for?").selectOption({ label: "Respite days" });
    await page.getByText("You have 14 of your 14 respite days left this year.", { exact: false }).waitFor();
    await page.getByLabel("First day").fill(daysAgo(0));
    await page.getByLabel("Last day").fill(daysAgo(0));
    await page.getByRole("button", { name: "Send my claim" }).click();
    await portal.expectHeading("Respite, 1 day");

    // A reload with no signal keeps all four, waiting to send.
    await page.reload();
    await portal.expectHeading("Respite, 1 day");
    await page.getByRole("link", { name: "My claims" }).first().click();
    await portal.expectHeading("My claims");
    assert.equal(await page.getByText("Waiting to send").count(), 4);
    const respiteLeft = page.getByRole("term").filter({ hasText: "Respite days left this year" });
    await respiteLeft.locator("xpath=following-sibling::dd").getByText("13 of 14").waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, "the claims page scrolls sideways at 320 px");
    assert.deepEqual(await accessibilityViolations(page), []);
    // Back at a desk, the phone's claims are sent.
    await page.setViewportSize({ width: 1280, height: 800 });
    await goOnline(carer.context);
    await portal.syncNow();
    await portal.expectAllSaved();
    assert.equal(await page.getByText("Waiting to send").count(), 0);

    // The finance team asks about the mileage and approves the allowance.
    const finance = await signedInStaff(browser, server.url, "finance@demo.test");
    const staff = finance.page;
    await finance.portal.navigation().getByRole("link", { name: "Payments" }).click();
    await staff.getByRole("link", { name: "Claims: mileage, expenses and allowances" }).click();
    await finance.portal.expectHeading("Claims");
    const row = (title) => staff.getByRole("row").filter({ hasText: title });
    await row("Mileage, 3 journeys").getByRole("link", { name: "The Taylor household" }).click();
    await finance.portal.expectHeading("Mileage, 3 journeys: The Taylor household");
    await staff.getByRole("definition").filter({ hasText: "£10.58" }).waitFor();
    await staff.getByLabel("Ask the carer a question").fill("Was the clinic visit for the child in your care?");
    await staff.getByRole("button", { name: "Send the question" }).click();
    await staff.getByText("Question from finance", { exact: true }).waitFor();
    assert.deepEqual(await accessibilityViolations(staff), []);
    await staff.getByRole("link", { name: "All claims" }).click();
    await finance.portal.expectHeading("Claims");
    await row("Birthday allowance for K L").getByRole("checkbox").check();
    await staff.getByRole("button", { name: "Approve the chosen claims" }).click();
    await staff.getByRole("status").getByText("1 claim approved.").waitFor();
    await row("Birthday allowance for K L").getByText("Approved").waitFor();
    const sheet = await staff.evaluate(async () => (await fetch("/api/staff/claims/payment-run.csv")).text());
    assert.match(sheet, /^Claim,Household,/);
    assert.match(sheet, /The Taylor household,[^\r\n]*,Birthday allowance,K L,[^\r\n]*,75\.00\r\n/);
    assert.doesNotMatch(sheet, /Mileage/, "only approved claims go to the payment run");
    assert.deepEqual(await accessibilityViolations(staff), []);

    // The carer sees both outcomes and what the service owes, and answers the question.
    await portal.syncNow();
    await portal.expectAllSaved();
    const owed = page.getByRole("term").filter({ hasText: "Approved, not yet paid" });
    // This allowance and last month's celebration allowance (demo data): £75 + £60.
    await owed.locator("xpath=following-sibling::dd").getByText("£135.00").waitFor();
    await page.getByRole("listitem").filter({ hasText: "Birthday allowance for K L" }).getByText("Approved").waitFor();
    await page.getByRole("link", { name: "Mileage, 3 journeys", exact: false }).click();
    await page.getByText("Priya Shah, finance team").waitFor();
    await page.getByLabel("Add a message or answer a question").fill("Yes, her eye test.");
    await page.getByRole("button", { name: "Send message" }).click();
    await portal.expectAllSaved();
    await page.getByText("Submitted", { exact: true }).waitFor();

    assert.deepEqual(
      carer.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED") && !e.includes("/api/")),
      [],
    );
    assert.deepEqual(finance.errors, []);
    await carer.context.close();
    await finance.context.close();
  });

  test("a buddy claims last month's calls and meetings offline on a phone, and finance approves it", async () => {
    // The demo Kowalskis buddy the Ahmeds. Last month's log has a 30-minute call, a 90-minute
    // meeting and messages; the month before is claimed and paid already.
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const monthWords = `${lastMonth.toLocaleString("en-GB", { month: "long", timeZone: "UTC" })} ${lastMonth.getUTCFullYear()}`;
    const title = `Buddy or mentor time, ${monthWords}`;
    const carer = await onMyClaims("kowalski@demo.test");
    const { page, portal } = carer;
    await goOffline(carer.context);
    await page.getByRole("button", { name: "Make a claim" }).click();
    await portal.expectHeading("Make a claim");
    await page.getByLabel("What are you claiming for?").selectOption({ label: "Buddy or mentor time" });
    await page.getByText("at £12.50 an hour. Messages are not paid.", { exact: false }).waitFor();
    const months = await page.getByLabel("Which month are you claiming for?").locator("option").allTextContents();
    assert.deepEqual(months, ["Choose a month", monthWords], "the month before is claimed already");
    await page.getByRole("button", { name: "Send my claim" }).click();
    await page.getByRole("alert").getByRole("link", { name: "Choose the month you are claiming for" }).waitFor();
    await page.getByLabel("Which month are you claiming for?").selectOption({ label: monthWords });
    // Two hours at £12.50.
    await page.getByText("This claim comes to £25.00.").waitFor();
    await page.getByRole("button", { name: "Send my claim" }).click();
    await portal.expectHeading(title);
    await page.reload();
    await portal.expectHeading(title);
    const calls = page.getByRole("table", { name: "Calls and meetings" });
    await calls.getByRole("cell", { name: "1 hour 30 minutes" }).waitFor();
    assert.equal(await calls.getByRole("row").count(), 3, "a header and two rows: messages are not paid");
    await page.getByText("Waiting to send").first().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, "the claim scrolls sideways at 320 px");
    assert.deepEqual(await accessibilityViolations(page), []);
    // A month is claimed once.
    await page.getByRole("link", { name: "Make a claim" }).first().click();
    await page.getByLabel("What are you claiming for?").selectOption({ label: "Buddy or mentor time" });
    await page.getByText("There is no month to claim for yet", { exact: false }).waitFor();
    // The claim is sent by itself when the signal returns.
    await goOnline(carer.context);
    await portal.expectAllSaved();

    // An administrator decides this one: each authenticator code works once, and the finance
    // team signed in for the test before.
    const finance = await signedInStaff(browser, server.url, "admin@demo.test");
    const staff = finance.page;
    await finance.portal.navigation().getByRole("link", { name: "Payments" }).click();
    await staff.getByRole("link", { name: "Claims: mileage, expenses and allowances" }).click();
    await finance.portal.expectHeading("Claims");
    const row = staff.getByRole("row").filter({ hasText: title });
    await row.getByRole("link", { name: "The Kowalski household" }).click();
    await finance.portal.expectHeading(`${title}: The Kowalski household`);
    await staff.getByRole("table", { name: "Calls and meetings" }).getByRole("cell", { name: "30 minutes", exact: true }).waitFor();
    await staff.getByRole("link", { name: "All claims" }).click();
    await row.getByRole("checkbox").check();
    await staff.getByRole("button", { name: "Approve the chosen claims" }).click();
    await staff.getByRole("status").getByText("1 claim approved.").waitFor();

    await portal.syncNow();
    await portal.expectAllSaved();
    await page.getByRole("link", { name: "My claims" }).first().click();
    await page.getByRole("listitem").filter({ hasText: title }).getByText("Approved").waitFor();
    assert.deepEqual(
      carer.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED") && !e.includes("/api/")),
      [],
    );
    assert.deepEqual(finance.errors, []);
    await carer.context.close();
    await finance.context.close();
  });
});
