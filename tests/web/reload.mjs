// Opens a page served by `wenda serve`, edits the interview file behind it and
// expects the browser to reload by itself and show the edit.
// usage: node reload.mjs URL FILE OLD_TEXT NEW_TEXT
import { readFile, writeFile } from "node:fs/promises";
import { chromium } from "playwright-core";

const [url, file, before, after] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
let failed = false;
try {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: "networkidle" });
  if (!(await page.content()).includes(before)) throw new Error(`the page does not show "${before}" yet`);
  await page.evaluate(() => { window.__notReloaded = true; });
  const text = await readFile(file, "utf8");
  await writeFile(file, text.replace(before, after));
  await page.waitForFunction((t) => document.body && document.body.innerText.includes(t), after, { timeout: 10000 });
  if (await page.evaluate(() => window.__notReloaded === true)) throw new Error("the page changed without a reload");
  console.log("reloaded and shows the edit");
} catch (e) {
  console.error(String(e && e.stack || e));
  failed = true;
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
