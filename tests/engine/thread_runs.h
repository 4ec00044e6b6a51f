// The runs the threads tests train with 1 to 4 engine threads (natively: threads_test.cpp; in
// the -pthread wasm build: threads_check.cpp): five kinds of model, odd batches included.
#pragma once
#include <chrono>
#include <cstdint>

#include "data/dataset.h"
#include "data/trainer.h"
#include "engine/model.h"
#include "engine/parallel.h"

namespace dlp::test {

struct ThreadRun {
  const char* spec;
  int batch, steps;
  int augment = 0;  // training digits drawn again (data/augment.h)
};

inline const ThreadRun kThreadRuns[] = {
    {"lenet", 32, 12, 1},
    {"relu", 32, 12},
    {"conv3x3x8-s2 relu avgpool2 dropout0.3 dense32 tanh dense10", 17, 10},
    {"conv3x3x6 relu conv1x1x4 relu maxpool2 inception(2,2/4,2/2,2) dense10", 8, 6},
    {"conv3x3x4 batchnorm relu maxpool2 residual(conv3x3x4 batchnorm relu conv3x3x4) dense16 batchnorm relu dense10", 9, 8},
};

// Trains the run from a fixed start with this many engine threads; the weights hash after it
// (0 if the spec does not build), and the seconds its steps took.
inline uint64_t train_with_threads(const Dataset& train, const ThreadRun& r, int threads, double* seconds = nullptr) {
  set_engine_threads(threads);
  ModelSpec spec;
  SpecError err;
  std::unique_ptr<Model> m;
  if (parse_spec(resolve_preset(r.spec), &spec, &err)) m = Model::create(spec, Shape{28, 28, 1}, 10, &err);
  if (!m) { set_engine_threads(1); return 0; }
  m->init({InitKind::He, 0, 3});
  Trainer t(m.get(), &train, Normalization::Centered, Seeds{3, 4, 5});
  TrainConfig cfg;
  cfg.lr = 0.02f;
  cfg.momentum = 0.9f;
  cfg.l2 = 1e-4f;
  cfg.augment = r.augment;
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < r.steps; ++i) t.step(r.batch, cfg);
  if (seconds) *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  set_engine_threads(1);
  return m->weights_hash();
}

}  // namespace dlp::test
