// The engine on several threads gives the same bits as on one: every model kind trained with 1,
// 2, 3 and 4 threads ends with the same weights hash. (A build without threads, wasm here, runs
// the same test on one thread.)
#include <gtest/gtest.h>

#include <cinttypes>
#include <cstdio>
#include <vector>

#include "data/dataset.h"
#include "data/trainer.h"
#include "engine/model.h"
#include "engine/parallel.h"

using namespace dlp;

namespace {
const Dataset& mnist_train() {
  static Dataset train, test;
  static bool loaded = false;
  if (!loaded) {
    std::string err;
    if (!load_dataset("mnist", DLP_DATA_DIR, &train, &test, &err)) ADD_FAILURE() << err;
    loaded = true;
  }
  return train;
}

uint64_t train_hash(const std::string& spec_text, int threads, int batch, int steps) {
  set_engine_threads(threads);
  ModelSpec spec;
  SpecError err;
  EXPECT_TRUE(parse_spec(resolve_preset(spec_text), &spec, &err)) << err.str();
  auto m = Model::create(spec, Shape{28, 28, 1}, 10, &err);
  EXPECT_TRUE(m) << err.str();
  if (!m) return 0;
  m->init({InitKind::He, 0, 3});
  Trainer t(m.get(), &mnist_train(), Normalization::Centered, Seeds{3, 4, 5});
  TrainConfig cfg;
  cfg.lr = 0.02f;
  cfg.momentum = 0.9f;
  cfg.l2 = 1e-4f;
  for (int i = 0; i < steps; ++i) t.step(batch, cfg);
  set_engine_threads(1);
  return m->weights_hash();
}
}  // namespace

TEST(Threads, PartsCoverTheRangeOnceInGrains) {
  for (int threads : {1, 2, 3, 4, 7}) {
    set_engine_threads(threads);
    for (size_t n : {0u, 1u, 5u, 8u, 33u, 1000u})
      for (size_t grain : {1u, 4u, 8u}) {
        std::vector<int> hits(n, 0);
        std::vector<int> parts_seen(kMaxEngineThreads, 0);
        parallel_for(n, grain, [&](int part, size_t b, size_t e) {
          parts_seen[part]++;
          if (b % grain != 0) ADD_FAILURE() << "part " << part << " begins off its grain at " << b;
          for (size_t i = b; i < e; ++i) hits[i]++;
        });
        for (size_t i = 0; i < n; ++i) ASSERT_EQ(hits[i], 1) << "n " << n << " grain " << grain << " index " << i;
        for (int p = 0; p < kMaxEngineThreads; ++p) EXPECT_LE(parts_seen[p], 1);
        EXPECT_LE(parallel_parts(n, grain), engine_threads_supported() ? threads : 1);
        if (engine_threads_supported() && n >= 1000) EXPECT_EQ(parallel_parts(n, grain), threads) << "every thread gets a part";
      }
  }
  set_engine_threads(1);
}

TEST(Threads, SameWeightsForEveryThreadCount) {
  if (!engine_threads_supported()) std::printf("this build runs on one thread: the counts below all run on one\n");
  const struct { const char* spec; int batch, steps; } runs[] = {
      {"lenet", 32, 12},
      {"relu", 32, 12},
      {"conv3x3x8-s2 relu avgpool2 dropout0.3 dense32 tanh dense10", 17, 10},
      {"conv3x3x6 relu conv1x1x4 relu maxpool2 inception(2,2/4,2/2,2) dense10", 8, 6},
      {"conv3x3x4 batchnorm relu maxpool2 residual(conv3x3x4 batchnorm relu conv3x3x4) dense16 batchnorm relu dense10", 9, 8},
  };
  for (const auto& r : runs) {
    const uint64_t one = train_hash(r.spec, 1, r.batch, r.steps);
    for (int threads : {2, 3, 4}) {
      const uint64_t h = train_hash(r.spec, threads, r.batch, r.steps);
      EXPECT_EQ(h, one) << r.spec << " with " << threads << " threads";
    }
    std::printf("%s: %016" PRIx64 " with 1 to 4 threads\n", r.spec, one);
  }
}
