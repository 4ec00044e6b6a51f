// "No allocation inside the training step after the first one": every operator new in this
// test binary is counted, and steady-state steps must not add to the count.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "data/dataset.h"
#include "data/trainer.h"
#include "engine/model.h"

namespace {
std::atomic<long> g_allocations{0};
}

void* operator new(std::size_t n) {
  ++g_allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using namespace dlp;

TEST(Memory, TrainingStepsDoNotAllocateAfterTheFirst) {
  Dataset train, test;
  std::string err;
  ASSERT_TRUE(load_dataset("mnist", DLP_DATA_DIR, &train, &test, &err)) << err;
  for (const char* spec_text : {"conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10",
                                "conv3x3x8 relu maxpool2 inception(4,4/8,2/4,4) dropout0.3 dense32 tanh dense10"}) {
    ModelSpec spec;
    SpecError serr;
    ASSERT_TRUE(parse_spec(spec_text, &spec, &serr)) << serr.str();
    auto m = Model::create(spec, train.shape, 10, &serr);
    m->init({InitKind::He, 0, 1});
    Trainer t(m.get(), &train, Normalization::Centered, Seeds{});
    TrainConfig cfg;
    cfg.optimizer = OptimizerKind::Adam;
    cfg.l2 = 1e-4f;
    t.step(32, cfg);  // the first step plans and allocates every buffer
    const long before = g_allocations.load();
    for (int i = 0; i < 20; ++i) t.step(32, cfg);
    EXPECT_EQ(g_allocations.load() - before, 0) << spec_text;
    std::printf("%s: %.2f MB planned at batch 32\n", spec_text, m->memory_bytes(32) / 1e6);
  }
}
