// The SIMD micro-kernels against their scalar references, bit for bit, on awkward sizes
// (1, 3, 17, 33 ...), with the values that break careless kernels: -0, NaN, ties, huge logits.
// The same file runs natively (kernels through simd128.h) and in wasm (real SIMD128).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "engine/kernels/add.h"
#include "engine/kernels/bias_grad.h"
#include "engine/kernels/conv_dx.h"
#include "engine/kernels/copy.h"
#include "engine/kernels/dropout_mask.h"
#include "engine/kernels/flush.h"
#include "engine/kernels/gemm.h"
#include "engine/kernels/im2col.h"
#include "engine/kernels/param_update.h"
#include "engine/kernels/pool.h"
#include "engine/kernels/relu.h"
#include "engine/kernels/softmax_xent.h"
#include "engine/kernels/stats.h"
#include "engine/padding.h"
#include "engine/rng.h"
#include "random.h"

using namespace dlp;

namespace {

const size_t kLengths[] = {0, 1, 3, 4, 7, 8, 17, 33, 100, 1023};

using dlp::test::random_vec;

// Sprinkles the values kernels get wrong: signed zeros, NaN, exact ties.
void add_special_values(std::vector<float>& v) {
  const float specials[] = {0.0f, -0.0f, NAN, 1.0f, 1.0f, -1.0f};
  for (size_t i = 0; i < v.size(); i += 5) v[i] = specials[(i / 5) % 6];
}

void expect_bits_equal(const std::vector<float>& fast, const std::vector<float>& ref, const std::string& what) {
  ASSERT_EQ(fast.size(), ref.size());
  for (size_t i = 0; i < fast.size(); ++i)
    ASSERT_EQ(std::memcmp(&fast[i], &ref[i], 4), 0) << what << ": element " << i << " is " << fast[i] << ", reference " << ref[i];
}

}  // namespace

TEST(Kernels, ReluEqualsReference) {
  Rng rng(1);
  for (size_t n : kLengths) {
    auto x = random_vec(n, rng), dy = random_vec(n, rng);
    add_special_values(x);
    add_special_values(dy);
    std::vector<float> y1(n), y2(n), dx1(n), dx2(n);
    f32_relu(n, x.data(), y1.data());
    f32_relu_ref(n, x.data(), y2.data());
    expect_bits_equal(y1, y2, "relu n=" + std::to_string(n));
    f32_relu_backward(n, y2.data(), dy.data(), dx1.data());
    f32_relu_backward_ref(n, y2.data(), dy.data(), dx2.data());
    expect_bits_equal(dx1, dx2, "relu backward n=" + std::to_string(n));
  }
}

TEST(Kernels, AddEqualsReference) {
  Rng rng(7);
  for (size_t n : kLengths) {
    auto a = random_vec(n, rng), b = random_vec(n, rng);
    add_special_values(a);
    add_special_values(b);
    std::vector<float> o1(n), o2(n);
    f32_add(n, a.data(), b.data(), o1.data());
    f32_add_ref(n, a.data(), b.data(), o2.data());
    expect_bits_equal(o1, o2, "add n=" + std::to_string(n));
    f32_add(n, a.data(), b.data(), a.data());  // in place, as col2im and residual blocks use it
    expect_bits_equal(a, o2, "add in place n=" + std::to_string(n));
  }
}

TEST(Kernels, CopyEqualsReference) {
  Rng rng(8);
  for (size_t n : kLengths) {
    auto src = random_vec(n, rng);
    add_special_values(src);
    std::vector<float> a(n + 1, 7.0f), b(n + 1, 7.0f);
    f32_copy(a.data(), src.data(), n);
    f32_copy_ref(b.data(), src.data(), n);
    expect_bits_equal(a, b, "copy n=" + std::to_string(n));  // and the float after them untouched
    f32_zero(a.data(), n);
    for (size_t i = 0; i < n; ++i) EXPECT_EQ(a[i], 0.0f);
    EXPECT_EQ(a[n], 7.0f);
  }
}

