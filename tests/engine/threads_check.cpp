// The threaded wasm engine (built with -pthread, run under node): every model kind trained with
// 1, 2 and 4 engine threads ends with the same weights hash, and the same hash as the threads
// test natively (printed beside it). Also prints training examples/s per thread count, measured
// in this one run. Exit status 1 on any difference. Usage: dlp_threads_check.js DATA_DIR
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <string>

#include "data/dataset.h"
#include "data/trainer.h"
#include "engine/model.h"
#include "engine/parallel.h"

using namespace dlp;

int main(int argc, char** argv) {
  if (argc < 2) { std::fprintf(stderr, "usage: dlp_threads_check DATA_DIR\n"); return 2; }
  Dataset train, test;
  std::string err;
  if (!load_dataset("mnist", argv[1], &train, &test, &err)) { std::fprintf(stderr, "%s\n", err.c_str()); return 2; }
  std::printf("threads supported: %s\n", engine_threads_supported() ? "yes" : "no");
  if (!engine_threads_supported()) return 1;
  // The same runs as Threads.SameWeightsForEveryThreadCount (tests/engine/threads_test.cpp).
  const struct { const char* spec; int batch, steps; } runs[] = {
      {"lenet", 32, 12},
      {"relu", 32, 12},
      {"conv3x3x8-s2 relu avgpool2 dropout0.3 dense32 tanh dense10", 17, 10},
      {"conv3x3x6 relu conv1x1x4 relu maxpool2 inception(2,2/4,2/2,2) dense10", 8, 6},
      {"conv3x3x4 batchnorm relu maxpool2 residual(conv3x3x4 batchnorm relu conv3x3x4) dense16 batchnorm relu dense10", 9, 8},
  };
  int failures = 0;
  for (const auto& r : runs) {
    uint64_t first = 0;
    for (int threads : {1, 2, 4}) {
      set_engine_threads(threads);
      ModelSpec spec;
      SpecError e;
      if (!parse_spec(resolve_preset(r.spec), &spec, &e)) { std::fprintf(stderr, "%s\n", e.str().c_str()); return 2; }
      auto m = Model::create(spec, Shape{28, 28, 1}, 10, &e);
      m->init({InitKind::He, 0, 3});
      Trainer t(m.get(), &train, Normalization::Centered, Seeds{3, 4, 5});
      TrainConfig cfg;
      cfg.lr = 0.02f;
      cfg.momentum = 0.9f;
      cfg.l2 = 1e-4f;
      const auto t0 = std::chrono::steady_clock::now();
      for (int i = 0; i < r.steps; ++i) t.step(r.batch, cfg);
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      const uint64_t h = m->weights_hash();
      if (threads == 1) first = h;
      const bool same = h == first;
      failures += !same;
      std::printf("%s %s, %d thread%s: %016" PRIx64 " (%.0f examples/s)\n", same ? "ok  " : "FAIL", r.spec, threads,
                  threads > 1 ? "s" : "", h, r.steps * r.batch / s);
    }
  }
  set_engine_threads(1);
  std::printf("threads check: %s\n", failures ? "FAILED" : "the same bits for 1, 2 and 4 threads");
  return failures ? 1 : 0;
}
