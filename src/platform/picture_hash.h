// A fast hash of what a frame would show (ImGui's draw lists, heatmap values), eight bytes a step:
// equal pictures hash equal, so the loop can skip drawing an unchanged one (session/redraw.h). Never
// stored: only compared within one page's life.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace dlp {

constexpr uint64_t kPictureHashSeed = 1469598103934665603ull;

inline uint64_t picture_hash(const void* p, size_t n, uint64_t h = kPictureHashSeed) {
  const auto* b = static_cast<const unsigned char*>(p);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, b + i, 8);
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  for (; i < n; ++i) h = (h ^ b[i]) * 0x100000001b3ull;
  return h;
}

}  // namespace dlp