// Sums of squares in the same order as the SIMD version (the bits equal), close to a sum in double;
// finiteness found wherever an infinity or a NaN sits (each lane and the tail).
TEST(Kernels, StatsEqualReference) {
  Rng rng(9);
  for (size_t n : kLengths) {
    auto x = random_vec(n, rng);
    const float a = f32_sumsq(n, x.data()), b = f32_sumsq_ref(n, x.data());
    EXPECT_EQ(std::memcmp(&a, &b, sizeof a), 0) << "sumsq n=" << n << ": " << a << " vs " << b;
    double d = 0;
    for (float v : x) d += static_cast<double>(v) * v;
    EXPECT_NEAR(a, d, 1e-5 * d + 1e-30) << n;
    EXPECT_TRUE(f32_all_finite(n, x.data()));
    EXPECT_TRUE(f32_all_finite_ref(n, x.data()));
    for (size_t at = 0; at < n; at += std::max<size_t>(1, n / 13)) {
      for (float bad : {INFINITY, -INFINITY, NAN}) {
        const float keep = x[at];
        x[at] = bad;
        EXPECT_FALSE(f32_all_finite(n, x.data())) << "n=" << n << " at " << at;
        EXPECT_FALSE(f32_all_finite_ref(n, x.data()));
        x[at] = keep;
      }
    }
  }
  const float big[9] = {3e38f, 3e38f, 3e38f, 3e38f, 3e38f, 3e38f, 3e38f, 3e38f, 3e38f};
  EXPECT_TRUE(f32_all_finite(9, big)) << "finite values whose differences do not overflow";
}

// Column sums for every width the blocks split differently (16, 8, 4 and single columns), rows
// from none to many: the bits equal the reference's.
TEST(Kernels, BiasGradEqualsReference) {
  Rng rng(11);
  for (size_t n : {1, 3, 4, 8, 10, 16, 29, 256})
    for (size_t rows : {0, 1, 7, 32, 1000}) {
      const auto dy = random_vec(rows * n, rng);
      std::vector<float> a(n + 1, 7.0f), b(n + 1, 7.0f);
      f32_bias_grad(rows, n, dy.data(), a.data());
      f32_bias_grad_ref(rows, n, dy.data(), b.data());
      expect_bits_equal(a, b, "bias grad rows=" + std::to_string(rows) + " n=" + std::to_string(n));
      EXPECT_EQ(a[n], 7.0f) << "nothing past the n sums written";
    }
}

// The direct input gradient against its contract (dcols, then col2im in output order): strides 1
// and 2, same and valid padding, odd sizes, channels 4 to 24 (8 and 4 at a time), depths 1 to 17.
TEST(Kernels, ConvDxEqualsReference) {
  Rng rng(13);
  struct Case { int H, W, C, D, k, s; bool same; };
  const Case cases[] = {{14, 14, 8, 16, 5, 1, true}, {7, 9, 4, 3, 3, 1, true}, {9, 7, 12, 5, 3, 2, true},
                        {8, 8, 24, 17, 5, 2, false}, {5, 6, 4, 1, 1, 1, true}, {6, 5, 8, 8, 2, 2, true},
                        {3, 3, 4, 2, 5, 1, true}, {11, 10, 16, 9, 4, 3, false}};
  for (const Case& c : cases) {
    const Window1D wh = window_1d(c.H, c.k, c.s, c.same ? Padding::Same : Padding::Valid);
    const Window1D ww = window_1d(c.W, c.k, c.s, c.same ? Padding::Same : Padding::Valid);
    const ConvDxGeometry g{c.H, c.W, c.C, c.D, c.k, c.k, c.s, wh.out, ww.out, wh.pad_before, ww.pad_before};
    const auto dy = random_vec(static_cast<size_t>(g.oh) * g.ow * c.D, rng);
    const auto w = random_vec(static_cast<size_t>(c.k) * c.k * c.C * c.D, rng);
    std::vector<float> wt(w.size()), zeros(c.D, 0.0f), a(static_cast<size_t>(c.H) * c.W * c.C + 1, 7.0f), b = a;
    f32_conv_dx_pack(g, w.data(), wt.data());
    f32_conv_dx(g, dy.data(), wt.data(), zeros.data(), a.data());
    f32_conv_dx_ref(g, dy.data(), w.data(), b.data());
    expect_bits_equal(a, b, "conv dx H=" + std::to_string(c.H) + " C=" + std::to_string(c.C) + " s=" + std::to_string(c.s));
    EXPECT_EQ(a.back(), 7.0f) << "nothing written past dx";
  }
}

