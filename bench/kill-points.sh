#!/usr/bin/env bash
# Kills `wenda build` with SIGKILL at points spread across a build of the
# benchmark corpus and checks, after each kill, that the output folder is the
# complete previous site or the complete new one, never a mix or nothing.
#
#   bench/kill-points.sh [CORPUS_SITE] [POINTS]
#
# CORPUS_SITE: a site made by ../shared/bench/gen-corpus (default: the 10,000
# interviews under /tmp/wenda-bench/corpus-10000/wenda). POINTS per mode
# (default 12). Both modes are tried: with the build cache (the changed files
# written into the spare copy of the previous site, swapped in) and with
# --no-cache (a staging folder swapped in). Each kill follows an edit, so the new site differs from the old.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-/tmp/wenda-bench/corpus-10000/wenda}
points=${2:-12}
wenda=$PWD/target/release/wenda
work=$(mktemp -d /tmp/wenda-kill.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -r "$corpus/content" "$corpus/site.toml" "$work/"
cd "$work"
victim=$(find content -name '*.md' | sort | sed -n 1p)

manifest() { (cd public && find . -type f -print0 | sort -z | xargs -0 sha1sum) | sha1sum | cut -c1-16; }

failures=0
for mode in cache no-cache; do
  flags=()
  [ "$mode" = no-cache ] && flags=(--no-cache)
  rm -rf public .public.wenda-* .wenda-cache
  "$wenda" build "${flags[@]}" >/dev/null
  # The first build after an edit makes the cache's spare folder; the kills
  # are spread over the second, as long as every later one.
  sed -i '0,/^title: "/s/^title: "/title: "x/' "$victim"
  "$wenda" build "${flags[@]}" >/dev/null
  start=$(date +%s%N)
  sed -i '0,/^title: "/s/^title: "/title: "x/' "$victim"
  "$wenda" build "${flags[@]}" >/dev/null
  took=$((($(date +%s%N) - start) / 1000000))
  before=$(manifest)
  echo "$mode: a build after one edit takes $took ms; $points kill points across it"
  for i in $(seq 1 "$points"); do
    sed -i '0,/^title: "/s/^title: "/title: "x/' "$victim"
    # Spread over 1.3 times the build's length: a killed build can take
    # longer than the one timed, and the last points land after its swap.
    delay=$((took * 13 * i / (10 * (points + 1))))
    "$wenda" build "${flags[@]}" >/dev/null 2>&1 &
    pid=$!
    sleep "$(awk "BEGIN { print $delay / 1000 }")"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ -d public ]; then killed=$(manifest); else killed=missing; fi
    "$wenda" build "${flags[@]}" >/dev/null
    after=$(manifest)
    left=$(ls -a | grep -c '^\.public\.wenda-\(new\|old\)$' || true)
    verdict=ok
    if [ "$killed" != "$before" ] && [ "$killed" != "$after" ]; then verdict="MIX"; failures=$((failures + 1)); fi
    if [ "$killed" = "$before" ]; then state=previous; elif [ "$killed" = "$after" ]; then state=new; else state="neither ($killed)"; fi
    echo "  kill at $delay ms: the folder held the $state site; leftovers after the next build: $left; $verdict"
    before=$after
  done
done
echo "failures: $failures"
[ "$failures" -eq 0 ]
