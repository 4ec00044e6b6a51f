#include "data/augment.h"

#include <algorithm>

#include "engine/rng.h"

namespace dlp {

namespace {

// sin and cos of |x| <= 0.25 by their Taylor series to degree 9 and 8 (error below 1e-9).
void small_sincos(float x, float* s, float* c) {
  const float x2 = x * x;
  *s = x * (1.0f - x2 / 6.0f * (1.0f - x2 / 20.0f * (1.0f - x2 / 42.0f * (1.0f - x2 / 72.0f))));
  *c = 1.0f - x2 / 2.0f * (1.0f - x2 / 12.0f * (1.0f - x2 / 30.0f * (1.0f - x2 / 56.0f)));
}

uint64_t mix(uint64_t z) {  // SplitMix64's finalizer
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

}  // namespace

uint64_t augmentation_seed(uint64_t order_seed, uint64_t epoch, uint32_t example) {
  return mix(mix(order_seed ^ 0x5bd1e9955bd1e995ull) + mix(epoch * 0x9e3779b97f4a7c15ull + example));
}

Augmentation draw_augmentation(uint64_t seed) {
  Rng rng(seed, 0x2545f4914f6cdd1dull);
  auto signed_unit = [&] { return 2.0f * rng.uniform() - 1.0f; };  // -1 .. 1
  Augmentation a;
  a.angle = 0.21f * signed_unit();
  a.scale = 1.0f + 0.1f * signed_unit();
  a.shear = 0.15f * signed_unit();
  a.dx = 2.0f * signed_unit();
  a.dy = 2.0f * signed_unit();
  const uint32_t w = rng.below(4);  // a quarter thinner, a quarter thicker
  a.stroke = w == 0 ? -1 : w == 1 ? 1 : 0;
  return a;
}

void augment_digit(const uint8_t in[784], const Augmentation& a, uint8_t out[784]) {
  // The digit in a 32x32 frame of zeros (2 pixels each side), so that sampling needs no bounds
  // checks, at twice its scale: the stroke first, halfway to the largest (thicker) or smallest
  // (thinner) of each pixel's 4-neighbourhood (v + m, 0..510).
  constexpr int W = 32, B = 2;
  int32_t src[W * W] = {};
  for (int y = 0; y < 28; ++y)
    for (int x = 0; x < 28; ++x) {
      const int v = in[y * 28 + x];
      int m = v;
      if (a.stroke != 0) {
        const int l = x > 0 ? in[y * 28 + x - 1] : 0, r = x < 27 ? in[y * 28 + x + 1] : 0;
        const int u = y > 0 ? in[(y - 1) * 28 + x] : 0, d = y < 27 ? in[(y + 1) * 28 + x] : 0;
        m = a.stroke > 0 ? std::max(std::max(v, l), std::max(std::max(r, u), d)) : std::min(std::min(v, l), std::min(std::min(r, u), d));
      }
      src[(y + B) * W + x + B] = v + m;
    }
  // The map from the digit to the image: scale * rotation * shear, then the shift; each output
  // pixel's centre is taken back through its inverse and sampled there, bilinearly. Along a row
  // the source point moves by a fixed step: in 16.16 fixed point, integer adds (exact everywhere),
  // with 8-bit interpolation weights.
  float s, c;
  small_sincos(a.angle, &s, &c);
  const float m00 = a.scale * c, m01 = a.scale * (c * a.shear - s);
  const float m10 = a.scale * s, m11 = a.scale * (s * a.shear + c);
  const float det = m00 * m11 - m01 * m10;
  const float i00 = m11 / det, i01 = -m01 / det, i10 = -m10 / det, i11 = m00 / det;
  const float centre = 13.5f;
  auto fixed = [](float f) { return static_cast<int32_t>(f * 65536.0f + (f >= 0 ? 0.5f : -0.5f)); };
  const int32_t step_x = fixed(i00), step_y = fixed(i10);
  constexpr int32_t lo = (B - 1) << 16, hi = (28 + B) << 16;
  for (int y = 0; y < 28; ++y) {
    const float u0 = -centre - a.dx, v = static_cast<float>(y) - centre - a.dy;
    int32_t sx = fixed(i00 * u0 + i01 * v + centre + B), sy = fixed(i10 * u0 + i11 * v + centre + B);
    for (int x = 0; x < 28; ++x, sx += step_x, sy += step_y) {
      if (!(sx > lo && sx < hi && sy > lo && sy < hi)) { out[y * 28 + x] = 0; continue; }
      const int32_t tx = (sx >> 8) & 255, ty = (sy >> 8) & 255;
      const int32_t* p = src + (sy >> 16) * W + (sx >> 16);
      const int32_t top = p[0] * (256 - tx) + p[1] * tx, bottom = p[W] * (256 - tx) + p[W + 1] * tx;
      const int32_t value = (top * (256 - ty) + bottom * ty + (1 << 16)) >> 17;  // /2 for the doubled scale, /65536 for the weights, rounded
      out[y * 28 + x] = static_cast<uint8_t>(std::min<int32_t>(255, value));
    }
  }
}

}  // namespace dlp
