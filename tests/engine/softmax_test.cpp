#include "engine/softmax.h"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/detmath.h"

using namespace dlp;

TEST(Softmax, CourseScores) {
  // The course's example: scores 3.0, 1.0, 0.2 -> 0.8360188, 0.11314284, 0.05083836 (numpy).
  const float s[3] = {3.0f, 1.0f, 0.2f};
  float p[3];
  softmax(s, 3, 1.0f, p);
  EXPECT_NEAR(p[0], 0.8360188, 1e-6);
  EXPECT_NEAR(p[1], 0.11314284, 1e-6);
  EXPECT_NEAR(p[2], 0.05083836, 1e-6);
}

TEST(Softmax, TemperatureSharpensAndFlattens) {
  const float s[3] = {3.0f, 1.0f, 0.2f};
  float sharp[3], flat[3];
  softmax(s, 3, 0.1f, sharp);  // scores x10
  softmax(s, 3, 10.0f, flat);  // scores /10
  EXPECT_GT(sharp[0], 0.999999);
  EXPECT_LT(sharp[2], 1e-6);
  // x10: one-hot-like; /10: within 0.1 of each other, near uniform (0.388, 0.318, 0.294).
  EXPECT_LT(flat[0] - flat[2], 0.1f);
  EXPECT_GT(flat[2], 0.25f);
}

TEST(Softmax, StableForHugeScores) {
  const float s[4] = {1e4f, -1e4f, 9999.0f, 0.0f};
  float p[4];
  softmax(s, 4, 1.0f, p);
  for (float v : p) EXPECT_TRUE(std::isfinite(v));
  EXPECT_NEAR(p[0], 1.0 / (1.0 + std::exp(-1.0)), 1e-6);

  const uint8_t label = 1;
  float probs[4], grad[4];
  const float loss = softmax_cross_entropy(s, &label, nullptr, 1, 4, probs, grad);
  EXPECT_TRUE(std::isfinite(loss));
  EXPECT_NEAR(loss, 2e4 + std::log1p(std::exp(-1.0)), 1.0);  // float spacing at 2e4 is 2e-3
  for (float g : grad) EXPECT_TRUE(std::isfinite(g));
}

TEST(CrossEntropy, AsymmetricAndMatchesFormula) {
  const float S[3] = {0.7f, 0.2f, 0.1f}, L[3] = {1.0f, 0.0f, 0.0f};
  EXPECT_NEAR(cross_entropy(S, L, 3), -std::log(0.7), 1e-7);
  // D(L, S) takes log of the zeros in L: infinite.
  EXPECT_TRUE(std::isinf(cross_entropy(L, S, 3)));
}

TEST(CrossEntropy, FusedEqualsSoftmaxThenLog) {
  const float z[2 * 5] = {0.1f, -2.0f, 3.5f, 0.0f, 1.0f, 7.0f, 7.0f, -1.0f, 0.5f, 2.0f};
  const uint8_t y[2] = {2, 4};
  float probs[10], grad[10];
  const float loss = softmax_cross_entropy(z, y, nullptr, 2, 5, probs, grad);
  double ref = 0;
  for (int b = 0; b < 2; ++b) {
    double mx = -1e30, sum = 0;
    for (int i = 0; i < 5; ++i) mx = std::max(mx, double(z[b * 5 + i]));
    for (int i = 0; i < 5; ++i) sum += std::exp(z[b * 5 + i] - mx);
    ref += -(z[b * 5 + y[b]] - mx - std::log(sum));
    for (int i = 0; i < 5; ++i) {
      const double p = std::exp(z[b * 5 + i] - mx) / sum;
      EXPECT_NEAR(probs[b * 5 + i], p, 1e-6);
      EXPECT_NEAR(grad[b * 5 + i], (p - (i == y[b])) / 2, 1e-6);
    }
  }
  EXPECT_NEAR(loss, ref / 2, 1e-5);
}

TEST(DetMath, ExpAndLogAgreeWithLibm) {
  for (float x = -87.0f; x < 88.0f; x += 0.37f) {
    const double want = std::exp(double(x));
    EXPECT_NEAR(det_expf(x) / want, 1.0, 4e-7) << "x=" << x;
  }
  for (double x : {1e-300, 1e-10, 0.5, 1.0, 1.5, 2.0, 3.14159, 1e10, 1e300}) EXPECT_NEAR(det_log(x), std::log(x), 1e-14 * std::max(1.0, std::fabs(std::log(x))));
  EXPECT_EQ(det_expf(-1000.0f), 0.0f);
  EXPECT_TRUE(std::isinf(det_expf(1000.0f)));
}
