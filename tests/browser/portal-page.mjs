// A page object for the portal: what a person sees and does, found by role and label.

import assert from "node:assert/strict";

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

  async expectHeading(text) {
    await this.page.getByRole("heading", { level: 1, name: text }).waitFor();
    assert.equal(await this.headingText(), text);
  }
}
