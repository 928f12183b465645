// Serves a built copy of tests/fixtures/archive on 127.0.0.1 under a path
// prefix and checks the archive model in headless Chromium: every internal
// link and asset (a and link href; img, audio, video, source, track and
// script src) answers 200 under the prefix; on the page-bundle interview, no
// console error or failed request, one audio#recording with captions, and
// timecode links that move the recording to their second; timecodes of an
// interview without a recording stay text; every image loads and has its
// size, lazy loading and (in a figure) a caption; the person page shows the
// biography and photo; two people of one name have two pages; the
// translation pair is one card on its topic page and its pages point to each
// other; the series lists its interviews in order and has a feed. Every page
// is served with the strict Content-Security-Policy README.md recommends, and
// no page, search or player may break it.
//
// usage: node archive.mjs SITE_DIR PREFIX   (e.g. /tmp/x/public /project/)
import { chromium } from "playwright-core";
import { CSP, serveStatic } from "./serve-static.mjs";

const [dir, prefix] = process.argv.slice(2);
const server = await serveStatic(dir, prefix, { csp: CSP });
const origin = `http://127.0.0.1:${server.address().port}`;
const failures = [];
const report = {};
const fail = (what) => failures.push(what);

const INTERVIEW = "interviews/delaney-1975/";
const UNRECORDED = "interviews/delaney-1998/";
const PERSON = "people/ruth-delaney/";
const TOPIC = "topics/labor/";
const ORIGINAL = "interviews/chen-2019/";
const TRANSLATION = "interviews/chen-2019-en/";
const SERIES = "collections/coal-country/";

// The URLs a page refers to: href of a and link, src of img, audio, video,
// source, track, script and iframe, and the poster of a video.
function references(html) {
  const urls = [];
  for (const [, tag, attrs] of html.matchAll(/<(a|link|img|audio|video|source|track|script|iframe)\b([^>]*)>/gi)) {
    for (const [, name, url] of attrs.matchAll(/\s(href|src|poster)="([^"]*)"/gi)) {
      if (name.toLowerCase() === "href" && !["a", "link"].includes(tag.toLowerCase())) continue;
      urls.push(url.replaceAll("&amp;", "&"));
    }
  }
  return urls;
}

// Every internal URL referred to from the pages reachable from the home page
// (and from the pages this script looks at) answers 200, and every #fragment
// of an HTML page names an element of it. Media fragments (#t=…) are not
// anchors. A URL outside the prefix answers 404 from the server, so a link
// or asset written without the base path fails here.
async function linkWalk() {
  const seen = new Map();
  const queue = [prefix, ...[INTERVIEW, UNRECORDED, PERSON, "people/", TOPIC, ORIGINAL, TRANSLATION, SERIES].map((p) => prefix + p)];
  const ids = new Map();
  const links = [];
  let assets = 0;
  while (queue.length) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    const response = await fetch(origin + path);
    seen.set(path, response.status);
    const type = response.headers.get("content-type") || "";
    if (!response.ok || !type.startsWith("text/html")) {
      await response.arrayBuffer();
      continue;
    }
    const html = await response.text();
    ids.set(path, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
    for (const url of references(html)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//")) continue;
      const absolute = new URL(url, origin + path);
      links.push({ from: path, url, path: absolute.pathname, fragment: decodeURIComponent(absolute.hash.slice(1)) });
      if (!/\.html?$|\/$/.test(absolute.pathname)) assets++;
      queue.push(absolute.pathname);
    }
  }
  for (const link of links) {
    const status = seen.get(link.path);
    if (status !== 200) fail(`link walk: ${link.from} → ${link.url} (${link.path}) answered ${status}`);
    else if (link.fragment && !link.fragment.startsWith("t=") && ids.has(link.path) && !ids.get(link.path).has(link.fragment)) {
      fail(`link walk: ${link.from} → ${link.path}#${link.fragment}: no such anchor`);
    }
  }
  return { urls: seen.size, links: links.length, assets };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

const page = await browser.newPage();
let problems = [];
const blocked = [];
page.on("console", (m) => {
  if (m.type() !== "error") return;
  problems.push(`console: ${m.text()}`);
  if (/Content Security Policy/i.test(m.text())) blocked.push(`${page.url()}: ${m.text()}`);
});
page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
page.on("requestfailed", (r) => {
  // Chromium cancels its own media requests once it has what it needs (the
  // metadata, or the range it seeks to); that is not a failure.
  const error = r.failure()?.errorText;
  if (r.resourceType() === "media" && error === "net::ERR_ABORTED") return;
  problems.push(`request failed: ${r.url()} (${error})`);
});
page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });

