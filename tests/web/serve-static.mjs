// A static server for a built site on 127.0.0.1, under a path prefix, with
// the site's 404 page for misses, and byte ranges (Chromium seeks in audio
// and video only when the server answers a Range request with 206). Used by
// the browser tests and the search size benchmark.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

// The Content-Security-Policy README.md recommends for a wenda site: no
// inline script or style, nothing from elsewhere but images and recordings.
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; media-src 'self' https:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

// With { csp }, every HTML page is served with that Content-Security-Policy.
export async function serveStatic(dir, prefix, { csp } = {}) {
  const types = {
    ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
    ".xml": "application/xml", ".bin": "application/octet-stream", ".txt": "text/plain", ".svg": "image/svg+xml",
    ".png": "image/png", ".wav": "audio/wav", ".vtt": "text/vtt",
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(prefix)) { res.writeHead(404).end(); return; }
    path = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, "");
    let file = join(dir, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      const headers = { "content-type": types[extname(file)] || "application/octet-stream", "accept-ranges": "bytes" };
      if (csp && extname(file) === ".html") headers["content-security-policy"] = csp;
      const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || "");
      if (range && (range[1] || range[2])) {
        const start = range[1] ? Number(range[1]) : Math.max(0, body.length - Number(range[2]));
        const end = range[1] && range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
        if (start > end || start >= body.length) {
          res.writeHead(416, { "content-range": `bytes */${body.length}` }).end();
        } else {
          res.writeHead(206, { ...headers, "content-range": `bytes ${start}-${end}/${body.length}` }).end(body.subarray(start, end + 1));
        }
        return;
      }
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/html; charset=utf-8", ...(csp ? { "content-security-policy": csp } : {}) })
        .end(await readFile(join(dir, "404.html")));
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return server;
}
