// The device store under a year of real use: many page loads that each save a change keep one
// sync client (so a pull does not grow), a carer's thirty payment queries with three receipt
// photos each are all saved, sent and readable on a device with little room while other areas
// keep saving, and the "This device" page says what the portal keeps.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { PortalServer, accessibilityViolations, deviceEntries, launchBrowser, reportSmallQuota } from "../harness.mjs";
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

  test("thirty payment queries with three receipt photos each are all saved, sent and readable on a small device", async () => {
    const { context, page, portal, errors } = await signedInCarer(browser, server.url, "carer@demo.test");
    const receipt = await receiptPicture(page);
    const photoBytes = Buffer.from(receipt, "base64");
    assert.ok(photoBytes.length > 250 * 1024 && photoBytes.length < 350 * 1024, `a receipt of ${photoBytes.length} bytes`);
    // Room for about a third of the photos: the rest must make way once they have been sent.
    await reportSmallQuota(context, page, 12 * 1024 * 1024);

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

    // Every query reached the service naming its three photos, and each photo is there as a
    // file; no photo travels in a pull, a change or the sent log.
    const server_side = await page.evaluate(async () => {
      const records = [];
      let cursor = 0;
      for (;;) {
        const page = await (await fetch(`/api/sync/pull?cursor=${cursor}&clients=`)).json();
        records.push(...page.records);
        cursor = page.cursor;
        if (!page.has_more) break;
      }
      const queries = records
        .filter((r) => r.collection === "payment_queries" && r.body)
        .map((r) => r.body)
        .filter((q) => q.about.description.startsWith("Receipts for journey"));
      const ids = queries.flatMap((q) => q.about.photos.map((p) => p.id));
      const answers = await Promise.all(ids.map(async (id) => {
        const response = await fetch(`/api/photos/${id}`);
        return [response.status, response.headers.get("content-type"), (await response.arrayBuffer()).byteLength];
      }));
      return {
        first: queries.find((q) => q.about.description === "Receipts for journey 1.")?.id,
        queries: queries.length,
        answers,
        photoRecords: records.filter((r) => r.collection === "payment_photos" && r.body).length,
      };
    });
    assert.equal(server_side.queries, 30, "every query on the server");
    assert.equal(server_side.answers.length, 90, "three photos named by each");
    for (const [status, type, bytes] of server_side.answers) {
      assert.deepEqual([status, type], [200, "image/jpeg"]);
      // The app made each one smaller itself, to about the size of the receipt chosen.
      assert.ok(bytes > 250 * 1024 && bytes <= 350 * 1024, `a photo of ${bytes} bytes`);
    }
    assert.equal(server_side.photoRecords, 0);
    const kept = await deviceEntries(page, ":", { valuesToo: true });
    const largest = Math.max(...kept.map(([, value]) => (value ?? "").length));
    assert.ok(largest < 20_000, `no photo kept as text on the device (largest entry ${largest} characters)`);

    // "This device" owns up to photos removed to make room; nothing waiting was removed.
    await page.getByRole("link", { name: "This device" }).click();
    await portal.expectHeading("This device");
    await page.getByText("Waiting to be sent: 0 photos", { exact: false }).waitFor();
    await page.getByText("kept for looking at with no signal were removed from this device", { exact: false }).waitFor();

    // The first query's photos were removed from the device, and come back from the service.
    await portal.open(`/payments/queries/${server_side.first}`);
    await portal.expectHeading("Mileage");
    await page.getByRole("img", { name: "Photo: receipt-1-1.jpg" }).waitFor();

    // Fetched again, it is kept for reading with no signal; and another area still saves.
    await context.setOffline(true);
    await page.reload();
    await portal.expectHeading("Mileage");
    await page.getByRole("img", { name: "Photo: receipt-1-3.jpg" }).waitFor();
    await context.setOffline(false);
    await portal.open("/my-details");
    await page.getByLabel("Phone number").fill("01632 960 303");
    await page.getByRole("button", { name: "Save my details" }).click();
    await page.getByText("Your details are saved on this device.").waitFor();

    // "This device" says what is kept.
    await page.getByRole("link", { name: "This device" }).click();
    await portal.expectHeading("This device");
    await page.getByText("The portal is using", { exact: false }).waitFor();
    const records = page.getByRole("definition").first();
    assert.match(await records.textContent(), /^\d+ records$/);
    assert.deepEqual(await accessibilityViolations(page), []);
    // Requests made while offline fail, as they should; nothing else may.
    assert.deepEqual(errors.filter((e) => !e.includes("/api/") && !e.includes("ERR_INTERNET_DISCONNECTED")), []);
    await context.close();
  });
});
