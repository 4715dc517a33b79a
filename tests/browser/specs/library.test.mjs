// The library as people use it: a carer on a phone, with the network cut, finds a policy by
// searching, reads it (and again after a reload), and it is marked as read; staff change it,
// and once the phone syncs the library says it has changed since the carer last read it.

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

const POLICY = "Allegations against foster carers";

describe("the library", () => {
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

  test("read on a phone with no signal, then marked as updated when staff change it", async () => {
    const { context: phone, page, portal, errors } = await signedInCarer(browser, server.url, "carer@demo.test", PHONE);
    await portal.expectAllSaved();

    await goOffline(phone);
    await portal.followMenu("Library");
    await portal.expectHeading("Library");
    await page.getByRole("heading", { name: "The foster carers' handbook" }).waitFor();
    await page.getByRole("heading", { name: "Policies" }).waitFor();
    const item = (title) => page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title }) });
    await item(POLICY).getByText("Not read yet").waitFor();

    const search = page.getByRole("searchbox", { name: "Search the library" });
    await search.fill("LADO");
    await page.getByText("1 document found for \u201cLADO\u201d").waitFor();
    assert.equal(await page.getByRole("link", { name: "Delegated authority" }).count(), 0);
    await item(POLICY).getByText("The Local Authority Designated Officer (LADO)", { exact: false }).waitFor();
    await search.fill("xyzzy nothing");
    await page.getByText("0 documents found", { exact: false }).waitFor();
    await search.fill("allegation");
    await page.getByRole("link", { name: POLICY }).click();

    await portal.expectHeading(POLICY);
    await page.getByRole("heading", { level: 2, name: "Your support" }).waitFor();
    await page.getByText("Version 2, updated", { exact: false }).waitFor();
    assert.match(await page.title(), new RegExp(`^${POLICY} – `));
    assert.deepEqual(await accessibilityViolations(page), []);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, "the document scrolls sideways on a 320 px phone");
    // Still no signal: the document comes back from the device after a reload.
    await page.reload();
    await portal.expectHeading(POLICY);
    await page.getByRole("heading", { level: 2, name: "Keeping records" }).waitFor();

    await page.getByRole("link", { name: "Back to the library" }).click();
    await portal.expectHeading("Library");
    await item("Foster carer charter").getByText("Not read yet").waitFor();
    assert.equal(await item(POLICY).getByText("Not read yet").count(), 0, "read now");
    assert.deepEqual(await accessibilityViolations(page), []);

    // Staff change the policy's words: a new version.
    const staff = await signedInStaff(browser, server.url, "worker@demo.test");
    await staff.portal.navigation().getByRole("link", { name: "Library" }).click();
    await staff.portal.expectHeading("Library");
    await staff.page.getByRole("link", { name: POLICY }).click();
    await staff.portal.expectHeading("Change a document");
    const body = staff.page.getByLabel("The document", { exact: true });
    await body.fill(`${await body.inputValue()}\n\n## Who to call\nCall the duty team first.`);
    assert.deepEqual(await accessibilityViolations(staff.page), []);
    await staff.page.getByRole("button", { name: "Publish" }).click();
    await staff.portal.expectHeading("Library");
    const row = staff.page.getByRole("row").filter({ has: staff.page.getByRole("link", { name: POLICY }) });
    await row.getByRole("cell", { name: "3", exact: true }).waitFor();

    // The phone gets its signal back and syncs: the library says the policy changed.
    await goOnline(phone);
    await portal.syncNow();
    await portal.expectAllSaved();
    await page.getByText("1 document has changed since you last read it.").waitFor();
    await item(POLICY).getByText("Updated since you last read it").waitFor();
    await page.getByRole("link", { name: POLICY }).click();
    await portal.expectHeading(POLICY);
    await page.getByText("This document has changed since you last read it.").waitFor();
    await page.getByText("Version 3, updated", { exact: false }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Who to call" }).waitFor();

    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|\/api\//.test(e)), []);
    assert.deepEqual(staff.errors, []);
    await phone.close();
    await staff.context.close();
  });
});
