// The annual review as people use it: a carer fills in their part of the review form and their
// development plan with no signal (kept across a reload), sends it, and it goes when the phone
// reconnects; their supervising social worker reads it with the household's learning and
// records the review as held; the carer's phone then shows the agreed plan and the next date.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { PortalServer, accessibilityViolations, goOffline, goOnline, launchBrowser } from "../harness.mjs";
import { signedInCarer, signedInStaff } from "../portal-page.mjs";

const FORM = "Annual review and plan";
const WENT_WELL = "Jay moved up to secondary school and is doing well.";

describe("the annual review", () => {
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

  test("filled in offline, sent on reconnecting, read and held by the social worker", async () => {
    const { context, page, portal, errors } = await signedInCarer(browser, server.url, "carer@demo.test");
    await portal.expectAllSaved();
    await portal.followMenu("Learning");
    await portal.expectHeading("My learning");
    await page.getByRole("navigation", { name: "Learning" }).getByRole("link", { name: FORM }).click();
    await portal.expectHeading(FORM);
    // A sync landing while the carer types leaves what they typed in place.
    await page.getByLabel("What has been hard? (optional)").fill("Half a thought");
    await portal.syncNow();
    await portal.expectAllSaved();
    assert.equal(await page.getByLabel("What has been hard? (optional)").inputValue(), "Half a thought");
    await page.getByLabel("What has been hard? (optional)").fill("");
    await goOffline(context);
    await page.getByText("Your review: Due in 21 days.").waitFor();
    await page.getByText("Training in the last 12 months").waitFor();

    await page.getByLabel("What has gone well since your last review?").fill(WENT_WELL);
    const goal = (n) => page.getByRole("group", { name: `Goal ${n}` });
    await goal(1).getByLabel("What you want to achieve").fill("Keep my safeguarding training current");
    await goal(1).getByLabel("Training course (optional)").selectOption({ label: "Safeguarding children" });
    await page.getByRole("button", { name: "Add another goal" }).click();
    await goal(2).getByLabel("What you want to achieve").fill("Join the men who care group");
    // Still no signal: a reload keeps everything typed.
    await page.reload();
    await portal.expectHeading(FORM);
    assert.equal(await page.getByLabel("What has gone well since your last review?").inputValue(), WENT_WELL);
    assert.equal(await goal(2).getByLabel("What you want to achieve").inputValue(), "Join the men who care group");
    assert.deepEqual(await accessibilityViolations(page), []);
    // A goal's course without words is refused, with a message that leads to the field.
    await goal(2).getByLabel("What you want to achieve").fill("");
    await goal(2).getByLabel("Training course (optional)").selectOption({ label: "Paediatric first aid" });
    await page.getByRole("button", { name: "Send to my supervising social worker" }).click();
    await page.getByRole("link", { name: "Describe goal 2, or remove its course" }).click();
    await page.getByRole("button", { name: "Remove goal 2" }).click();
    await page.getByRole("button", { name: "Send to my supervising social worker" }).click();
    await page.getByRole("heading", { name: "Your part of the review is saved on this device" }).waitFor();

    await goOnline(context);
    await portal.syncNow();
    await portal.expectAllSaved();
    await page.getByRole("heading", { name: "Sent to your supervising social worker" }).waitFor();

    const worker = await signedInStaff(browser, server.url, "worker@demo.test");
    await worker.portal.navigation().getByRole("link", { name: "Annual reviews" }).click();
    await worker.portal.expectHeading("Annual reviews");
    const row = worker.page.getByRole("row").filter({ has: worker.page.getByRole("link", { name: "The Taylor household" }) });
    await row.getByText("Due in 21 days").waitFor();
    await row.getByText("Sent on", { exact: false }).waitFor();
    // The demo's Hughes household is overdue, and comes first.
    const first = worker.page.getByRole("row").nth(1);
    await first.getByText("Overdue by 10 days").waitFor();
    await row.getByRole("link", { name: "The Taylor household" }).click();
    await worker.portal.expectHeading("The Taylor household");
    await worker.page.getByText(WENT_WELL).waitFor();
    await worker.page.getByText("Course: Safeguarding children").waitFor();
    await worker.page.getByText("Training in the last 12 months").waitFor();
    assert.deepEqual(await accessibilityViolations(worker.page), []);
    await worker.page.getByLabel("A note for the household (optional)").fill("Agreed. Well done this year.");
    await worker.page.getByRole("button", { name: "Record the review as held and the plan agreed" }).click();
    await worker.page.getByRole("heading", { name: "Reviews held" }).waitFor();
    await worker.page.getByText("The carer has not sent their part of the form yet.").waitFor();
    await worker.page.getByText("Agreed. Well done this year.", { exact: false }).waitFor();

    await portal.syncNow();
    await portal.expectAllSaved();
    await page.getByRole("heading", { name: "Your last review" }).waitFor();
    await page.getByText("Held on", { exact: false }).first().waitFor();
    await page.getByText("Agreed. Well done this year.").waitFor();
    await page.getByText("Your next annual review is due on", { exact: false }).waitFor();

    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|\/api\//.test(e)), []);
    assert.deepEqual(worker.errors, []);
    await context.close();
    await worker.context.close();
  });
});
