#!/usr/bin/env bash
# Times `wenda build` on generated corpora side by side with Zola and Hugo (when
# their binaries are found) as whole processes, on the machine's disk unless
# asked for tmpfs, and records what each wrote.
#
#   bench/run.sh [N ...]           default: 10000 (try 1000 10000 100000)
#
# For every N, RUNS rounds; each round removes the output folders (untimed,
# then `sync`) and runs wenda (writing its cache, then with --no-cache), Zola
# and Hugo one after the other, so that the programs share the machine's slow
# and fast moments. Then, on wenda's output,
# RUNS rebuilds each after editing one interview. Prints and appends to
# $BENCH_DIR/results.txt: the medians of wall time, the CPU time and peak
# memory of the median run, and the files and bytes written. The rebuilds
# after one edit are timed twice: a sentence added to an answer, then the
# title changed (which its neighbours, listings and feeds show).
#
# Environment:
#   TMPFS=1     work in /dev/shm/wenda-bench instead of the disk
#   BENCH_DIR   work folder (default /tmp/wenda-bench, on the disk)
#   SHARED      folder holding bench/gen-corpus and bench/peers (default ../shared)
#   RUNS        rounds per N (default 3)
#   PEERS_BIN   folder with zola and hugo binaries (else PATH)
#   SETTLE      seconds to wait after each removal (default 0). ext4 without
#               a journal, as on the benchmark machine, passes over inodes
#               freed in the last 30 s when it allocates new ones, so a build
#               right after `rm -rf` of a large output pays for the removal;
#               SETTLE=35 waits that out (here it did not make the figures
#               steady: see BENCHMARKS.md)
#   PEER_MEM_GB address space each peer may take (default 16): at 100,000
#               interviews Zola and Hugo can need more memory than the machine
#               has; a peer that runs out is reported as failed, not waited for
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
if [ "${TMPFS:-0}" = 1 ]; then work=${BENCH_DIR:-/dev/shm/wenda-bench}; else work=${BENCH_DIR:-/tmp/wenda-bench}; fi
runs=${RUNS:-3}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000)
find_bin() { if [ -n "${PEERS_BIN:-}" ] && [ -x "$PEERS_BIN/$1" ]; then echo "$PEERS_BIN/$1"; else command -v "$1" || true; fi; }
zola=$(find_bin zola); hugo=$(find_bin hugo)

cargo build --release --quiet --manifest-path "$here/Cargo.toml"
wenda="$here/target/release/wenda"
mkdir -p "$work"
results="$work/results.txt"
say() { echo "$*" | tee -a "$results"; }

