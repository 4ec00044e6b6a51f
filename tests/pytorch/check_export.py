"""PyTorch as the oracle for the engine: the exported nn.Module, loaded with the engine's
.safetensors, must give the engine's logits and loss on the same examples, and autograd must give
the engine's gradient for every parameter. Prints the largest differences.

Usage: python3 check_export.py DLP_TRAIN ASSETS_DIR WORK_DIR
"""
import importlib.util
import json
import os
import subprocess
import sys

import torch
import torch.nn.functional as F

cli, assets, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
# Every layer kind that has a gradient to check (dropout is random, so it is left out here).
SPECS = [
    "conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10",
    "conv3x3x4-s2 relu avgpool3-s2-same inception(2,2/4,2/2,2) maxpool2-same conv1x1x6 sigmoid flatten dense16 tanh dense10",
    "conv4x3x5-valid relu avgpool2 dense32 relu dense10",
    # BatchNorm after the activations here: a bias just before BatchNorm has a gradient of zero in
    # exact arithmetic (the batch mean removes it), which leaves both frameworks only rounding noise
    # to compare. BatchNorm right after a convolution is gradient-checked in gradcheck_test.cpp.
    "conv3x3x6 relu batchnorm maxpool2 residual(conv3x3x6 relu batchnorm conv3x3x6 tanh batchnorm) relu dense16 tanh batchnorm dense10",
]

failures = 0
for n, spec in enumerate(SPECS):
    d = os.path.join(work, f"m{n}")
    run = lambda *a: subprocess.run([cli, "--model", spec, "--data-dir", assets, *a], check=True, capture_output=True)
    run("--steps", "30", "--seed", str(n + 1), "--save", d + ".safetensors", "--export-pytorch", d + ".py", "--json")
    run("--load", d + ".safetensors", "--epochs", "0", "--dump", d + ".json")
    dump = json.load(open(d + ".json"))

    mod_spec = importlib.util.spec_from_file_location(f"exported{n}", d + ".py")
    exported = importlib.util.module_from_spec(mod_spec)
    mod_spec.loader.exec_module(exported)
    model = exported.load_playground_weights(exported.PlaygroundModel(), d + ".safetensors").eval()

    with open(os.path.join(assets, "mnist-train-images.idx"), "rb") as f:
        raw = f.read()
    pixels = torch.tensor(list(raw[16:16 + 4 * 784]), dtype=torch.float32).reshape(4, 1, 28, 28)
    x = (pixels - 128) / 128  # the playground's default normalization
    labels = torch.tensor(dump["labels"])

    # Logits at evaluation (BatchNorm on its running statistics); the loss and gradients of a
    # training step (BatchNorm on the batch's statistics), as the engine's dump gives them.
    with torch.no_grad():
        logits = model(x)
    ours = torch.tensor(dump["logits"]).reshape(4, 10)
    d_logits = (logits - ours).abs().max().item()
    model.train()
    loss = F.cross_entropy(model(x), labels)
    loss.backward()
    d_loss = abs(loss.item() - dump["loss"])
    worst_name, worst = "", 0.0
    for name, p in model.named_parameters():
        g = exported.from_pytorch_layout(p.grad).flatten()
        e = torch.tensor(dump["grads"][name])
        rel = ((g - e).abs().max() / e.abs().max().clamp(min=1e-8)).item()
        if rel > worst:
            worst_name, worst = name, rel
    ok = d_logits < 1e-4 and d_loss < 1e-5 and worst < 1e-3
    failures += not ok
    print(f"{'ok  ' if ok else 'FAIL'} {spec}\n     max |logits diff| {d_logits:.2e}, |loss diff| {d_loss:.2e}, "
          f"worst gradient relative diff {worst:.2e} ({worst_name})")

print(f"pytorch: {len(SPECS) - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
