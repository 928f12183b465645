#!/usr/bin/env python3
"""How fresh is `wenda serve` after a one-file edit?

Starts `wenda serve` on a generated corpus, edits one interview file several
times and measures, for each edit, the time from the end of the write until
the edited page is served with the change (polling the page over HTTP), and
reads the server's own report of how long re-rendering every affected page
took.

    bench/serve-edit.py SITE_DIR [EDITS]
"""
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from middle import middle_interview

root = Path(sys.argv[1]).resolve()
edits = int(sys.argv[2]) if len(sys.argv) > 2 else 10
wenda = Path(__file__).resolve().parent.parent / "target/release/wenda"

server = subprocess.Popen([str(wenda), "serve", "--root", str(root), "--port", "0"],
                          stdout=subprocess.PIPE, text=True)
reports = []
addr = None
for line in server.stdout:
    m = re.match(r"wenda: serving (http://\S+)", line)
    if m:
        addr = m.group(1)
        break
threading.Thread(target=lambda: [reports.append(l) for l in server.stdout], daemon=True).start()

target, text, page = middle_interview(root / "content")
url = addr.rstrip("/") + page
name = re.search(r'^  - name: "?([^"\n]+)"?$', text, re.M).group(1)
answer = re.search(rf"^{re.escape(name)}[:：].+$", text, re.M)

fresh, updates, firsts = [], [], []
try:
    for k in range(edits):
        marker = f"wenda-edit-{k}-{time.time_ns()}"
        edited = text.replace(answer.group(0), answer.group(0) + " " + marker, 1)
        before = len(reports)
        target.write_text(edited, encoding="utf-8")
        start = time.perf_counter()
        while True:
            body = urllib.request.urlopen(url).read().decode()
            if marker in body:
                fresh.append((time.perf_counter() - start) * 1000)
                break
            if time.perf_counter() - start > 10:
                raise SystemExit(f"edit {k} never served")
        while len(reports) == before and time.perf_counter() - start < 10:
            time.sleep(0.005)
        m = re.search(r"updated (\d+) files in (\d+) ms; first page in (\d+) ms; (\d+) pages in (\d+) ms", reports[-1] if reports else "")
        if m:
            updates.append((int(m.group(1)), int(m.group(2)), int(m.group(4)), int(m.group(5))))
            firsts.append(int(m.group(3)))
        time.sleep(0.3)
finally:
    target.write_text(text, encoding="utf-8")
    time.sleep(0.5)
    server.terminate()

interviews = sum(1 for _ in (root / "content").rglob("*.md"))
print(f"site: {root} ({interviews} interviews), edited {target.name}, {edits} edits")
print(f"edited page served fresh after the write: median {statistics.median(fresh):.0f} ms, max {max(fresh):.0f} ms")
if updates:
    print(f"server: edited page re-rendered in median {statistics.median(firsts):.0f} ms, max {max(firsts)} ms; "
          f"all {statistics.median(u[2] for u in updates):.0f} affected pages in median "
          f"{statistics.median(u[3] for u in updates):.0f} ms, max {max(u[3] for u in updates)} ms; "
          f"with the search data ({statistics.median(u[0] for u in updates):.0f} files) in median "
          f"{statistics.median(u[1] for u in updates):.0f} ms, max {max(u[1] for u in updates)} ms")
