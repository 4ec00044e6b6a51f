#include "cli/bench_kernels.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "engine/kernels/add.h"
#include "engine/kernels/bias_grad.h"
#include "engine/kernels/dropout_mask.h"
#include "engine/kernels/gemm.h"
#include "engine/kernels/param_update.h"
#include "engine/kernels/pool.h"
#include "engine/kernels/relu.h"
#include "engine/kernels/simd128.h"
#include "engine/kernels/softmax_xent.h"
#include "engine/rng.h"
#ifdef DLP_HAVE_EIGEN
#include <Eigen/Dense>
#endif

namespace dlp {

double now_s() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

namespace {

// The ceiling for GEMM in SIMD128: the 4x8 micro-kernel's instruction mix (two B vectors loaded,
// four A values splatted, 8 mul + 8 add into 8 accumulators per step) with A in registers and B
// cycling through 1 KB of L1, so nothing but the arithmetic limits it. Kept out of line and run
// in short calls so the JIT treats it like the kernels it bounds.
__attribute__((noinline)) void simd128_ceiling_steps(const float* b, const float* a, int steps, float* out) {
  const v128_t a0 = wasm_f32x4_splat(a[0]), a1 = wasm_f32x4_splat(a[1]), a2 = wasm_f32x4_splat(a[2]), a3 = wasm_f32x4_splat(a[3]);
  v128_t c0 = wasm_f32x4_splat(0.0f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
  for (int k = 0; k < steps; ++k) {
    const float* bk = b + (k & 31) * 8;
    const v128_t b0 = wasm_v128_load(bk), b1 = wasm_v128_load(bk + 4);
    c0 = wasm_f32x4_add(c0, wasm_f32x4_mul(a0, b0)); c1 = wasm_f32x4_add(c1, wasm_f32x4_mul(a0, b1));
    c2 = wasm_f32x4_add(c2, wasm_f32x4_mul(a1, b0)); c3 = wasm_f32x4_add(c3, wasm_f32x4_mul(a1, b1));
    c4 = wasm_f32x4_add(c4, wasm_f32x4_mul(a2, b0)); c5 = wasm_f32x4_add(c5, wasm_f32x4_mul(a2, b1));
    c6 = wasm_f32x4_add(c6, wasm_f32x4_mul(a3, b0)); c7 = wasm_f32x4_add(c7, wasm_f32x4_mul(a3, b1));
  }
  // Every lane of every accumulator is stored, so none of the work can be dropped.
  const v128_t c[8] = {c0, c1, c2, c3, c4, c5, c6, c7};
  for (int i = 0; i < 8; ++i) wasm_v128_store(out + 4 * i, c[i]);
}

}  // namespace

double simd128_ceiling_gflops(double min_s) {
  std::vector<float> b(256), a = {1.0f, 2.0f, 3.0f, 4.0f}, out(32 * 64);
  for (size_t i = 0; i < b.size(); ++i) b[i] = 1e-3f * static_cast<float>(i % 7);
  const int calls = 64, steps = 4096;
  const double t = time_per_call([&] { for (int i = 0; i < calls; ++i) simd128_ceiling_steps(b.data(), a.data(), steps, out.data() + 32 * i); }, min_s);
  return 64.0 * calls * steps / t / 1e9;  // 8 mul + 8 add on 4 lanes per step
}

double print_simd128_ceiling(double min_s) {
  const double ceiling = simd128_ceiling_gflops(min_s);
  std::printf("\nSIMD128 ceiling for GEMM (the 4x8 micro-kernel's loop with B in L1 and nothing else): %.1f GFLOP/s\n",
              ceiling);
  return ceiling;
}

namespace {

using GemmFn = void (*)(int, int, int, const float*, int, const float*, int, float*, int, GemmEpilogue);
using PackedGemmFn = void (*)(int, int, int, const float*, int, const float*, int, float*, int, GemmEpilogue, float*);

}  // namespace

void bench_gemm(double min_s) {
  // The browser compiles wasm with a baseline compiler first and optimizes hot functions in the
  // background: run every GEMM form for a while so the first table row is not the JIT's.
  {
    const int n = 128;
    std::vector<float> A(n * n, 0.5f), B(n * n, 0.25f), C(n * n), pack(f32_gemm_pack_floats(n, n));
    const double t0 = now_s();
    while (now_s() - t0 < min_s) {
      f32_gemm_nn(n, n, n, A.data(), n, B.data(), n, C.data(), n, {}, pack.data());
      f32_gemm_tn(n, n, n, A.data(), n, B.data(), n, C.data(), n, {}, pack.data());
      f32_gemm_nt(n, n, n, A.data(), n, B.data(), n, C.data(), n, {}, pack.data());
    }
  }
  const double ceiling = print_simd128_ceiling(min_s);
  struct Shape { const char* what; int M, N, K; };
  const Shape shapes[] = {
      {"square 256", 256, 256, 256},
      {"MLP fwd 32x784 . 784x256", 32, 256, 784},
      {"LeNet conv2 fwd 6272x200 . 200x16", 6272, 16, 200},
      {"LeNet conv1 fwd 25088x25 . 25x8", 25088, 8, 25},
  };
  struct Form { const char* name; PackedGemmFn fast; GemmFn ref; bool at, bt; };
  const Form forms[] = {{"A*B", f32_gemm_nn, f32_gemm_nn_ref, false, false},
                        {"A^T*B", f32_gemm_tn, f32_gemm_tn_ref, true, false},
                        {"A*B^T", f32_gemm_nt, f32_gemm_nt_ref, false, true}};
  std::printf("\n| GEMM shape (M x N x K) | form | SIMD128 4x8 GFLOP/s | %% of ceiling | scalar GFLOP/s | Eigen GFLOP/s |\n|---|---|---|---|---|---|\n");
  Rng rng(1);
  for (const Shape& s : shapes)
    for (const Form& f : forms) {
      std::vector<float> A(static_cast<size_t>(s.M) * s.K), B(static_cast<size_t>(s.K) * s.N), C(static_cast<size_t>(s.M) * s.N);
      for (float& v : A) v = rng.uniform();
      for (float& v : B) v = rng.uniform();
      const int lda = f.at ? s.M : s.K, ldb = f.bt ? s.K : s.N;
      const double flops = 2.0 * s.M * s.N * s.K;
      std::vector<float> pack(f32_gemm_pack_floats(s.N, s.K));
      const double t_fast = time_per_call([&] { f.fast(s.M, s.N, s.K, A.data(), lda, B.data(), ldb, C.data(), s.N, {}, pack.data()); }, min_s);
      const double t_ref = time_per_call([&] { f.ref(s.M, s.N, s.K, A.data(), lda, B.data(), ldb, C.data(), s.N, {}); }, min_s / 2);
      double eigen = 0;
#ifdef DLP_HAVE_EIGEN
      using Mat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
      Eigen::Map<const Mat> a(A.data(), f.at ? s.K : s.M, f.at ? s.M : s.K), b(B.data(), f.bt ? s.N : s.K, f.bt ? s.K : s.N);
      Eigen::Map<Mat> c(C.data(), s.M, s.N);
      const double t_eigen = time_per_call([&] {
        if (f.at) c.noalias() = a.transpose() * b;
        else if (f.bt) c.noalias() = a * b.transpose();
        else c.noalias() = a * b;
      }, min_s / 2);
      eigen = flops / t_eigen / 1e9;
#endif
      const double gf = flops / t_fast / 1e9;
      std::printf("| %s | %s | %.1f | %.0f%% | %.1f | %.1f |\n", s.what, f.name, gf, 100 * gf / ceiling, flops / t_ref / 1e9, eigen);
    }
}

void bench_small_kernels(double min_s) {
  std::printf("\n| kernel (LeNet/MLP shapes, batch 32) | elements | SIMD128 Melem/s | scalar Melem/s | speed-up |\n|---|---|---|---|---|\n");
  Rng rng(2);
  auto vec = [&](size_t n) { std::vector<float> v(n); for (float& x : v) x = static_cast<float>(rng.normal()); return v; };
  auto row = [&](const char* what, size_t n, auto fast, auto ref) {
    const double tf = time_per_call(fast, min_s / 4), tr = time_per_call(ref, min_s / 4);
    std::printf("| %s | %zu | %.0f | %.0f | %.1fx |\n", what, n, n / tf / 1e6, n / tr / 1e6, tr / tf);
  };
  // conv1 output of the LeNet-like net: 32 x 28 x 28 x 8
  const int B = 32, H = 28, W = 28, C = 8;
  const size_t act = static_cast<size_t>(B) * H * W * C, pooled = act / 4;
  auto x = vec(act), y = vec(act), dy = vec(act), dx = vec(act), py = vec(pooled), pa = vec(pooled), pdy = vec(pooled);
  row("ReLU forward 32x28x28x8", act, [&] { f32_relu(act, x.data(), y.data()); }, [&] { f32_relu_ref(act, x.data(), y.data()); });
  row("add (col2im rows, residual sums)", act, [&] { f32_add(act, x.data(), y.data(), dx.data()); },
      [&] { f32_add_ref(act, x.data(), y.data(), dx.data()); });
  row("ReLU backward", act, [&] { f32_relu_backward(act, y.data(), dy.data(), dx.data()); },
      [&] { f32_relu_backward_ref(act, y.data(), dy.data(), dx.data()); });
  std::vector<float> db(C);
  row("bias gradient (conv1's dy column sums)", act, [&] { f32_bias_grad(act / C, C, dy.data(), db.data()); },
      [&] { f32_bias_grad_ref(act / C, C, dy.data(), db.data()); });
  const PoolGeometry g = pool2x2_geometry(H, W, C);
  row("max-pool 2x2 forward 32x28x28x8", act, [&] { f32_maxpool2x2(B, H, W, C, x.data(), py.data(), pa.data()); },
      [&] { f32_pool_forward_ref(g, true, B, x.data(), py.data(), pa.data()); });
  row("max-pool 2x2 backward", act, [&] { f32_maxpool2x2_backward(B, H, W, C, pa.data(), pdy.data(), dx.data()); },
      [&] { f32_pool_backward_ref(g, true, B, pa.data(), pdy.data(), dx.data()); });
  row("avg-pool 2x2 forward", act, [&] { f32_avgpool2x2(B, H, W, C, x.data(), py.data()); },
      [&] { f32_pool_forward_ref(g, false, B, x.data(), py.data(), nullptr); });
  row("avg-pool 2x2 backward", act, [&] { f32_avgpool2x2_backward(B, H, W, C, pdy.data(), dx.data()); },
      [&] { f32_pool_backward_ref(g, false, B, nullptr, pdy.data(), dx.data()); });
  for (int batch : {32, 256}) {
    const size_t n = static_cast<size_t>(batch) * 10;
    auto z = vec(n), p = vec(n), d = vec(n);
    std::vector<uint8_t> labels(batch);
    for (uint8_t& l : labels) l = static_cast<uint8_t>(rng.next_u32() % 10);
    row(batch == 32 ? "softmax + cross-entropy 32x10" : "softmax + cross-entropy 256x10", n,
        [&] { f32_softmax_xent(batch, 10, z.data(), labels.data(), nullptr, p.data(), d.data()); },
        [&] { f32_softmax_xent_ref(batch, 10, z.data(), labels.data(), nullptr, p.data(), d.data()); });
  }
  const size_t hidden = 32 * 256;
  auto mask = vec(hidden);
  row("dropout forward (mask + scale) 32x256", hidden, [&] { f32_dropout(hidden, 7, 0.5f, x.data(), mask.data(), y.data()); },
      [&] { f32_dropout_ref(hidden, 7, 0.5f, x.data(), mask.data(), y.data()); });
  row("dropout backward 32x256", hidden, [&] { f32_dropout_backward(hidden, mask.data(), dy.data(), dx.data()); },
      [&] { f32_dropout_backward_ref(hidden, mask.data(), dy.data(), dx.data()); });
  // The MLP 784-256-10's parameters.
  const size_t params = 784 * 256 + 256 + 256 * 10 + 10;
  auto w = vec(params), gr = vec(params), m = vec(params), v = vec(params);
  for (float& e : v) e = e * e;
  row("SGD update (MLP parameters)", params, [&] { f32_sgd(params, 1e-9f, gr.data(), w.data()); },
      [&] { f32_sgd_ref(params, 1e-9f, gr.data(), w.data()); });
  row("SGD momentum update", params, [&] { f32_sgd_momentum(params, 1e-9f, 0.9f, gr.data(), m.data(), w.data()); },
      [&] { f32_sgd_momentum_ref(params, 1e-9f, 0.9f, gr.data(), m.data(), w.data()); });
  const AdamStep s{1e-9f, 0.9f, 0.999f, 10.0f, 1000.0f, 1e-8f};
  row("Adam update", params, [&] { f32_adam(params, s, gr.data(), m.data(), v.data(), w.data()); },
      [&] { f32_adam_ref(params, s, gr.data(), m.data(), v.data(), w.data()); });
  // The same under numerics rule 2 (what training runs): the gradient read and every value
  // written flushed.
  row("SGD momentum update, flushed", params, [&] { f32_sgd_momentum(params, 1e-9f, 0.9f, gr.data(), m.data(), w.data(), true); },
      [&] { f32_sgd_momentum_ref(params, 1e-9f, 0.9f, gr.data(), m.data(), w.data(), true); });
  row("Adam update, flushed", params, [&] { f32_adam(params, s, gr.data(), m.data(), v.data(), w.data(), true); },
      [&] { f32_adam_ref(params, s, gr.data(), m.data(), v.data(), w.data(), true); });
  // The values a training step meets: gradients around 1e-4 (a third exactly zero, as the border
  // pixels' weights get), the moments they make, weights around 0.05.
  auto tg = vec(params), tm = vec(params), tv = vec(params), tw = vec(params);
  for (size_t i = 0; i < params; ++i) {
    tg[i] = i % 3 == 0 ? 0.0f : tg[i] * 1e-4f;
    tm[i] = tg[i] * 0.5f;
    tv[i] = tg[i] * tg[i] * 0.3f;
    tw[i] *= 0.05f;
  }
  const AdamStep ts{1e-3f, 0.9f, 0.999f, 1.2f, 20.0f, 1e-8f};
  row("Adam update, flushed, a training step's values", params, [&] { f32_adam(params, ts, tg.data(), tm.data(), tv.data(), tw.data(), true); },
      [&] { f32_adam_ref(params, ts, tg.data(), tm.data(), tv.data(), tw.data(), true); });
  row("L2 gradient + sum of squares", params, [&] { f32_l2(params, 1e-9f, w.data(), gr.data()); },
      [&] { f32_l2_ref(params, 1e-9f, w.data(), gr.data()); });
}

}  // namespace dlp
