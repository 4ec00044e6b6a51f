// Augmentation (data/augment.h): each example's transform is a function of its seed alone, within
// its ranges; the identity and a pure shift move pixels exactly; strokes get thicker or thinner;
// and training with it gives the same bits natively and in wasm (the fixed hash below).
#include <gtest/gtest.h>

#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "data/augment.h"
#include "data/trainer.h"
#include "engine/model.h"
#include "mnist.h"
#include "models.h"

using namespace dlp;
using dlp::test::make_model;
using dlp::test::mnist;

namespace {
double ink(const uint8_t* p) { double s = 0; for (int i = 0; i < 784; ++i) s += p[i]; return s; }
void centre(const uint8_t* p, double* cx, double* cy) {
  double s = 0, x = 0, y = 0;
  for (int i = 0; i < 784; ++i) { s += p[i]; x += p[i] * (i % 28); y += p[i] * (i / 28); }
  *cx = x / s; *cy = y / s;
}
}  // namespace

TEST(Augment, EachExampleItsOwnTransformWithinItsRanges) {
  int strokes[3] = {};
  float lo = 1, hi = -1;
  for (uint32_t k = 0; k < 2000; ++k) {
    const Augmentation a = draw_augmentation(augmentation_seed(1, 0, k)), b = draw_augmentation(augmentation_seed(1, 0, k));
    ASSERT_EQ(a.angle, b.angle);
    ASSERT_EQ(a.dx, b.dx);
    ASSERT_LE(std::fabs(a.angle), 0.21f);
    ASSERT_TRUE(a.scale >= 0.9f && a.scale <= 1.1f);
    ASSERT_LE(std::fabs(a.shear), 0.15f);
    ASSERT_TRUE(std::fabs(a.dx) <= 2 && std::fabs(a.dy) <= 2);
    ++strokes[a.stroke + 1];
    lo = std::min(lo, a.angle), hi = std::max(hi, a.angle);
  }
  EXPECT_LT(lo, -0.18f);
  EXPECT_GT(hi, 0.18f);
  for (int n : strokes) EXPECT_GT(n, 350);  // a quarter, a half, a quarter
  // Another epoch, another example, another order seed: another transform.
  const float a = draw_augmentation(augmentation_seed(1, 0, 7)).angle;
  EXPECT_NE(a, draw_augmentation(augmentation_seed(1, 1, 7)).angle);
  EXPECT_NE(a, draw_augmentation(augmentation_seed(1, 0, 8)).angle);
  EXPECT_NE(a, draw_augmentation(augmentation_seed(2, 0, 7)).angle);
}

TEST(Augment, IdentityAndShiftMovePixelsExactly) {
  const uint8_t* d = mnist().test.image(0);
  uint8_t out[784];
  augment_digit(d, Augmentation{}, out);
  for (int i = 0; i < 784; ++i) ASSERT_EQ(out[i], d[i]) << i;
  Augmentation shift;
  shift.dx = 2;
  shift.dy = -1;
  augment_digit(d, shift, out);
  for (int y = 0; y < 28; ++y)
    for (int x = 0; x < 28; ++x) {
      const int sx = x - 2, sy = y + 1;
      ASSERT_EQ(out[y * 28 + x], sx >= 0 && sy < 28 ? d[sy * 28 + sx] : 0) << x << "," << y;
    }
}

TEST(Augment, StrokesThickerOrThinnerAndTheDigitStaysInTheFrame) {
  const uint8_t* d = mnist().test.image(1);
  uint8_t thick[784], thin[784];
  Augmentation a;
  a.stroke = 1;
  augment_digit(d, a, thick);
  a.stroke = -1;
  augment_digit(d, a, thin);
  EXPECT_GT(ink(thick), 1.2 * ink(d));
  EXPECT_LT(ink(thin), 0.85 * ink(d));
  double cx0, cy0;
  centre(d, &cx0, &cy0);
  for (uint32_t k = 0; k < 200; ++k) {
    const uint8_t* img = mnist().test.image(k);
    uint8_t out[784];
    augment_digit(img, draw_augmentation(augmentation_seed(3, 0, k)), out);
    const double r = ink(out) / ink(img);
    ASSERT_TRUE(r > 0.4 && r < 2.2) << k << ": ink x" << r;  // a scale of 0.9-1.1 squared, a stroke 0.7-1.5 times
    double ax, ay, bx, by;
    centre(img, &ax, &ay);
    centre(out, &bx, &by);
    ASSERT_LT(std::hypot(bx - ax, by - ay), 4.5) << k;
  }
}

// Training with augmentation: the same weights natively and in wasm.
TEST(Augment, TrainingWithItIsFixed) {
  auto m = make_model("conv3x3x4 relu maxpool2 dense32 relu dense10", {InitKind::He, 0.1f, 5});
  ASSERT_TRUE(m);
  Trainer t(m.get(), &mnist().train, Normalization::Centered, Seeds{5, 6, 7});
  TrainConfig cfg;
  cfg.optimizer = OptimizerKind::Adam;
  cfg.lr = 0.002f;
  cfg.augment = 1;
  for (int i = 0; i < 30; ++i) t.step(16, cfg);
  const uint64_t h = m->weights_hash();
  std::printf("weights hash after 30 augmented steps: %016" PRIx64 "\n", h);
  EXPECT_EQ(h, 0x430f1e51d17f53d6ull);
}

TEST(Augment, PresetsAugmentDigitsOnly) {
  EXPECT_TRUE(presets_augment("mnist"));
  EXPECT_FALSE(presets_augment("fashion"));  // dlp-train's default and the Data panel's switch both ask here
}
