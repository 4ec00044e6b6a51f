// Every layer's backward against central finite differences (relative error < 1e-3), on odd sizes.
#include "gradcheck.h"

#include <algorithm>

#include "engine/activation.h"
#include "engine/batchnorm.h"
#include "engine/conv2d.h"
#include "engine/dense.h"
#include "engine/dropout.h"
#include "engine/flatten.h"
#include "engine/inception.h"
#include "engine/layer_type.h"
#include "engine/pool.h"
#include "engine/residual.h"

using namespace dlp;
using namespace dlp::test;

constexpr double kTol = 1e-3;
// Layers that are curved rather than piecewise linear (normalization, tanh) leave a second-order
// error and flag more probes as kinks (the one-sided slopes differ by curvature): 1% and 10% of
// probes. A wrong term in a backward formula is off by tens of percent.
bool curved_ok(const GradCheckResult& r) { return r.worst < 1e-2 && r.kinks * 10 <= r.probes; }

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

// Inputs whose channels are not a multiple of 4 take dx through dcols, built in several blocks
// of rows here (2 examples of 12x12 outputs are 288 rows); 8 channels take the direct kernel. The
// weight gradient continues its sum from example to example in both.
TEST(GradCheck, Conv2DAcrossColumnBlocks) {
  for (int channels : {6, 8}) {
    Conv2D conv(Shape{12, 12, channels}, 5, 5, 2, 1, Padding::Same);
    if (channels == 6) {
      ASSERT_LT(conv.block_rows(), 2 * 12 * 12) << "one block would hold every row";
    }
    auto r = check_layer(conv, 2, 5, 0.5f, away_from_zero(0.1f));
    EXPECT_TRUE(r.ok(kTol)) << channels << " channels: " << r.kinks << " kinks of " << r.probes << "; worst " << r.worst << r.where;
  }
}

TEST(GradCheck, Inception) {
  Inception inc(Shape{5, 6, 3}, InceptionSizes{2, 2, 3, 1, 2, 2});
  EXPECT_EQ(inc.out_shape(), (Shape{5, 6, 9}));
  auto r = check_layer(inc, 1, 21, 1e-2f, distinct(0.05f));
  EXPECT_TRUE(r.ok(kTol)) << r.kinks << " kinks of " << r.probes << "; worst " << r.worst << r.where;
}

// Training: the batch's mean and variance depend on every input, so dx has the two extra terms;
// evaluation: the running statistics are constants. After a convolution (per channel over the
// batch and pixels) and after a dense layer (per unit over the batch).
TEST(GradCheck, BatchNormTrainingAndEvaluation) {
  for (bool training : {true, false})
    for (Shape in : {Shape{2, 3, 4}, Shape{1, 1, 7}}) {
      BatchNorm bn(in);
      auto r = check_layer(bn, 8, 17, 1e-2f, away_from_zero(0.1f), training);
      EXPECT_TRUE(curved_ok(r)) << (training ? "training " : "evaluation ") << in.str() << ": " << r.kinks << " kinks of "
                              << r.probes << "; worst " << r.worst << r.where;
    }
}

