// "No allocation inside the training step after the first one": every operator new in this
// test binary is counted, and steady-state steps must not add to the count. And the memory figure
// that decides whether the page refuses a model is what the model really allocates.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "data/dataset.h"
#include "data/trainer.h"
#include "engine/model.h"
#include "paths.h"

namespace {
std::atomic<long> g_allocations{0};
std::atomic<long> g_live_bytes{0};  // bytes from operator new not yet deleted
constexpr size_t kHeader = 16;      // the size, kept in front of each block (keeps 16-byte alignment)
}

void* operator new(std::size_t n) {
  ++g_allocations;
  if (char* p = static_cast<char*>(std::malloc(n + kHeader))) {
    *reinterpret_cast<size_t*>(p) = n;
    g_live_bytes += static_cast<long>(n);
    return p + kHeader;
  }
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  if (!p) return;
  char* block = static_cast<char*>(p) - kHeader;
  g_live_bytes -= static_cast<long>(*reinterpret_cast<size_t*>(block));
  std::free(block);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }

using namespace dlp;

TEST(Memory, TrainingStepsDoNotAllocateAfterTheFirst) {
  Dataset train, test;
  std::string err;
  ASSERT_TRUE(load_dataset("mnist", dlp::test::data_dir(), &train, &test, &err)) << err;
  for (const char* spec_text : {"conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10",
                                "conv3x3x8 relu maxpool2 inception(4,4/8,2/4,4) dropout0.3 dense32 tanh dense10",
                                "conv3x3x8 batchnorm relu maxpool2 residual(conv3x3x8 batchnorm relu conv3x3x8) dense16 batchnorm relu dense10"}) {
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

// Model::estimate_bytes (which refuses a model before anything is allocated) and memory_bytes
// (the Model panel's figure) against the bytes a model really holds after its first Adam step:
// parameters, gradients, optimizer state, activations and workspaces.
TEST(Memory, TheEstimateIsWhatAModelAllocates) {
  const int batch = 32;
  std::vector<float> x(static_cast<size_t>(batch) * 784, 0.5f);
  std::vector<uint8_t> y(batch);
  for (int i = 0; i < batch; ++i) y[i] = static_cast<uint8_t>(i % 10);
  TrainConfig cfg;
  cfg.optimizer = OptimizerKind::Adam;
  auto held_by = [&](const char* spec_text, size_t* estimate) -> long {
    ModelSpec spec;
    SpecError serr;
    EXPECT_TRUE(parse_spec(spec_text, &spec, &serr)) << serr.str();
    *estimate = Model::estimate_bytes(spec, Shape{28, 28, 1}, 10, batch);
    const long before = g_live_bytes.load();
    auto m = Model::create(spec, Shape{28, 28, 1}, 10, &serr);
    m->init({InitKind::He, 0, 1});
    m->train_step(x.data(), y.data(), nullptr, batch, cfg);
    EXPECT_EQ(m->memory_bytes(batch), *estimate) << spec_text;
    return g_live_bytes.load() - before;
  };
  // The GEMMs' packing buffers are in the layers' workspaces: nothing is allocated outside the
  // model, so the first build is measured as it is.
  for (const char* spec_text : {"dense256 relu dense10", "conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10",
                                "conv3x3x8-s2 relu avgpool2 dropout0.3 dense32 tanh dense10",
                                "conv3x3x16 relu maxpool2 inception(8,8/16,4/8,8) maxpool2 dense10",
                                "conv3x3x8 batchnorm relu maxpool2 residual(conv3x3x8 batchnorm relu conv3x3x8) relu dense10"}) {
    size_t estimate = 0;
    const long held = held_by(spec_text, &estimate);
    std::printf("%s: estimate %.3f MB, allocated %.3f MB\n", spec_text, estimate / 1e6, held / 1e6);
    // Floats are all of it but the layer objects and small vectors: within 1%.
    EXPECT_GE(static_cast<double>(estimate), 0.99 * static_cast<double>(held)) << spec_text;
    EXPECT_LE(static_cast<double>(estimate), 1.01 * static_cast<double>(held)) << spec_text;
  }
}
