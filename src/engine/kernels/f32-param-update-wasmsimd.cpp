// Parameter updates eight floats at a time, watching the step as they go (param_update.h); the
// tail runs the reference's scalar expressions.
// sqrt is exactly rounded in IEEE 754, so Adam agrees with the reference bit for bit too.
#include <algorithm>
#include <cmath>

#include "engine/kernels/f32-lane-fold-wasmsimd.h"
#include "engine/kernels/flush.h"
#include "engine/kernels/param_update.h"
#include "engine/kernels/simd128.h"

namespace dlp {

namespace {

// One pass of an update, eight floats at a time (vec: the update of four floats at i, given their
// gradient, returning what the watch reads of the new weights), the last n mod 8 one at a time
// (one: the reference's scalar update of element i, returning the new weight). It watches as it
// goes: the gradient's squares in f32_sumsq's order (lane i mod 8, the lanes in pairs, then the
// tail), and whether every weight written is finite, as f32_all_finite says. Rule 1: vec returns
// the weights, and w - w sums to 0 only if each is finite. Rule 2: vec returns their exponent bits
// (the flush computes them anyway), finite while the largest is below an infinity's.
// Flush: the gradient is read through f32x4_flush / f32_flush (rule 2), and vec and one flush
// what they write.
template <bool Flush, class Vec, class One>
UpdateWatch update(size_t n, const float* g, Vec vec, One one) {
  v128_t a = wasm_f32x4_splat(0.0f), b = a, fa = a, fb = a;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    v128_t g0 = wasm_v128_load(g + i), g1 = wasm_v128_load(g + i + 4);
    if (Flush) g0 = f32x4_flush(g0), g1 = f32x4_flush(g1);
    a = wasm_f32x4_add(a, wasm_f32x4_mul(g0, g0));
    b = wasm_f32x4_add(b, wasm_f32x4_mul(g1, g1));
    const v128_t w0 = vec(i, g0), w1 = vec(i + 4, g1);
    if (Flush) {
      fa = wasm_i32x4_max(fa, wasm_i32x4_max(w0, w1));
    } else {
      fa = wasm_f32x4_add(fa, wasm_f32x4_sub(w0, w0));
      fb = wasm_f32x4_add(fb, wasm_f32x4_sub(w1, w1));
    }
  }
  float tail = 0.0f, ftail = 0.0f;
  for (; i < n; ++i) {
    const float gi = Flush ? f32_flush(g[i]) : g[i];
    tail += gi * gi;
    const float w = one(i, gi);
    ftail += w - w;
  }
  UpdateWatch r;
  r.grad_sumsq = f32_lane_fold(a, b, tail);
  if (Flush) {
    const int32_t top = std::max({wasm_i32x4_extract_lane(fa, 0), wasm_i32x4_extract_lane(fa, 1), wasm_i32x4_extract_lane(fa, 2), wasm_i32x4_extract_lane(fa, 3)});
    r.finite = ftail == 0.0f && top < 0x7f800000;
  } else {
    r.finite = f32_lane_fold(fa, fb, ftail) == 0.0f;
  }
  return r;
}

// Rule 1 keeps every value as it is; rule 2 flushes what the update writes (flush.h).
template <bool Flush>
v128_t out(v128_t v) { return Flush ? f32x4_flush(v) : v; }
template <bool Flush>
float out(float x) { return Flush ? f32_flush(x) : x; }
// The new weights, stored (flushed under rule 2), and what update()'s watch reads of them.
template <bool Flush>
v128_t store_weights(float* p, v128_t w) {
  if (!Flush) return wasm_v128_store(p, w), w;
  v128_t e;
  wasm_v128_store(p, f32x4_flush(w, &e));
  return e;
}

template <bool Flush>
UpdateWatch sgd(size_t n, float lr, const float* g, float* w) {
  const v128_t vlr = wasm_f32x4_splat(lr);
  return update<Flush>(
      n, g,
      [&](size_t i, v128_t gi) {
        return store_weights<Flush>(w + i, wasm_f32x4_sub(wasm_v128_load(w + i), wasm_f32x4_mul(vlr, gi)));
      },
      [&](size_t i, float gi) { return w[i] = out<Flush>(w[i] - lr * gi); });
}

template <bool Flush>
UpdateWatch sgd_momentum(size_t n, float lr, float mu, const float* g, float* m, float* w) {
  const v128_t vlr = wasm_f32x4_splat(lr), vmu = wasm_f32x4_splat(mu);
  return update<Flush>(
      n, g,
      [&](size_t i, v128_t gi) {
        const v128_t mi = out<Flush>(wasm_f32x4_add(wasm_f32x4_mul(vmu, wasm_v128_load(m + i)), gi));
        wasm_v128_store(m + i, mi);
        return store_weights<Flush>(w + i, wasm_f32x4_sub(wasm_v128_load(w + i), wasm_f32x4_mul(vlr, mi)));
      },
      [&](size_t i, float gi) {
        m[i] = out<Flush>(mu * m[i] + gi);
        return w[i] = out<Flush>(w[i] - lr * m[i]);
      });
}

// VNonneg: v never falls below +0 (b2 in [0, 1]: v starts at +0 and takes b2 v + (1 - b2) g g),
// so its flush takes the shorter test.
template <bool Flush, bool VNonneg>
UpdateWatch adam(size_t n, const AdamStep& s, const float* g, float* m, float* v, float* w) {
  const v128_t b1 = wasm_f32x4_splat(s.b1), b2 = wasm_f32x4_splat(s.b2);
  const v128_t one_b1 = wasm_f32x4_splat(1.0f - s.b1), one_b2 = wasm_f32x4_splat(1.0f - s.b2);
  const v128_t lr = wasm_f32x4_splat(s.lr), c1 = wasm_f32x4_splat(s.c1), c2 = wasm_f32x4_splat(s.c2), eps = wasm_f32x4_splat(s.eps);
  return update<Flush>(
      n, g,
      [&](size_t i, v128_t gi) {
        const v128_t mi = out<Flush>(wasm_f32x4_add(wasm_f32x4_mul(b1, wasm_v128_load(m + i)), wasm_f32x4_mul(one_b1, gi)));
        const v128_t vs = wasm_f32x4_add(wasm_f32x4_mul(b2, wasm_v128_load(v + i)), wasm_f32x4_mul(wasm_f32x4_mul(one_b2, gi), gi));
        const v128_t vi = !Flush ? vs : VNonneg ? f32x4_flush_nonneg(vs) : f32x4_flush(vs);
        wasm_v128_store(m + i, mi);
        wasm_v128_store(v + i, vi);
        const v128_t step = wasm_f32x4_div(wasm_f32x4_mul(lr, wasm_f32x4_mul(mi, c1)),
                                           wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_mul(vi, c2)), eps));
        return store_weights<Flush>(w + i, wasm_f32x4_sub(wasm_v128_load(w + i), step));
      },
      [&](size_t i, float gi) {
        m[i] = out<Flush>(s.b1 * m[i] + (1.0f - s.b1) * gi);
        v[i] = out<Flush>(s.b2 * v[i] + (1.0f - s.b2) * gi * gi);
        return w[i] = out<Flush>(w[i] - s.lr * (m[i] * s.c1) / (std::sqrt(v[i] * s.c2) + s.eps));
      });
}

}  // namespace

