// Health-check surveys as people use them: a carer sees the open survey on the home page,
// answers half of it with no signal, reloads, finishes, sends it, and it is sent once the phone
// reconnects; staff see it counted exactly once, with the written answer listed once. Staff
// build a new survey from an earlier one's questions, remind carers and say what changed.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { PortalServer, accessibilityViolations, goOffline, goOnline, launchBrowser } from "../harness.mjs";
import { signedInCarer, signedInStaff } from "../portal-page.mjs";

const SAVED = "All your changes are saved with the fostering service.";
const FAIR = "1. I am treated fairly by the fostering service";
const RECOMMEND = "5. How likely are you to recommend fostering with us to a friend?";
const USED = "6. Which kinds of support have you used in the last six months?";
const BETTER = "7. What one thing would make fostering with us better?";

describe("health-check surveys", () => {
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

  test("answered offline across a reload, sent once online, counted once", async () => {
    const carer = await signedInCarer(browser, server.url, "carer@demo.test");
    const { page, portal, context } = carer;
    await portal.connectionStatus().getByText(SAVED).waitFor();
    await portal.navigation().getByRole("link", { name: "Home" }).click();
    const banner = page.getByRole("region", { name: "Your views" });
    await banner.getByText("Winter health check: open until", { exact: false }).waitFor();
    await page.getByText("Support group evenings clash with bedtime", { exact: false }).waitFor();

    await goOffline(context);
    await banner.getByRole("link", { name: "Answer the survey" }).click();
    await portal.expectHeading("Winter health check");
    await page.getByRole("heading", { name: "How your answers stay anonymous" }).waitFor();
    const question = (name) => page.getByRole("group", { name });
    await question(FAIR).getByLabel("Agree", { exact: true }).check();
    await question(RECOMMEND).getByLabel("9", { exact: true }).check();
    // Half way, the page is reloaded (still no signal): what was chosen is still chosen.
    await page.reload();
    await portal.expectHeading("Winter health check");
    assert.ok(await question(FAIR).getByLabel("Agree", { exact: true }).isChecked());
    assert.ok(await question(RECOMMEND).getByLabel("9", { exact: true }).isChecked());
    await question(USED).getByLabel("Support groups").check();
    await question(USED).getByLabel("Training courses").check();
    await page.getByLabel(BETTER).fill("Saturday groups have helped");
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.getByRole("button", { name: "Send my answers" }).click();
    await page.getByRole("heading", { name: "Your answers are saved on this device" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Your answers are saved on this device" }).waitFor();

    await goOnline(context);
    await portal.syncNow();
    await portal.connectionStatus().getByText(SAVED).waitFor();
    await page.getByRole("heading", { name: "Thank you: your answers have been counted" }).waitFor();
    await portal.navigation().getByRole("link", { name: "Home" }).click();
    await portal.expectHeading("Foster Carer Portal");
    await page.getByRole("heading", { name: "You said, we did" }).waitFor();
    assert.equal(await page.getByRole("region", { name: "Your views" }).count(), 0, "no longer asked");

    const staff = await signedInStaff(browser, server.url, "worker@demo.test");
    await staff.portal.navigation().getByRole("link", { name: "Surveys" }).click();
    await staff.portal.expectHeading("Surveys");
    await staff.page.getByRole("link", { name: "Winter health check" }).click();
    await staff.portal.expectHeading("Winter health check");
    await staff.page.getByText("6 of 10 carers (60%)").waitFor();
    // The new answer waits, sealed, to join the results with four more (or at the close).
    await staff.page.getByText("1 answer is waiting to join these results.", { exact: false }).waitFor();
    await staff.page.getByRole("heading", { name: FAIR }).waitFor();
    await staff.page.getByRole("img", { name: "Answers to question 1" }).waitFor();
    await staff.page.getByText("5 answered.", { exact: false }).first().waitFor();
    assert.equal(await staff.page.getByText("Saturday groups have helped", { exact: true }).count(), 0);
    // By type of fostering, every group here is under five: hidden, with the reason.
    await staff.page.getByLabel("Show results for").selectOption({ label: "Type of fostering" });
    await staff.page.getByText("Hidden: fewer than 5 responses", { exact: false }).first().waitFor();
    assert.deepEqual(await accessibilityViolations(staff.page), []);
    await staff.context.close();
    await context.close();
  });

  test("staff build a survey from an earlier one, remind carers and say what changed", async () => {
    const staff = await signedInStaff(browser, server.url, "admin@demo.test");
    const { page, portal } = staff;
    await portal.navigation().getByRole("link", { name: "Surveys" }).click();
    await page.getByRole("button", { name: "Build a survey" }).click();
    await portal.expectHeading("Build a survey");
    await page.getByRole("button", { name: "Publish the survey" }).click();
    const summary = page.getByRole("alert");
    await summary.getByRole("link", { name: "Enter a title" }).waitFor();
    await summary.getByRole("link", { name: "Add at least one question" }).waitFor();

    const day = (offset) => {
      const d = new Date(Date.now() + offset * 86_400_000);
      return `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
    };
    await page.getByLabel("Title").fill("Short breaks check");
    await page.getByLabel("Opens on").fill(day(0));
    await page.getByLabel("Closes on").fill(day(14));
    await page.getByLabel("Who it asks").selectOption({ label: "Short breaks carers" });
    await page.getByLabel("Start from an earlier survey's questions").selectOption({ label: "Winter health check" });
    await page.getByRole("button", { name: "Copy its questions" }).click();
    await page.getByRole("group", { name: "Question 7" }).waitFor();
    await page.getByRole("button", { name: "Remove question 4" }).click();
    assert.equal(await page.getByRole("group", { name: "Question 7" }).count(), 0);
    await page.getByRole("button", { name: "Add a question: written answer" }).click();
    await page.getByRole("group", { name: "Question 7" }).getByLabel("Wording").fill("What would help most with short breaks?");
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.getByRole("button", { name: "Publish the survey" }).click();

    await portal.expectHeading("Short breaks check");
    await page.getByText("0 of 2 carers (0%)").waitFor();
    await page.getByText("Results appear when at least 5 carers have answered", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Remind carers who have not answered" }).click();
    await page.getByText("Carers who have not answered were reminded on", { exact: false }).waitFor();
    await page.getByLabel("You said").fill("Short breaks carers want their own group.");
    await page.getByLabel("We did").fill("A short breaks group starts in February.");
    await page.getByRole("button", { name: "Publish to carers" }).click();
    await page.getByText("Published to carers.").waitFor();

    // A short breaks carer is reminded on their home page, and reads what changed.
    const carer = await signedInCarer(browser, server.url, "hughes@demo.test");
    await carer.portal.connectionStatus().getByText(SAVED).waitFor();
    await carer.portal.navigation().getByRole("link", { name: "Home" }).click();
    const reminder = carer.page.getByRole("region", { name: "Reminder: your views are needed" });
    await reminder.getByText("Short breaks check: open until", { exact: false }).waitFor();
    await carer.page.getByText("A short breaks group starts in February.").waitFor();
    await carer.page.setViewportSize({ width: 320, height: 640 });
    assert.deepEqual(await accessibilityViolations(carer.page), []);
    const overflow = await carer.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, "the home page scrolls sideways");
    await carer.context.close();
    await staff.context.close();
  });
});
