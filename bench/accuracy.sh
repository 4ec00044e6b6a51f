#!/usr/bin/env bash
# Accuracy on the standard test sets (MNIST and Fashion-MNIST: 10,000 test images each) with fixed
# seeds, each preset with its own training settings (src/engine/spec.cpp: SGD, momentum 0.9, the
# rate decayed each epoch), He init, batch 32; the issue's targets in the last column.
# dlp-train runs in wasm under node: the same bits as natively, with the SIMD128 kernels.
# Usage: bench/accuracy.sh [WASM_BUILD_DIR]   (make bench-accuracy)
set -euo pipefail
train=${1:-build/wasm}/dlp-train.js
[ -f "$train" ] || { echo "build the wasm tools first: make wasm" >&2; exit 1; }

run() { # name target args...
  local name=$1 target=$2; shift 2
  local json; json=$(node --no-experimental-fetch "$train" "$@" --init he --seed 1 --json)
  python3 - "$name" "$target" "$json" <<'PY'
import json, sys
name, target, j = sys.argv[1], float(sys.argv[2]), json.loads(sys.argv[3])
acc = j["test_accuracy"]
print(f"| {name:<34} | {100*acc:6.2f}% | {100*j['train_accuracy']:6.2f}% | {j['steps']:6d} | {j['examples_per_s']:8.0f} | {j['seconds']:6.1f} | {'>=' if acc >= target else '< '} {100*target:.1f}% |", flush=True)
PY
}

echo "| model (data), epochs | test acc | train acc | steps | examples/s | seconds | target |"
echo "|---|---|---|---|---|---|---|"
run "logistic (mnist), 10"      0.92 --model logistic --data mnist --epochs 10
run "relu 784-256-10 (mnist), 20" 0.98 --model relu --data mnist --epochs 20
run "lenet (mnist), 15"         0.99 --model lenet --data mnist --epochs 15
run "lenet (fashion), 15"       0.90 --model lenet --data fashion --epochs 15
