// The lessons' numbers against independent values.
#include <gtest/gtest.h>

#include <cmath>

#include "course/lesson_math.h"
#include "course/lessons.h"
#include "engine/padding.h"
#include "engine/softmax.h"
#include "engine/spec.h"
#include "paths.h"

using namespace dlp;

TEST(Lessons, NumericalStabilityOfTheCourse) {
  // The course: 1e9 + 1e-6 a million times, minus 1e9, prints 0.953674316406 in float64.
  EXPECT_NEAR(accumulate_f64(1e9, 1e-6, 1000000), 0.953674316406, 5e-13);
  // In float32 1e-6 is far below half an ulp of 1e9 (64): every addition is lost.
  EXPECT_EQ(accumulate_f32(1e9f, 1e-6f, 1000000), 0.0f);
  EXPECT_NEAR(accumulate_f64(0, 1e-6, 1000000), 1.0, 1e-9);
  const auto naive = naive_softmax({1000, 999, 998});
  EXPECT_TRUE(std::isnan(naive[0]));  // inf / inf
  const float s[3] = {1000, 999, 998};
  float p[3];
  softmax(s, 3, 1.0f, p);
  EXPECT_NEAR(p[0], 0.66524096, 1e-6);
}

TEST(Lessons, SoftmaxAndCrossEntropy) {
  const float s[3] = {3.0f, 1.0f, 0.2f};
  float p[3];
  softmax(s, 3, 1.0f, p);
  EXPECT_NEAR(p[0], 0.8360188, 1e-6);  // numpy's answer for the course's scores
  const float L[3] = {1, 0, 0};
  EXPECT_NEAR(cross_entropy(p, L, 3), -std::log(0.8360188), 1e-6);
}

TEST(Lessons, OutputSizesStrideAndPadding) {
  EXPECT_EQ(window_1d(28, 5, 1, Padding::Same).out, 28);
  EXPECT_EQ(window_1d(28, 5, 1, Padding::Valid).out, 24);
  EXPECT_EQ(window_1d(28, 5, 2, Padding::Same).out, 14);
  EXPECT_EQ(window_1d(28, 5, 2, Padding::Valid).out, 12);
  EXPECT_EQ(window_1d(7, 3, 3, Padding::Valid).out, 2);
}

TEST(Lessons, ParameterCounts) {
  // Weight sharing: a 28x28 -> 28x28x8 dense layer vs a 5x5x8 convolution.
  EXPECT_EQ(dense_params(784, 784 * 8), 784L * 6272 + 6272);
  EXPECT_EQ(conv_params(5, 5, 1, 8), 208);
  // 1x1 reduction before a 5x5 on 28x28x192 -> 32 (GoogLeNet's example): 120M vs 12.4M multiply-adds.
  EXPECT_EQ(conv_macs(28, 28, 5, 192, 32), 120422400L);
  EXPECT_EQ(conv_macs(28, 28, 1, 192, 16) + conv_macs(28, 28, 5, 16, 32), 12443648L);
  // An inception block vs a plain 5x5 layer of the same output depth on the same input.
  ModelSpec a, b;
  SpecError e;
  ModelInfo ia, ib;
  ASSERT_TRUE(parse_spec("conv3x3x16 inception(8,8/16,4/8,8) dense10", &a, &e));
  ASSERT_TRUE(parse_spec("conv3x3x16 conv5x5x40 dense10", &b, &e));
  ASSERT_TRUE(infer_shapes(a, Shape{28, 28, 1}, 10, &ia, &e));
  ASSERT_TRUE(infer_shapes(b, Shape{28, 28, 1}, 10, &ib, &e));
  EXPECT_EQ(ia.layers[1].params, (16 * 8 + 8) + (16 * 8 + 8) + (9 * 8 * 16 + 16) + (16 * 4 + 4) + (25 * 4 * 8 + 8) + (16 * 8 + 8));
  EXPECT_EQ(ib.layers[1].params, 25u * 16 * 40 + 40);
  EXPECT_LT(ia.layers[1].params * 4, ib.layers[1].params);
}

TEST(Lessons, ChainRuleMatchesFiniteDifferences) {
  const ChainRule r = chain_rule(1.5, 0.3, 0.8, 0.1, -1.2, 0.05);
  EXPECT_NEAR(r.dw1, r.nw1, 1e-6);
  EXPECT_NEAR(r.db1, r.nb1, 1e-6);
  EXPECT_NEAR(r.dw2, r.nw2, 1e-6);
  EXPECT_NEAR(r.db2, r.nb2, 1e-6);
  EXPECT_NEAR(r.y, std::fmax(0.0, 0.8 * 1.5 + 0.1) * -1.2 + 0.05, 1e-12);
}

TEST(Lessons, GradientDescentConvergesOrDiverges) {
  const auto slow = descent_path(2, 2, 0.05f, 200, 0, 1);
  EXPECT_LT(bowl_loss(slow[slow.size() - 2], slow.back()), 1e-3f);
  const auto wild = descent_path(2, 2, 0.25f, 200, 0, 1);  // lr above 2 / 10: the steep direction explodes
  EXPECT_LT(wild.size(), 402u);
  std::vector<float> xy;
  std::vector<uint8_t> y;
  two_spirals(200, 1, &xy, &y);
  EXPECT_EQ(y[0], 0);
  EXPECT_EQ(y[1], 1);
}

// The panels a lesson's text sends the student to, each offered by a button when it is not shown.
TEST(Lessons, PanelsALessonUsesAreFoundInItsText) {
  EXPECT_EQ(panels_a_lesson_uses("press Train and compare the two in the Train panel."), (std::vector<std::string>{"Train"}));
  EXPECT_EQ(panels_a_lesson_uses("its templates appear under Inspect > Weights; the Train panel plots it"),
            (std::vector<std::string>{"Train", "Inspect"}));
  EXPECT_TRUE(panels_a_lesson_uses("Training means finding W and b.").empty());
  const std::vector<Lesson> lessons = load_lessons(dlp::test::source_path("assets/lessons"));
  const int k = find_lesson(lessons, "normalization");
  ASSERT_GE(k, 0);
  EXPECT_EQ(panels_a_lesson_uses(lessons[static_cast<size_t>(k)].body), (std::vector<std::string>{"Train"}));
}