async function visit(path) {
  problems = [];
  const response = await page.goto(origin + prefix + path, { waitUntil: "networkidle" });
  if (!response || response.status() !== 200) fail(`${path}: answered ${response && response.status()}`);
}

function noProblems(where) {
  if (problems.length) fail(`${where}: ${problems.join("; ")}`);
  problems = [];
}

async function step(name, run) {
  try {
    await run();
  } catch (e) {
    fail(`${name}: ${String(e && e.stack || e)}`);
  }
}

const pathOf = (href) => new URL(href, origin).pathname;

// Every img has loaded (scrolled to, since they load lazily), has width and
// height attributes and loading="lazy"; every figure has a caption.
async function images(where) {
  const imgs = await page.$$("img");
  if (!imgs.length) fail(`${where}: no img`);
  for (const img of imgs) {
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction((e) => e.complete && e.naturalWidth > 0, img, { timeout: 5000 }).catch(() => {});
    const i = await img.evaluate((e) => ({ src: e.getAttribute("src"), width: e.getAttribute("width"), height: e.getAttribute("height"),
      loading: e.getAttribute("loading"), natural: e.naturalWidth }));
    if (!(i.natural > 0)) fail(`${where}: img ${i.src} did not load (naturalWidth ${i.natural})`);
    if (!i.width || !i.height) fail(`${where}: img ${i.src} has no width and height attributes`);
    if (i.loading !== "lazy") fail(`${where}: img ${i.src} is not loading="lazy" (loading: ${JSON.stringify(i.loading)})`);
  }
  const figures = await page.$$eval("figure", (fs) => fs.map((f) => ({
    img: f.querySelector("img")?.getAttribute("src"), caption: f.querySelector("figcaption")?.textContent.trim() })));
  for (const f of figures) if (!f.caption) fail(`${where}: the figure of ${f.img} has no figcaption`);
  return { imgs: imgs.length, figures };
}

