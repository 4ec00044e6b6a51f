#include "session/own_examples.h"

#include <cstring>

#include "engine/bytes.h"

namespace dlp {

bool OwnExamples::add(const uint8_t* pixels, uint8_t label, Fact* why) {
  if (label >= 10) { if (why) *why = Fact(Fact::OwnLabel); return false; }
  if (size() >= kMax) { if (why) *why = Fact(Fact::OwnTooMany); return false; }
  set.pixels.insert(set.pixels.end(), pixels, pixels + 784);
  set.labels.push_back(label);
  return true;
}

void OwnExamples::remove(size_t i) {
  if (i >= size()) return;
  set.labels.erase(set.labels.begin() + i);
  set.pixels.erase(set.pixels.begin() + i * 784, set.pixels.begin() + (i + 1) * 784);
}

void OwnExamples::changed() {
  const std::vector<uint8_t> b = bytes();
  uint32_t h = 2166136261u;  // FNV-1a over the bytes, then the weight's bits
  for (uint8_t v : b) { h ^= v; h *= 16777619u; }
  uint32_t w;
  std::memcpy(&w, &weight, 4);
  for (int k = 0; k < 4; ++k) { h ^= (w >> (8 * k)) & 0xff; h *= 16777619u; }
  fp_ = h;
  joined = size() > 0;
}

std::vector<uint8_t> OwnExamples::bytes() const {
  std::vector<uint8_t> b = {'D', 'L', 'P', 'O'};
  put_le(b, size(), 4);
  b.insert(b.end(), set.labels.begin(), set.labels.end());
  b.insert(b.end(), set.pixels.begin(), set.pixels.end());
  return b;
}

bool OwnExamples::from_bytes(const std::vector<uint8_t>& b) {
  if (b.size() < 8 || b[0] != 'D' || b[1] != 'L' || b[2] != 'P' || b[3] != 'O') return false;
  const uint64_t n = get_le(b.data() + 4, 4);
  if (n > kMax || b.size() != 8 + static_cast<size_t>(n) * 785) return false;
  for (size_t i = 0; i < n; ++i)
    if (b[8 + i] >= 10) return false;
  set = Dataset{};
  set.labels.assign(b.begin() + 8, b.begin() + 8 + static_cast<long>(n));
  set.pixels.assign(b.begin() + 8 + static_cast<long>(n), b.end());
  return true;
}

}  // namespace dlp
