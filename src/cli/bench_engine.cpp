// dlp-bench: engine speed figures, the same source natively, in wasm under node, and in
// headless Chromium (dlp-bench-web, run by bench/kernels.mjs):
//   GEMM GFLOP/s for the three forms on the course's shapes against the SIMD128 ceiling, scalar
//   and Eigen; every smaller kernel against its scalar reference (bench_kernels.cpp)
//   training examples/s, batch-1 latency and batch-256 throughput for the MLP and the LeNet-like net
//   training examples/s with 1, 2 and 4 engine threads (where the build has threads), and the
//   weights hash after the same steps with each count (bit-identical by construction)
// Usage: dlp-bench [--data-dir DIR] [--quick] [--kernels-only] [--threads-only]
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/trainer.h"
#include "cli/bench_kernels.h"
#include "engine/model.h"
#include "engine/parallel.h"

using namespace dlp;

namespace {

void bench_model(const char* name, const char* spec_text, const Dataset& train, double min_s) {
  ModelSpec spec;
  SpecError err;
  parse_spec(spec_text, &spec, &err);
  auto m = Model::create(spec, train.shape, 10, &err);
  m->init({InitKind::He, 0, 1});
  Trainer t(m.get(), &train, Normalization::Centered, Seeds{});
  TrainConfig cfg;
  for (int i = 0; i < 5; ++i) t.step(32, cfg);  // warm-up: buffers planned, caches warm
  const double train_step = time_per_call([&] { t.step(32, cfg); }, min_s);
  std::vector<float> x(train.shape.size() * 256), probs(256 * 10);
  for (int i = 0; i < 256; ++i) normalize(train.image(i), train.shape.size(), Normalization::Centered, x.data() + i * train.shape.size());
  const double one = time_per_call([&] { m->predict(x.data(), 1, probs.data()); }, min_s / 2);
  const double many = time_per_call([&] { m->predict(x.data(), 256, probs.data()); }, min_s / 2);
  std::printf("| %s | %.0f | %.3f | %.0f | %.1f |\n", name, 32 / train_step, one * 1e3, 256 / many, m->memory_bytes(32) / 1e6);
}

// Training throughput with n engine threads, all in this one run (ratios are what to compare),
// and the weights hash after the same 20 steps from the same start.
void bench_threads(const char* name, const char* spec_text, const Dataset& train, double min_s) {
  ModelSpec spec;
  SpecError err;
  parse_spec(spec_text, &spec, &err);
  double one = 0;
  for (int threads : {1, 2, 4}) {
    set_engine_threads(threads);
    auto m = Model::create(spec, train.shape, 10, &err);
    m->init({InitKind::He, 0, 1});
    Trainer t(m.get(), &train, Normalization::Centered, Seeds{});
    TrainConfig cfg;
    for (int i = 0; i < 20; ++i) t.step(32, cfg);
    const uint64_t hash = m->weights_hash();
    const double step = time_per_call([&] { t.step(32, cfg); }, min_s);
    if (threads == 1) one = step;
    std::printf("| %s | %d | %.0f | %.2fx | %016llx |\n", name, threads, 32 / step, one / step, static_cast<unsigned long long>(hash));
  }
  set_engine_threads(1);
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = DLP_DEFAULT_DATA_DIR;
  double min_s = 1.0;
  bool kernels_only = false, threads_only = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--data-dir") && i + 1 < argc) dir = argv[++i];
    else if (!std::strcmp(argv[i], "--quick")) min_s = 0.2;
    else if (!std::strcmp(argv[i], "--kernels-only")) kernels_only = true;
    else if (!std::strcmp(argv[i], "--threads-only")) threads_only = true;
  }
#ifdef __EMSCRIPTEN__
  std::printf("dlp-bench (wasm, SIMD128, single thread)\n");
#else
  std::printf("dlp-bench (native, single thread)\n");
#endif
  if (!threads_only) {
    bench_gemm(min_s);
    bench_small_kernels(min_s);
  }
  if (kernels_only) return 0;
  Dataset train, test;
  std::string err;
  if (!load_dataset("mnist", dir, &train, &test, &err)) { std::fprintf(stderr, "%s\n", err.c_str()); return 1; }
  if (engine_threads_supported()) {
    std::printf("\n| model (batch 32, SGD) | engine threads | training examples/s | vs 1 thread | weights hash after 20 steps |\n|---|---|---|---|---|\n");
    bench_threads("MLP 784-256-10", "dense256 relu dense10", train, min_s);
    bench_threads("LeNet-like", "conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10", train, min_s);
  }
  if (threads_only) return 0;
  std::printf("\n| model (batch 32, SGD) | training examples/s | batch-1 inference ms | batch-256 inference examples/s | planned MB at batch 32 |\n|---|---|---|---|---|\n");
  bench_model("MLP 784-256-10", "dense256 relu dense10", train, min_s);
  bench_model("LeNet-like", "conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10", train, min_s);
  return 0;
}
