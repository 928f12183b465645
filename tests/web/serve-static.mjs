// A static server for a built site on 127.0.0.1, under a path prefix, with
// the site's 404 page for misses. Used by the browser test and the search
// size benchmark.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

export async function serveStatic(dir, prefix) {
  const types = {
    ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
    ".xml": "application/xml", ".bin": "application/octet-stream", ".txt": "text/plain", ".svg": "image/svg+xml",
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
      res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" }).end(await readFile(join(dir, "404.html")));
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return server;
}
