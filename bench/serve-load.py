#!/usr/bin/env python3
"""`wenda serve` under load while a file is edited.

Starts `wenda serve` on a copy of a generated corpus and, for DURATION
seconds, keeps CLIENTS keep-alive connections busy (pages, listings, the
edited page, static files) while one interview is rewritten every 200 ms
(written beside and renamed in, as editors save). Each edit stamps one marker
into the interview's title and into its last answer: a page served with two
different markers, or without its closing tag, would be half updated. Then:
100 live-reload connections opened and dropped, and an edit that must still
reach the 101st; requests that try to leave the site (every encoding of ..),
huge and malformed requests, each of which must be refused while the server
goes on serving.

    bench/serve-load.py CORPUS_SITE [CLIENTS] [DURATION]

Prints the figures BENCHMARKS.md quotes; exits 1 on any failure.
"""
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from middle import middle_interview

corpus = Path(sys.argv[1]).resolve()
clients = int(sys.argv[2]) if len(sys.argv) > 2 else 50
duration = float(sys.argv[3]) if len(sys.argv) > 3 else 30.0
wenda = Path(__file__).resolve().parent.parent / "target/release/wenda"

work = Path(tempfile.mkdtemp(prefix="wenda-load."))
shutil.copytree(corpus / "content", work / "content")
shutil.copy(corpus / "site.toml", work / "site.toml")
failures = []

