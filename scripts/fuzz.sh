#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time from the committed seed corpus (copied, so the
# repository is not modified). A crash, hang (-timeout) or allocation over -rss_limit_mb fails.
# Usage: scripts/fuzz.sh BUILD_DIR SECONDS_PER_TARGET
set -euo pipefail
build=${1:-build/sanitize}
seconds=${2:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
for t in spec link safetensors idx; do
  corpus="$build/fuzz-corpus/$t"
  mkdir -p "$corpus" "$build/fuzz-artifacts"
  cp -n "$root/tests/fuzz/corpus/$t"/* "$corpus"/ 2>/dev/null || true
  log="$build/fuzz-$t.log"
  if ! "$build/fuzz_$t" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=1024 -malloc_limit_mb=512 \
       -artifact_prefix="$build/fuzz-artifacts/$t-" "$corpus" > "$log" 2>&1; then
    tail -30 "$log"
    echo "fuzz: $t FAILED (reproducer in $build/fuzz-artifacts/)" >&2
    exit 1
  fi
  echo "fuzz: $t: $(grep -o 'Done [0-9]* runs' "$log" | tail -1) in ${seconds} s, corpus $(ls "$corpus" | wc -l) inputs, no crash"
done
