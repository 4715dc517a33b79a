// The learning log as carers use it on a phone: training logged with no signal, kept through a
// reload, sent once when the connection returns and seen by the service exactly once; drafts;
// the TSD standards tracker moving as evidence is added; changing and deleting a record; and
// the pages passing axe at 320 px.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { PortalServer, accessibilityViolations, goOffline, goOnline, launchBrowser } from "../harness.mjs";
import { signedInCarer, signedInStaff } from "../portal-page.mjs";

const SAVED = "All your changes are saved with the fostering service.";

describe("the learning log", () => {
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

  /** A carer signed in on their own phone, on My learning, synced. */
  async function carerOnLearning(email) {
    const { context, page, portal, errors } = await signedInCarer(browser, server.url, email);
    await portal.navigation().getByRole("link", { name: "Learning" }).click();
    await portal.expectHeading("My learning");
    await portal.connectionStatus().getByText(SAVED).waitFor();
    return { context, page, portal, errors };
  }

  /** Fills in the Log training form: an hour and a half's webinar today. */
  async function logTraining(page, title, { standards = [] } = {}) {
    await page.getByRole("link", { name: "Log training" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Log training" }).waitFor();
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Hours").fill("1");
    await page.getByLabel("Minutes").fill("30");
    await page.getByRole("radio", { name: "Webinar" }).check();
    for (const standard of standards) {
      await page.getByRole("checkbox", { name: new RegExp(`^${standard}\\. `) }).check();
    }
    await page.getByRole("button", { name: "Save training record" }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
  }

  test("training logged offline survives a reload and reaches the service exactly once", async () => {
    const { context, page, portal, errors } = await carerOnLearning("mensah@demo.test");
    await goOffline(context);
    await logTraining(page, "Parent and child assessment skills", { standards: [5] });
    await page.getByText(/^“Parent and child assessment skills” is saved on this device/).waitFor();
    await page.getByText("Waiting to send").first().waitFor();

    // Reloaded with no network: the learning app comes from the device, the record from its storage.
    await page.reload();
    await portal.expectHeading("Parent and child assessment skills");
    assert.ok(await page.getByText("Waiting to send").first().isVisible());
    await page.getByRole("navigation", { name: "Learning" }).getByRole("link", { name: "My learning" }).click();
    const item = page.getByRole("listitem").filter({ hasText: "Parent and child assessment skills" });
    await item.getByText("1.5 hours, webinar", { exact: false }).waitFor();
    assert.ok(await page.getByText("Hours this year").isVisible());

    await goOnline(context);
    await portal.syncNow();
    await portal.connectionStatus().getByText(SAVED).waitFor();
    await item.getByText("Waiting to send").waitFor({ state: "detached" });

    // The service sees it once, on the overview and in the household's log.
    const { context: staff, page: office, portal: staffPortal } = await signedInStaff(browser, server.url, "worker@demo.test");
    await staffPortal.open("/staff/training?q=mensah");
    const row = office.getByRole("row").filter({ hasText: "The Mensah household" });
    await row.getByRole("cell", { name: "1.5" }).waitFor();
    await staffPortal.open("/staff?q=mensah");
    await office.getByRole("link", { name: "The Mensah household" }).click();
    await staffPortal.expectHeading("The Mensah household");
    const logged = office.getByRole("listitem").filter({ hasText: "Parent and child assessment skills" });
    await logged.first().waitFor();
    assert.equal(await logged.count(), 1, "exactly once");

    // Verified by the service, and the carer sees so after their next sync.
    await logged.getByRole("button", { name: /^Mark as verified/ }).click();
    await logged.getByText("Verified", { exact: true }).waitFor();
    await staff.close();
    await portal.syncNow();
    await item.getByText("Verified by the service").waitFor();
    assert.deepEqual(
      errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED") && !e.includes("/api/")),
      [],
    );
    await context.close();
  });

  test("a record left half way is kept as a draft, and mistakes are explained", async () => {
    const { context, page, portal, errors } = await carerOnLearning("kowalski@demo.test");
    await page.getByRole("link", { name: "Log training" }).first().click();
    await page.getByLabel("Title").fill("Makaton signing");
    await page.getByLabel("Hours").fill("99");
    await page.reload();
    await portal.expectHeading("Log training");
    await page.getByText("This is the record you started earlier.").waitFor();
    assert.equal(await page.getByLabel("Title").inputValue(), "Makaton signing");

    await page.getByRole("button", { name: "Save training record" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.waitFor();
    await summary.getByRole("link", { name: "Training must last no longer than 40 hours." }).waitFor();
    await summary.getByRole("link", { name: "Select how the training was delivered." }).click();
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("type")), "radio");
    assert.deepEqual(await accessibilityViolations(page), []);

    await page.getByLabel("Hours").fill("2");
    await page.getByRole("radio", { name: "Face to face" }).check();
    await page.getByRole("button", { name: "Save training record" }).click();
    await portal.expectHeading("Makaton signing");
    // Saved, so the draft is gone: the form starts empty again.
    await page.getByRole("navigation", { name: "Learning" }).getByRole("link", { name: "Log training" }).click();
    await portal.expectHeading("Log training");
    assert.equal(await page.getByLabel("Title").inputValue(), "");
    assert.equal(await page.getByText("This is the record you started earlier.").count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("the TSD tracker moves as evidence is added, and records can be changed and deleted", async () => {
    const { context, page, portal, errors } = await carerOnLearning("carer@demo.test");
    await page.getByRole("navigation", { name: "Learning" }).getByRole("link", { name: "TSD standards" }).click();
    await portal.expectHeading("TSD standards");
    const first = page.getByRole("row").filter({ hasText: "Standard 1:" });
    await first.getByRole("link", { name: "Log training for standard 1" }).waitFor();
    await page.getByText("0 of 7 standards have evidence for every carer.", { exact: false }).waitFor();

    await first.getByRole("link", { name: "Log training for standard 1" }).click();
    await portal.expectHeading("Log training");
    assert.ok(await page.getByRole("checkbox", { name: /^1\. / }).isChecked(), "the standard is ticked");
    await page.getByLabel("Title").fill("Fostering values");
    await page.getByLabel("Hours").fill("3");
    await page.getByRole("radio", { name: "Face to face" }).check();
    await page.getByRole("button", { name: "Save training record" }).click();
    await portal.expectHeading("Fostering values");

    await page.getByRole("navigation", { name: "Learning" }).getByRole("link", { name: "TSD standards" }).click();
    await page.getByText("1 of 7 standards have evidence for every carer.", { exact: false }).waitFor();
    await first.getByText("Nobody: done").waitFor();

    // Changed, then deleted: the list follows, and the tracker goes back.
    await page.getByRole("navigation", { name: "Learning" }).getByRole("link", { name: "My learning" }).click();
    await page.getByRole("link", { name: "Fostering values" }).click();
    await page.getByRole("link", { name: "Change this record" }).click();
    await portal.expectHeading("Change a training record");
    await page.getByLabel("Title").fill("Fostering values and principles");
    // The change is sent, and its confirmation arrives, while the carer is being asked whether
    // to delete: the question stays until they answer it.
    await goOffline(context);
    await page.getByRole("button", { name: "Save changes" }).click();
    await portal.expectHeading("Fostering values and principles");
    await page.getByRole("button", { name: "Delete this record" }).click();
    await goOnline(context);
    await portal.syncNow();
    await portal.connectionStatus().getByText(SAVED).waitFor();
    await page.getByRole("button", { name: "Yes, delete it" }).click();
    await portal.expectHeading("My learning");
    await page.getByText("“Fostering values and principles” was deleted", { exact: false }).waitFor();
    await page.getByText("You have not logged any training yet.").waitFor();
    await portal.connectionStatus().getByText(SAVED).waitFor();
    await page.getByRole("navigation", { name: "Learning" }).getByRole("link", { name: "TSD standards" }).click();
    await page.getByText("0 of 7 standards have evidence for every carer.", { exact: false }).waitFor();
    assert.deepEqual(
      errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED") && !e.includes("/api/")),
      [],
    );
    await context.close();
  });

  test("the learning pages pass axe, fit a 320 px screen and print without the navigation", async () => {
    const { context, page, portal, errors } = await carerOnLearning("clarke@demo.test");
    await logTraining(page, "Supporting young adults", { standards: [2] });
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ["/learning", "/learning/log", "/learning/standards", "/learning/mandatory", "/learning/review"]) {
      await portal.open(path);
      assert.deepEqual(await accessibilityViolations(page), [], path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.equal(overflow, 0, `${path} scrolls sideways`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.getByRole("navigation", { name: "Menu" }).isVisible(), false);
    assert.equal(await page.getByRole("button", { name: "Print this page" }).isVisible(), false);
    assert.ok(await page.getByRole("heading", { name: "Supporting young adults" }).isVisible());
    await page.emulateMedia({ media: "screen" });

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download as a spreadsheet (CSV)" }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^learning-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await file.path();
    const { readFileSync } = await import("node:fs");
    const csv = readFileSync(path, "utf8");
    assert.match(csv.split("\r\n")[1], /,Supporting young adults,1\.5,Webinar,,2,Lee Clarke,/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
