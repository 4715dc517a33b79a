// A page object for the portal: what a person sees and does, found by role and label.

import assert from "node:assert/strict";

import { collectErrors, totp, untilWorkerControls } from "./harness.mjs";

export class PortalPage {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  async open(path = "/") {
    await this.page.goto(new URL(path, this.baseUrl).toString());
    await this.mainHeading().waitFor();
  }

  mainHeading() {
    return this.page.getByRole("heading", { level: 1 });
  }

  async headingText() {
    return (await this.mainHeading().textContent()).trim();
  }

  navigation() {
    return this.page.getByRole("navigation", { name: "Menu" });
  }

  /** Follows a link in the navigation as a person would: on a phone, opening the menu first. */
  async followMenu(name) {
    const toggle = this.navigation().getByRole("button", { name: "Menu" });
    if ((await toggle.isVisible()) && (await toggle.getAttribute("aria-expanded")) !== "true") {
      await toggle.click();
    }
    await this.navigation().getByRole("link", { name }).click();
  }

  footerLink(name) {
    return this.page.getByRole("contentinfo").getByRole("link", { name });
  }

  serviceNameLink() {
    return this.page
      .getByRole("region", { name: "Service information" })
      .getByRole("link", { name: "Foster Carer Portal" });
  }

  connectionStatus() {
    return this.page.getByRole("status");
  }

  async untilConnection(headline) {
    await this.connectionStatus().getByText(headline, { exact: false }).waitFor();
  }

  /** Signs in through the form, as a person would. */
  async signIn(email, password = "demo-password") {
    await this.open("/sign-in");
    await this.page.getByLabel("Email address").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  /** Waits until a labelled field holds `value` (the page may still be syncing). */
  async untilFieldValue(label, value) {
    const field = this.page.getByLabel(label);
    await field.waitFor();
    const handle = await field.elementHandle();
    await this.page.waitForFunction(([el, wanted]) => el.value === wanted, [handle, value]);
  }

  /** Opens the status's details where a phone has folded them; leaves them open if they are. */
  async openStatusDetails() {
    const details = this.connectionStatus().getByRole("button", { name: "Details", exact: true });
    if (await details.isVisible()) await details.click();
  }

  /** Waits until `target` shows. On a phone the status folds itself once it is calm, which can
   * happen while we wait (a change sent as the signal returns), so its details are opened
   * whenever they are folded. */
  async untilShownInStatus(target) {
    const details = this.connectionStatus().getByRole("button", { name: "Details", exact: true });
    const deadline = Date.now() + 30_000;
    while (!(await target.isVisible())) {
      if (Date.now() > deadline) {
        await target.waitFor({ timeout: 1 });
      }
      if (await details.isVisible()) await details.click();
      await this.page.waitForTimeout(100);
    }
  }

  /** Waits until the status says every change is saved, opening its details on a phone. */
  async expectAllSaved() {
    await this.untilShownInStatus(
      this.connectionStatus().getByText("All your changes are saved with the fostering service."),
    );
  }

  /** Presses "Sync now", first opening the status's details where a phone has folded them. A
   * status that turns calm while we reach for the button (a sync that started by itself ends)
   * folds again on a phone, so the press is tried again after opening the details. */
  async syncNow() {
    const button = this.page.getByRole("button", { name: "Sync now" });
    const deadline = Date.now() + 30_000;
    for (;;) {
      await this.untilShownInStatus(button);
      try {
        await button.click({ timeout: 2_000 });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
  }

  async expectHeading(text) {
    await this.page.getByRole("heading", { level: 1, name: text }).waitFor();
    assert.equal(await this.headingText(), text);
  }
}

/** A 320 px phone, as a carer holds one: `signedInCarer`'s context options. */
export const PHONE = { viewport: { width: 320, height: 640 }, deviceScaleFactor: 2 };

/** A carer signed in on their own "phone" (a fresh context of `browser`), on My details, with
 * the service worker in control: the start of every carer's journey in these tests. */
export async function signedInCarer(browser, baseUrl, email, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = collectErrors(page);
  const portal = new PortalPage(page, baseUrl);
  await portal.signIn(email);
  await portal.expectHeading("My details");
  await untilWorkerControls(page);
  return { context, page, portal, errors };
}

/** A member of staff signed in with their second factor at an office computer (a fresh
 * context of `browser`), on the staff side's first page. Each code works once, so a suite
 * signs in as a given person once. */
export async function signedInStaff(browser, baseUrl, email) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  const portal = new PortalPage(page, baseUrl);
  await portal.signIn(email);
  await page.getByLabel("Code from your authenticator app").fill(totp());
  await page.getByRole("button", { name: "Sign in" }).click();
  await portal.expectHeading("Carers");
  return { context, page, errors, portal };
}
