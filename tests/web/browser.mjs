// Serves a built site on 127.0.0.1 under a path prefix, walks every internal
// link from the home page, and checks it in headless Chromium: no console
// error or failed request on the home page,
// search in Chinese (one word and unspaced phrases) and English, and no
// axe-core violation on the main page types (one with highlighted code) in the
// light and the dark colour scheme.
//
// usage: node browser.mjs SITE_DIR PREFIX   (e.g. /tmp/x/public /archive/)
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { serveStatic } from "./serve-static.mjs";

const require = createRequire(import.meta.url);
const [dir, prefix] = process.argv.slice(2);
const server = await serveStatic(dir, prefix);
const origin = `http://127.0.0.1:${server.address().port}`;
const failures = [];
const report = {};
const fail = (what) => failures.push(what);

// Every internal link of every page reachable from the home page answers 200,
// and every #fragment names an element of its page.
async function linkWalk() {
  const seen = new Map();
  const queue = [prefix];
  const ids = new Map();
  const links = [];
  while (queue.length) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    const response = await fetch(origin + path);
    seen.set(path, response.status);
    const type = response.headers.get("content-type") || "";
    if (!response.ok || !type.startsWith("text/html")) continue;
    const html = await response.text();
    ids.set(path, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
    for (const [, url] of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
      if (!url.startsWith("/") && !url.startsWith("#")) continue;
      const absolute = new URL(url.replaceAll("&amp;", "&"), origin + path);
      links.push({ from: path, path: absolute.pathname, fragment: decodeURIComponent(absolute.hash.slice(1)) });
      queue.push(absolute.pathname);
    }
  }
  for (const link of links) {
    const status = seen.get(link.path);
    if (status !== 200) fail(`link walk: ${link.from} → ${link.path} answered ${status}`);
    else if (link.fragment && ids.has(link.path) && !ids.get(link.path).has(link.fragment)) fail(`link walk: ${link.from} → ${link.path}#${link.fragment}: no such anchor`);
  }
  return { pages: seen.size, links: links.length };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

try {
  report.walk = await linkWalk();
  if (report.walk.pages < 15) fail(`link walk reached only ${report.walk.pages} pages`);
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });

  await page.goto(origin + prefix, { waitUntil: "networkidle" });
  if (problems.length) fail(`home page: ${problems.join("; ")}`);

  async function search(query) {
    await page.goto(`${origin}${prefix}search/`, { waitUntil: "networkidle" });
    await page.fill("#search-q", query);
    await page.press("#search-q", "Enter");
    await page.waitForFunction(() => {
      const s = document.querySelector(".search-status").textContent;
      return s && !s.includes("…");
    }, null, { timeout: 10000 });
    return page.$$eval(".result", (items) => items.map((li) => ({
      href: li.querySelector("a").getAttribute("href"),
      question: li.querySelector("a").textContent,
      snippet: li.querySelector(".result-snippet").textContent,
      marks: li.querySelectorAll("mark").length,
    })));
  }

  const checks = [
    ["监管", (r) => r.some((x) => x.href.includes("/interviews/wang-xiaohang-2024/#q-") && x.question.includes("监管"))],
    ["金融大模型", (r) => r.some((x) => x.href.includes("/interviews/wang-xiaohang-2024/#") && (x.snippet + x.question).includes("金融大模型"))],
    ["多模态数据", (r) => r.some((x) => x.href.includes("/interviews/wang-xiaohang-2024/#") && (x.snippet + x.question).includes("多模态数据"))],
    ["sandbox", (r) => r.some((x) => x.href.includes("/interviews/example-maya-okafor-2025/#") && /sandbox/i.test(x.snippet + x.question))],
  ];
  for (const [query, ok] of checks) {
    const results = await search(query);
    report[query] = results.length;
    if (!ok(results)) fail(`search "${query}" did not find the expected answer: ${JSON.stringify(results.slice(0, 3))}`);
    if (results.some((x) => x.marks === 0)) fail(`search "${query}": a result has no highlighted match`);
  }
  if (problems.length) fail(`during search: ${problems.join("; ")}`);

  // A result's link lands on its question.
  const results = await search("监管");
  const target = results.find((x) => x.question.includes("监管"));
  if (target) {
    await page.goto(origin + target.href, { waitUntil: "networkidle" });
    const id = decodeURIComponent(target.href.split("#")[1]);
    if (!(await page.$(`[id="${id}"]`))) fail(`result link ${target.href} has no anchor on its page`);
  }

  // Each page type in the light and the dark colour scheme; the interview with
  // a highlighted Python block checks the syntax colours against the code
  // background in both.
  const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  const codePage = "interviews/example-lin-ruoxi-2023/";
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of ["", "interviews/wang-xiaohang-2024/", codePage, "topics/regulation/", "search/", "people/wang-xiaohang/"]) {
      const where = `${path || "/"} (${scheme})`;
      await page.goto(origin + prefix + path, { waitUntil: "networkidle" });
      if (!(await page.evaluate((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme))) fail(`${where}: colour scheme not applied`);
      if (path === codePage) {
        const classes = await page.$$eval("pre.z-code [class]", (els) => [...new Set(els.flatMap((e) => [...e.classList]))]);
        for (const c of ["z-comment", "z-string", "z-constant", "z-keyword"]) {
          if (!classes.includes(c)) fail(`${where}: no highlighted ${c} in a code block`);
        }
      }
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => (await window.axe.run()).violations.map((v) =>
        `${v.id}: ${v.nodes.length} × ${v.help} [${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(", ")}]`));
      report[`axe ${where}`] = violations.length;
      if (violations.length) fail(`axe on ${where}: ${violations.join("; ")}`);
    }
  }
} catch (e) {
  fail(String(e && e.stack || e));
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(report));
if (failures.length) {
  console.error(failures.join("\n"));
  process.exit(1);
}
