// dlp-bench: engine speed figures, the same source natively, in wasm under node, and in
// headless Chromium (dlp-bench-web, run by bench/kernels.mjs):
//   GEMM GFLOP/s for the three forms on the course's shapes against the SIMD128 ceiling, scalar
//   and Eigen; every smaller kernel against its scalar reference (bench_kernels.cpp)
//   training examples/s, batch-1 latency and batch-256 throughput for the MLP and the LeNet-like net
//   training examples/s with 1, 2 and 4 engine threads (where the build has threads), and the
//   weights hash after the same steps with each count (bit-identical by construction)
//   where a training step's time goes: each layer's forward and backward, loss, update, the rest,
//   and the step's GFLOP/s as a share of the SIMD128 ceiling measured in the same run
// Usage: dlp-bench [--data-dir DIR] [--quick] [--kernels-only | --models-only | --threads-only | --ceiling-only]
#include <cstdio>
#include <memory>
#include <cstring>
#include <string>
#include <vector>

#include "cli/bench_kernels.h"
#include "data/dataset.h"
#include "data/trainer.h"
#include "engine/model.h"
#include "engine/parallel.h"

using namespace dlp;

namespace {

// A model of this spec, He-initialized, with its trainer (plain SGD unless told, batch 32), after
// `warm` steps (buffers planned, caches warm).
struct Bench {
  std::unique_ptr<Model> m;
  std::unique_ptr<Trainer> t;
  TrainConfig cfg;
  Bench(const char* spec_text, const Dataset& train, int warm, const TrainConfig& with = {}) : cfg(with) {
    ModelSpec spec;
    SpecError err;
    parse_spec(spec_text, &spec, &err);
    m = Model::create(spec, train.shape, 10, &err);
    m->init({InitKind::He, 0, 1});
    t = std::make_unique<Trainer>(m.get(), &train, Normalization::Centered, Seeds{});
    for (int i = 0; i < warm; ++i) t->step(32, cfg);
  }
};

void bench_model(const char* name, const char* spec_text, const Dataset& train, double min_s) {
  Bench b(spec_text, train, 5);
  Model* m = b.m.get();
  const double train_step = time_per_call([&] { b.t->step(32, b.cfg); }, min_s);
  std::vector<float> x(train.shape.size() * 256), probs(256 * 10);
  for (int i = 0; i < 256; ++i) normalize(train.image(i), train.shape.size(), Normalization::Centered, x.data() + i * train.shape.size());
  const double one = time_per_call([&] { m->predict(x.data(), 1, probs.data()); }, min_s / 2);
  const double many = time_per_call([&] { m->predict(x.data(), 256, probs.data()); }, min_s / 2);
  std::printf("| %s | %.0f | %.3f | %.0f | %.1f |\n", name, 32 / train_step, one * 1e3, 256 / many, m->memory_bytes(32) / 1e6);
}

// Where one training step's time goes (batch 32, SGD, one thread): each layer's forward and
// backward, the loss, the L2 term, the optimizer update and the rest of the step (gathering the
// batch, the trainer's bookkeeping), as shares of the step; and the step's FLOPs against time.
void bench_breakdown(const char* name, const char* spec_text, const Dataset& train, double min_s, double ceiling,
                     const TrainConfig& cfg = {}) {
  Bench b(spec_text, train, 5, cfg);
  Model* m = b.m.get();
  // Steps first for half the time, unprofiled: the browser's JIT optimizes the hot code meanwhile.
  for (const double w0 = profile_seconds(); profile_seconds() - w0 < min_s / 2;) b.t->step(32, b.cfg);
  StepProfile prof;
  m->set_profile(&prof);
  const double t0 = profile_seconds();
  int steps = 0;
  // Short bursts (a wasm function called once for long stays in V8's baseline tier).
  while (profile_seconds() - t0 < min_s) { b.t->step(32, b.cfg); ++steps; }
  const double wall = (profile_seconds() - t0) / steps;
  m->set_profile(nullptr);
  Sequence& seq = m->sequence();
  // The FLOPs a step computes: the forward, each layer's weight gradient and input gradient (as
  // many as its forward), but the first layer's input gradient, which training does not compute.
  const double flops = 3 * seq.flops_forward() - seq.layer(0).flops_forward();
  const double gflops = flops * 32 / wall / 1e9;
  std::printf("\n%s: %.3f ms per step of 32 (%.0f examples/s), %.2f MFLOP per example, %.1f GFLOP/s = %.0f%% of the SIMD128 ceiling\n\n"
              "| part | ms per step | share |\n|---|---|---|\n", name, wall * 1e3, 32 / wall, flops / 1e6, gflops, 100 * gflops / ceiling);
  double accounted = 0;
  auto row = [&](const std::string& what, double total) {
    const double per = total / steps;
    accounted += per;
    std::printf("| %s | %.3f | %.1f%% |\n", what.c_str(), per * 1e3, 100 * per / wall);
  };
  for (size_t i = 0; i < seq.size(); ++i) row(std::to_string(i) + " " + seq.layer(i).name() + " forward", prof.forward[i]);
  for (size_t i = seq.size(); i-- > 0;) row(std::to_string(i) + " " + seq.layer(i).name() + " backward", prof.backward[i]);
  row("softmax + cross-entropy", prof.loss);
  row("L2", prof.l2);
  row("optimizer update", prof.update);
  const double rest = wall - accounted;
  std::printf("| everything else (batch gather, trainer) | %.3f | %.1f%% |\n", rest * 1e3, 100 * rest / wall);
}

// Training throughput with n engine threads, all in this one run (ratios are what to compare),
// and the weights hash after the same 20 steps from the same start.
void bench_threads(const char* name, const char* spec_text, const Dataset& train, double min_s) {
  double one = 0;
  for (int threads : {1, 2, 4}) {
    set_engine_threads(threads);
    Bench b(spec_text, train, 20);
    const uint64_t hash = b.m->weights_hash();
    const double step = time_per_call([&] { b.t->step(32, b.cfg); }, min_s);
    if (threads == 1) one = step;
    std::printf("| %s | %d | %.0f | %.2fx | %016llx |\n", name, threads, 32 / step, one / step, static_cast<unsigned long long>(hash));
  }
  set_engine_threads(1);
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = DLP_DEFAULT_DATA_DIR;
  double min_s = 1.0;
  bool kernels_only = false, models_only = false, threads_only = false, ceiling_only = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--data-dir") && i + 1 < argc) dir = argv[++i];
    else if (!std::strcmp(argv[i], "--quick")) min_s = 0.2;
    else if (!std::strcmp(argv[i], "--kernels-only")) kernels_only = true;
    else if (!std::strcmp(argv[i], "--models-only")) models_only = true;
    else if (!std::strcmp(argv[i], "--threads-only")) threads_only = true;
    else if (!std::strcmp(argv[i], "--ceiling-only")) ceiling_only = true;
  }
#ifdef __EMSCRIPTEN__
  std::printf("dlp-bench (wasm, SIMD128%s)\n", engine_threads_supported() ? ", with threads" : ", single thread");
#else
  std::printf("dlp-bench (native; kernels and models on one thread, then 1, 2 and 4 engine threads)\n");
#endif
  if (ceiling_only) {
    // A first measurement, thrown away: a page that has just opened (the browser starting its
    // processes beside it) measured up to a fifth lower in it than in the next.
    simd128_ceiling_gflops(min_s);
    print_simd128_ceiling(min_s);
    return 0;
  }
  if (!threads_only && !models_only) {
    bench_gemm(min_s);
    bench_small_kernels(min_s);
  }
  if (kernels_only) return 0;
  Dataset train, test;
  std::string err;
  if (!load_dataset("mnist", dir, &train, &test, &err)) { std::fprintf(stderr, "%s\n", err.c_str()); return 1; }
  if (engine_threads_supported()) {
    std::printf("\nengine threads on a machine that reports %d cores\n", machine_cores());
    std::printf("\n| model (batch 32, SGD) | engine threads | training examples/s | vs 1 thread | weights hash after 20 steps |\n|---|---|---|---|---|\n");
    bench_threads("MLP 784-256-10", "dense256 relu dense10", train, min_s);
    bench_threads("LeNet-like", "conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10", train, min_s);
  }
  if (threads_only) return 0;
  // The ceiling again, just before the models (a shared machine's speed drifts over a run).
  const double ceiling = simd128_ceiling_gflops(min_s);
  std::printf("\nSIMD128 ceiling, measured just before the models: %.1f GFLOP/s\n", ceiling);
  bench_breakdown("MLP 784-256-10", "dense256 relu dense10", train, min_s, ceiling);
  bench_breakdown("LeNet-like", "conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10", train, min_s, ceiling);
  // The settings students pick: the presets' SGD with momentum, and Adam (numerics rule 2 flushes
  // what the update writes).
  TrainConfig momentum = find_preset("relu")->train, adam = momentum;
  adam.optimizer = OptimizerKind::Adam;
  adam.lr = 0.001f;
  bench_breakdown("MLP 784-256-10, SGD momentum 0.9 (the preset)", "dense256 relu dense10", train, min_s, ceiling, momentum);
  bench_breakdown("MLP 784-256-10, Adam 0.001", "dense256 relu dense10", train, min_s, ceiling, adam);
  std::printf("\n| model (batch 32, SGD) | training examples/s | batch-1 inference ms | batch-256 inference examples/s | planned MB at batch 32 |\n|---|---|---|---|---|\n");
  bench_model("MLP 784-256-10", "dense256 relu dense10", train, min_s);
  bench_model("LeNet-like", "conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10", train, min_s);
  return 0;
}