// A convolution's product with its windows read in place equals im2col's rows times W, for
// strides 1 to 3, channels 1 to 8, depths past a panel, runs that start mid-row.
TEST(Kernels, Im2colGemmEqualsReference) {
  Rng rng(17);
  for (int C : {1, 3, 8})
    for (int k : {1, 3, 5})
      for (int s : {1, 2, 3})
        for (int D : {1, 8, 13}) {
          const int ow = 6, oh = 5, Wp = (ow - 1) * s + k, Hp = (oh - 1) * s + k, K = k * k * C;
          const WindowGeometry g{Wp, C, k, k, s, ow};
          const auto padded = random_vec(static_cast<size_t>(Hp) * Wp * C, rng);
          const auto w = random_vec(static_cast<size_t>(K) * D, rng), bias = random_vec(D, rng);
          const int oy = 1, ox = 4, n = 2 * ow + 1;  // mid-row start, three rows, an odd count
          std::vector<float> cols(static_cast<size_t>(n) * K), pack(f32_gemm_pack_floats(D, K));
          std::vector<float> a(static_cast<size_t>(n) * D + 1, 7.0f), b = a;
          f32_gemm_pack_b(D, K, w.data(), D, pack.data());
          const GemmEpilogue ep{bias.data(), false, s == 2};
          f32_im2col_gemm(g, padded.data(), oy, ox, n, D, pack.data(), a.data(), D, ep);
          f32_im2col_ref(g, padded.data(), oy, ox, n, cols.data());
          f32_gemm_nn_ref(n, D, K, cols.data(), K, w.data(), D, b.data(), D, ep);
          expect_bits_equal(a, b, "im2col gemm C=" + std::to_string(C) + " k=" + std::to_string(k) + " s=" + std::to_string(s) + " D=" + std::to_string(D));

          // The weight gradient over the whole example (accumulating into what C holds), for the
          // patch elements from q0 on, as a thread's share would be.
          const int all = oh * ow, q0 = K > 4 ? 3 : 0;
          const auto dy = random_vec(static_cast<size_t>(all) * D, rng);
          std::vector<float> all_cols(static_cast<size_t>(all) * K), dpack(f32_gemm_pack_floats(D, all));
          f32_im2col_ref(g, padded.data(), 0, 0, all, all_cols.data());
          auto dw = random_vec(static_cast<size_t>(K) * D, rng);
          auto dw_ref = dw;
          f32_gemm_pack_b(D, all, dy.data(), D, dpack.data());
          GemmEpilogue acc;
          acc.accumulate = true;
          f32_im2col_gemm_tn(g, padded.data(), all, q0, K - q0, D, dpack.data(), dw.data() + q0 * D, D, acc);
          f32_gemm_tn_ref(K - q0, D, all, all_cols.data() + q0, K, dy.data(), D, dw_ref.data() + q0 * D, D, acc);
          expect_bits_equal(dw, dw_ref, "im2col gemm tn C=" + std::to_string(C) + " k=" + std::to_string(k) + " s=" + std::to_string(s));
        }
}