try {
  report.walk = await linkWalk();
  if (report.walk.urls < 15) fail(`link walk reached only ${report.walk.urls} URLs`);

  await step(INTERVIEW, async () => {
    await visit(INTERVIEW);
    noProblems(`${INTERVIEW} on load`);
    const audios = await page.$$("audio#recording");
    if (audios.length !== 1) fail(`${INTERVIEW}: ${audios.length} audio#recording, expected 1`);

    const track = await page.evaluate(() => document.querySelector('audio#recording track[kind="captions"]')?.getAttribute("src"));
    if (!track) fail(`${INTERVIEW}: no track[kind=captions] in audio#recording`);
    else {
      const url = new URL(track, page.url());
      const response = await fetch(url);
      const text = await response.text();
      report.captions = { url: url.pathname, status: response.status, cues: (text.match(/ --> /g) || []).length };
      if (response.status !== 200) fail(`${INTERVIEW}: captions ${url.pathname} answered ${response.status}`);
      else if (!text.startsWith("WEBVTT")) fail(`${INTERVIEW}: captions ${url.pathname} do not start with WEBVTT: ${JSON.stringify(text.slice(0, 40))}`);
    }

    const links = await page.$$eval("a.timecode[data-seconds]", (as) => as.map((a, i) => ({ i, href: a.getAttribute("href"), seconds: Number(a.dataset.seconds) })));
    report.timecodeLinks = links.length;
    if (links.length < 3) fail(`${INTERVIEW}: ${links.length} a.timecode[data-seconds], expected at least 3`);
    for (const l of links) {
      const m = /#t=([\d.]+)$/.exec(l.href || "");
      if (!m || Number(m[1]) !== l.seconds) fail(`${INTERVIEW}: timecode link ${l.href} does not end with #t=${l.seconds}`);
    }

    // A muted recording may load and play without a user gesture.
    await page.evaluate(() => {
      const a = document.querySelector("#recording");
      if (!a) return;
      a.muted = true;
      a.preload = "auto";
      if (a.readyState === 0) a.load();
    });
    await page.waitForFunction(() => document.querySelector("#recording")?.readyState >= 1, null, { timeout: 10000 });
    const later = links.filter((l) => l.seconds > 0);
    const picks = [...new Set([later[0], later[Math.floor(later.length / 2)], later[later.length - 1]])].filter(Boolean);
    const currentTime = () => page.evaluate(() => document.querySelector("#recording")?.currentTime);
    report.jumps = [];
    for (const pick of picks) {
      const link = (await page.$$("a.timecode[data-seconds]"))[pick.i];
      await link.scrollIntoViewIfNeeded();
      await link.click();
      const landed = await page.waitForFunction((t) => {
        const a = document.querySelector("#recording");
        return a && !a.seeking && Math.abs(a.currentTime - t) < 1;
      }, pick.seconds, { timeout: 5000 }).then(() => true, () => false);
      const now = await currentTime().catch(() => undefined);
      report.jumps.push({ href: pick.href, seconds: pick.seconds, currentTime: now });
      if (!landed) fail(`${INTERVIEW}: clicking ${pick.href} left the recording at ${now} s, not within 1 s of ${pick.seconds}`);
      if (pathOf(page.url()) !== prefix + INTERVIEW) {
        fail(`${INTERVIEW}: clicking ${pick.href} left the page for ${page.url()}`);
        await visit(INTERVIEW);
      }
    }
    await page.evaluate(() => document.querySelector("#recording")?.pause());
    noProblems(`${INTERVIEW} while playing from timecodes`);

    const shown = await images(INTERVIEW);
    report.interviewImages = shown;
    const hall = shown.figures.find((f) => f.img && f.img.endsWith("union-hall.png"));
    if (!hall) fail(`${INTERVIEW}: union-hall.png is not in a figure`);
    else if (hall.caption !== "Ruth Delaney at the union hall, 1952") fail(`${INTERVIEW}: the union hall figure's caption is ${JSON.stringify(hall.caption)}`);
    noProblems(`${INTERVIEW} loading its images`);
  });

  await step(UNRECORDED, async () => {
    await visit(UNRECORDED);
    const counts = await page.evaluate(() => ({
      links: document.querySelectorAll("a.timecode").length,
      text: document.querySelectorAll(".timecode").length,
      audio: document.querySelectorAll("audio").length,
    }));
    report.unrecorded = counts;
    if (counts.links) fail(`${UNRECORDED}: ${counts.links} a.timecode, but the interview has no recording to jump in`);
    if (!counts.text) fail(`${UNRECORDED}: its timecodes are not marked .timecode`);
    if (counts.audio) fail(`${UNRECORDED}: an audio element without a recording`);
    noProblems(UNRECORDED);
  });

  await step(PERSON, async () => {
    await visit(PERSON);
    const text = await page.evaluate(() => document.body.innerText);
    if (!text.includes("green composition book")) fail(`${PERSON}: the biography is not shown`);
    if (!(await page.$("img.person-photo"))) fail(`${PERSON}: no img.person-photo`);
    report.personImages = (await images(PERSON)).imgs;
    noProblems(PERSON);
  });

  await step("people/", async () => {
    await visit("people/");
    const smiths = await page.$$eval("a", (as) => as.filter((a) => a.textContent.trim() === "John Smith").map((a) => new URL(a.href).pathname));
    const distinct = [...new Set(smiths)];
    report.johnSmiths = distinct;
    if (distinct.length !== 2) fail(`people/: John Smith links to ${JSON.stringify(distinct)}, expected two different pages`);
    for (const p of distinct) if (!p.startsWith(prefix + "people/")) fail(`people/: John Smith links to ${p}, not a person page`);
    noProblems("people/");
  });

  await step(TOPIC, async () => {
    await visit(TOPIC);
    const cards = await page.$$eval(".card", (cs) => cs.map((c) => {
      const main = c.querySelector(".card-title a, h2 a, h3 a, h4 a") || c.querySelector("a[href]");
      return {
        main: main && new URL(main.href).pathname,
        versions: [...c.querySelectorAll("a[hreflang]")].map((a) => ({ lang: a.getAttribute("hreflang"), path: new URL(a.href).pathname })),
      };
    }));
    if (!cards.length) fail(`${TOPIC}: no .card`);
    const original = cards.filter((c) => c.main === prefix + ORIGINAL);
    const translation = cards.filter((c) => c.main === prefix + TRANSLATION);
    report.topicCards = { cards: cards.length, original: original.length, translation: translation.length, versions: original[0]?.versions };
    if (original.length !== 1) fail(`${TOPIC}: ${original.length} cards for ${ORIGINAL}, expected 1`);
    if (translation.length) fail(`${TOPIC}: the translation ${TRANSLATION} has a card of its own`);
    if (original.length) {
      const versions = original[0].versions;
      if (!versions.some((v) => v.lang === "zh-CN" && v.path === prefix + ORIGINAL)) fail(`${TOPIC}: the card has no hreflang="zh-CN" link to ${ORIGINAL}: ${JSON.stringify(versions)}`);
      if (!versions.some((v) => v.lang === "en" && v.path === prefix + TRANSLATION)) fail(`${TOPIC}: the card has no hreflang="en" link to ${TRANSLATION}: ${JSON.stringify(versions)}`);
    }
    noProblems(TOPIC);
  });

  await step(TRANSLATION, async () => {
    await visit(TRANSLATION);
    const t = await page.evaluate(() => ({
      lang: document.documentElement.getAttribute("lang"),
      alternate: document.querySelector('link[rel="alternate"][hreflang="zh-CN"]')?.href,
      versions: [...document.querySelectorAll("nav.versions a")].map((a) => a.href),
    }));
    report.translation = t;
    if (t.lang !== "en") fail(`${TRANSLATION}: <html lang="${t.lang}">, expected "en"`);
    if (!t.alternate || pathOf(t.alternate) !== prefix + ORIGINAL) fail(`${TRANSLATION}: no link[rel=alternate][hreflang="zh-CN"] to ${ORIGINAL}`);
    if (!t.versions.some((href) => pathOf(href) === prefix + ORIGINAL)) fail(`${TRANSLATION}: nav.versions has no link to ${ORIGINAL}`);
    noProblems(TRANSLATION);

    await visit(ORIGINAL);
    const o = await page.evaluate(() => ({
      lang: document.documentElement.getAttribute("lang"),
      alternate: document.querySelector('link[rel="alternate"][hreflang="en"]')?.href,
    }));
    if (o.lang !== "zh-CN") fail(`${ORIGINAL}: <html lang="${o.lang}">, expected "zh-CN"`);
    if (!o.alternate || pathOf(o.alternate) !== prefix + TRANSLATION) fail(`${ORIGINAL}: no link[rel=alternate][hreflang="en"] to ${TRANSLATION}`);
    noProblems(ORIGINAL);
  });

  // Search finds each version of the translated pair in its own language.
  await step("search", async () => {
    const search = async (query) => {
      await page.goto(`${origin}${prefix}search/`, { waitUntil: "networkidle" });
      await page.fill("#search-q", query);
      await page.press("#search-q", "Enter");
      await page.waitForFunction(() => {
        const s = document.querySelector(".search-status").textContent;
        return s && !s.includes("…");
      }, null, { timeout: 10000 });
      return page.$$eval(".result a", (as) => as.map((a) => new URL(a.href).pathname));
    };
    const zh = await search("细纱");
    const en = await search("spinning");
    report.search = { zh: zh.length, en: en.length };
    if (!zh.includes(prefix + ORIGINAL)) fail(`search "细纱" did not find ${ORIGINAL}: ${JSON.stringify(zh)}`);
    if (!en.includes(prefix + TRANSLATION)) fail(`search "spinning" did not find ${TRANSLATION}: ${JSON.stringify(en)}`);
  });

  await step(SERIES, async () => {
    await visit(SERIES);
    const paths = await page.$$eval("a[href]", (as) => as.map((a) => new URL(a.href).pathname));
    const first = paths.indexOf(prefix + INTERVIEW);
    const second = paths.indexOf(prefix + UNRECORDED);
    report.series = { first, second };
    if (first < 0 || second < 0) fail(`${SERIES}: does not list both ${INTERVIEW} and ${UNRECORDED}`);
    else if (first > second) fail(`${SERIES}: lists ${UNRECORDED} (order 2) before ${INTERVIEW} (order 1)`);
    const feed = await fetch(`${origin}${prefix}${SERIES}atom.xml`);
    await feed.arrayBuffer();
    if (feed.status !== 200) fail(`${SERIES}atom.xml answered ${feed.status}`);
    noProblems(SERIES);
  });
} catch (e) {
  fail(String(e && e.stack || e));
} finally {
  await browser.close();
  server.close();
}
report.csp_blocked = blocked.length;
for (const b of blocked) fail(`blocked by the Content-Security-Policy: ${b}`);
console.log(JSON.stringify(report));
if (failures.length) {
  console.error(failures.join("\n"));
  process.exit(1);
}
