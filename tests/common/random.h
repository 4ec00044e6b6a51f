// Random test inputs: n values from the standard normal distribution, times scale.
#pragma once
#include <cstddef>
#include <vector>

#include "engine/rng.h"

namespace dlp::test {

inline std::vector<float> random_vec(size_t n, Rng& rng, float scale = 1.0f) {
  std::vector<float> v(n);
  for (float& x : v) x = scale * static_cast<float>(rng.normal());
  return v;
}

}  // namespace dlp::test
