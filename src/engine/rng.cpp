#include "engine/rng.h"

#include <cmath>

#include "engine/detmath.h"

namespace dlp {

void Rng::reseed(uint64_t seed, uint64_t stream) {
  state_ = 0;
  inc_ = (stream << 1u) | 1u;
  has_spare_ = false;
  next_u32();
  state_ += seed;
  next_u32();
}

uint32_t Rng::next_u32() {
  const uint64_t old = state_;
  state_ = old * 6364136223846793005ull + inc_;
  const uint32_t xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
  const uint32_t rot = static_cast<uint32_t>(old >> 59u);
  return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

uint32_t Rng::below(uint32_t n) {
  const uint32_t threshold = (0u - n) % n;
  for (;;) {
    const uint32_t r = next_u32();
    if (r >= threshold) return r % n;
  }
}

double Rng::normal() {
  if (has_spare_) { has_spare_ = false; return spare_; }
  double u, v, s;
  do {
    // 53-bit uniforms in (-1, 1).
    const uint64_t a = (static_cast<uint64_t>(next_u32()) << 21) ^ next_u32();
    const uint64_t b = (static_cast<uint64_t>(next_u32()) << 21) ^ next_u32();
    u = static_cast<double>(a & ((1ull << 53) - 1)) * (2.0 / 9007199254740992.0) - 1.0;
    v = static_cast<double>(b & ((1ull << 53) - 1)) * (2.0 / 9007199254740992.0) - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double f = std::sqrt(-2.0 * det_log(s) / s);  // sqrt is correctly rounded by IEEE 754
  spare_ = v * f;
  has_spare_ = true;
  return u * f;
}

void Rng::shuffle(uint32_t* v, size_t n) {
  for (size_t i = n; i > 1; --i) {
    const uint32_t j = below(static_cast<uint32_t>(i));
    const uint32_t t = v[i - 1]; v[i - 1] = v[j]; v[j] = t;
  }
}

}  // namespace dlp
