// `cargo xtask bench`: moving from home to each carers' area and back, in one carers' app whose
// areas load their code when first opened. Prints the time of each move (the first visit to an
// area fetches its chunk; the second finds it running) and the documents the tab loaded, which
// should stay at one. Asserts nothing.

import { PortalServer, launchBrowser } from "../harness.mjs";
import { signedInCarer } from "../portal-page.mjs";

const AREAS = [
  ["Learning", "My learning"],
  ["Groups", "Support groups"],
  ["Buddies", "Buddy scheme"],
  ["Payments", "My payment queries"],
  ["Surveys", "Surveys"],
];

async function move(portal, link, heading) {
  const started = performance.now();
  await portal.followMenu(link);
  await portal.expectHeading(heading);
  return performance.now() - started;
}

const server = await PortalServer.start({ demo: true });
const browser = await launchBrowser();
try {
  const { context, page, portal } = await signedInCarer(browser, server.url, "carer@demo.test");
  await move(portal, "Home", "Foster Carer Portal");
  console.log("\nMoving between areas (ms): first visit, back home, second visit, back home");
  for (const [link, heading] of AREAS) {
    const times = [
      await move(portal, link, heading),
      await move(portal, "Home", "Foster Carer Portal"),
      await move(portal, link, heading),
      await move(portal, "Home", "Foster Carer Portal"),
    ];
    console.log(`  ${link.padEnd(10)} ${times.map((t) => t.toFixed(0).padStart(5)).join(" ")}`);
  }
  const loads = await page.evaluate(() => performance.getEntriesByType("navigation").length);
  console.log(`  documents loaded by the tab in all: ${loads} (target: 1, the sign-in's)`);
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
