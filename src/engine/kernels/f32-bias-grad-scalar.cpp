// Column sums, one column at a time, rows in order.
#include "engine/kernels/bias_grad.h"

namespace dlp {

void f32_bias_grad_ref(size_t rows, size_t n, const float* dy, float* db) {
  for (size_t j = 0; j < n; ++j) {
    float s = 0.0f;
    for (size_t r = 0; r < rows; ++r) s += dy[r * n + j];
    db[j] = s;
  }
}

}  // namespace dlp
