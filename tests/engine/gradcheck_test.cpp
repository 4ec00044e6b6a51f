// Every layer's backward against central finite differences (relative error < 1e-3), on odd sizes.
#include "gradcheck.h"

#include <algorithm>

#include "engine/activation.h"
#include "engine/conv2d.h"
#include "engine/dense.h"
#include "engine/dropout.h"
#include "engine/flatten.h"
#include "engine/inception.h"
#include "engine/pool.h"

using namespace dlp;
using namespace dlp::test;

constexpr double kTol = 1e-3;

TEST(GradCheck, Dense) {
  for (int in : {1, 3, 17}) {
    Dense d(Shape{1, 1, in}, 5);
    auto r = check_layer(d, 3, 11 + in, 0.5f, away_from_zero(0.1f));
    EXPECT_TRUE(r.ok(kTol)) << r.kinks << " kinks of " << r.probes << "; worst " << r.worst << "in=" << in << " " << r.where;
  }
  Dense spatial(Shape{3, 5, 2}, 7);  // reads a spatial input flattened
  auto r = check_layer(spatial, 2, 5, 0.5f, away_from_zero(0.1f));
  EXPECT_TRUE(r.ok(kTol)) << r.kinks << " kinks of " << r.probes << "; worst " << r.worst << r.where;
}

TEST(GradCheck, Activations) {
  for (ActivationKind k : {ActivationKind::ReLU, ActivationKind::Sigmoid, ActivationKind::Tanh}) {
    Activation a(Shape{3, 3, 2}, k);
    auto r = check_layer(a, 2, 3, 1e-2f, away_from_zero(0.05f));
    EXPECT_TRUE(r.ok(kTol)) << r.kinks << " kinks of " << r.probes << "; worst " << r.worst << a.name() << " " << r.where;
  }
}

struct ConvCase { int h, w, c, k, depth, stride; Padding pad; };

TEST(GradCheck, Conv2D) {
  const ConvCase cases[] = {
      {5, 5, 1, 3, 2, 1, Padding::Same},  {5, 5, 1, 3, 2, 1, Padding::Valid}, {7, 6, 3, 5, 4, 2, Padding::Same},
      {7, 7, 2, 3, 3, 2, Padding::Valid}, {4, 5, 3, 1, 5, 1, Padding::Same},  {6, 6, 2, 1, 3, 2, Padding::Valid},
      {3, 3, 2, 5, 2, 1, Padding::Same},  {9, 9, 1, 4, 2, 3, Padding::Same},
  };
  for (const ConvCase& c : cases) {
    Conv2D conv(Shape{c.h, c.w, c.c}, c.k, c.k, c.depth, c.stride, c.pad);
    // Convolution is linear in x and in W, so a large step is exact and drowns float noise.
    auto r = check_layer(conv, 2, 7, 0.5f, away_from_zero(0.1f));
    EXPECT_TRUE(r.ok(kTol)) << r.kinks << " kinks of " << r.probes << "; worst " << r.worst << conv.name() << " on " << c.h << "x" << c.w << "x" << c.c << ": " << r.where;
  }
  Conv2D rect(Shape{6, 7, 2}, 3, 2, 3, 1, Padding::Same);  // non-square patch
  auto r = check_layer(rect, 1, 9, 0.5f, away_from_zero(0.1f));
  EXPECT_TRUE(r.ok(kTol)) << r.kinks << " kinks of " << r.probes << "; worst " << r.worst << r.where;
}

TEST(GradCheck, Pooling) {
  for (PoolKind kind : {PoolKind::Max, PoolKind::Avg})
    for (Padding pad : {Padding::Same, Padding::Valid})
      for (int k : {2, 3})
        for (int s : {1, 2}) {
          Pool p(Shape{7, 5, 3}, kind, k, s, pad);
          auto r = check_layer(p, 2, 13, kind == PoolKind::Avg ? 0.5f : 1e-2f, distinct(0.05f));
          EXPECT_TRUE(r.ok(kTol)) << r.kinks << " kinks of " << r.probes << "; worst " << r.worst << p.name() << " " << r.where;
        }
}

TEST(GradCheck, FlattenAndDropoutAtEvaluation) {
  Flatten f(Shape{3, 2, 2});
  EXPECT_TRUE(check_layer(f, 2, 1, 1e-2f, away_from_zero(0.1f)).ok(kTol));
  Dropout d(Shape{1, 1, 9}, 0.5f);
  EXPECT_TRUE(check_layer(d, 2, 1, 1e-2f, away_from_zero(0.1f)).ok(kTol));
}

// While training, dropout is x * mask / keep with the mask drawn for each forward pass: with the
// same draw replayed for every probe, the gradient is 1 / keep where kept and 0 where dropped.
TEST(GradCheck, DropoutWhileTraining) {
  Dropout d(Shape{2, 2, 5}, 0.4f);
  Rng rng(11);
  d.set_rng(&rng);
  const Rng::State start = rng.state();
  auto r = check_layer(d, 3, 1, 1e-2f, away_from_zero(0.1f), true, [&] { rng.set_state(start); });
  EXPECT_TRUE(r.ok(kTol)) << r.kinks << " kinks of " << r.probes << "; worst " << r.worst << r.where;
  // It really dropped some: the same draw zeroes part of the 60 outputs (check_layer's workspace,
  // which held the mask, is gone: the layer gets its own again).
  std::vector<float> ws(d.workspace_floats(3) + 1), x(60, 1.0f), y(60);
  d.bind_workspace(ws.data(), 3);
  rng.set_state(start);
  d.forward(x.data(), y.data(), 3, true);
  const int zeros = static_cast<int>(std::count(y.begin(), y.end(), 0.0f));
  EXPECT_GT(zeros, 10);
  EXPECT_LT(zeros, 45);
}

// Big enough that the im2col columns are built in several blocks of rows (the weight gradient
// continues its sum from block to block): 2 examples of 12x12 outputs are 288 rows.
TEST(GradCheck, Conv2DAcrossColumnBlocks) {
  Conv2D conv(Shape{12, 12, 8}, 5, 5, 2, 1, Padding::Same);
  ASSERT_LT(conv.block_rows(), 2 * 12 * 12) << "one block would hold every row";
  auto r = check_layer(conv, 2, 5, 0.5f, away_from_zero(0.1f));
  EXPECT_TRUE(r.ok(kTol)) << r.kinks << " kinks of " << r.probes << "; worst " << r.worst << r.where;
}

TEST(GradCheck, Inception) {
  Inception inc(Shape{5, 6, 3}, InceptionSizes{2, 2, 3, 1, 2, 2});
  EXPECT_EQ(inc.out_shape(), (Shape{5, 6, 9}));
  auto r = check_layer(inc, 1, 21, 1e-2f, distinct(0.05f));
  EXPECT_TRUE(r.ok(kTol)) << r.kinks << " kinks of " << r.probes << "; worst " << r.worst << r.where;
}
