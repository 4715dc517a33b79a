// Leaving the service as people go through it: staff end a household and record why; on their
// phone the household is offered the exit interview, chooses to put its name to it, answers
// it and is counted once; the service's reports count the exit and the exit interview's
// answers.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { PortalServer, accessibilityViolations, launchBrowser } from "../harness.mjs";
import { signedInCarer, signedInStaff } from "../portal-page.mjs";

const SUPPORTED = "1. I felt supported by the fostering service";
const STAY = "3. What, if anything, would have helped you keep fostering?";

describe("leaving the service", () => {
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

  test("a household ended with a reason answers the exit interview on its phone", async () => {
    const admin = await signedInStaff(browser, server.url, "admin@demo.test");
    await admin.portal.open("/staff?q=mensah");
    await admin.page.getByRole("link", { name: "The Mensah household" }).click();
    await admin.portal.expectHeading("The Mensah household");
    await admin.page.getByLabel("Status").selectOption({ label: "No longer fostering" });
    await admin.page.getByLabel("Why is the household leaving the service?").selectOption({ label: "Moved away" });
    await admin.page.getByRole("button", { name: "Save changes" }).click();
    await admin.page.getByText("The household's record is updated.").waitFor();

    // The household, on a phone, is asked about leaving and nothing else.
    const carer = await signedInCarer(browser, server.url, "mensah@demo.test");
    const { page, portal } = carer;
    await page.setViewportSize({ width: 320, height: 640 });
    await portal.followMenu("Home");
    const banner = page.getByRole("region", { name: "Your views" });
    await banner.getByText("Leaving fostering with us: open until", { exact: false }).waitFor();
    assert.equal(await banner.getByText("Winter health check", { exact: false }).count(), 0);
    await banner.getByRole("link", { name: "Answer the survey" }).click();
    await portal.expectHeading("Leaving fostering with us");
    // The exit interview starts anonymous, and the household may choose to be named.
    await page.getByText("This survey is anonymous.", { exact: false }).waitFor();
    const named = page.getByRole("group", { name: "Do you want to put your name to your answers?" });
    await named.getByLabel("Yes, the fostering service may see my name with my answers").check();
    await page.getByText("This survey is not anonymous: the fostering service will see your name", { exact: false }).waitFor();
    await portal.syncNow();
    assert.ok(
      await named.getByLabel("Yes, the fostering service may see my name with my answers").isChecked(),
      "the choice stays while a sync lands",
    );
    const question = (name) => page.getByRole("group", { name });
    await question(SUPPORTED).getByLabel("Agree", { exact: true }).check();
    await page.getByLabel(STAY).fill("A buddy nearby when we moved.");
    assert.deepEqual(await accessibilityViolations(page), []);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, "the survey scrolls sideways at 320 px");
    await page.getByRole("button", { name: "Send my answers" }).click();
    await portal.syncNow();
    await page.getByRole("heading", { name: "Thank you: your answers have been counted" }).waitFor();

    // The reports count the exit, and every leaver's answers (the Walsh and Lindqvist
    // households' from the demo data, and this one).
    await admin.portal.navigation().getByRole("link", { name: "Surveys" }).click();
    await admin.page.getByRole("link", { name: "Leaving fostering with us" }).click();
    await admin.portal.expectHeading("Leaving fostering with us");
    await admin.page.getByText("3 of 3 carers (100%)").waitFor();
    await admin.page.getByText("Households that stopped fostering in the last 12 months", { exact: false }).waitFor();
    await admin.portal.open("/staff/exits");
    await admin.portal.expectHeading("Why carers leave");
    const table = admin.page.getByRole("table", { name: "Exits by month and reason" });
    const headers = await table.getByRole("columnheader").allTextContents();
    const column = headers.indexOf("Moved away");
    assert.ok(column > 0, "a column for each reason");
    const twoYears = table.getByRole("row").filter({ hasText: "Two years" });
    assert.equal((await twoYears.getByRole("cell").allTextContents())[column - 1], "1");
    assert.deepEqual(await accessibilityViolations(admin.page), []);
    assert.deepEqual(carer.errors.filter((e) => !e.includes("/api/")), []);
    assert.deepEqual(admin.errors, []);
    await carer.context.close();
    await admin.context.close();
  });
});
