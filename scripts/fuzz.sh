#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time from the committed seed corpus (copied, so the
# repository is not modified). A crash, hang (-timeout) or allocation over -rss_limit_mb fails.
# Usage: scripts/fuzz.sh BUILD_DIR SECONDS_PER_TARGET
set -euo pipefail
build=${1:-build/sanitize}
seconds=${2:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
# Two targets at a time (each fuzzer is one process on one core); a failure is reported when
# both targets of its pair have finished.
run_one() {
  local t=$1 corpus="$build/fuzz-corpus/$1" log="$build/fuzz-$1.log"
  mkdir -p "$corpus" "$build/fuzz-artifacts"
  cp -n "$root/tests/fuzz/corpus/$t"/* "$corpus"/ 2>/dev/null || true
  if ! "$build/fuzz_$t" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=1024 -malloc_limit_mb=512 \
       -artifact_prefix="$build/fuzz-artifacts/$t-" "$corpus" > "$log" 2>&1; then
    tail -30 "$log"
    echo "fuzz: $t FAILED (reproducer in $build/fuzz-artifacts/)" >&2
    return 1
  fi
  echo "fuzz: $t: $(grep -o 'Done [0-9]* runs' "$log" | tail -1) in ${seconds} s, corpus $(ls "$corpus" | wc -l) inputs, no crash"
}
lanes=${DLP_FUZZ_LANES:-2}
failed=0
targets=(spec link safetensors idx session)
for ((i = 0; i < ${#targets[@]}; i += lanes)); do
  pids=()
  for t in "${targets[@]:i:lanes}"; do run_one "$t" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
done
exit $failed
