// Benchmark: how many bytes one search loads. Serves a built site, opens its
// search page in headless Chromium, runs each query and adds up the bodies of
// the requests the query made (the page and its assets excluded).
// usage: node search-bytes.mjs SITE_DIR PREFIX QUERY...
import { chromium } from "playwright-core";
import { serveStatic } from "./serve-static.mjs";

const [dir, prefix, ...queries] = process.argv.slice(2);
const server = await serveStatic(dir, prefix);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  for (const query of queries) {
    const page = await browser.newPage();
    await page.goto(`${origin}${prefix}search/`, { waitUntil: "networkidle" });
    const loads = [];
    page.on("response", (r) => loads.push(r.body().then((b) => ({ url: r.url(), bytes: b.length })).catch(() => ({ url: r.url(), bytes: 0 }))));
    await page.fill("#search-q", query);
    await page.press("#search-q", "Enter");
    await page.waitForFunction(() => { const s = document.querySelector(".search-status").textContent; return s && !s.includes("…"); }, null, { timeout: 30000 });
    await page.waitForLoadState("networkidle");
    const got = await Promise.all(loads);
    const results = await page.$$eval(".result", (r) => r.length);
    const by = (part) => got.filter((g) => g.url.includes(part)).reduce((n, g) => n + g.bytes, 0);
    const total = got.reduce((n, g) => n + g.bytes, 0);
    console.log(`${query}\t${results} results\t${got.length} requests\t${(total / 1024).toFixed(0)} KiB\t(meta ${by("meta.json")} B, shards ${(by("/index/") / 1024).toFixed(0)} KiB, docs ${(by("/docs/") / 1024).toFixed(0)} KiB)`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
