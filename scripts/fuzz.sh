#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time from the committed seed corpus (copied, so the
# repository is not modified). A crash, hang (-timeout) or allocation over -rss_limit_mb fails.
# Usage: scripts/fuzz.sh BUILD_DIR SECONDS_PER_TARGET
set -euo pipefail
build=${1:-build/sanitize}
seconds=${2:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
# Two runs at a time (each fuzzer is one process on one core). Each target's time is given in two
# halves, the second going on from the corpus the first grew: the five targets' ten halves keep both
# cores busy to the end (five whole runs two at a time would leave one core idle for the last).
run_one() {
  local t=$1 part=$2 half=$3 corpus="$build/fuzz-corpus/$1" log="$build/fuzz-$1-$2.log"
  mkdir -p "$corpus" "$build/fuzz-artifacts"
  cp -n "$root/tests/fuzz/corpus/$t"/* "$corpus"/ 2>/dev/null || true
  if ! "$build/fuzz_$t" -max_total_time="$half" -timeout=5 -rss_limit_mb=1024 -malloc_limit_mb=512 \
       -artifact_prefix="$build/fuzz-artifacts/$t-" "$corpus" > "$log" 2>&1; then
    tail -30 "$log"
    echo "fuzz: $t FAILED (reproducer in $build/fuzz-artifacts/)" >&2
    return 1
  fi
  echo "fuzz: $t, half $part: $(grep -o 'Done [0-9]* runs' "$log" | tail -1) in $half s, corpus $(ls "$corpus" | wc -l) inputs, no crash"
}
lanes=${DLP_FUZZ_LANES:-2}
targets=(spec link safetensors idx session)
first=$((seconds / 2)) second=$((seconds - seconds / 2))
# The queue: every target's first half, then every second half; a target's halves never overlap
# (five targets, two lanes). The first failure is reported when the runs under way have finished.
# Under 2 s a target runs once (libFuzzer takes -max_total_time=0 for no limit).
queue=()
if ((first > 0)); then
  for t in "${targets[@]}"; do queue+=("$t 1 $first"); done
fi
for t in "${targets[@]}"; do queue+=("$t 2 $second"); done
failed=0
running=()
for job in "${queue[@]}"; do
  if ((${#running[@]} >= lanes)); then
    wait -n "${running[@]}" || failed=1
    alive=(); for p in "${running[@]}"; do kill -0 "$p" 2>/dev/null && alive+=("$p"); done; running=("${alive[@]}")
  fi
  ((failed)) && break
  run_one $job & running+=($!)
done
for p in "${running[@]}"; do wait "$p" || failed=1; done
exit $failed