UpdateWatch f32_sgd(size_t n, float lr, const float* g, float* w, bool flush) {
  return flush ? sgd<true>(n, lr, g, w) : sgd<false>(n, lr, g, w);
}

UpdateWatch f32_sgd_momentum(size_t n, float lr, float mu, const float* g, float* m, float* w, bool flush) {
  return flush ? sgd_momentum<true>(n, lr, mu, g, m, w) : sgd_momentum<false>(n, lr, mu, g, m, w);
}

UpdateWatch f32_adam(size_t n, const AdamStep& s, const float* g, float* m, float* v, float* w, bool flush) {
  if (!flush) return adam<false, false>(n, s, g, m, v, w);
  return s.b2 >= 0.0f && s.b2 <= 1.0f ? adam<true, true>(n, s, g, m, v, w) : adam<true, false>(n, s, g, m, v, w);
}

float f32_l2(size_t n, float two_beta, const float* w, float* g) {
  const v128_t tb = wasm_f32x4_splat(two_beta);
  v128_t acc = wasm_f32x4_splat(0.0f);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t wi = wasm_v128_load(w + i);
    acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wi, wi));
    wasm_v128_store(g + i, wasm_f32x4_add(wasm_v128_load(g + i), wasm_f32x4_mul(tb, wi)));
  }
  float s[4];
  wasm_v128_store(s, acc);
  for (; i < n; ++i) {
    s[i % 4] += w[i] * w[i];
    g[i] += two_beta * w[i];
  }
  return (s[0] + s[1]) + (s[2] + s[3]);
}

}  // namespace dlp
