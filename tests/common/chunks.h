// Chunk k of a whole split as scripts/make_data.mjs writes it (before gzip): a labels IDX, then an
// images IDX. For the tests that feed a data set chunk by chunk as the page does.
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

#include "data/dataset.h"

namespace dlp::test {

inline void be32(std::vector<uint8_t>* b, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) b->push_back(static_cast<uint8_t>(v >> s));
}

inline std::vector<uint8_t> chunk_bytes(const Dataset& d, size_t k) {
  const size_t first = k * d.chunk_size(), n = std::min(d.chunk_size(), d.size() - first), px = d.shape.size();
  std::vector<uint8_t> b = {0, 0, 8, 1};
  be32(&b, static_cast<uint32_t>(n));
  b.insert(b.end(), d.labels.begin() + first, d.labels.begin() + first + n);
  b.insert(b.end(), {0, 0, 8, 3});
  be32(&b, static_cast<uint32_t>(n));
  be32(&b, 28);
  be32(&b, 28);
  b.insert(b.end(), d.pixels.begin() + first * px, d.pixels.begin() + (first + n) * px);
  return b;
}

}  // namespace dlp::test