// Every stride, patch and channel count the course uses and some odd ones, runs of positions that
// start mid-row and wrap; col2im adds (the reference im2col's columns) into a gradient that
// already holds values.
TEST(Kernels, Col2imEqualsReference) {
  Rng rng(9);
  for (int C : {1, 3, 8})
    for (int k : {1, 3, 5})
      for (int stride : {1, 2, 3}) {
        const int ow = 5, oh = 4;
        const WindowGeometry g{(ow - 1) * stride + k, C, k, k, stride, ow};
        const int padded_h = (oh - 1) * stride + k;
        auto padded = random_vec(static_cast<size_t>(padded_h) * g.padded_w * C, rng);
        for (int start : {0, 3, 7})
          for (int n : {1, ow, oh * ow - start}) {
            const size_t cols_n = static_cast<size_t>(n) * k * k * C;
            std::vector<float> c1(cols_n);
            f32_im2col_ref(g, padded.data(), start / ow, start % ow, n, c1.data());
            auto d1 = random_vec(padded.size(), rng), d2 = d1;
            f32_col2im(g, c1.data(), start / ow, start % ow, n, d1.data());
            f32_col2im_ref(g, c1.data(), start / ow, start % ow, n, d2.data());
            expect_bits_equal(d1, d2, "col2im C=" + std::to_string(C) + " k=" + std::to_string(k) + " s=" + std::to_string(stride));
          }
      }
}

TEST(Kernels, Pool2x2EqualsGeneralReference) {
  Rng rng(2);
  for (int H : {2, 3, 5, 28})
    for (int W : {2, 3, 7})
      for (int C : {1, 3, 4, 8, 17, 33})
        for (int batch : {1, 3}) {
          const std::string what = "H=" + std::to_string(H) + " W=" + std::to_string(W) + " C=" + std::to_string(C) + " batch=" + std::to_string(batch);
          const PoolGeometry g = pool2x2_geometry(H, W, C);
          const size_t in = static_cast<size_t>(batch) * H * W * C, out = static_cast<size_t>(batch) * g.out_h * g.out_w * C;
          auto x = random_vec(in, rng), dy = random_vec(out, rng);
          add_special_values(x);  // ties (1, 1) and NaN inside windows
          for (size_t i = 0; i < dy.size(); i += 7) dy[i] = -0.0f;
          std::vector<float> y1(out), y2(out), a1(out), a2(out), dx1(in, 5.0f), dx2(in, 7.0f);
          f32_maxpool2x2(batch, H, W, C, x.data(), y1.data(), a1.data());
          f32_pool_forward_ref(g, true, batch, x.data(), y2.data(), a2.data());
          expect_bits_equal(y1, y2, "maxpool " + what);
          expect_bits_equal(a1, a2, "maxpool argmax " + what);
          std::fill(y1.begin(), y1.end(), 9.0f);
          f32_maxpool2x2(batch, H, W, C, x.data(), y1.data(), nullptr);
          expect_bits_equal(y1, y2, "maxpool without argmax " + what);
          f32_maxpool2x2_backward(batch, H, W, C, a2.data(), dy.data(), dx1.data());
          f32_pool_backward_ref(g, true, batch, a2.data(), dy.data(), dx2.data());
          expect_bits_equal(dx1, dx2, "maxpool backward " + what);

          for (size_t i = 0; i < x.size(); ++i) if (x[i] != x[i]) x[i] = -0.0f;  // NaN poisons the whole average
          f32_avgpool2x2(batch, H, W, C, x.data(), y1.data());
          f32_pool_forward_ref(g, false, batch, x.data(), y2.data(), nullptr);
          expect_bits_equal(y1, y2, "avgpool " + what);
          std::fill(dx1.begin(), dx1.end(), 5.0f);
          f32_avgpool2x2_backward(batch, H, W, C, dy.data(), dx1.data());
          f32_pool_backward_ref(g, false, batch, nullptr, dy.data(), dx2.data());
          expect_bits_equal(dx1, dx2, "avgpool backward " + what);
        }
}

