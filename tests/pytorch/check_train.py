"""The exported train.py continues the playground's training in PyTorch.

For two runs (SGD with momentum on (C-128)/128; Adam with L2 on C/255) the engine trains a few
hundred steps and writes its weights, playground_model.py and train.py. Then:
- train.py's loss of the first 4 training examples in one batch equals the engine's for the same
  weights and batch (the loss, L2 term and normalization are the page's);
- train.py trains on for 300 steps on CPU and the test accuracy it prints does not drop;
- the first run again over two processes, started as torchrun starts them (RANK, WORLD_SIZE,
  MASTER_ADDR, ... : the script reads nothing else; Debian 12's torchrun itself fails on its
  Python 3.11 before starting any process): DistributedDataParallel over gloo, and the weights it
  saves load back into the engine.

Usage: python3 check_train.py DLP_TRAIN DATA_DIR WORK_DIR
"""
import json
import os
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

cli, data, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
py = sys.executable
RUNS = [
    ("lenet", ["--steps", "200"]),
    ("conv3x3x8 relu maxpool2 dense32 relu dense10", ["--steps", "150", "--optimizer", "adam", "--lr", "0.002", "--l2", "0.001", "--norm", "unit"]),
]


def lines(out):
    return [json.loads(l) for l in out.splitlines() if l.startswith("{")]


def continue_run(n, spec, flags):
    """One run: the engine trains and exports, train.py's first loss and 300 more steps. Returns (ok, what) pairs."""
    results = []
    d = os.path.join(work, f"run{n}")
    os.makedirs(d, exist_ok=True)
    weights = os.path.join(d, "playground-model.safetensors")
    subprocess.run([cli, "--model", spec, "--data-dir", data, *flags, "--save", weights, "--json",
                    "--export-pytorch", os.path.join(d, "playground_model.py"), "--export-train", os.path.join(d, "train.py")],
                   check=True, capture_output=True)
    subprocess.run([cli, "--model", spec, "--data-dir", data, *flags, "--load", weights, "--epochs", "0", "--dump", os.path.join(d, "dump.json")],
                   check=True, capture_output=True)
    engine_loss = json.load(open(os.path.join(d, "dump.json")))["loss"]
    train = [py, os.path.join(d, "train.py"), "--weights", weights, "--data-dir", data]
    first = lines(subprocess.run(train + ["--loss-of-first", "4"], check=True, capture_output=True, text=True).stdout)[0]["loss"]
    results.append((abs(first - engine_loss) <= 1e-5 * max(1.0, abs(engine_loss)),
                    f"{spec} {' '.join(flags)}: first-batch loss {first:.9g} in PyTorch, {engine_loss:.9g} in the engine"))

    out = subprocess.run(train + ["--steps", "300", "--eval-every", "100", "--save", os.path.join(d, "continued.safetensors")],
                         check=True, capture_output=True, text=True).stdout
    acc = [l["test_accuracy"] for l in lines(out) if "test_accuracy" in l]
    results.append((len(acc) == 4 and acc[-1] >= acc[0], f"{spec}: 300 more steps in PyTorch, test accuracy {' -> '.join(f'{a:.4f}' for a in acc)}"))
    return results


def two_processes():
    """The first run again over two processes as torchrun starts them; its weights load back into the engine."""
    d = os.path.join(work, "run0")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    procs = []
    for rank in range(2):
        env = dict(os.environ, RANK=str(rank), LOCAL_RANK=str(rank), WORLD_SIZE="2", LOCAL_WORLD_SIZE="2",
                   MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port), OMP_NUM_THREADS="1")
        procs.append(subprocess.Popen([py, os.path.join(d, "train.py"), "--weights", os.path.join(d, "playground-model.safetensors"),
                                       "--data-dir", data, "--steps", "200", "--eval-every", "0", "--device", "cpu",
                                       "--save", os.path.join(d, "ddp.safetensors")],
                                      env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    outs = [p.communicate(timeout=600) for p in procs]
    ok = all(p.returncode == 0 for p in procs)
    if not ok:
        for o in outs:
            print(o[1][-2000:])
    rank0 = lines(outs[0][0]) if ok else []
    acc = [l["test_accuracy"] for l in rank0 if "test_accuracy" in l]
    results = [(ok and rank0[0].get("processes") == 2 and len(acc) == 2 and acc[-1] >= acc[0] and not lines(outs[1][0]),
                f"two processes (DistributedDataParallel, gloo): test accuracy {' -> '.join(f'{a:.4f}' for a in acc)}, only rank 0 prints")]
    back = subprocess.run([cli, "--model", "lenet", "--data-dir", data, "--load", os.path.join(d, "ddp.safetensors"), "--epochs", "0"],
                          capture_output=True, text=True)
    results.append((back.returncode == 0, "the weights trained in PyTorch load back into the engine" + ("" if back.returncode == 0 else ": " + back.stderr)))
    return results


# The two runs side by side (each is mostly one core's work), the first's two processes after it.
with ThreadPoolExecutor(max_workers=2) as pool:
    jobs = [pool.submit(lambda: continue_run(0, *RUNS[0]) + two_processes()), pool.submit(continue_run, 1, *RUNS[1])]
    results = [r for j in jobs for r in j.result()]
failures = sum(not ok for ok, _ in results)
for ok, what in results:
    print(f"{'ok  ' if ok else 'FAIL'} {what}")

print(f"pytorch train.py: {'all passed' if not failures else f'{failures} failed'}")
sys.exit(1 if failures else 0)
