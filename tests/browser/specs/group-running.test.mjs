// Running support groups, staff and carers together: staff add places (the waiting list is given
// them, and told), message everyone booked and take the register; a carer adds an attended
// session to the learning log in one tap while offline; support contacts are read offline and
// kept current by staff; a household books a place for a son or daughter.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { PortalServer, accessibilityViolations, goOffline, goOnline, launchBrowser } from "../harness.mjs";
import { PortalPage, signedInCarer, signedInStaff } from "../portal-page.mjs";

const SAVED = "All your changes are saved with the fostering service.";

describe("running support groups", () => {
  let server;
  let browser;
  let staffPage;
  let staffErrors;

  before(async () => {
    server = await PortalServer.start({ demo: true });
    browser = await launchBrowser();
    ({ page: staffPage, errors: staffErrors } = await signedInStaff(browser, server.url, "worker@demo.test"));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A carer on the Groups page, synced. */
  async function carerOnGroups(email) {
    const carer = await signedInCarer(browser, server.url, email);
    await carer.portal.navigation().getByRole("link", { name: "Groups" }).click();
    await carer.portal.expectHeading("Support groups");
    await carer.portal.connectionStatus().getByText(SAVED).waitFor();
    return carer;
  }

  async function askForFirstSession(carer, group, button) {
    await carer.page.getByRole("link", { name: group }).first().click();
    await carer.portal.expectHeading(group);
    await carer.page.getByRole("button", { name: button }).click();
    await carer.portal.connectionStatus().getByText(SAVED).waitFor();
  }

  const news = (page) => page.getByRole("region", { name: "News about your bookings" });

  test("more places go to the waiting list, who are told, and a message reaches everyone booked", async () => {
    const carers = [];
    for (const [email, button] of [
      ["carer@demo.test", "Ask for a place"],
      ["nowak@demo.test", "Ask for a place"],
      ["begum@demo.test", "Join the waiting list"],
    ]) {
      const carer = await carerOnGroups(email);
      await askForFirstSession(carer, "Men who care", button);
      carers.push(carer);
    }
    const waiting = carers[2];
    await waiting.page.getByText("On the waiting list").first().waitFor();

    const staff = new PortalPage(staffPage, server.url);
    await staff.open("/staff/groups");
    const menWhoCare = staffPage.getByRole("listitem").filter({ hasText: "The Crown, Kingsmoor" });
    await menWhoCare.first().getByRole("link").click();
    await staffPage.getByRole("heading", { level: 2, name: "Change this session" }).waitFor();
    await staffPage.getByText("Begum", { exact: false }).first().waitFor();
    await staffPage.getByLabel("Places (optional)").fill("1");
    await staffPage.getByRole("button", { name: "Save changes" }).click();
    await staffPage
      .getByRole("alert")
      .getByRole("link", { name: "2 places are already taken, so there must be at least 2 places." })
      .waitFor();
    await staffPage.getByLabel("Places (optional)").fill("3");
    await staffPage.getByRole("button", { name: "Save changes" }).click();
    await staffPage.getByText("Session saved.", { exact: false }).waitFor();
    await staffPage.getByLabel("Message").fill("We are in the back room this month.");
    await staffPage.getByRole("button", { name: "Send the message" }).click();
    await staffPage.getByText("Sent to 3 households.", { exact: false }).waitFor();
    assert.deepEqual(await accessibilityViolations(staffPage), []);

    // The household that was waiting learns it has a place, and the message, at its next sync.
    await waiting.portal.open("/groups");
    await waiting.portal.syncNow();
    await news(waiting.page).getByRole("heading", { name: "You have a place" }).waitFor();
    await news(waiting.page).getByText("We are in the back room this month.", { exact: false }).waitFor();
    assert.deepEqual(await accessibilityViolations(waiting.page), []);
    // Seen news leaves the list on this device; the session keeps it.
    for (let left = 2; left > 0; left -= 1) {
      await news(waiting.page).getByRole("button", { name: "I have seen this" }).first().click();
    }
    await news(waiting.page).waitFor({ state: "detached" });
    await waiting.page.getByRole("link", { name: "Men who care" }).first().click();
    await waiting.page.getByRole("region", { name: "News about this session" }).getByText("back room", { exact: false }).waitFor();
    await waiting.page.getByText("You have a place").first().waitFor();

    for (const carer of carers) {
      assert.deepEqual(carer.errors, []);
      await carer.context.close();
    }
    assert.deepEqual(staffErrors, []);
  });

  test("staff take the register, and the carer adds the session to the learning log offline in one tap", async () => {
    const staff = new PortalPage(staffPage, server.url);
    await staff.open("/staff/groups");
    // The demo's reflective group met a fortnight ago: its first session, by date.
    const reflective = staffPage.getByRole("listitem").filter({ hasText: "Northby Library" });
    await reflective.first().getByRole("link").click();
    const register = staffPage.getByRole("group", { name: "The Taylor household (Sam Taylor)" });
    await register.getByLabel("Attended").waitFor();
    assert.equal(await register.getByLabel("Attended").isChecked(), true);
    await register.getByLabel("Did not attend").check();
    await staffPage.getByRole("button", { name: "Save the register" }).click();
    await staffPage.getByText("Register saved.").waitFor();
    await staffPage.getByText("did not attend", { exact: false }).first().waitFor();
    await register.getByLabel("Attended").check();
    await staffPage.getByRole("button", { name: "Save the register" }).click();
    await staffPage.getByText("attended", { exact: false }).first().waitFor();
    assert.deepEqual(await accessibilityViolations(staffPage), []);

    const carer = await carerOnGroups("carer@demo.test");
    await carer.page.getByRole("navigation", { name: "Support groups" }).getByRole("link", { name: "My bookings" }).click();
    await carer.portal.expectHeading("My bookings");
    await carer.page.getByRole("heading", { name: "Sessions you went to" }).waitFor();
    await goOffline(carer.context);
    await carer.page.getByRole("button", { name: /^Add to my learning log/ }).click();
    const logged = carer.page.getByRole("link", { name: "In your learning log" });
    await logged.waitFor();
    await carer.page.reload();
    await logged.waitFor();
    assert.equal(await carer.page.getByRole("button", { name: /^Add to my learning log/ }).count(), 0, "one tap, one entry");
    await goOnline(carer.context);
    await carer.portal.syncNow();
    await carer.portal.connectionStatus().getByText(SAVED).waitFor();
    await logged.click();
    await carer.portal.expectHeading("Northby reflective group");
    await carer.page.getByText("Reflective group", { exact: false }).first().waitFor();
    assert.deepEqual(
      carer.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED") && !e.includes("/api/")),
      [],
    );
    await carer.context.close();
  });

  test("support contacts are read offline and kept current by staff", async () => {
    const carer = await carerOnGroups("hughes@demo.test");
    await goOffline(carer.context);
    await carer.page.getByRole("navigation", { name: "Support groups" }).getByRole("link", { name: "Support contacts" }).click();
    await carer.portal.expectHeading("Support contacts");
    await carer.page.getByRole("link", { name: "01632 960 999" }).waitFor();
    await carer.page.getByRole("heading", { name: "Fostering duty team" }).waitFor();
    await carer.page.reload();
    await carer.page.getByText("5pm to 9am on weekdays", { exact: false }).waitFor();

    const staff = new PortalPage(staffPage, server.url);
    await staff.open("/staff/support-contacts");
    await staff.expectHeading("Support contacts");
    await staffPage.getByLabel("Phone number").first().fill("ring us");
    await staffPage.getByRole("button", { name: "Save and publish" }).click();
    await staffPage.getByRole("alert").getByRole("link", { name: /out-of-hours phone number/ }).waitFor();
    await staffPage.getByLabel("Phone number").first().fill("01632 960 999");
    await staffPage.getByLabel("When it answers").fill("Every evening from 5pm, and all weekend");
    await staffPage.getByRole("button", { name: "Save and publish" }).click();
    await staffPage.getByText("Saved.", { exact: false }).waitFor();
    assert.deepEqual(await accessibilityViolations(staffPage), []);

    await goOnline(carer.context);
    await carer.portal.syncNow();
    await carer.page.getByText("Every evening from 5pm, and all weekend").waitFor();
    await carer.page.setViewportSize({ width: 320, height: 640 });
    assert.deepEqual(await accessibilityViolations(carer.page), []);
    const overflow = await carer.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, "support contacts scroll sideways");
    await carer.context.close();
  });

  test("a household books a place for a son or daughter at a group for them", async () => {
    const carer = await signedInCarer(browser, server.url, "mensah@demo.test");
    await carer.page.getByLabel("Their name").fill("Kofi Mensah");
    await carer.page.getByLabel("Who they are").selectOption({ label: "Son or daughter (not a fostered child)" });
    await carer.page.getByRole("button", { name: "Add to household" }).click();
    await carer.page.getByText("Kofi Mensah").first().waitFor();
    await carer.portal.navigation().getByRole("link", { name: "Groups" }).click();
    await carer.portal.expectHeading("Support groups");
    await carer.page.getByRole("link", { name: "Sons and daughters club" }).first().click();
    await carer.portal.expectHeading("Sons and daughters club");
    // Only the son or daughter may come, so they are already chosen.
    const who = carer.page.getByRole("group", { name: "Who is coming?" });
    assert.equal(await who.getByRole("checkbox").count(), 1);
    assert.equal(await who.getByLabel("Kofi Mensah").isChecked(), true);
    await carer.page.getByRole("button", { name: "Ask for a place" }).click();
    await carer.portal.connectionStatus().getByText(SAVED).waitFor();
    await carer.page.getByText("You have a place").first().waitFor();

    const staff = new PortalPage(staffPage, server.url);
    await staff.open("/staff/groups");
    await staffPage.getByText("The Mensah household (Kofi Mensah): Has a place").first().waitFor();
    assert.deepEqual(carer.errors, []);
    await carer.context.close();
  });

  test("a booking request sent three times, its first two answers lost, is one booking", async () => {
    const carer = await carerOnGroups("obrien@demo.test");
    await carer.page.getByRole("link", { name: "Northby reflective group" }).first().click();
    await carer.portal.expectHeading("Northby reflective group");
    await carer.page.getByText("12 places left").waitFor();
    // The server receives each push, but the first two answers never reach the phone (a
    // signal lost on the way back), so the phone sends the same request again.
    let pushes = 0;
    await carer.context.route("**/api/sync/push", async (route) => {
      pushes += 1;
      if (pushes <= 2) {
        await route.fetch();
        await route.abort("connectionreset");
        return;
      }
      await route.continue();
    });
    await carer.page.getByRole("button", { name: "Ask for a place" }).click();
    while (pushes < 3) {
      await carer.page.waitForTimeout(500);
      if (pushes < 3) await carer.portal.syncNow().catch(() => {});
    }
    await carer.portal.connectionStatus().getByText(SAVED).waitFor();
    await carer.page.getByText("You have a place").first().waitFor();
    await carer.page.getByText("11 places left").waitFor();

    const staff = new PortalPage(staffPage, server.url);
    await staff.open("/staff/groups");
    const booked = staffPage.getByText("The O'Brien household", { exact: false });
    await booked.first().waitFor();
    assert.equal(await booked.count(), 1, "one booking, not three");
    await carer.context.close();
  });

  test("staff change a group so it counts as training, and add a session to it", async () => {
    const staff = new PortalPage(staffPage, server.url);
    await staff.open("/staff/groups");
    await staffPage.getByRole("link", { name: /Change this group or add sessions.*Coffee and chat, Eastfield/ }).click();
    await staff.expectHeading("Coffee and chat, Eastfield");
    await staffPage.getByLabel("Carers can add a session they attended to their learning log").check();
    await staffPage.getByLabel("7: Develop yourself", { exact: false }).check();
    await staffPage.getByRole("button", { name: "Save the group" }).click();
    await staffPage.getByText("Group saved.", { exact: false }).waitFor();

    await staffPage.getByRole("button", { name: "Add the sessions" }).click();
    await staffPage.getByRole("alert").filter({ hasText: "There is a problem" }).getByRole("link", { name: "Enter the date of the first session." }).waitFor();
    const later = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    await staffPage.getByLabel("Date of the first session").fill(later);
    await staffPage.getByLabel("Starts at (UK time)").fill("10am");
    await staffPage.getByLabel("Ends at").fill("11:30am");
    await staffPage.getByLabel("How often it meets").selectOption({ label: "Once" });
    await staffPage.getByLabel("Where it meets (optional for an online group)").fill("Eastfield Library");
    await staffPage.getByRole("button", { name: "Add the sessions" }).click();
    await staffPage.getByText("1 session added.", { exact: false }).waitFor();
    assert.deepEqual(await accessibilityViolations(staffPage), []);
    await staff.open("/staff/groups");
    await staffPage.getByRole("listitem").filter({ hasText: "Eastfield Library" }).first().waitFor();
    assert.deepEqual(staffErrors, []);
  });

  test("the new staff pages pass axe and fit a 320 px screen", async () => {
    const staff = new PortalPage(staffPage, server.url);
    await staffPage.setViewportSize({ width: 320, height: 640 });
    for (const path of ["/staff/groups/numbers", "/staff/support-contacts", "/staff/groups/new"]) {
      await staff.open(path);
      await staffPage.getByText(/Loading|Counting/).waitFor({ state: "detached" });
      assert.deepEqual(await accessibilityViolations(staffPage), [], path);
      const overflow = await staffPage.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.equal(overflow, 0, `${path} scrolls sideways`);
    }
    // The register taken above is counted.
    await staff.open("/staff/groups/numbers");
    await staffPage.getByRole("row", { name: /Northby reflective group/ }).getByRole("cell", { name: "1" }).first().waitFor();
    await staffPage.setViewportSize({ width: 1280, height: 800 });
    assert.deepEqual(staffErrors, []);
  });
});
