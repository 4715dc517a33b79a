// Payment queries as people use them: a carer asks about a payment with no signal (after a
// mistake or two), the query survives a reload and is sent once the phone reconnects; the
// finance team takes it on and answers; the carer reads the answer and marks it resolved.
// The carer works out a week's payment from the published rates, and the finance team's
// notice reaches the carer's home page. The finance team's answer also reaches the carer's
// mailbox, once, as a notice that says only that there is a reply to read.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  PortalServer,
  TestMailbox,
  accessibilityViolations,
  goOffline,
  goOnline,
  launchBrowser,
} from "../harness.mjs";
import { signedInCarer, signedInStaff } from "../portal-page.mjs";

const SAVED = "All your changes are saved with the fostering service.";

describe("payment queries", () => {
  let server;
  let browser;
  let mailbox;

  before(async () => {
    mailbox = await TestMailbox.start();
    server = await PortalServer.start({ demo: true, env: { PORTAL_SMTP_URL: mailbox.smtpUrl } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    mailbox?.stop();
  });

  async function signedInFinance() {
    const finance = await signedInStaff(browser, server.url, "finance@demo.test");
    await finance.portal.navigation().getByRole("link", { name: "Payments" }).click();
    await finance.portal.expectHeading("Payment queries");
    return finance;
  }

  test("asked offline, answered by finance, resolved by the carer", async () => {
    const carer = await signedInCarer(browser, server.url, "carer@demo.test");
    const { page, portal } = carer;
    await portal.navigation().getByRole("link", { name: "Payments" }).click();
    await portal.expectHeading("My payment queries");
    await portal.connectionStatus().getByText(SAVED).waitFor();
    await page.getByRole("button", { name: "Ask about a payment" }).click();
    await portal.expectHeading("Ask about a payment");

    await goOffline(carer.context);
    await page.getByRole("button", { name: "Send my query" }).click();
    const summary = page.getByRole("alert");
    await summary.getByRole("link", { name: "Choose what the payment was for" }).waitFor();
    await summary.getByRole("link", { name: "Enter what your query is about" }).waitFor();
    await page.getByLabel("What was the payment for?").selectOption({ label: "Weekly fostering allowance" });
    await page.getByLabel("First date it was for").fill("2/11/2026");
    await page.getByLabel("Last date it was for (optional)").fill("8/11/2026");
    await page.getByLabel("Amount you expected (optional)").fill("£228.00");
    await page.getByLabel("Amount you received (optional)").fill("201");
    await page.getByLabel("The child's initials or reference (optional)").fill("Jamie Smith");
    await page.getByLabel("What is your query about?").fill("Paid at the 5 to 10 rate, but she turned 11 in October.");
    await page.getByRole("button", { name: "Send my query" }).click();
    await summary
      .getByRole("link", { name: "Enter the child's initials, like J S, or their reference number, not their name" })
      .waitFor();
    assert.equal(await page.getByLabel("Amount you expected (optional)").inputValue(), "£228.00", "nothing typed is lost");
    // Leaving half way (here, a reload with no signal) keeps what was typed on the phone.
    await page.reload();
    await portal.expectHeading("Ask about a payment");
    assert.equal(
      await page.getByLabel("What is your query about?").inputValue(),
      "Paid at the 5 to 10 rate, but she turned 11 in October.",
    );
    assert.equal(await page.getByLabel("What was the payment for?").inputValue(), "weekly_allowance");
    await page.getByLabel("The child's initials or reference (optional)").fill("J S");
    await page.getByRole("button", { name: "Send my query" }).click();
    await portal.expectHeading("Weekly fostering allowance");
    await page.getByText("Waiting to send").first().waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.reload();
    await portal.expectHeading("Weekly fostering allowance");
    await page.getByText("£228.00").waitFor();
    // The child's initials read back as typed, as the hint writes them.
    await page.getByRole("definition").filter({ hasText: /^\s*J S\s*$/ }).waitFor();
    await goOnline(carer.context);
    await portal.syncNow();
    await portal.connectionStatus().getByText(SAVED).waitFor();
    await page.getByText("An answer is due by", { exact: false }).waitFor();

    // The finance team sees it, takes it on, and answers.
    const finance = await signedInFinance();
    await finance.page.getByRole("link", { name: "The Taylor household" }).click();
    await finance.portal.expectHeading("Weekly fostering allowance: The Taylor household");
    await finance.page.getByLabel("Who handles it").selectOption({ label: "Priya Shah" });
    await finance.page.getByRole("button", { name: "Give it to them" }).click();
    await finance.page.getByText("Being looked at", { exact: true }).first().waitFor();
    await finance.page.getByLabel("Reply to the carer").fill("You are right: the difference will be in Friday's payment.");
    await finance.page.getByRole("button", { name: "Send reply" }).click();
    await finance.page.getByText("You are right: the difference", { exact: false }).waitFor();
    assert.deepEqual(await accessibilityViolations(finance.page), []);

    // The carer's mailbox gets one notice, with none of the reply's words in it.
    const subject = "You have a new reply about a payment";
    for (let waited = 0; mailbox.emails("carer@demo.test", subject).length === 0; waited += 1) {
      assert.ok(waited < 100, "the notice never arrived");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The server looks for emails every two seconds: a second copy would be here by now.
    await new Promise((resolve) => setTimeout(resolve, 4500));
    const notices = mailbox.emails("carer@demo.test", subject);
    assert.equal(notices.length, 1, "one notice, sent once");
    assert.match(notices[0], /Content-Type: text\/html/);
    for (const secret of ["difference", "228", "Taylor", "Priya", "J S"]) {
      assert.ok(!notices[0].replace(/=\r?\n/g, "").includes(secret), `${secret} is in the email`);
    }

    // The carer reads the answer and, satisfied, marks the query resolved.
    await portal.syncNow();
    await page.getByText("Priya Shah, finance team").waitFor();
    await page.getByText("Answered", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Mark as resolved" }).click();
    await portal.connectionStatus().getByText(SAVED).waitFor();
    await page.getByText("Resolved", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Reopen this query" }).waitFor();

    await page.setViewportSize({ width: 320, height: 640 });
    assert.deepEqual(await accessibilityViolations(page), []);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, "the query page scrolls sideways");
    await page.setViewportSize({ width: 1280, height: 800 });

    // The finance team's notice reaches the carer's home page.
    await finance.page.getByRole("link", { name: "All payment queries" }).click();
    await finance.page.getByLabel("Notice (leave empty to take it down)").fill("This week's payment run will be a day late.");
    await finance.page.getByRole("button", { name: "Save the notice" }).click();
    await finance.page.getByText("Notice published.", { exact: false }).waitFor();
    await finance.page.getByRole("link", { name: "Numbers for reports" }).click();
    await finance.page.getByRole("cell", { name: "Weekly fostering allowance" }).waitFor();
    await portal.syncNow();
    await portal.connectionStatus().getByText(SAVED).waitFor();
    await portal.followMenu("Home");
    await page
      .getByRole("region", { name: "From the finance team" })
      .getByText("This week's payment run will be a day late.")
      .waitFor();

    assert.deepEqual(
      carer.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED") && !e.includes("/api/")),
      [],
    );
    assert.deepEqual(finance.errors, []);
    await carer.context.close();
    await finance.context.close();
  });

  test("a week's payment worked out from the published rates, offline", async () => {
    const carer = await signedInCarer(browser, server.url, "begum@demo.test");
    const { page, portal } = carer;
    await portal.navigation().getByRole("link", { name: "Payments" }).click();
    await portal.connectionStatus().getByText(SAVED).waitFor();
    await page.getByRole("link", { name: "What I should be paid" }).first().click();
    await portal.expectHeading("What I should be paid");
    await page.getByRole("heading", { name: "2026/27 rates (from 6 April 2026)" }).waitFor();
    await goOffline(carer.context);
    await page.getByLabel("First day of the week").fill("2/4/2026");
    await page.getByLabel("Children aged 5 to 10").fill("1");
    await page.getByLabel("Your skills fee level").selectOption("Level 2");
    await page.getByRole("button", { name: "Work it out" }).click();
    const result = page.getByRole("table", { name: "What the week should pay" });
    // 4 days at 2025/26 rates and 3 at 2026/27: £110.86 + £85.71 + £86.14 + £68.57.
    await result.getByRole("cell", { name: "£351.28" }).waitFor();
    await result.getByText("Allowance for a child aged 5 to 10, 3 days at 2026/27 rates").waitFor();
    await page.getByLabel("Children aged 5 to 10").fill("two");
    await page.getByRole("button", { name: "Work it out" }).click();
    await page
      .getByRole("alert")
      .getByRole("link", { name: "Enter how many children aged 5 to 10 you care for, from 0 to 12" })
      .waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
    await carer.context.close();
  });

  test("a photo too large is refused by name, and nothing typed is lost", async () => {
    const carer = await signedInCarer(browser, server.url, "hughes@demo.test");
    const { page, portal } = carer;
    await portal.navigation().getByRole("link", { name: "Payments" }).click();
    await portal.connectionStatus().getByText(SAVED).waitFor();
    await page.getByRole("button", { name: "Ask about a payment" }).click();
    await page.getByLabel("What was the payment for?").selectOption({ label: "Mileage" });
    await page.getByLabel("First date it was for").fill("9/11/2026");
    await page.getByLabel("What is your query about?").fill("Mileage for school runs, receipt attached.");
    // A picture of pure noise stays large even when made smaller; a plain one does not.
    const picture = (side, noisy) =>
      page.evaluate(
        ([size, noise]) => {
          const canvas = document.createElement("canvas");
          canvas.width = size;
          canvas.height = size;
          const context = canvas.getContext("2d");
          if (noise) {
            const image = context.createImageData(size, size);
            for (let i = 0; i < image.data.length; i += 1) {
              image.data[i] = i % 4 === 3 ? 255 : Math.floor(Math.random() * 256);
            }
            context.putImageData(image, 0, 0);
          } else {
            context.fillStyle = "#c00";
            context.fillRect(0, 0, size, size);
          }
          return canvas.toDataURL("image/png").split(",")[1];
        },
        [side, noisy],
      );
    const photos = page.getByLabel("Photos (optional)");
    await photos.setInputFiles({
      name: "statement.png",
      mimeType: "image/png",
      buffer: Buffer.from(await picture(1200, true), "base64"),
    });
    await page.getByText("“statement.png” is", { exact: false }).waitFor();
    await page.getByText("even after making it smaller, and a photo can be at most 350 KB", { exact: false }).waitFor();
    assert.equal(
      await page.getByLabel("What is your query about?").inputValue(),
      "Mileage for school runs, receipt attached.",
      "nothing typed is lost",
    );
    await photos.setInputFiles({
      name: "receipt.png",
      mimeType: "image/png",
      buffer: Buffer.from(await picture(300, false), "base64"),
    });
    await page.getByRole("button", { name: "Remove receipt.png" }).waitFor();
    assert.equal(await page.getByText("“statement.png” is", { exact: false }).count(), 0);
    await page.getByRole("button", { name: "Send my query" }).click();
    await portal.expectHeading("Mileage");
    await page.getByRole("img", { name: "Photo: receipt.png" }).waitFor();
    await portal.connectionStatus().getByText(SAVED).waitFor();
    await page.reload();
    await page.getByRole("img", { name: "Photo: receipt.png" }).waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
    assert.deepEqual(carer.errors.filter((e) => !e.includes("/api/")), []);
    await carer.context.close();
  });
});
