// The Inspect panel's unit view (session/unit_view.h): its numbers are the engine's own. For trained
// nets with every kind of unit (convolutions with and without padding, strided, 1x1, dense with
// and without a ReLU after it), at corners (windows over the padding) and inside: z summed term by
// term has the bits of the layer's output, the ReLU's a those of the next layer's, and the chain
// rule's dL/dw and dL/db those of the engine's backward for the same example.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "data/dataset.h"
#include "data/trainer.h"
#include "engine/normalize.h"
#include "session/unit_view.h"
#include "mnist.h"

using namespace dlp;
using dlp::test::mnist;

namespace {

std::unique_ptr<Model> trained(const std::string& spec_text, int steps) {
  ModelSpec spec;
  SpecError err;
  EXPECT_TRUE(parse_spec(resolve_preset(spec_text), &spec, &err)) << err.str();
  auto m = Model::create(spec, Shape{28, 28, 1}, 10, &err);
  EXPECT_TRUE(m) << err.str();
  m->init({InitKind::He, 0, 4});
  Trainer t(m.get(), &mnist().train, Normalization::Centered, Seeds{2, 2, 2});
  for (int i = 0; i < steps; ++i) t.step(16, TrainConfig{});
  return m;
}

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Runs what the Inspect panel runs for one example, then opens `pick`.
UnitReport open(Model& m, const std::vector<float>& x, const UnitPick& pick) {
  std::vector<float> dx(x.size());
  std::vector<std::vector<float>> grads;
  const float* z = m.forward(x.data(), 1, false);
  int pred = 0;
  for (int c = 1; c < m.classes(); ++c) pred = z[c] > z[pred] ? c : pred;
  m.input_gradient(x.data(), static_cast<uint8_t>(pred), dx.data(), &grads);
  return open_unit(m, x.data(), grads, pick);
}

}  // namespace

TEST(UnitView, NumbersAreTheEngines) {
  for (const char* spec : {"lenet", "conv3x3x8-s2 relu conv1x1x4 relu dense32 relu dense10", "conv5x5x6-valid relu avgpool2 dense10"}) {
    auto m = trained(spec, 40);
    std::vector<float> x(784);
    normalize(mnist().train.image(7), 784, Normalization::Centered, x.data());
    Sequence& seq = m->sequence();
    int opened = 0;
    for (size_t l = 0; l < seq.size(); ++l) {
      const Shape o = seq.layer(l).out_shape();
      for (const auto& [y, xx] : std::vector<std::pair<int, int>>{{0, 0}, {o.h - 1, o.w - 1}, {o.h / 2, o.w / 3}})
        for (int c : {0, o.c - 1})
          for (int term : {-1, 0, 5}) {
            const UnitReport r = open(*m, x, UnitPick{static_cast<int>(l), y, xx, c, term});
            const std::string what = std::string(spec) + " layer " + std::to_string(l) + " (" + std::to_string(y) + "," +
                                     std::to_string(xx) + "," + std::to_string(c) + ") term " + std::to_string(term);
            if (r.error.said()) continue;  // pooling and other layers without weights
            ++opened;
            EXPECT_TRUE(same_bits(r.z, r.engine_z)) << what << ": z " << r.z << " vs " << r.engine_z;
            if (r.act >= 0) { EXPECT_TRUE(same_bits(r.a, r.engine_a)) << what << ": a " << r.a << " vs " << r.engine_a; }
            ASSERT_GE(r.term, 0) << what;
            EXPECT_EQ(r.dw, r.engine_dw) << what << ": dL/dw";
            EXPECT_EQ(r.db, r.engine_db) << what << ": dL/db";
            // The largest contribution comes first.
            if (r.top.size() > 1) {
              EXPECT_GE(std::fabs(r.terms[r.top[0]].x * r.terms[r.top[0]].w), std::fabs(r.terms[r.top[1]].x * r.terms[r.top[1]].w));
            }
          }
    }
    EXPECT_GT(opened, 20) << spec;
  }
}

// A ReLU's map opens the unit before it; a pooling map has no unit of its own.
TEST(UnitView, WhatEachMapOpens) {
  auto m = trained("lenet", 5);  // conv relu maxpool conv relu maxpool dense10
  std::vector<float> x(784);
  normalize(mnist().train.image(3), 784, Normalization::Centered, x.data());
  const UnitReport relu = open(*m, x, UnitPick{1, 4, 5, 2, -1});
  EXPECT_EQ(relu.layer, 0);
  EXPECT_EQ(relu.act, 1);
  const UnitReport conv = open(*m, x, UnitPick{3, 4, 5, 2, -1});
  EXPECT_EQ(conv.layer, 3);
  EXPECT_EQ(conv.act, 4);
  EXPECT_EQ(conv.terms.size(), 5u * 5 * 8);
  EXPECT_EQ(conv.positions, 14 * 14);
  const UnitReport pool = open(*m, x, UnitPick{2, 0, 0, 0, -1});
  EXPECT_EQ(pool.error.kind, Fact::UnitNoWeights);
  EXPECT_EQ(pool.error.text, "maxpool2");
  EXPECT_EQ(open(*m, x, UnitPick{9, 0, 0, 0, -1}).error.kind, Fact::UnitNoSuchLayer);
  const UnitReport dense = open(*m, x, UnitPick{6, 0, 0, 9, -1});
  EXPECT_EQ(dense.layer, 6);
  EXPECT_EQ(dense.act, -1);
  EXPECT_EQ(dense.terms.size(), 7u * 7 * 16);
  EXPECT_EQ(dense.positions, 1);
}

// Receptive fields on the input, worked out by hand: conv1 (5x5, SAME) at a corner sees the 3x3
// inside the image; conv2 at (7, 7) sees rows 5-9 of pool1, rows 10-19 of conv1, rows 8-21 of the
// input; a dense unit sees everything; an inception block's field is its widest branch's (5x5).
TEST(UnitView, ReceptiveFields) {
  std::vector<float> x(784);
  normalize(mnist().train.image(0), 784, Normalization::Centered, x.data());
  auto lenet = trained("lenet", 1);
  auto field = [&](Model& m, UnitPick p) { const Region r = open(m, x, p).field; return std::vector<int>{r.y0, r.y1, r.x0, r.x1}; };
  EXPECT_EQ(field(*lenet, {0, 0, 0, 0, -1}), (std::vector<int>{0, 2, 0, 2}));
  EXPECT_EQ(field(*lenet, {3, 7, 7, 0, -1}), (std::vector<int>{8, 21, 8, 21}));
  EXPECT_EQ(field(*lenet, {6, 0, 0, 3, -1}), (std::vector<int>{0, 27, 0, 27}));
  auto strided = trained("conv3x3x4-s2-valid relu dense10", 1);
  EXPECT_EQ(field(*strided, {0, 2, 5, 0, -1}), (std::vector<int>{4, 6, 10, 12}));
  auto inception = trained("inception(4,4/4,4/4,4) conv1x1x4 dense10", 1);
  EXPECT_EQ(field(*inception, {1, 10, 10, 0, -1}), (std::vector<int>{8, 12, 8, 12}));
}
