#!/usr/bin/env python3
"""Reads every atom.xml under a built site as feed readers do (feedparser)
and fails on any problem: bozo, missing ids, relative links, duplicate ids."""
import pathlib
import sys

import feedparser

root = pathlib.Path(sys.argv[1])
base = sys.argv[2]
problems = []
feeds = sorted(root.rglob("atom.xml"))
if not feeds:
    problems.append("no atom.xml found")
for path in feeds:
    feed = feedparser.parse(path.read_bytes())
    name = path.relative_to(root)
    if feed.bozo:
        problems.append(f"{name}: {feed.bozo_exception!r}")
    if feed.version != "atom10":
        problems.append(f"{name}: not Atom 1.0 ({feed.version})")
    if not feed.feed.get("updated_parsed"):
        problems.append(f"{name}: no feed updated date")
    ids = set()
    for entry in feed.entries:
        for key in ("id", "link", "title", "updated_parsed", "summary", "content", "author"):
            if not entry.get(key):
                problems.append(f"{name}: entry {entry.get('link')} lacks {key}")
        if entry.get("id") in ids:
            problems.append(f"{name}: duplicate id {entry.id}")
        ids.add(entry.get("id"))
        if not entry.get("link", "").startswith(base):
            problems.append(f"{name}: link {entry.get('link')} is not under {base}")
    print(f"{name}: {len(feed.entries)} entries")
if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
