#!/usr/bin/env bash
# Runs check_export.py and check_train.py with Debian's python3 (where python3-torch lives), whatever python3 is first on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."
py=/usr/bin/python3
if ! "$py" -c 'import torch' 2>/dev/null; then
  echo "pytorch: Debian's python3-torch is missing (scripts/deps.sh installs it)" >&2
  exit 1
fi
# The two checks side by side (each mostly one core's work); what each printed, in turn.
mkdir -p build/pytorch
"$py" tests/pytorch/check_export.py build/native/dlp-train build/native/data build/pytorch > build/pytorch/export.log 2>&1 &
export_pid=$!
# The exported train.py: it continues the training in PyTorch, also over two processes.
status=0
"$py" tests/pytorch/check_train.py build/native/dlp-train build/native/data build/pytorch/train > build/pytorch/train.log 2>&1 || status=1
wait "$export_pid" || status=1
cat build/pytorch/export.log build/pytorch/train.log
exit $status
