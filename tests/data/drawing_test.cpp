#include "data/drawing.h"

#include <gtest/gtest.h>

#include <cmath>

#include "data/dataset.h"
#include "paths.h"

using namespace dlp;

TEST(Drawing, ReframingAShiftedMnistDigitGivesItBack) {
  Dataset train, test;
  std::string err;
  ASSERT_TRUE(load_dataset("mnist", dlp::test::data_dir(), &train, &test, &err)) << err;
  double total = 0, unframed = 0;
  const int n = 50;
  for (int i = 0; i < n; ++i) {
    const uint8_t* img = test.image(i * 37);
    // Shift the digit by (+3, -2) pixels: MNIST keeps a 4-pixel margin, so nothing is cut off.
    float shifted[784] = {};
    for (int y = 0; y < 28; ++y)
      for (int x = 0; x < 28; ++x) {
        const int sx = x - 3, sy = y + 2;
        if (sx >= 0 && sx < 28 && sy >= 0 && sy < 28) shifted[y * 28 + x] = img[sy * 28 + sx] / 255.0f;
      }
    uint8_t out[784];
    ASSERT_TRUE(mnist_frame(shifted, 28, 28, out));
    double diff = 0, ink = 0, before = 0;
    for (int p = 0; p < 784; ++p) {
      diff += std::fabs(out[p] - img[p]) / 255.0;
      before += std::fabs(shifted[p] - img[p] / 255.0);
      ink += img[p] / 255.0;
    }
    total += diff / ink;
    unframed += before / ink;
  }
  // The shifted digit differs from its original by more than its own ink (about 1.5); framed
  // again as MNIST framed it (its longer side already fits 20 pixels, its center of mass back on
  // pixel 14), it comes back to within a fiftieth of its ink.
  std::printf("mean |image - original| / ink over %d digits: shifted %.3f, reframed %.3f\n", n, unframed / n, total / n);
  EXPECT_LT(total / n, 0.05);
}

TEST(Drawing, VerticalStrokeIsCenteredAndFitted) {
  std::vector<Stroke> strokes = {{{0.2f, 0.1f}, {0.25f, 0.9f}}};
  std::vector<float> pad(140 * 140);
  rasterize_strokes(strokes, 0.06f, 140, pad.data());
  uint8_t out[784];
  ASSERT_TRUE(mnist_frame(pad.data(), 140, 140, out));
  int top = 28, bottom = -1;
  double mass = 0, mx = 0;
  for (int y = 0; y < 28; ++y)
    for (int x = 0; x < 28; ++x)
      if (out[y * 28 + x] > 30) { top = std::min(top, y); bottom = std::max(bottom, y); mass += out[y * 28 + x]; mx += out[y * 28 + x] * x; }
  EXPECT_NEAR(bottom - top + 1, 20, 1);   // the long side fits 20 pixels
  EXPECT_NEAR(mx / mass, 14.0, 0.5);      // centered by mass on pixel 14, as MNIST's digits are
  uint8_t blank[784];
  std::vector<float> empty(100, 0.0f);
  EXPECT_FALSE(mnist_frame(empty.data(), 10, 10, blank));
}