TEST(Kernels, SoftmaxCrossEntropyEqualsReference) {
  Rng rng(3);
  for (int batch : {1, 3, 4, 5, 17, 33})
    for (int classes : {1, 2, 3, 10, 17})
      for (float scale : {1.0f, 30.0f, 1e4f}) {  // 1e4: exp overflows unless max is subtracted
        const std::string what = "batch=" + std::to_string(batch) + " classes=" + std::to_string(classes) + " scale=" + std::to_string(scale);
        const size_t n = static_cast<size_t>(batch) * classes;
        const auto z = random_vec(n, rng, scale);
        std::vector<uint8_t> labels(batch);
        std::vector<float> weights(batch);
        for (int b = 0; b < batch; ++b) {
          labels[b] = static_cast<uint8_t>(rng.next_u32() % classes);
          weights[b] = b % 3 == 0 ? 4.0f : 1.0f;
        }
        for (const float* w : {static_cast<const float*>(nullptr), static_cast<const float*>(weights.data())}) {
          std::vector<float> p1(n), p2(n), d1(n), d2(n);
          const float l1 = f32_softmax_xent(batch, classes, z.data(), labels.data(), w, p1.data(), d1.data());
          const float l2 = f32_softmax_xent_ref(batch, classes, z.data(), labels.data(), w, p2.data(), d2.data());
          ASSERT_EQ(std::memcmp(&l1, &l2, 4), 0) << what << ": loss " << l1 << " vs " << l2;
          ASSERT_TRUE(std::isfinite(l1)) << what;
          expect_bits_equal(p1, p2, "probabilities " + what);
          expect_bits_equal(d1, d2, "dlogits " + what);
          EXPECT_EQ(f32_softmax_xent(batch, classes, z.data(), labels.data(), w, nullptr, nullptr), l1) << what;
        }
      }
}

TEST(Kernels, DropoutEqualsReferenceAndKeepsTheRightShare) {
  for (size_t n : {size_t{1}, size_t{3}, size_t{17}, size_t{33}, size_t{100000}})
    for (float keep : {0.1f, 0.5f, 0.9f}) {
      Rng rng(4);
      const auto x = random_vec(n, rng), dy = random_vec(n, rng);
      std::vector<float> m1(n), m2(n), y1(n), y2(n), dx1(n), dx2(n);
      const uint32_t key = 0x12345678u + static_cast<uint32_t>(n);
      f32_dropout(n, key, keep, x.data(), m1.data(), y1.data());
      f32_dropout_ref(n, key, keep, x.data(), m2.data(), y2.data());
      const std::string what = "n=" + std::to_string(n) + " keep=" + std::to_string(keep);
      expect_bits_equal(m1, m2, "dropout mask " + what);
      expect_bits_equal(y1, y2, "dropout " + what);
      f32_dropout_backward(n, m2.data(), dy.data(), dx1.data());
      f32_dropout_backward_ref(n, m2.data(), dy.data(), dx2.data());
      expect_bits_equal(dx1, dx2, "dropout backward " + what);
      if (n == 100000) {
        size_t kept = 0;
        for (float m : m1) kept += m != 0.0f;
        EXPECT_NEAR(static_cast<double>(kept) / n, keep, 0.01) << what;
        f32_dropout(n, key + 1, keep, x.data(), m2.data(), y2.data());
        EXPECT_NE(m1, m2) << "another key draws another mask";
      }
    }
}