// Training-mode statistics: each channel of the output has mean beta and variance gamma^2 (up
// to eps), and the running statistics moved 10% towards the batch's (unbiased variance).
TEST(BatchNorm, NormalizesEachChannelAndTracksRunningStatistics) {
  const Shape in{2, 2, 3};
  const int batch = 4;
  BatchNorm bn(in);
  std::vector<float> params(bn.param_count()), grads(bn.param_count());
  bn.bind_params(params.data(), grads.data());
  const float gamma[3] = {1.0f, 2.0f, 0.5f}, beta[3] = {0.0f, -1.0f, 3.0f};
  for (int c = 0; c < 3; ++c) { params[c] = gamma[c]; params[3 + c] = beta[c]; params[6 + c] = 0.0f; params[9 + c] = 1.0f; }
  std::vector<float> ws(bn.workspace_floats(batch)), x(in.size() * batch), y(x.size());
  bn.bind_workspace(ws.data(), batch);
  Rng rng(3);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(rng.normal() * (1 + i % 3) + i % 3);
  bn.forward(x.data(), y.data(), batch, true);
  for (int c = 0; c < 3; ++c) {
    double mx = 0, my = 0, vx = 0, vy = 0;
    const int n = 4 * batch;
    for (int r = 0; r < n; ++r) { mx += x[r * 3 + c]; my += y[r * 3 + c]; }
    mx /= n; my /= n;
    for (int r = 0; r < n; ++r) { vx += (x[r * 3 + c] - mx) * (x[r * 3 + c] - mx); vy += (y[r * 3 + c] - my) * (y[r * 3 + c] - my); }
    EXPECT_NEAR(my, beta[c], 1e-5);
    EXPECT_NEAR(vy / n, gamma[c] * gamma[c], 1e-3 * gamma[c] * gamma[c]);
    EXPECT_NEAR(params[6 + c], 0.1 * mx, 1e-5);
    EXPECT_NEAR(params[9 + c], 0.9 + 0.1 * vx / (n - 1), 1e-5);
  }
  // Evaluation uses the running statistics: one example gives the same answer alone or in a batch.
  std::vector<float> one(in.size());
  bn.forward(x.data(), y.data(), batch, false);
  bn.forward(x.data() + in.size(), one.data(), 1, false);
  for (size_t i = 0; i < in.size(); ++i) EXPECT_EQ(one[i], y[in.size() + i]);
}

// y = x + F(x) with F = conv tanh conv (and with BatchNorm inside): dx = dy + F's. tanh, not ReLU,
// inside: a ReLU switching under a nudge two layers deep hides below the kink test.
TEST(GradCheck, Residual) {
  for (const char* body : {"conv3x3x3 tanh conv3x3x3", "conv3x3x3 batchnorm tanh conv1x1x3"}) {
    std::vector<LayerSpec> layers;
    SpecError err;
    ASSERT_TRUE(parse_layers(body, 0, std::string(body).size(), &layers, &err, SpecLimits{})) << err.str();
    Sequence seq(Shape{4, 5, 3});
    size_t params = 0;
    ASSERT_TRUE(build_layers(layers, Shape{4, 5, 3}, SpecLimits{}, &seq, &params, &err)) << err.str();
    Residual res(std::move(seq));
    auto r = check_layer(res, 2, 23, 1e-2f, distinct(0.01f), true);
    EXPECT_TRUE(curved_ok(r)) << body << ": " << r.kinks << " kinks of " << r.probes << "; worst " << r.worst << r.where;
  }
}

// Inspect's weight pictures read the layers' layouts: a dense unit's template pixel (y, x) is its
// weight for input (y, x, channel 0); a convolution's patch pixel (i, j) is W[i, j, 0, o].
TEST(Layers, WeightImagesReadTheLayout) {
  // Numbers the layer's parameters 0, 1, 2, ... and returns picture i (its size checked).
  std::vector<float> p, g;
  auto picture = [&](Layer& l, int i, Layer::Images want) {
    p.resize(l.param_count());
    g.resize(p.size());
    for (size_t k = 0; k < p.size(); ++k) p[k] = static_cast<float>(k);
    l.bind_params(p.data(), g.data());
    const Layer::Images got = l.weight_images();
    EXPECT_EQ(got.count, want.count);
    EXPECT_EQ(got.w, want.w);
    EXPECT_EQ(got.h, want.h);
    std::vector<float> img(static_cast<size_t>(got.w) * got.h);
    l.weight_image(i, img.data());
    return img;
  };
  Dense d(Shape{3, 4, 2}, 5);
  const std::vector<float> unit3 = picture(d, 3, {5, 4, 3});
  EXPECT_EQ(unit3[1 * 4 + 2], p[((1 * 4 + 2) * 2 + 0) * 5 + 3]);
  EXPECT_EQ(Dense(Shape{1, 1, 7}, 3).weight_images().count, 0);
  Conv2D c(Shape{6, 6, 3}, 2, 3, 4, 1, Padding::Same);
  const std::vector<float> channel2 = picture(c, 2, {4, 3, 2});
  EXPECT_EQ(channel2[1 * 3 + 1], p[((1 * 3 + 1) * 3 + 0) * 4 + 2]);
}
