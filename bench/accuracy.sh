#!/usr/bin/env bash
# Accuracy the CLI reaches on the test split with fixed seeds (issue targets in the last column).
# Usage: bench/accuracy.sh [BUILD_DIR]   (make bench-accuracy)
set -euo pipefail
train=${1:-build/native}/dlp-train
[ -x "$train" ] || { echo "build the native tools first: make native" >&2; exit 1; }

run() { # name target args...
  local name=$1 target=$2; shift 2
  local json; json=$("$train" "$@" --json)
  python3 - "$name" "$target" "$json" <<'PY'
import json, sys
name, target, j = sys.argv[1], float(sys.argv[2]), json.loads(sys.argv[3])
acc = j["test_accuracy"]
print(f"| {name:<34} | {100*acc:6.2f}% | {100*j['train_accuracy']:6.2f}% | {j['steps']:6d} | {j['examples_per_s']:8.0f} | {j['seconds']:6.1f} | {'>=' if acc >= target else '< '} {100*target:.1f}% |")
PY
}

echo "| model (data) | test acc | train acc | steps | examples/s | seconds | target |"
echo "|---|---|---|---|---|---|---|"
run "logistic dense10 (mnist)"    0.89  --model logistic --data mnist --epochs 10 --lr 0.02 --init-sigma 0.01 --seed 1
# 8,000 training digits: the nets overfit (train accuracy reaches 100%), so these use dropout.
run "relu 784-256-10 (mnist)"     0.95  --model relu --data mnist --epochs 30 --norm unit --optimizer adam --lr 0.001 --dropout 0.4 --init he --seed 1
run "lenet + dropout0.25 (mnist)" 0.975 --model lenet --data mnist --epochs 20 --dropout 0.25 --optimizer adam --lr 0.002 --l2 0.0001 --decay 0.7 --decay-steps 1000 --init he --seed 1
run "lenet (fashion, 60k)"        0.89  --model lenet --data fashion --epochs 5 --lr 0.05 --init he --seed 1
