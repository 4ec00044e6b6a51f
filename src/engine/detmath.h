// Deterministic elementary functions. libm's exp/log differ between glibc (native) and musl
// (emscripten) in the last bit, which would break "same seed, same weights" across builds.
// These use only +, -, *, / and bit manipulation, which IEEE 754 rounds identically everywhere
// (the build disables FMA contraction and fast-math).
#pragma once
#include <cstdint>
#include <cstring>

namespace dlp {

inline float bits_to_float(uint32_t u) { float f; std::memcpy(&f, &u, 4); return f; }
inline uint32_t float_to_bits(float f) { uint32_t u; std::memcpy(&u, &f, 4); return u; }

// exp(x) for float, relative error about 2 ulp over the whole range; 0 below -87.3, inf above 88.7.
inline float det_expf(float x) {
  if (x != x) return x;
  if (x > 88.72f) return bits_to_float(0x7f800000u);
  if (x < -87.33f) return 0.0f;
  // x = k ln2 + r, |r| <= ln2/2; ln2 split in two so k*ln2 is exact enough.
  const float k = static_cast<float>(static_cast<int>(x * 1.44269504f + (x >= 0 ? 0.5f : -0.5f)));
  const float r = (x - k * 0.693145752f) - k * 1.42860677e-6f;
  // Taylor to degree 7 on |r| <= 0.347: truncation below 1e-8.
  float p = 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  const int e = static_cast<int>(k);
  // 2^k split in two factors so k = -126..127 never makes a denormal or overflowing scale.
  const int e1 = e / 2, e2 = e - e1;
  return p * bits_to_float(static_cast<uint32_t>(e1 + 127) << 23) * bits_to_float(static_cast<uint32_t>(e2 + 127) << 23);
}

// Natural log for double, near full double precision. x <= 0 gives -inf (x == 0) or NaN.
inline double det_log(double x) {
  if (!(x > 0)) return x == 0 ? -1.0 / 0.0 : 0.0 / 0.0;
  if (x > 1.7976931348623157e308) return x;
  uint64_t u; std::memcpy(&u, &x, 8);
  int e = static_cast<int>((u >> 52) & 0x7ff);
  if (e == 0) { x *= 18014398509481984.0; std::memcpy(&u, &x, 8); e = static_cast<int>((u >> 52) & 0x7ff) - 54; }
  e -= 1023;
  u = (u & 0x000fffffffffffffull) | 0x3ff0000000000000ull;  // mantissa m in [1, 2)
  double m; std::memcpy(&m, &u, 8);
  if (m > 1.4142135623730951) { m *= 0.5; e += 1; }           // m in [0.707, 1.414]
  // log(m) = 2 atanh(s), s = (m-1)/(m+1), |s| <= 0.1716: the series converges fast.
  const double s = (m - 1.0) / (m + 1.0), s2 = s * s;
  double t = 0, term = s;
  for (int n = 1; n <= 31; n += 2) { t += term / n; term *= s2; }
  return 2.0 * t + e * 0.69314718055994531;
}

inline float det_logf(float x) { return static_cast<float>(det_log(static_cast<double>(x))); }

}  // namespace dlp
