// Dropout kernels. The mask comes from a counter-based hash of (key, element index) rather than
// a sequential generator, so four lanes draw at once and every element's draw is independent of
// how the loop is split. Element i is kept when uniform(i) < keep, where uniform(i) is the top
// 24 bits of the hash scaled to [0, 1); kept elements get mask 1/keep, dropped ones 0.
//   forward:  mask[i] as above, y[i] = x[i] * mask[i]
//   backward: dx[i] = dy[i] * mask[i]
#pragma once
#include <cstddef>
#include <cstdint>

namespace dlp {

// The hash: lowbias32 (Wellons) of i * golden + key; well mixed in every output bit.
inline uint32_t dropout_hash(uint32_t key, uint32_t i) {
  uint32_t h = i * 0x9e3779b9u + key;
  h ^= h >> 16; h *= 0x7feb352du;
  h ^= h >> 15; h *= 0x846ca68bu;
  h ^= h >> 16;
  return h;
}

void f32_dropout(size_t n, uint32_t key, float keep, const float* x, float* mask, float* y);
void f32_dropout_backward(size_t n, const float* mask, const float* dy, float* dx);

void f32_dropout_ref(size_t n, uint32_t key, float keep, const float* x, float* mask, float* y);
void f32_dropout_backward_ref(size_t n, const float* mask, const float* dy, float* dx);

}  // namespace dlp
