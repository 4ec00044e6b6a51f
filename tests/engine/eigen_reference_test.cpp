// Layers' forward passes computed independently through Eigen matrix products.
#ifdef DLP_HAVE_EIGEN
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <vector>

#include "engine/conv2d.h"
#include "engine/dense.h"
#include "engine/rng.h"

using namespace dlp;
using MatD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

TEST(EigenReference, DenseForward) {
  const int B = 5, in = 37, out = 11;
  Dense d(Shape{1, 1, in}, out);
  std::vector<float> p(d.param_count()), g(d.param_count()), x(B * in), y(B * out), ws(d.workspace_floats(B));
  Rng rng(3);
  for (float& v : p) v = static_cast<float>(rng.normal());
  for (float& v : x) v = static_cast<float>(rng.normal());
  d.bind_params(p.data(), g.data());
  d.bind_workspace(ws.data(), B);
  d.forward(x.data(), y.data(), B, false);
  MatD X(B, in), W(in, out);
  for (int i = 0; i < B * in; ++i) X.data()[i] = x[i];
  for (int i = 0; i < in * out; ++i) W.data()[i] = p[i];
  MatD Y = X * W;
  for (int b = 0; b < B; ++b)
    for (int j = 0; j < out; ++j) EXPECT_NEAR(y[b * out + j], Y(b, j) + p[in * out + j], 1e-4) << b << "," << j;
}

TEST(EigenReference, ConvForwardAsPatchMatrixProduct) {
  // Build the patch matrix with plain loops (zero padding, TF's SAME offsets) and multiply in Eigen.
  const int H = 9, W = 8, C = 3, K = 3, D = 4, S = 2;
  Conv2D conv(Shape{H, W, C}, K, K, D, S, Padding::Same);
  const Shape o = conv.out_shape();
  std::vector<float> p(conv.param_count()), g(p.size()), x(H * W * C), y(o.size()), ws(conv.workspace_floats(1));
  Rng rng(9);
  for (float& v : p) v = static_cast<float>(rng.normal());
  for (float& v : x) v = static_cast<float>(rng.normal());
  conv.bind_params(p.data(), g.data());
  conv.bind_workspace(ws.data(), 1);
  conv.forward(x.data(), y.data(), 1, false);
  const int pad_top = ((o.h - 1) * S + K - H) / 2, pad_left = ((o.w - 1) * S + K - W) / 2;
  MatD P = MatD::Zero(o.h * o.w, K * K * C), Wm(K * K * C, D);
  for (int oy = 0; oy < o.h; ++oy)
    for (int ox = 0; ox < o.w; ++ox)
      for (int ky = 0; ky < K; ++ky)
        for (int kx = 0; kx < K; ++kx)
          for (int c = 0; c < C; ++c) {
            const int iy = oy * S + ky - pad_top, ix = ox * S + kx - pad_left;
            if (iy >= 0 && iy < H && ix >= 0 && ix < W) P(oy * o.w + ox, (ky * K + kx) * C + c) = x[(iy * W + ix) * C + c];
          }
  for (int i = 0; i < K * K * C * D; ++i) Wm.data()[i] = p[i];
  const MatD Y = P * Wm;
  for (int r = 0; r < o.h * o.w; ++r)
    for (int d = 0; d < D; ++d) EXPECT_NEAR(y[r * D + d], Y(r, d) + p[K * K * C * D + d], 1e-4);
}
#endif
