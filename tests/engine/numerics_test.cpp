// Numerics rules (engine/numerics.h): rule 2 flushes subnormals where training makes them. Runs
// that make them (momentum, Adam, a raised learning rate; a Gaussian start leaves many units
// nearly idle, whose momentum then decays through the subnormal range) keep none under rule 2,
// and give the same bits in every build: the hashes below are checked natively and in wasm.
#include <gtest/gtest.h>

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "data/trainer.h"
#include "engine/model.h"
#include "mnist.h"

using namespace dlp;
using dlp::test::mnist;

namespace {

size_t subnormals(const float* p, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; ++i) c += std::fpclassify(p[i]) == FP_SUBNORMAL;
  return c;
}

struct RunResult {
  size_t in_params = 0, in_state = 0;
  uint64_t hash = 0;
};

// dense64 relu dense10 from a Gaussian start (sigma 0.1), batch 8, for `steps` steps.
RunResult train(const TrainConfig& cfg, int steps) {
  ModelSpec spec;
  SpecError err;
  EXPECT_TRUE(parse_spec("dense64 relu dense10", &spec, &err));
  auto m = Model::create(spec, Shape{28, 28, 1}, 10, &err);
  m->init(InitConfig{InitKind::Gaussian, 0.1f, 1});
  Trainer t(m.get(), &mnist().train, Normalization::Centered, Seeds{});
  for (int i = 0; i < steps; ++i) t.step(8, cfg);
  const Optimizer& o = m->optimizer();
  RunResult r;
  r.in_params = subnormals(m->param_block(), m->param_count());
  r.in_state = subnormals(o.first_moment().data(), o.first_moment().size()) + subnormals(o.second_moment().data(), o.second_moment().size());
  r.hash = m->weights_hash();
  return r;
}

}  // namespace

TEST(Numerics, FlushedRunsKeepNoSubnormalsAndTheSameBitsEverywhere) {
  struct Setting {
    const char* name;
    TrainConfig cfg;
    uint64_t hash;  // rule 2's weights after 1,000 steps, the same natively and in wasm
  };
  TrainConfig momentum, adam, raised;
  momentum.lr = 0.05f, momentum.momentum = 0.9f;
  adam.optimizer = OptimizerKind::Adam, adam.lr = 0.001f;
  raised.lr = 0.2f, raised.momentum = 0.9f;
  const Setting settings[] = {{"SGD 0.05, momentum 0.9", momentum, 0x6f0e3fd93b750d68ull},
                              {"Adam 0.001", adam, 0x15493b567878e431ull},
                              {"SGD 0.2, momentum 0.9", raised, 0xf728182288e68983ull}};
  for (const Setting& s : settings) {
    TrainConfig old = s.cfg, flushed = s.cfg;
    old.numerics = 1;
    flushed.numerics = 2;
    const RunResult r1 = train(old, 1000), r2 = train(flushed, 1000);
    std::printf("%s, 1000 steps: rule 1 leaves %zu subnormals in the weights and %zu in the optimizer's state; "
                "rule 2 %zu and %zu, weights hash %016" PRIx64 "\n",
                s.name, r1.in_params, r1.in_state, r2.in_params, r2.in_state, r2.hash);
    EXPECT_GT(r1.in_params + r1.in_state, 1000u) << s.name << ": the setting makes subnormals";
    EXPECT_EQ(r2.in_params, 0u) << s.name;
    EXPECT_EQ(r2.in_state, 0u) << s.name;
    EXPECT_EQ(r2.hash, s.hash) << s.name;
  }
}