# One timed run: "wall user sys peak_kB" of CMD run in DIR, its output in LOG.
timed() {
  local dir=$1 log=$2; shift 2
  (cd "$dir" && /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$log" 2>&1) || { echo "failed: $* (see $log)" >&2; return 1; }
  cat "$work/time"
}

# The same for a peer, within PEER_MEM_GB of address space.
peer() {
  local dir=$1 log=$2; shift 2
  (ulimit -v $((${PEER_MEM_GB:-16} * 1024 * 1024)) && timed "$dir" "$log" "$@")
}

# Remove the folders given, outside the timing, and let the disk settle.
remove() { rm -rf "$@"; sync; sleep "${SETTLE:-0}"; }

# The median line (by wall time) of the lines on stdin.
median() { sort -g | awk '{a[NR]=$0} END{print a[int((NR+1)/2)]}'; }

# "name N wall cpu peak_MB files MB" for the runs in FILE, with the output folder OUT.
report() {
  local name=$1 n=$2 file=$3 out=$4
  read -r wall user sys peak < <(median <"$file")
  local files bytes
  # The files' own bytes, as hosts count them (du would add the folders' blocks).
  files=$(find "$out" -type f | wc -l); bytes=$(find "$out" -type f -printf '%s\n' | awk '{s += $1} END{print s}')
  say "$(printf '%-15s %7s %8.2f %8.2f %8d %8d %8.1f' "$name" "$n" "$wall" "$(awk "BEGIN{print $user + $sys}")" "$((peak / 1024))" "$files" "$(awk "BEGIN{print $bytes / 1e6}")")"
}

cpu=$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)
say "# $(date -u +%FT%TZ) wenda $(git -C "$here" rev-parse --short HEAD) on $(nproc) cores ($cpu), $(df -T "$work" | awk 'NR==2{print $2}') at $work, runs=$runs, settle=${SETTLE:-0}s"
say "$(printf '%-15s %7s %8s %8s %8s %8s %8s' prog N wall_s cpu_s peak_MB files out_MB)"
for n in "${sizes[@]}"; do
  corpus="$work/corpus-$n"
  if [ ! -f "$corpus/wenda/site.toml" ]; then
    rm -rf "$corpus"; mkdir -p "$corpus"
    "$shared/bench/gen-corpus" --articles "$n" --out "$corpus/wenda" --seed 1 >/dev/null
    [ -n "$zola" ] && "$shared/bench/peers/to-zola" "$corpus/wenda" "$corpus/zola" >/dev/null
    [ -n "$hugo" ] && "$shared/bench/peers/to-hugo" "$corpus/wenda" "$corpus/hugo" >/dev/null
  fi
  rm -f "$work"/runs-*
  for ((i = 0; i < runs; i++)); do
    # What wenda keeps beside its output goes too (.wenda-cache, the spare
    # folder): a clean build starts as on a fresh checkout.
    remove "$corpus/wenda/public" "$corpus/wenda/.wenda-cache" "$corpus"/wenda/.public.wenda-*
    timed "$corpus/wenda" "$work/wenda.log" "$wenda" build >>"$work/runs-wenda"
    remove "$corpus/wenda/public" "$corpus"/wenda/.public.wenda-*
    timed "$corpus/wenda" "$work/wenda.log" "$wenda" build --no-cache >>"$work/runs-wenda-nocache"
    if [ -n "$zola" ]; then remove "$corpus/zola/out"; peer "$corpus/zola" "$work/zola.log" "$zola" build -o out >>"$work/runs-zola" || true; fi
    if [ -n "$hugo" ]; then remove "$corpus/hugo/out"; peer "$corpus/hugo" "$work/hugo.log" "$hugo" --quiet -d out >>"$work/runs-hugo" || true; fi
  done
  report wenda "$n" "$work/runs-wenda" "$corpus/wenda/public"
  report wenda-no-cache "$n" "$work/runs-wenda-nocache" "$corpus/wenda/public"
  if [ -s "$work/runs-zola" ]; then report zola "$n" "$work/runs-zola" "$corpus/zola/out"; elif [ -n "$zola" ]; then say "zola $n did not finish (see $work/zola.log)"; fi
  if [ -s "$work/runs-hugo" ]; then report hugo "$n" "$work/runs-hugo" "$corpus/hugo/out"; elif [ -n "$hugo" ]; then say "hugo $n did not finish (see $work/hugo.log)"; fi
  # One interview edited (a sentence added to its last answer), then built
  # over the previous output.
  edited=$(find "$corpus/wenda/content" -name '*.md' | sort | sed -n "$((n / 2 + 1))p")
  cp "$edited" "$work/edited.orig"
  for ((i = 0; i < runs; i++)); do
    printf '\nEdited for the benchmark, round %d.\n' "$i" >>"$edited"
    sync
    timed "$corpus/wenda" "$work/wenda.log" "$wenda" build >>"$work/runs-edit"
  done
  report wenda-one-edit "$n" "$work/runs-edit" "$corpus/wenda/public"
  # Its title edited: the neighbours' pages, listings and feeds show it too.
  for ((i = 0; i < runs; i++)); do
    sed -i '0,/^title: "/s/^title: "/title: "Edited /' "$edited"
    sync
    timed "$corpus/wenda" "$work/wenda.log" "$wenda" build >>"$work/runs-title"
  done
  cp "$work/edited.orig" "$edited"
  report wenda-title-edit "$n" "$work/runs-title" "$corpus/wenda/public"
done
