// Input normalization: the course's (C - 128) / 128 gives roughly zero mean and unit range,
// which keeps the optimization well conditioned; raw 0..255 is there to show why it matters.
#pragma once
#include <cstddef>
#include <cstdint>

namespace dlp {

enum class Normalization { Centered, Unit, Raw };  // (C-128)/128, C/255, C

inline float normalize_pixel(uint8_t c, Normalization n) {
  switch (n) {
    case Normalization::Centered: return (static_cast<float>(c) - 128.0f) / 128.0f;
    case Normalization::Unit: return static_cast<float>(c) / 255.0f;
    case Normalization::Raw: return static_cast<float>(c);
  }
  return 0.0f;
}

inline void normalize(const uint8_t* in, size_t n, Normalization mode, float* out) {
  for (size_t i = 0; i < n; ++i) out[i] = normalize_pixel(in[i], mode);
}

inline const char* normalization_name(Normalization n) {
  switch (n) {
    case Normalization::Centered: return "centered";
    case Normalization::Unit: return "unit";
    case Normalization::Raw: return "raw";
  }
  return "?";
}

}  // namespace dlp