// Rule 2's updates (numerics.h): the same bits as their references, and no subnormal read or
// left behind, on arrays full of them (in the SIMD body and in the tail).
TEST(Kernels, FlushingParameterUpdatesEqualReferenceAndLeaveNoSubnormal) {
  Rng rng(6);
  auto subnormals = [](const std::vector<float>& v) {
    size_t c = 0;
    for (float x : v) c += std::fpclassify(x) == FP_SUBNORMAL;
    return c;
  };
  for (size_t n : kLengths) {
    const std::string what = "n=" + std::to_string(n);
    auto g = random_vec(n, rng), w0 = random_vec(n, rng), m0 = random_vec(n, rng), v0 = random_vec(n, rng);
    // Every third value subnormal, and momentum and moments that one more step makes subnormal.
    for (size_t i = 0; i < n; ++i) {
      if (i % 3 == 0) g[i] *= 1e-39f, w0[i] *= 1e-39f;
      if (i % 3 == 1) m0[i] *= 1.5e-38f;
      v0[i] = i % 3 == 2 ? 1.2e-38f * v0[i] * v0[i] : v0[i] * v0[i];
    }
    const AdamStep s{0.001f, 0.9f, 0.999f, 1.0f / (1.0f - 0.9f), 1.0f / (1.0f - 0.999f), 1e-8f};
    auto w1 = w0, w2 = w0, m1 = m0, m2 = m0, v1 = v0, v2 = v0;
    auto same = [&](UpdateWatch a, UpdateWatch b, const std::string& kind) {
      EXPECT_EQ(std::memcmp(&a.grad_sumsq, &b.grad_sumsq, 4), 0) << kind << " " << what;
      EXPECT_EQ(a.finite, b.finite) << kind << " " << what;
      expect_bits_equal(w1, w2, kind + " w " + what);
      expect_bits_equal(m1, m2, kind + " m " + what);
      expect_bits_equal(v1, v2, kind + " v " + what);
      EXPECT_EQ(subnormals(w1), 0u) << kind << " " << what;
      if (kind != "sgd") { EXPECT_EQ(subnormals(m1), 0u) << kind << " " << what; }
    };
    same(f32_sgd(n, 0.05f, g.data(), w1.data(), true), f32_sgd_ref(n, 0.05f, g.data(), w2.data(), true), "sgd");
    same(f32_sgd_momentum(n, 0.05f, 0.9f, g.data(), m1.data(), w1.data(), true),
         f32_sgd_momentum_ref(n, 0.05f, 0.9f, g.data(), m2.data(), w2.data(), true), "momentum");
    m1 = m2 = m0;
    same(f32_adam(n, s, g.data(), m1.data(), v1.data(), w1.data(), true), f32_adam_ref(n, s, g.data(), m2.data(), v2.data(), w2.data(), true), "adam");
    EXPECT_EQ(subnormals(v1), 0u) << what;
    // Rule 1 keeps them: the flush is what removed them.
    if (n >= 8) {
      auto w3 = w0;
      f32_sgd(n, 0.05f, g.data(), w3.data(), false);
      EXPECT_GT(subnormals(w3), 0u) << what;
    }
  }
  // Under rule 2 too, a weight that overflows or turns NaN, in any lane of the SIMD body or in the
  // tail, is seen as not finite (the watch reads the flush's exponent bits there).
  for (size_t n : {size_t{8}, size_t{17}, size_t{64}})
    for (size_t at = 0; at < n; at += 3)
      for (float bad : {-3e38f, NAN}) {
        const std::string what = "n=" + std::to_string(n) + " at " + std::to_string(at) + (std::isnan(bad) ? " NaN" : " overflow");
        auto g = random_vec(n, rng), w1 = random_vec(n, rng), m1 = random_vec(n, rng), v1 = random_vec(n, rng);
        for (float& v : v1) v *= v;
        g[at] = bad;
        auto w2 = w1, m2 = m1, v2 = v1;
        const AdamStep big{1e6f, 0.9f, 0.999f, 10.0f, 1000.0f, 1e-30f};
        EXPECT_FALSE(f32_sgd(n, 10.0f, g.data(), w1.data(), true).finite) << "sgd " << what;
        EXPECT_FALSE(f32_sgd_momentum(n, 10.0f, 0.9f, g.data(), m1.data(), w1.data(), true).finite) << "momentum " << what;
        const UpdateWatch a = f32_adam(n, big, g.data(), m1.data(), v1.data(), w1.data(), true);
        const UpdateWatch b = f32_adam_ref(n, big, g.data(), m2.data(), v2.data(), w2.data(), true);
        EXPECT_EQ(a.finite, b.finite) << "adam " << what;
        if (std::isnan(bad)) { EXPECT_FALSE(a.finite) << "adam " << what; }
        expect_bits_equal(v1, v2, "adam v " + what);
      }
  // The second moment's shorter flush is the flush itself on every value it can meet (+0 and up,
  // NaN of either sign): subnormals, the smallest normals, infinity.
  for (float x : {0.0f, 1e-45f, 1e-40f, 1.1754942e-38f, 1.17549435e-38f, 1.2e-38f, 3.5f, INFINITY, NAN, -NAN}) {
    float a[4], b[4];
    wasm_v128_store(a, f32x4_flush_nonneg(wasm_f32x4_splat(x)));
    wasm_v128_store(b, f32x4_flush(wasm_f32x4_splat(x)));
    EXPECT_EQ(std::memcmp(a, b, 16), 0) << x;
  }
  const float tiny = 1e-40f, neg_zero = -0.0f;
  EXPECT_EQ(f32_flush(tiny), 0.0f);
  EXPECT_FALSE(std::signbit(f32_flush(neg_zero)));
  EXPECT_EQ(f32_flush(1.2e-38f), 1.2e-38f);  // the smallest normals stay
  EXPECT_EQ(f32_flush(-3.5f), -3.5f);
  EXPECT_TRUE(std::isinf(f32_flush(INFINITY)) && std::isnan(f32_flush(NAN)));
}

