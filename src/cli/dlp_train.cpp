// dlp-train: the engine without the page. Trains a spec on a data set and prints per-epoch loss,
// accuracy and examples/s; --json ends with one JSON line for scripts.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "data/augment.h"
#include "data/dataset.h"
#include "data/trainer.h"
#include "engine/file_bytes.h"
#include "engine/model.h"
#include "engine/pytorch_export.h"
#include "engine/safetensors.h"

using namespace dlp;

namespace {

void usage() {
  std::printf(
      "usage: dlp-train --model SPEC|PRESET [options]\n"
      "  --model SPEC        e.g. 'conv5x5x8 relu maxpool2 dense10' or a preset:");
  for (const auto& p : presets()) std::printf(" %s", p.name);
  std::printf(
      "\n  --data mnist|fashion  (default mnist)   --data-dir DIR (built IDX assets)\n"
      "  --epochs N (1)  --batch B (32)  --lr X (0.05)  --optimizer sgd|adam  --momentum M (0)\n"
      "    (a preset trains with its own optimizer, lr, momentum, decay and augmentation unless these are given)\n"
      "  --augment 0|1 (training digits drawn again with small random transforms; the convnet presets' default is 1 on mnist)\n"
      "  --l2 BETA (0)  --decay RATE --decay-steps N  --dropout P (adds dropout after each hidden ReLU)\n"
      "  --init gaussian|he|glorot (gaussian)  --init-sigma S (0.1)\n"
      "  --norm centered|unit|raw (centered: (C-128)/128)\n"
      "  --seed S (1; also --init-seed --order-seed --dropout-seed)\n"
      "  --save FILE.safetensors  --load FILE.safetensors  --json  --steps N (stop after N steps)\n"
      "  --eval-every N (the whole test set every N steps, with the training time so far)\n"
      "  --dump FILE  (logits and gradients of the first 4 training examples, as JSON)\n"
      "  --export-pytorch FILE.py  (an nn.Module matching the spec and a loader for the .safetensors)\n"
      "  --export-train FILE.py  (train.py: continues this training in PyTorch; needs the module as playground_model.py)\n");
}

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string export_py, export_train, model = "", data = "mnist", data_dir = DLP_DEFAULT_DATA_DIR, save, load, dump, optimizer = "sgd",
              init = "gaussian", norm = "centered";
  int epochs = 1, batch = 32;
  long max_steps = -1, eval_every = 0;
  TrainConfig cfg;
  float sigma = 0.1f, dropout = 0;
  Seeds seeds;
  bool json = false;
  std::vector<std::string> given;  // the options on the command line (a preset's settings fill the rest)
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    given.push_back(a);
    auto next = [&]() -> const char* {
      if (i + 1 >= argc) { std::fprintf(stderr, "dlp-train: %s needs a value\n", a.c_str()); std::exit(2); }
      return argv[++i];
    };
    if (a == "--model") model = next();
    else if (a == "--data") data = next();
    else if (a == "--data-dir") data_dir = next();
    else if (a == "--epochs") epochs = std::atoi(next());
    else if (a == "--steps") max_steps = std::atol(next());
    else if (a == "--eval-every") eval_every = std::atol(next());
    else if (a == "--batch") batch = std::atoi(next());
    else if (a == "--lr") cfg.lr = std::strtof(next(), nullptr);
    else if (a == "--momentum") cfg.momentum = std::strtof(next(), nullptr);
    else if (a == "--optimizer") optimizer = next();
    else if (a == "--l2") cfg.l2 = std::strtof(next(), nullptr);
    else if (a == "--augment") cfg.augment = std::atoi(next()) != 0;
    else if (a == "--decay") cfg.lr_decay = std::strtof(next(), nullptr);
    else if (a == "--decay-steps") cfg.decay_steps = std::atoi(next());
    else if (a == "--dropout") dropout = std::strtof(next(), nullptr);
    else if (a == "--init") init = next();
    else if (a == "--init-sigma") sigma = std::strtof(next(), nullptr);
    else if (a == "--norm") norm = next();
    else if (a == "--seed") seeds.init = seeds.order = seeds.dropout = std::strtoull(next(), nullptr, 10);
    else if (a == "--init-seed") seeds.init = std::strtoull(next(), nullptr, 10);
    else if (a == "--order-seed") seeds.order = std::strtoull(next(), nullptr, 10);
    else if (a == "--dropout-seed") seeds.dropout = std::strtoull(next(), nullptr, 10);
    else if (a == "--save") save = next();
    else if (a == "--load") load = next();
    else if (a == "--dump") dump = next();
    else if (a == "--export-pytorch") export_py = next();
    else if (a == "--export-train") export_train = next();
    else if (a == "--json") json = true;
    else if (a == "-h" || a == "--help") { usage(); return 0; }
    else { std::fprintf(stderr, "dlp-train: unknown option %s\n", a.c_str()); usage(); return 2; }
  }
  if (model.empty()) { usage(); return 2; }
  // A preset trains with its own settings unless the command line says otherwise.
  if (const Preset* p = find_preset(model)) {
    auto unset = [&](const char* o) { return std::find(given.begin(), given.end(), o) == given.end(); };
    if (unset("--lr")) cfg.lr = p->train.lr;
    if (unset("--momentum")) cfg.momentum = p->train.momentum;
    if (unset("--optimizer")) optimizer = p->train.optimizer == OptimizerKind::Adam ? "adam" : "sgd";
    if (unset("--decay")) cfg.lr_decay = p->train.lr_decay;
    if (unset("--decay-steps")) cfg.decay_steps = p->train.decay_steps;
    if (unset("--augment")) cfg.augment = p->train.augment && presets_augment(data);
  }
  if (batch < 1 || batch > 4096) { std::fprintf(stderr, "dlp-train: --batch must be 1..4096\n"); return 2; }
  if (optimizer != "sgd" && optimizer != "adam") { std::fprintf(stderr, "dlp-train: --optimizer sgd or adam\n"); return 2; }
  cfg.optimizer = optimizer == "adam" ? OptimizerKind::Adam : OptimizerKind::SGD;
  Normalization nm = Normalization::Centered;
  if (norm == "unit") nm = Normalization::Unit;
  else if (norm == "raw") nm = Normalization::Raw;
  else if (norm != "centered") { std::fprintf(stderr, "dlp-train: --norm centered, unit or raw\n"); return 2; }

  std::string text = resolve_preset(model);
  if (dropout > 0) {  // a dropout layer after every ReLU but the spec's last hidden one stays as written
    char d[32];
    std::snprintf(d, sizeof d, " dropout%g", static_cast<double>(dropout));
    std::string out;
    size_t at = 0, p;
    while ((p = text.find("relu", at)) != std::string::npos) { out += text.substr(at, p + 4 - at) + d; at = p + 4; }
    text = out + text.substr(at);
  }
  ModelSpec spec;
  SpecError serr;
  if (!parse_spec(text, &spec, &serr)) {
    std::fprintf(stderr, "dlp-train: model spec %s\n  %s\n  %*s^\n", serr.str().c_str(), text.c_str(), static_cast<int>(serr.pos), "");
    return 2;
  }
  Dataset train, test;
  std::string err;
  if (!load_dataset(data, data_dir, &train, &test, &err)) { std::fprintf(stderr, "dlp-train: %s\n", err.c_str()); return 1; }
  auto m = Model::create(spec, train.shape, train.classes, &serr);
  if (!m) {
    std::fprintf(stderr, "dlp-train: model spec %s\n  %s\n  %*s^\n", serr.str().c_str(), text.c_str(), static_cast<int>(serr.pos), "");
    return 2;
  }
  InitConfig ic;
  ic.kind = init == "he" ? InitKind::He : init == "glorot" ? InitKind::Glorot : InitKind::Gaussian;
  ic.sigma = sigma;
  ic.seed = seeds.init;
  m->init(ic);
  if (!load.empty() && !load_safetensors(load, m.get(), &err)) { std::fprintf(stderr, "dlp-train: %s\n", err.c_str()); return 1; }
  Trainer t(m.get(), &train, nm, seeds);
  if (!json) {
    std::printf("model: %s\n%zu parameters, %.2f MFLOPs forward per example, %.2f MB at batch %d\n", spec_to_string(spec).c_str(),
                m->param_count(), m->sequence().flops_forward() / 1e6, m->memory_bytes(batch) / 1e6, batch);
    std::printf("data: %s, %zu train / %zu test, %s normalization\n", data.c_str(), train.size(), test.size(), normalization_name(nm));
  }
  if (!dump.empty()) {
    // Logits and gradients for the first 4 training examples, for comparison with another framework.
    const int n = 4;
    std::vector<float> x(train.shape.size() * n);
    std::vector<uint8_t> y(n);
    const uint32_t idx[n] = {0, 1, 2, 3};
    train.gather(idx, n, nm, x.data(), y.data());
    TrainConfig zero = cfg;
    zero.lr = 0;
    const float* logits = m->forward(x.data(), n, false);
    std::vector<float> lg(logits, logits + n * train.classes);
    // The step moves nothing a gradient drives (lr 0), but BatchNorm's running statistics follow
    // the batch: keep the weights as they were.
    const std::vector<float> kept(m->param_block(), m->param_block() + m->param_count());
    const StepResult r = m->train_step(x.data(), y.data(), nullptr, n, zero);
    FILE* f = std::fopen(dump.c_str(), "w");
    if (!f) { std::fprintf(stderr, "dlp-train: cannot write %s\n", dump.c_str()); return 1; }
    std::fprintf(f, "{\"loss\": %.9g, \"labels\": [%d,%d,%d,%d], \"logits\": [", r.loss, y[0], y[1], y[2], y[3]);
    for (size_t i = 0; i < lg.size(); ++i) std::fprintf(f, "%s%.9g", i ? "," : "", lg[i]);
    std::fprintf(f, "], \"grads\": {");
    bool first = true;
    for (const Param& p : m->params()) {
      std::fprintf(f, "%s\"%s\": [", first ? "" : ", ", p.name.c_str());
      for (size_t i = 0; i < p.size; ++i) std::fprintf(f, "%s%.9g", i ? "," : "", p.grad[i]);
      std::fprintf(f, "]");
      first = false;
    }
    std::fprintf(f, "}}\n");
    std::fclose(f);
    std::copy(kept.begin(), kept.end(), m->param_block());
    m->set_steps(0);
  }
  const size_t steps_per_epoch = (train.size() + batch - 1) / batch;
  const double start = now_s();
  double train_time = 0;
  Evaluation tr, te;
  float loss = 0;
  long steps = 0;
  for (int e = 0; e < epochs && (max_steps < 0 || steps < max_steps); ++e) {
    double t0 = now_s();
    double sum = 0;
    size_t n = 0;
    for (size_t s = 0; s < steps_per_epoch && (max_steps < 0 || steps < max_steps); ++s, ++steps) {
      const float l = t.step(batch, cfg).loss;
      if (!std::isfinite(l) || l > 1e6f || !m->step_finite()) {
        std::fprintf(stderr, "dlp-train: training diverged at step %ld (loss %g): lower --lr (now %g)\n", steps + 1,
                     static_cast<double>(l), static_cast<double>(cfg.lr));
        return 1;
      }
      sum += l;
      ++n;
      if (eval_every > 0 && (steps + 1) % eval_every == 0) {
        // The whole test set every N steps, and the training time so far (the evaluations not
        // counted): how soon a recipe reaches an accuracy.
        const double paused = now_s();
        const Evaluation at = t.evaluate(test);
        std::printf("step %ld: test acc %.4f  test loss %.4f  after %.2f s of training\n", steps + 1, at.accuracy, at.loss,
                    train_time + (paused - t0));
        std::fflush(stdout);
        t0 += now_s() - paused;
      }
    }
    const double dt = now_s() - t0;
    train_time += dt;
    loss = static_cast<float>(sum / (n ? n : 1));
    te = t.evaluate(test);
    tr = t.evaluate(train, 10000);
    if (!json)
      std::printf("epoch %d: loss %.4f  train acc %.4f  test acc %.4f  (%.0f examples/s)\n", e + 1, loss, tr.accuracy,
                  te.accuracy, n * batch / dt);
  }
  auto write_text = [](const std::string& path, const std::string& text) {
    const bool ok = !text.empty() && write_file_bytes(path, text.data(), text.size(), nullptr);
    if (!ok) std::fprintf(stderr, "dlp-train: cannot write %s%s\n", path.c_str(), text.empty() ? " (nothing to write)" : "");
    return ok;
  };
  if (!export_py.empty() && !write_text(export_py, pytorch_module_source(spec, train.shape, train.classes, &serr))) return 1;
  if (!export_train.empty() && !write_text(export_train, pytorch_train_source({cfg, batch, nm, data, m->steps()}))) return 1;
  if (!save.empty()) {
    if (!save_safetensors(save, *m, &err)) { std::fprintf(stderr, "dlp-train: %s\n", err.c_str()); return 1; }
    if (!json) std::printf("saved %s\n", save.c_str());
  }
  if (json)
    std::printf("{\"model\": \"%s\", \"data\": \"%s\", \"test_accuracy\": %.4f, \"train_accuracy\": %.4f, \"test_loss\": %.4f, "
                "\"loss\": %.4f, \"examples_per_s\": %.0f, \"seconds\": %.2f, \"steps\": %ld, \"weights_hash\": \"%016" PRIx64 "\"}\n",
                spec_to_string(spec).c_str(), data.c_str(), te.accuracy, tr.accuracy, te.loss, loss,
                steps * batch / (train_time > 0 ? train_time : 1), now_s() - start, steps, m->weights_hash());
  return 0;
}
