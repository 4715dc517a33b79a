// The carers' areas are parts of one app whose code loads the first time each is opened: moving
// between them is the router's (no page load), every area opens with no signal after one online
// visit, and a part that cannot be fetched says so with "Try again".

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { goOffline, sharedServerAndBrowser, unstyledParts } from "../harness.mjs";
import { PortalPage, signedInCarer } from "../portal-page.mjs";

const CARER = "carer@demo.test";

/** Each area's navigation link and the heading of its first page. */
const AREAS = [
  ["Learning", "My learning"],
  ["Groups", "Support groups"],
  ["Buddies", "Buddy scheme"],
  ["Payments", "My payment queries"],
  ["Surveys", "Surveys"],
  ["News", "News"],
  ["Library", "Library"],
];

/** How many documents the tab has loaded, and whether the first one's marker survives. */
async function documentLoads(page) {
  return page.evaluate(() => ({
    loads: performance.getEntriesByType("navigation").length,
    sameDocument: window.portalTestMarker === true,
  }));
}

describe("the carers' areas", () => {
  const shared = sharedServerAndBrowser({ before, after }, { demo: true });

  test("moving from home to every area and back loads no page", async () => {
    const { context, page, portal, errors } = await signedInCarer(shared.browser, shared.server.url, CARER);
    await page.evaluate(() => {
      window.portalTestMarker = true;
    });
    const chunkRequests = [];
    page.on("request", (request) => {
      if (request.url().endsWith(".wasm")) chunkRequests.push(new URL(request.url()).pathname);
    });
    for (const [link, heading] of AREAS) {
      const started = Date.now();
      await portal.followMenu(link);
      await portal.expectHeading(heading);
      assert.deepEqual(await unstyledParts(page), [], link);
      console.log(`home to ${link}: ${Date.now() - started} ms (first visit, chunk fetched)`);
      const back = Date.now();
      await portal.followMenu("Home");
      await portal.expectHeading("Foster Carer Portal");
      console.log(`${link} back to home: ${Date.now() - back} ms`);
    }
    // A second visit finds the area's code already running.
    await portal.followMenu("Learning");
    await portal.expectHeading("My learning");
    assert.deepEqual(await documentLoads(page), { loads: 1, sameDocument: true });
    // Each area's own chunk was fetched once, only when the area was first opened (the news
    // and the library are one chunk, `library`).
    for (const area of ["learning", "groups", "buddies", "payments", "surveys", "library"]) {
      assert.equal(
        chunkRequests.filter((path) => path.endsWith(`/split_${area}.wasm`)).length,
        1,
        `${area}: ${chunkRequests.join(", ")}`,
      );
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("after one online visit every area opens with no network, even the first time", async () => {
    const { context, portal } = await signedInCarer(shared.browser, shared.server.url, CARER);
    await portal.followMenu("Home");
    await portal.expectHeading("Foster Carer Portal");
    await goOffline(context);
    for (const [link, heading] of AREAS) {
      await portal.followMenu(link);
      await portal.expectHeading(heading);
    }
    // A bookmark straight to an area, opened with no network, works too.
    const second = new PortalPage(await context.newPage(), shared.server.url);
    await second.open("/payments/new");
    await second.expectHeading("Ask about a payment");
    await context.close();
  });

  test("an area whose code cannot be fetched says so, and Try again opens it", async () => {
    // No service worker, so that the chunk must come from the network.
    const context = await shared.browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    const portal = new PortalPage(page, shared.server.url);
    await portal.signIn(CARER);
    await portal.expectHeading("My details");
    const blocked = "**/split_surveys.wasm";
    await context.route(blocked, (route) => route.abort("internetdisconnected"));
    await portal.followMenu("Surveys");
    await portal.expectHeading("This part of the portal did not open");
    assert.ok(await page.getByText("What you have saved is safe.", { exact: false }).isVisible());
    await context.unroute(blocked);
    await page.getByRole("button", { name: "Try again" }).click();
    await portal.expectHeading("Surveys");
    await context.close();
  });
});
