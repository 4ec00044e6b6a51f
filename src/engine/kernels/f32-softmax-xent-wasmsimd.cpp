// Softmax + cross-entropy with four examples in the four lanes: each lane runs one row of the
// reference in the same order (max, sum of exps, log, probabilities), so results match bit for
// bit while the exps, the costly part, run four at a time. Rows past a multiple of four use the
// reference's scalar steps.
#include "engine/kernels/f32-exp-wasmsimd.h"
#include "engine/kernels/softmax_xent.h"

namespace dlp {

float f32_softmax_xent(int batch, int classes, const float* logits, const uint8_t* labels, const float* weights,
                       float* probs, float* dlogits) {
  double loss = 0;
  const float scale = softmax_xent_scale(weights, batch);
  const size_t C = static_cast<size_t>(classes);
  int b = 0;
  for (; b + 4 <= batch; b += 4) {
    const float* z0 = logits + b * C;
    const float *z1 = z0 + C, *z2 = z1 + C, *z3 = z2 + C;
    auto column = [&](int i) { return wasm_f32x4_make(z0[i], z1[i], z2[i], z3[i]); };
    v128_t mx = column(0);
    for (int i = 1; i < classes; ++i) {
      const v128_t zi = column(i);
      mx = wasm_v128_bitselect(zi, mx, wasm_f32x4_gt(zi, mx));
    }
    v128_t sum = wasm_f32x4_splat(0.0f);
    for (int i = 0; i < classes; ++i) sum = wasm_f32x4_add(sum, f32x4_det_exp(wasm_f32x4_sub(column(i), mx)));
    float s[4], m[4], ls[4], w[4];
    wasm_v128_store(s, sum);
    wasm_v128_store(m, mx);
    for (int r = 0; r < 4; ++r) {
      ls[r] = det_logf(s[r]);
      w[r] = weights ? weights[b + r] : 1.0f;
      loss += static_cast<double>(w[r]) * (ls[r] + m[r] - logits[(b + r) * C + labels[b + r]]);
    }
    if (!probs && !dlogits) continue;
    const v128_t log_sum = wasm_v128_load(ls);
    const v128_t ws = wasm_f32x4_mul(wasm_v128_load(w), wasm_f32x4_splat(scale));
    const v128_t label = wasm_i32x4_make(labels[b], labels[b + 1], labels[b + 2], labels[b + 3]);
    for (int i = 0; i < classes; ++i) {
      const v128_t p = f32x4_det_exp(wasm_f32x4_sub(wasm_f32x4_sub(column(i), mx), log_sum));
      float out[4];
      if (probs) {
        wasm_v128_store(out, p);
        for (int r = 0; r < 4; ++r) probs[(b + r) * C + i] = out[r];
      }
      if (dlogits) {
        const v128_t onehot = wasm_v128_and(wasm_f32x4_splat(1.0f), wasm_i32x4_eq(label, wasm_i32x4_splat(i)));
        wasm_v128_store(out, wasm_f32x4_mul(ws, wasm_f32x4_sub(p, onehot)));
        for (int r = 0; r < 4; ++r) dlogits[(b + r) * C + i] = out[r];
      }
    }
  }
  for (; b < batch; ++b) {
    const float w = weights ? weights[b] : 1.0f;
    loss += static_cast<double>(w) * softmax_xent_row(logits + b * C, classes, labels[b], w * scale,
                                                      probs ? probs + b * C : nullptr, dlogits ? dlogits + b * C : nullptr);
  }
  return static_cast<float>(loss * scale);
}

}  // namespace dlp
