// Column sums 16, 8 or 4 columns at a time (V accumulators held over all rows), the last columns
// one by one; each column's rows added in order, as in the reference.
#include "engine/kernels/bias_grad.h"
#include "engine/kernels/simd128.h"

namespace dlp {

namespace {
template <int V>
void columns(size_t rows, size_t n, const float* dy, float* db) {
  v128_t acc[V];
  for (int v = 0; v < V; ++v) acc[v] = wasm_f32x4_splat(0.0f);
  for (size_t r = 0; r < rows; ++r, dy += n)
    for (int v = 0; v < V; ++v) acc[v] = wasm_f32x4_add(acc[v], wasm_v128_load(dy + 4 * v));
  for (int v = 0; v < V; ++v) wasm_v128_store(db + 4 * v, acc[v]);
}
}  // namespace

void f32_bias_grad(size_t rows, size_t n, const float* dy, float* db) {
  if (rows == 0) {  // no rows: every sum is 0 (and dy may be null)
    for (size_t j = 0; j < n; ++j) db[j] = 0.0f;
    return;
  }
  size_t j = 0;
  for (; j + 16 <= n; j += 16) columns<4>(rows, n, dy + j, db + j);
  for (; j + 8 <= n; j += 8) columns<2>(rows, n, dy + j, db + j);
  for (; j + 4 <= n; j += 4) columns<1>(rows, n, dy + j, db + j);
  for (; j < n; ++j) {
    float s = 0.0f;
    for (size_t r = 0; r < rows; ++r) s += dy[r * n + j];
    db[j] = s;
  }
}

}  // namespace dlp
