// `cargo xtask bench`: My learning with 5,000 records on the device, in Chromium: how long the
// page takes to show them, and how long each keystroke in the search box takes to show its
// results (the target: under 16 ms, one frame). Prints figures; asserts nothing.
//
// Run by `cargo xtask bench`, with the same variables as the browser tests.

import { PortalServer, launchBrowser } from "../harness.mjs";

const RECORDS = 5000;
const WORDS = ["Safeguarding", "First aid", "Attachment", "Life story work", "Managing behaviour"];
const TYPED = "safeguard";

const server = await PortalServer.start({ demo: true });
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel("Email address").fill("carer@demo.test");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("status").getByText("Last synced at", { exact: false }).waitFor();

  // 5,000 records written straight into the device's IndexedDB, as a first sync would leave them.
  await page.evaluate(
    async ({ count, words }) => {
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open("portal");
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const read = db.transaction("keys").objectStore("keys");
      const [keys, values] = await Promise.all(
        [read.getAllKeys(), read.getAll()].map(
          (request) => new Promise((resolve) => {
            request.onsuccess = () => resolve(request.result);
          }),
        ),
      );
      const at = keys.findIndex((k) => k.includes(":rec:my_details:"));
      const details = keys[at];
      const prefix = details.slice(0, details.indexOf("rec:"));
      const member = JSON.parse(values[at]).members[0].id;
      const tx = db.transaction("keys", "readwrite");
      const store = tx.objectStore("keys");
      const formats = ["face_to_face", "webinar", "e_learning", "reflective_group", "other"];
      for (let n = 0; n < count; n += 1) {
        const day = new Date(Date.UTC(2026, 0, 1) - n * 86_400_000 / 4);
        const entry = {
          id: `bench-${n}`,
          title: `${words[n % words.length]} ${n}`,
          date: day.toISOString().slice(0, 10),
          duration: 30 + (n % 8) * 15,
          format: formats[n % formats.length],
          provider: "Northby Council",
          standards: [1 + (n % 7)],
          members: [member],
          learned: "Notes on what I learned, long enough to be searched like a real reflection.",
        };
        store.put(JSON.stringify(entry), `${prefix}rec:training_entries:bench-${n}`);
      }
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { count: RECORDS, words: WORDS },
  );

  const opened = performance.now();
  await page.goto(`${server.url}/learning`);
  await page.getByText(`Showing all ${RECORDS} training records.`).waitFor({ timeout: 120_000 });
  const shown = performance.now() - opened;

  // Each keystroke: from the input event until the page has updated (filtered, counted and
  // redrawn the list), before the browser paints it.
  const keystrokes = await page.evaluate(async (typed) => {
    const input = document.getElementById("search");
    const times = [];
    for (let i = 1; i <= typed.length; i += 1) {
      const started = performance.now();
      input.value = typed.slice(0, i);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 0));
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return times;
  }, TYPED);
  const status = await page.getByText(/^Showing \d+ of \d+ training records\.$/).textContent();
  const sorted = [...keystrokes].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`My learning with ${RECORDS} records on the device (Chromium):`);
  console.log(`  page shown with all records counted: ${shown.toFixed(0)} ms (includes loading the app)`);
  console.log(`  per keystroke, typing "${TYPED}": median ${median.toFixed(1)} ms, slowest ${sorted.at(-1).toFixed(1)} ms (target under 16 ms)`);
  console.log(`  each: ${keystrokes.map((t) => t.toFixed(1)).join(", ")} ms`);
  console.log(`  ${status}`);
} finally {
  await browser.close();
  await server.stop();
}
