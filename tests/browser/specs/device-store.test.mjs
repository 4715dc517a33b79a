// The device store under a year of real use: many page loads that each save a change keep one
// sync client (so a pull does not grow), a carer's thirty payment queries with three receipt
// photos each are all saved, sent and readable while other areas keep saving, and the "This
// device" page says what the portal keeps.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { PortalServer, accessibilityViolations, deviceEntries, launchBrowser } from "../harness.mjs";
import { signedInCarer } from "../portal-page.mjs";

const SAVED = "All your changes are saved with the fostering service.";

/** A receipt-like picture (base64 JPEG) that the app's own encoding keeps at about 300 KB: the
 * same encoder, side and quality as the app's, with enough detail to stay that large. */
function receiptPicture(page) {
  return page.evaluate(() => {
    const side = 1200;
    const canvas = document.createElement("canvas");
    canvas.width = side;
    canvas.height = side;
    const context = canvas.getContext("2d");
    const draw = (noise) => {
      const image = context.createImageData(side, side);
      let seed = 7;
      for (let i = 0; i < image.data.length; i += 4) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const shade = 200 + ((i / 4) % side) / 24 + (seed % 256) * noise;
        image.data[i] = shade;
        image.data[i + 1] = shade;
        image.data[i + 2] = shade;
        image.data[i + 3] = 255;
      }
      context.putImageData(image, 0, 0);
      return canvas.toDataURL("image/jpeg", 0.8);
    };
    let [low, high] = [0, 1];
    let best = draw(0.5);
    for (let round = 0; round < 12; round += 1) {
      const noise = (low + high) / 2;
      const data = draw(noise);
      const bytes = (data.length - 23) * 0.75;
      best = data;
      if (bytes < 290 * 1024) low = noise;
      else if (bytes > 320 * 1024) high = noise;
      else break;
    }
    return best.split(",")[1];
  });
}

describe("the device store", () => {
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

  /** The size of a pull with nothing new, as the app asks for it, with every number counted as
   * one digit. */
  async function emptyPullSize(page) {
    const kept = await deviceEntries(page, ":c");
    const at = (suffix) => kept.find(([key]) => key.endsWith(suffix))?.[1];
    return page.evaluate(
      async ([cursor, client]) => {
        const answer = await fetch(`/api/sync/pull?cursor=${cursor}&clients=${client}`, { cache: "no-store" });
        // Counters and change numbers grow by a digit now and then; the shape must not grow.
        return (await answer.text()).replace(/\d+/g, "0").length;
      },
      [at(":cursor"), at(":client")],
    );
  }

  test("thirty page loads that each save a change are one client, and a pull does not grow", async () => {
    const { context, page, portal, errors } = await signedInCarer(browser, server.url, "ahmed@demo.test");
    await portal.connectionStatus().getByText(SAVED).waitFor();
    let afterOne = null;
    for (let n = 1; n <= 30; n += 1) {
      if (n > 1) {
        await page.reload();
        await portal.expectHeading("My details");
      }
      await page.getByLabel("Phone number").fill(`01632 960 ${String(n).padStart(3, "0")}`);
      await page.getByRole("button", { name: "Save my details" }).click();
      await page.getByText("Your details are saved on this device.").waitFor();
      await portal.syncNow();
      await portal.connectionStatus().getByText(SAVED).waitFor();
      if (n === 1) afterOne = await emptyPullSize(page);
    }
    assert.equal(await emptyPullSize(page), afterOne, "a pull with nothing new is the same size after 30 loads as after 1");
    const clients = await deviceEntries(page, ":client");
    assert.equal(clients.length, 1);
    const pulled = await page.evaluate(async () => (await fetch("/api/sync/pull?cursor=0")).json());
    assert.deepEqual(
      pulled.clients.map((c) => c.last_applied),
      [30],
      "one client for the device, whose 30 changes were each applied once",
    );
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("thirty payment queries with three receipt photos each are all saved, sent and readable", async () => {
    const { context, page, portal, errors } = await signedInCarer(browser, server.url, "carer@demo.test");
    const receipt = await receiptPicture(page);
    const photoBytes = Buffer.from(receipt, "base64");
    assert.ok(photoBytes.length > 250 * 1024 && photoBytes.length < 350 * 1024, `a receipt of ${photoBytes.length} bytes`);

    await portal.navigation().getByRole("link", { name: "Payments" }).click();
    await portal.expectHeading("My payment queries");
    for (let n = 1; n <= 30; n += 1) {
      await page.getByRole("button", { name: "Ask about a payment" }).click();
      await portal.expectHeading("Ask about a payment");
      await page.getByLabel("What was the payment for?").selectOption({ label: "Mileage" });
      await page.getByLabel("First date it was for").fill("2/11/2026");
      await page.getByLabel("What is your query about?").fill(`Receipts for journey ${n}.`);
      await page.getByLabel("Photos (optional)").setInputFiles(
        [1, 2, 3].map((k) => ({ name: `receipt-${n}-${k}.jpg`, mimeType: "image/jpeg", buffer: photoBytes })),
      );
      for (const k of [1, 2, 3]) await page.getByRole("button", { name: `Remove receipt-${n}-${k}.jpg` }).waitFor();
      await page.getByRole("button", { name: "Send my query" }).click();
      await portal.expectHeading("Mileage");
      await page.getByRole("img", { name: `Photo: receipt-${n}-3.jpg` }).waitFor();
      await portal.open("/payments");
      await portal.expectHeading("My payment queries");
    }
    await portal.syncNow();
    await portal.connectionStatus().getByText(SAVED).waitFor({ timeout: 180_000 });

    // Every query reached the service with its photos.
    const pulled = await page.evaluate(async () => {
      const all = [];
      let cursor = 0;
      for (;;) {
        const page = await (await fetch(`/api/sync/pull?cursor=${cursor}&clients=`)).json();
        all.push(...page.records.map((r) => [r.collection, r.id]));
        cursor = page.cursor;
        if (!page.has_more) break;
      }
      return all;
    });
    const queries = pulled.filter(([collection, id]) => collection === "payment_queries" && id.startsWith("query-"));
    const photos = pulled.filter(([collection]) => collection === "payment_photos");
    assert.ok(queries.length >= 30, `${queries.length} queries on the server`);
    assert.ok(photos.length >= 90, `${photos.length} photos on the server`);

    // The last one is readable after a reload, and another area still saves a change.
    await page.reload();
    await portal.expectHeading("My payment queries");
    await page.getByRole("link", { name: "Mileage" }).first().click();
    await page.getByRole("img", { name: /^Photo: receipt-/ }).first().waitFor();
    await portal.open("/my-details");
    await page.getByLabel("Phone number").fill("01632 960 303");
    await page.getByRole("button", { name: "Save my details" }).click();
    await page.getByText("Your details are saved on this device.").waitFor();

    // "This device" says what is kept.
    await page.getByRole("link", { name: "This device" }).click();
    await portal.expectHeading("This device");
    await page.getByText("The portal is using", { exact: false }).waitFor();
    const kept = page.getByRole("definition").first();
    assert.match(await kept.textContent(), /^\d+ records$/);
    assert.deepEqual(await accessibilityViolations(page), []);
    assert.deepEqual(errors.filter((e) => !e.includes("/api/")), []);
    await context.close();
  });
});