TEST(Kernels, ParameterUpdatesEqualReference) {
  Rng rng(5);
  for (size_t n : kLengths) {
    const std::string what = "n=" + std::to_string(n);
    const auto g = random_vec(n, rng), w0 = random_vec(n, rng), m0 = random_vec(n, rng);
    auto v0 = random_vec(n, rng);
    for (float& v : v0) v = v * v;  // second moments are non-negative
    auto w1 = w0, w2 = w0, m1 = m0, m2 = m0, v1 = v0, v2 = v0, g1 = g, g2 = g;
    // What each update watched: the gradient's sum of squares as f32_sumsq gives it, bit for bit,
    // and whether the new weights are all finite.
    auto same_watch = [&](UpdateWatch a, UpdateWatch b, const std::string& kind) {
      EXPECT_EQ(std::memcmp(&a.grad_sumsq, &b.grad_sumsq, 4), 0) << kind << " " << what << ": " << a.grad_sumsq << " vs " << b.grad_sumsq;
      const float direct = f32_sumsq(n, g.data());
      EXPECT_EQ(std::memcmp(&a.grad_sumsq, &direct, 4), 0) << kind << " " << what;
      EXPECT_TRUE(a.finite && b.finite) << kind << " " << what;
    };
    same_watch(f32_sgd(n, 0.05f, g.data(), w1.data()), f32_sgd_ref(n, 0.05f, g.data(), w2.data()), "sgd");
    expect_bits_equal(w1, w2, "sgd " + what);
    same_watch(f32_sgd_momentum(n, 0.05f, 0.9f, g.data(), m1.data(), w1.data()),
               f32_sgd_momentum_ref(n, 0.05f, 0.9f, g.data(), m2.data(), w2.data()), "momentum");
    expect_bits_equal(m1, m2, "momentum buffer " + what);
    expect_bits_equal(w1, w2, "sgd momentum " + what);
    const AdamStep s{0.001f, 0.9f, 0.999f, 1.0f / (1.0f - 0.9f), 1.0f / (1.0f - 0.999f), 1e-8f};
    same_watch(f32_adam(n, s, g.data(), m1.data(), v1.data(), w1.data()), f32_adam_ref(n, s, g.data(), m2.data(), v2.data(), w2.data()), "adam");
    expect_bits_equal(m1, m2, "adam m " + what);
    expect_bits_equal(v1, v2, "adam v " + what);
    expect_bits_equal(w1, w2, "adam " + what);
    const float s1 = f32_l2(n, 2e-3f, w1.data(), g1.data()), s2 = f32_l2_ref(n, 2e-3f, w2.data(), g2.data());
    ASSERT_EQ(std::memcmp(&s1, &s2, 4), 0) << "l2 sum " << what << ": " << s1 << " vs " << s2;
    expect_bits_equal(g1, g2, "l2 gradient " + what);
    double exact = 0;
    for (float w : w2) exact += static_cast<double>(w) * w;
    EXPECT_NEAR(s2, exact, 1e-5 * (1 + exact)) << what;
    // An update that overflows a weight (in the SIMD body and in the tail) is seen as not finite.
    for (size_t at : {size_t{0}, n - 1}) {
      if (n == 0) break;
      auto w3 = w0, w4 = w0, big = g;
      big[at] = -3e38f;
      EXPECT_FALSE(f32_sgd(n, 10.0f, big.data(), w3.data()).finite) << what << " at " << at;
      EXPECT_FALSE(f32_sgd_ref(n, 10.0f, big.data(), w4.data()).finite) << what << " at " << at;
    }
  }
}
