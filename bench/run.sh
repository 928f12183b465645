#!/usr/bin/env bash
# Times `wenda build` on generated corpora of 1,000 and 10,000 interviews as
# whole processes and, when `zola` and `hugo` are on PATH (or in $PEERS_BIN),
# times them side by side on the same corpus converted for them.
#
#   bench/run.sh [N ...]           default: 1000 10000
#
# Environment:
#   BENCH_DIR   work folder (default /tmp/wenda-bench; use a tmpfs such as
#               /dev/shm/wenda-bench to measure the programs, not the disk)
#   SHARED      folder holding bench/gen-corpus and bench/peers (default ../shared)
#   RUNS        runs per program (default 5; the median is reported)
#   PEERS_BIN   folder with zola, hugo and floor binaries (optional)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
work=${BENCH_DIR:-/tmp/wenda-bench}
runs=${RUNS:-5}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
find_bin() { if [ -n "${PEERS_BIN:-}" ] && [ -x "$PEERS_BIN/$1" ]; then echo "$PEERS_BIN/$1"; else command -v "$1" || true; fi; }
zola=$(find_bin zola); hugo=$(find_bin hugo); floor=$(find_bin floor)

cargo build --release --quiet --manifest-path "$here/Cargo.toml"
wenda="$here/target/release/wenda"
mkdir -p "$work"

# RUNS whole-process runs in DIR (OUT removed before each); prints the median
# wall time and the CPU time and peak memory of the last run:
# "name N wall_median_s cpu_s peak_MB"
measure() {
  local name=$1 n=$2 dir=$3 out=$4; shift 4
  local walls=() cpu=0 rss=0
  for ((i = 0; i < runs; i++)); do
    rm -rf "${dir:?}/$out"; sync
    (cd "$dir" && /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/$name.log" 2>&1) || { echo "$name failed: see $work/$name.log" >&2; return; }
    read -r wall user sys peak <"$work/time"
    walls+=("$wall"); cpu=$(awk "BEGIN{print $user + $sys}"); rss=$peak
  done
  local median; median=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  printf '%-15s %6s %8.2f %8.2f %8d\n' "$name" "$n" "$median" "$cpu" "$((rss / 1024))" | tee -a "$work/results.txt"
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, runs=$runs, work=$work" | tee -a "$work/results.txt"
printf '%-15s %6s %8s %8s %8s\n' prog N wall_s cpu_s peak_MB | tee -a "$work/results.txt"
for n in "${sizes[@]}"; do
  corpus="$work/corpus-$n"
  if [ ! -f "$corpus/wenda/site.toml" ]; then
    rm -rf "$corpus"; mkdir -p "$corpus"
    "$shared/bench/gen-corpus" --articles "$n" --out "$corpus/wenda" --seed 1 >/dev/null
    [ -n "$zola" ] && "$shared/bench/peers/to-zola" "$corpus/wenda" "$corpus/zola" >/dev/null
    [ -n "$hugo" ] && "$shared/bench/peers/to-hugo" "$corpus/wenda" "$corpus/hugo" >/dev/null
  fi
  measure wenda "$n" "$corpus/wenda" public "$wenda" build --root "$corpus/wenda"
  # The peers' converted sites build no search index; this is wenda doing the same work.
  cp "$corpus/wenda/site.toml" "$work/site.toml.orig"
  { echo "search = false"; cat "$work/site.toml.orig"; } >"$corpus/wenda/site.toml"
  measure wenda-nosearch "$n" "$corpus/wenda" public "$wenda" build --root "$corpus/wenda"
  cp "$work/site.toml.orig" "$corpus/wenda/site.toml"
  [ -n "$zola" ] && measure zola "$n" "$corpus/zola" out "$zola" build -o out
  [ -n "$hugo" ] && measure hugo "$n" "$corpus/hugo" out "$hugo" --quiet -d out
  [ -n "$floor" ] && measure floor "$n" "$corpus/wenda" out "$floor" "$corpus/wenda/content" "$corpus/wenda/out"
done
