// Service news as people use it: a carer on a phone with the network cut reads the articles
// meant for their household, each marked new until opened, and the season's newsletter; they
// write a contribution offline, which is sent when the signal returns; the news team publishes
// it as an article with a picture, and the carer's phone shows it and what became of it.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  PortalServer,
  accessibilityViolations,
  goOffline,
  goOnline,
  launchBrowser,
} from "../harness.mjs";
import { PHONE, signedInCarer, signedInStaff } from "../portal-page.mjs";

const PICNIC = "Summer fun day: thank you";
const TRIP = "Our trip to the coast";

describe("service news", () => {
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

  test("read and contributed on a phone with no signal, then published by the news team", async () => {
    const { context: phone, page, portal, errors } = await signedInCarer(browser, server.url, "carer@demo.test", PHONE);
    await portal.expectAllSaved();

    await goOffline(phone);
    await portal.followMenu("News");
    await portal.expectHeading("News");
    const item = (title) => page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title }) });
    await item("Winter get-together and carol singing").getByText("New", { exact: true }).waitFor();
    // The Taylors foster in Northby and are not short breaks carers.
    await item("Northby reflective group moves to the library").getByText("For carers in Northby").waitFor();
    assert.equal(await page.getByRole("link", { name: "Short breaks carers: new activity budget" }).count(), 0);
    await page.getByText("4 new articles since you last looked.").waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);

    await page.getByRole("link", { name: PICNIC }).click();
    await portal.expectHeading(PICNIC);
    await page.getByRole("img", { name: "A drawing of a green hill under a sunny sky" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Next year" }).waitFor();
    assert.match(await page.title(), new RegExp(`^${PICNIC} – `));
    assert.deepEqual(await accessibilityViolations(page), []);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, "the article scrolls sideways on a 320 px phone");
    await page.getByRole("link", { name: "Back to the news" }).click();
    await portal.expectHeading("News");
    await page.getByText("3 new articles since you last looked.").waitFor();
    assert.equal(await item(PICNIC).getByText("New", { exact: true }).count(), 0, "opened now");

    // The newest season's newsletter: its articles in full, on one page to print.
    await page.getByRole("list").filter({ has: page.getByRole("link", { name: /newsletter$/ }) }).getByRole("link").first().click();
    await page.getByRole("heading", { level: 1, name: /newsletter$/ }).waitFor();
    await page.getByRole("button", { name: "Print this newsletter" }).waitFor();
    assert.ok((await page.getByRole("article").count()) >= 1);
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.getByRole("link", { name: "Back to the news" }).click();

    // A contribution, written with no signal: refused when empty, kept across a reload.
    await page.getByRole("link", { name: "Send the news team a story or an idea" }).click();
    await portal.expectHeading("Send the news team a contribution");
    await page.getByRole("button", { name: "Send to the news team" }).click();
    await page.getByRole("link", { name: "Enter a title." }).waitFor();
    await page.getByLabel("Title").fill(TRIP);
    await page.getByLabel("What you would like to share").fill("We took the train to the coast and built the biggest sandcastle on the beach.");
    await page.getByLabel("How to name you if it is published (optional)").fill("Sam, a mainstream carer");
    await page.reload();
    await portal.expectHeading("Send the news team a contribution");
    assert.equal(await page.getByLabel("Title").inputValue(), TRIP);
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.getByRole("button", { name: "Send to the news team" }).click();
    await page.getByRole("heading", { name: "Thank you" }).waitFor();
    await page.getByRole("link", { name: "Go to the news" }).click();
    await portal.expectHeading("News");
    await page.getByText("Saved on this device. It goes to the news team the next time this device connects.").waitFor();

    // The signal returns: the phone sends the contribution by itself.
    await goOnline(phone);
    await portal.expectAllSaved();
    await page.getByText("With the news team.", { exact: false }).waitFor();

    // The news team publishes it, with a picture.
    const staff = await signedInStaff(browser, server.url, "worker@demo.test");
    await staff.portal.navigation().getByRole("link", { name: "News" }).click();
    await staff.portal.expectHeading("News");
    const row = staff.page.getByRole("row").filter({ has: staff.page.getByRole("link", { name: TRIP }) });
    await row.getByRole("cell", { name: "The Taylor household" }).waitFor();
    await row.getByRole("link", { name: TRIP }).click();
    await staff.portal.expectHeading(TRIP);
    await staff.page.getByText("If published, they asked to be named: Sam, a mainstream carer").waitFor();
    assert.equal(await staff.page.getByLabel("Title").inputValue(), TRIP);
    await staff.page.getByRole("button", { name: "Publish" }).click();
    await staff.page.getByRole("link", { name: "Enter the summary." }).waitFor();
    await staff.page.getByLabel("Summary").fill("A family's day at the seaside.");
    const picture = await staff.page.evaluate(() => {
      const canvas = document.createElement("canvas");
      canvas.width = 400;
      canvas.height = 200;
      const context = canvas.getContext("2d");
      context.fillStyle = "#f4c542";
      context.fillRect(0, 0, 400, 200);
      return canvas.toDataURL("image/png").split(",")[1];
    });
    await staff.page.getByLabel("Picture (optional)").setInputFiles({
      name: "sandcastle.png",
      mimeType: "image/png",
      buffer: Buffer.from(picture, "base64"),
    });
    await staff.page.getByRole("img", { name: "The picture chosen" }).waitFor();
    await staff.page.getByRole("button", { name: "Publish" }).click();
    await staff.page.getByRole("link", { name: "Describe the picture for people who cannot see it" }).waitFor();
    await staff.page.getByLabel("Describe the picture (needed with a picture)").fill("A big sandcastle on a sunny beach");
    assert.deepEqual(await accessibilityViolations(staff.page), []);
    await staff.page.getByRole("button", { name: "Publish" }).click();
    await staff.portal.expectHeading("News");
    const published = staff.page.getByRole("row").filter({ has: staff.page.getByRole("link", { name: TRIP }) });
    await published.first().waitFor();
    await staff.page.getByRole("row").filter({ hasText: "Published" }).filter({ hasText: TRIP }).waitFor();

    // The phone syncs: the article is new, and the contribution says it was published.
    await portal.syncNow();
    await portal.expectAllSaved();
    await item(TRIP).first().getByText("New", { exact: true }).waitFor();
    await page.getByText("Published.", { exact: false }).waitFor();
    await page.getByRole("link", { name: "Read the article" }).click();
    await portal.expectHeading(TRIP);
    await page.getByText("By Sam, a mainstream carer", { exact: false }).waitFor();
    await page.getByRole("img", { name: "A big sandcastle on a sunny beach" }).waitFor();

    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|\/api\//.test(e)), []);
    assert.deepEqual(staff.errors, []);
    await phone.close();
    await staff.context.close();
  });
});
