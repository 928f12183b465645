// wenda search: finds questions and answers in the index that `wenda build`
// writes under search/ (see src/render/search.rs for the format). Latin words and
// overlapping pairs of CJK characters are hashed exactly as the build hashes
// them, so an unspaced Chinese query needs no word segmenter.
(() => {
  "use strict";
  const root = document.getElementById("search");
  if (!root) return;
  const base = root.dataset.index;
  const form = root.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const status = root.querySelector("[role=status]");
  const list = root.querySelector("ol.results");
  const moreButton = root.querySelector("button.more");
  const PAGE = 10;

  const encoder = new TextEncoder();
  const fnv1a32 = (text) => {
    let h = 0x811c9dc5;
    for (const b of encoder.encode(text)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    return h >>> 0;
  };
  const isCjk = (c) => {
    const x = c.codePointAt(0);
    return (x >= 0x3400 && x <= 0x4dbf) || (x >= 0x4e00 && x <= 0x9fff) || (x >= 0xf900 && x <= 0xfaff) ||
      (x >= 0x3040 && x <= 0x30ff) || (x >= 0xac00 && x <= 0xd7af) || (x >= 0x20000 && x <= 0x2fa1f);
  };
  const isWordChar = (c) => /[\p{L}\p{N}]/u.test(c);

  // The query's term hashes (to look up) and its words and CJK runs (to check).
  function tokenize(query) {
    const terms = new Set();
    const needles = [];
    let word = "";
    let run = [];
    const endWord = () => { if (word) { terms.add(fnv1a32(word)); needles.push(word); word = ""; } };
    const endRun = () => {
      for (let i = 1; i < run.length; i++) terms.add(fnv1a32(run[i - 1] + run[i]));
      if (run.length) needles.push(run.join(""));
      run = [];
    };
    for (const c of query) {
      if (isCjk(c)) { endWord(); run.push(c); }
      else { endRun(); if (isWordChar(c)) word += c.toLowerCase(); else endWord(); }
    }
    endWord();
    endRun();
    return { terms: [...terms], needles };
  }

  // Each file is fetched once; shards and document groups are gzip'd (not
  // named .gz, yet a host may still unpack one on the way: then its bytes
  // come as they are).
  const cache = new Map();
  const once = (url, read) => {
    if (!cache.has(url)) {
      cache.set(url, fetch(url).then((r) => { if (!r.ok) throw new Error(url + ": " + r.status); return read(r); }));
    }
    return cache.get(url);
  };
  const unpacked = async (r) => {
    const bytes = new Uint8Array(await r.arrayBuffer());
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new Response(bytes);
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")));
  };
  const meta = () => once(base + "meta.json", (r) => r.json());
  const shard = (n) => once(`${base}index/${n}.bin`, async (r) => (await unpacked(r)).arrayBuffer());

  // Documents come in groups: docs/<g>.bin holds `docs_per_file` of them.
  async function doc(id) {
    const { docs_per_file: per } = await meta();
    const docs = await once(`${base}docs/${Math.floor(id / per)}.bin`, async (r) => (await unpacked(r)).json());
    return docs[id % per];
  }

  function readVarint(bytes, pos) {
    let n = 0, shift = 0, b;
    do { b = bytes[pos++]; n += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return [n, pos];
  }

  // Document ids holding the term, ascending (newest interviews first).
  async function postings(key) {
    const { shards } = await meta();
    const buffer = await shard(key % shards);
    const bytes = new Uint8Array(buffer);
    const view = new DataView(buffer);
    let pos = 0;
    while (pos < bytes.length) {
      const k = view.getUint32(pos, true);
      let count;
      [count, pos] = readVarint(bytes, pos + 4);
      if (k === key) {
        const ids = new Array(count);
        let last = -1, delta;
        for (let i = 0; i < count; i++) { [delta, pos] = readVarint(bytes, pos); last += delta + 1; ids[i] = last; }
        return ids;
      }
      for (let i = 0; i < count; i++) [, pos] = readVarint(bytes, pos);
      if (k > key) break;
    }
    return [];
  }

  function intersect(a, b) {
    const out = [];
    for (let i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }

  // Text with every needle wrapped in <mark>, built as DOM nodes.
  function highlighted(text, needles) {
    const fragment = document.createDocumentFragment();
    const lower = text.toLowerCase();
    let pos = 0;
    while (pos < text.length) {
      let best = -1, len = 0;
      for (const n of needles) {
        const at = lower.indexOf(n, pos);
        if (at !== -1 && (best === -1 || at < best)) { best = at; len = n.length; }
      }
      if (best === -1) break;
      fragment.append(text.slice(pos, best));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(best, best + len);
      fragment.append(mark);
      pos = best + len;
    }
    fragment.append(text.slice(pos));
    return fragment;
  }

  function snippet(text, needles) {
    const lower = text.toLowerCase();
    const at = Math.min(...needles.map((n) => { const i = lower.indexOf(n); return i === -1 ? Infinity : i; }));
    if (!isFinite(at)) return text.slice(0, 120) + (text.length > 120 ? "…" : "");
    const start = Math.max(0, at - 40);
    const end = Math.min(text.length, at + 100);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function show(doc, record, needles) {
    const [anchor, question, text] = record;
    const li = document.createElement("li");
    li.className = "result";
    const link = document.createElement("a");
    link.className = "result-question";
    link.href = `${doc.url}#${anchor}`;
    link.append(highlighted(question || doc.title, needles));
    const where = document.createElement("p");
    where.className = "result-meta";
    where.textContent = `${doc.title} · ${doc.date}`;
    const body = document.createElement("p");
    body.className = "result-snippet";
    body.append(highlighted(snippet(text, needles), needles));
    li.append(link, where, body);
    list.append(li);
  }

  let run = 0;
  let pending = null;

  async function search(query) {
    const mine = ++run;
    list.replaceChildren();
    moreButton.hidden = true;
    const { terms, needles } = tokenize(query.trim());
    if (!query.trim()) { status.textContent = ""; return; }
    if (terms.length === 0) { status.textContent = root.dataset.short; return; }
    status.textContent = root.dataset.loading;
    const lists = await Promise.all(terms.map(postings));
    if (mine !== run) return;
    let candidates = lists.reduce(intersect);
    let found = 0;
    pending = async () => {
      let shown = 0;
      while (candidates.length && shown < PAGE) {
        const batch = candidates.slice(0, 6);
        candidates = candidates.slice(6);
        const docs = await Promise.all(batch.map(doc));
        if (mine !== run) return;
        for (const doc of docs) {
          for (const record of doc.records) {
            const haystack = (record[1] + "\n" + record[2]).toLowerCase();
            if (needles.every((n) => haystack.includes(n))) { show(doc, record, needles); shown++; found++; }
          }
        }
      }
      status.textContent = found ? root.dataset.count.replace("{n}", found + (candidates.length ? "+" : "")) : root.dataset.none;
      moreButton.hidden = candidates.length === 0;
    };
    await pending();
  }

  const run_query = (q) => search(q).catch((e) => { status.textContent = String(e); });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = input.value;
    history.replaceState(null, "", q ? `?q=${encodeURIComponent(q)}` : location.pathname);
    run_query(q);
  });
  moreButton.addEventListener("click", () => pending && pending());
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run_query(initial); }
})();