server = subprocess.Popen([str(wenda), "serve", "--root", str(work), "--port", "0"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
# The address is announced at once; the site is whole when "built" follows.
addr = None
for line in server.stdout:
    m = re.match(r"wenda: serving http://([\d.]+):(\d+)", line)
    if m:
        addr = (m.group(1), int(m.group(2)))
    if addr and line.startswith("wenda: built"):
        break
updates = []
threading.Thread(target=lambda: [updates.append(l) for l in server.stdout], daemon=True).start()
host, port = addr


def rss_kib():
    with open(f"/proc/{server.pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def get(conn, path):
    conn.request("GET", path)
    r = conn.getresponse()
    return r.status, r.read()


target, original, edited = middle_interview(work / "content")
probe = http.client.HTTPConnection(host, port, timeout=30)
status, home = get(probe, "/")
assert status == 200, status
links = sorted(set(re.findall(rb'href="(/[^"#?]*)"', home)))[:200]
paths = [p.decode() for p in links] + [edited] * 20


def stamped(n):
    text = re.sub(r'^title: "', f'title: "M{n:06d} ', original, count=1, flags=re.M)
    return text.rstrip("\n") + f" M{n:06d}\n"


# Warm the page, then load.
stop = threading.Event()
latencies, errors, statuses, seen = [], [], {}, set()
lock = threading.Lock()


def client(i):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    n = i
    mine, bad = [], []
    while not stop.is_set():
        path = paths[n % len(paths)]
        n += 7
        t = time.perf_counter()
        try:
            status, body = get(conn, path)
        except Exception as e:  # a dropped connection is a failure
            bad.append(f"{path}: {e!r}")
            conn = http.client.HTTPConnection(host, port, timeout=30)
            continue
        mine.append(time.perf_counter() - t)
        with lock:
            statuses[status] = statuses.get(status, 0) + 1
        if status != 200:
            bad.append(f"{path}: {status}")
        elif path == edited:
            markers = set(re.findall(rb"M(\d{6})", body))
            if b"</html>" not in body[-4096:] or len(markers) > 1:
                bad.append(f"{path}: half updated: markers {sorted(markers)}, ends {body[-80:]!r}")
            with lock:
                seen.update(markers)
    with lock:
        latencies.extend(mine)
        errors.extend(bad)


edits = 0


def editor():
    global edits
    while not stop.is_set():
        edits += 1
        tmp = target.with_name("." + target.name + ".tmp")
        tmp.write_text(stamped(edits), encoding="utf-8")
        os.replace(tmp, target)
        time.sleep(0.2)


rss_before = rss_kib()
threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)] + [threading.Thread(target=editor)]
started = time.perf_counter()
for t in threads:
    t.start()
time.sleep(duration)
stop.set()
for t in threads:
    t.join()
elapsed = time.perf_counter() - started
target.write_text(original, encoding="utf-8")
time.sleep(2)
rss_after = rss_kib()
latencies.sort()
total = len(latencies)
p = lambda q: latencies[min(total - 1, int(q * total))] * 1000
print(f"load: {clients} clients for {elapsed:.1f} s while {edits} edits were saved (one each 200 ms)")
print(f"  requests: {total} ({total / elapsed:.0f}/s); statuses: {statuses}; failed: {len(errors)}")
print(f"  latency ms: p50 {p(0.5):.1f}, p99 {p(0.99):.1f}, max {latencies[-1] * 1000:.1f}")
print(f"  markers seen on the edited page: {len(seen)} distinct, none half updated" if not errors else "  failures:")
took = [int(m.group(1)) for l in updates if (m := re.match(r"wenda: (?:updated|built) \d+ files in (\d+) ms", l))]
print(f"  the server applied {len(took)} updates" + (f", taking {statistics.median(took)} ms (median) to {max(took)} ms" if took else ""))
print(f"  server memory (RSS): {rss_before / 1024:.0f} MiB before, {rss_after / 1024:.0f} MiB after")
for e in errors[:10]:
    print("   ", e)
failures.extend(errors)

# Live reload: 100 event-stream connections opened and dropped.
status, page = get(probe, "/")
stream = re.search(rb'data-event-stream="([^"]+)"', page)
if not stream:
    failures.append("no live-reload script on a served page")
else:
    stream = stream.group(1).decode()
    for i in range(100):
        s = socket.create_connection((host, port), timeout=10)
        s.sendall(f"GET {stream} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
        head = s.recv(4096)
        if not head.startswith(b"HTTP/1.1 200"):
            failures.append(f"live reload connection {i + 1}: {head[:40]!r}")
        s.close()
    s = socket.create_connection((host, port), timeout=15)
    s.sendall(f"GET {stream} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
    s.recv(4096)
    target.write_text(stamped(999999), encoding="utf-8")
    got, deadline = b"", time.time() + 15
    while b"reload" not in got and time.time() < deadline:
        try:
            got += s.recv(4096)
        except socket.timeout:
            break
    s.close()
    print(f"live reload: 100 connections opened and dropped; the 101st {'got' if b'reload' in got else 'MISSED'} the reload")
    if b"reload" not in got:
        failures.append("the live-reload connection after 100 reconnects missed an edit")


# Requests that must be refused without effect.
def raw(request, read=65536):
    s = socket.create_connection((host, port), timeout=3)
    try:
        s.sendall(request)
        data = b""
        while len(data) < read:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        return data
    except (ConnectionResetError, BrokenPipeError):
        return b""
    except socket.timeout:
        return data
    finally:
        s.close()


hostile = [
    "/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/..%2f..%2fsite.toml",
    "/%252e%252e/%252e%252e/etc/passwd", "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/..%5c..%5cetc%5cpasswd",
    "/..\\..\\site.toml", "/static/../../site.toml", "/content/" + str(target.relative_to(work / "content")),
    "/site.toml%00.html", "/%00", "//etc/passwd", "/./../site.toml",
]
refused = 0
for path in hostile:
    reply = raw(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    status = reply[9:12]
    if status in (b"400", b"404") and b"root:" not in reply and b"base_url" not in reply:
        refused += 1
    else:
        failures.append(f"{path}: {reply[:60]!r}")
malformed = {
    "a 100 KB path": f"GET /{'a' * 100_000} HTTP/1.1\r\nHost: x\r\n\r\n".encode(),
    "1 MB of headers": b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-Big: " + b"b" * 1_000_000 + b"\r\n\r\n",
    "a garbage request line": b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n",
    "no method": b"/ HTTP/1.1\r\n\r\n",
    "a body longer than it says, the rest a request of its own": b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n01234GET /../site.toml HTTP/1.1\r\n\r\n",
    "a request cut off": b"GET / HTTP/1.1\r\nHost: x\r\n",
}
for what, request in malformed.items():
    reply = raw(request)
    # Every answer on the connection: none may be a file outside the site.
    statuses = re.findall(rb"HTTP/1.1 (\d{3})", reply)
    ok = b"base_url" not in reply and all(s[:1] in (b"2", b"4") for s in statuses) and (what.startswith("a body") or b"200" not in statuses)
    if not ok:
        failures.append(f"{what}: {reply[:60]!r}")
    else:
        refused += 1
status, _ = get(http.client.HTTPConnection(host, port, timeout=10), "/")
print(f"refused: {refused} of {len(hostile) + len(malformed)} hostile and malformed requests; the server then answered / with {status}")
if status != 200:
    failures.append(f"the server answered / with {status} after the hostile requests")

server.terminate()
server.wait()
shutil.rmtree(work)
print("failures:", len(failures))
for f in failures:
    print("  ", f)
sys.exit(1 if failures else 0)
