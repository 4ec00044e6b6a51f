#include "engine/conv2d.h"

#include <algorithm>

#include "engine/gemm_parts.h"
#include "engine/kernels/bias_grad.h"
#include "engine/kernels/conv_dx.h"
#include "engine/kernels/copy.h"
#include "engine/kernels/gemm.h"
#include "engine/kernels/im2col.h"
#include "engine/layer_type.h"
#include "engine/parallel.h"

namespace dlp {

Conv2D::Conv2D(Shape in, int kh, int kw, int depth, int stride, Padding padding)
    : kh_(kh), kw_(kw), stride_(stride), padding_(padding) {
  in_ = in;
  const Window1D wh = window_1d(in.h, kh, stride, padding), ww = window_1d(in.w, kw, stride, padding);
  out_ = Shape{wh.out, ww.out, depth};
  pad_top_ = wh.pad_before;
  pad_left_ = ww.pad_before;
}

std::string Conv2D::name() const {
  std::string s = "conv" + std::to_string(kh_) + "x" + std::to_string(kw_) + "x" + std::to_string(out_.c);
  if (stride_ != 1) s += "-s" + std::to_string(stride_);
  if (padding_ == Padding::Valid) s += "-valid";
  return s;
}

void Conv2D::bind_params(float* values, float* grads) {
  const size_t nw = patch() * out_.c;
  w_ = values; b_ = values + nw; dw_ = grads; db_ = grads + nw;
}

void Conv2D::params(std::vector<Param>& out) {
  const int fan_in = static_cast<int>(patch()), fan_out = kh_ * kw_ * out_.c;
  out.push_back({"weight", {kh_, kw_, in_.c, out_.c}, w_, dw_, patch() * out_.c, false, fan_in, fan_out});
  out.push_back({"bias", {out_.c}, b_, db_, static_cast<size_t>(out_.c), true, fan_in, fan_out});
}

// No im2col columns are written: the forward product and the weight gradient read each
// window in place from the padded example (f32_im2col_gemm, f32_im2col_gemm_tn), and dx comes
// straight from dy and W (f32_conv_dx). Only an input whose channels are not a multiple of 4
// takes dx the old way, dcols = dy W^T block by block of output rows (small enough to stay in
// cache), added back with col2im; blocks change no sum (rows are independent there).
constexpr size_t kColsBlockFloats = size_t{1} << 15;

int Conv2D::block_rows() const {
  const size_t rows = kColsBlockFloats / patch();
  return static_cast<int>(rows < 4 ? 4 : rows - rows % 4);
}

bool Conv2D::direct_dx() const { return in_.c % 4 == 0; }

// One part's packed B: one example's dy (positions x D) for the weight gradient; a 1x1
// convolution (products over every row, split by gemm_parts) packs W, dy and W^T there.
size_t Conv2D::pack_floats(int batch) const {
  const int K = static_cast<int>(patch()), D = out_.c, rows = batch * out_.h * out_.w;
  if (!pointwise()) return f32_gemm_pack_floats(D, out_.h * out_.w);
  return std::max({f32_gemm_pack_floats(D, K), f32_gemm_pack_floats(D, rows), f32_gemm_pack_floats(K, D)});
}

// A part: the packed dy, a padded example, and for the old dx a block of dcols and a padded
// gradient.
size_t Conv2D::part_floats(int batch) const {
  if (pointwise()) return pack_floats(batch);
  const size_t old_dx = direct_dx() ? 0 : static_cast<size_t>(block_rows()) * patch() + padded_floats();
  return pack_floats(batch) + padded_floats() + old_dx;
}

// W packed once per pass for all parts (W as the forward reads it; as dx reads it, wt for the
// direct kernel or W^T for dcols), then a row of D zeros (the direct kernel's dy outside the
// output grid).
size_t Conv2D::wpack_floats() const {
  if (pointwise()) return 0;
  const int K = static_cast<int>(patch()), D = out_.c;
  return std::max(f32_gemm_pack_floats(D, K), f32_gemm_pack_floats(K, D)) + D;
}

ConvDxGeometry Conv2D::dx_geometry() const {
  return {in_.h, in_.w, in_.c, out_.c, kh_, kw_, stride_, out_.h, out_.w, pad_top_, pad_left_};
}

size_t Conv2D::workspace_floats(int batch) const {
  return static_cast<size_t>(engine_threads()) * part_floats(batch) + wpack_floats();
}

void Conv2D::bind_workspace(float* ws, int batch) {
  parts_ = engine_threads();
  part_stride_ = part_floats(batch);
  parts_ws_ = ws;
  wpack_ = pointwise() ? nullptr : ws + parts_ * part_stride_;
}

Conv2D::Part Conv2D::part(int p, int batch) const {
  Part r{};
  r.pack = parts_ws_ + p * part_stride_;
  if (pointwise()) return r;
  r.padded = r.pack + pack_floats(batch);
  if (direct_dx()) return r;
  r.dcols = r.padded + padded_floats();
  r.dpadded = r.dcols + static_cast<size_t>(block_rows()) * patch();
  return r;
}

// The input pixels that lie inside the padded extent, row by row: fn(offset in the example,
// offset in the padded example, floats in the run). Padding and copying back share it.
template <class Fn>
void Conv2D::for_each_interior_row(Fn fn) const {
  const size_t C = in_.c, Wp = padded_w();
  const int x_lo = std::max(0, -pad_left_), x_hi = std::min(in_.w, padded_w() - pad_left_);
  for (int iy = std::max(0, -pad_top_); iy < std::min(in_.h, padded_h() - pad_top_); ++iy)
    fn((static_cast<size_t>(iy) * in_.w + x_lo) * C, ((iy + pad_top_) * Wp + x_lo + pad_left_) * C, (x_hi - x_lo) * C);
}


// One example's input with its padding made real: (Hp, Wp, C) zeros with x at (pad_top,
// pad_left), cropped to the rows and columns any window reads. Patch rows then copy with no
// bounds checks.
void Conv2D::pad_example(const float* xb, float* padded) const {
  f32_zero(padded, static_cast<size_t>(padded_h()) * padded_w() * in_.c);
  for_each_interior_row([&](size_t at, size_t padded_at, size_t n) { f32_copy(padded + padded_at, xb + at, n); });
}

WindowGeometry Conv2D::windows() const { return {padded_w(), in_.c, kh_, kw_, stride_, out_.w}; }

// The adjoint of im2col for rows [r0, r1): every column entry adds into the padded gradient of
// its example, in row order; when the rows move on to the next example, the finished one is
// cropped into dx (flush_example). *grad_b is the example being accumulated, -1 for none.
void Conv2D::col2im(const float* cols, int r0, int r1, float* dx, int* grad_b, float* dpadded) const {
  const int per_example = out_.h * out_.w;
  const size_t row = patch();
  for (int r = r0; r < r1;) {
    const int b = r / per_example, p = r % per_example, n = std::min(r1 - r, per_example - p);
    if (b != *grad_b) {
      if (*grad_b >= 0) flush_example(*grad_b, dx, dpadded);
      f32_zero(dpadded, padded_floats());
      *grad_b = b;
    }
    f32_col2im(windows(), cols, p / out_.w, p % out_.w, n, dpadded);
    cols += n * row;
    r += n;
  }
}

// dx of example b: the padded gradient without its padding; inputs no window reads get 0.
void Conv2D::flush_example(int b, float* dx, const float* dpadded) const {
  float* dxb = dx + static_cast<size_t>(b) * in_.size();
  f32_zero(dxb, in_.size());
  for_each_interior_row([&](size_t at, size_t padded_at, size_t n) { f32_copy(dxb + at, dpadded + padded_at, n); });
}

// x: (B, H, W, cin) -> y: (B, oh, ow, cout). The examples are split over the threads; each part
// pads an example and multiplies its windows, read in place, by the packed W (the product of
// im2col's columns, without writing them).
void Conv2D::forward(const float* x, float* y, int batch, bool) { run_forward(x, y, batch, false); }

void Conv2D::run_forward(const float* x, float* y, int batch, bool relu) {
  const int rows = batch * out_.h * out_.w, K = static_cast<int>(patch()), D = out_.c;
  if (pointwise()) { gemm_nn_parts(rows, D, K, x, K, w_, D, y, D, {b_, false, relu}, parts_ws_, part_stride_); return; }
  const size_t per_example = static_cast<size_t>(out_.h) * out_.w;
  f32_gemm_pack_b(D, K, w_, D, wpack_);
  parallel_for(static_cast<size_t>(batch), 1, [&](int p, size_t e0, size_t e1) {
    const Part w = part(p, batch);
    for (size_t b = e0; b < e1; ++b) {
      pad_example(x + b * in_.size(), w.padded);
      f32_im2col_gemm(windows(), w.padded, 0, 0, static_cast<int>(per_example), D, wpack_,
                      y + b * per_example * D, D, {b_, false, relu});
    }
  });
}

// dW = cols^T dy, db = sum dy, dx = col2im(dy W^T), where cols are the im2col rows (never written).
// dx: straight from dy and W (conv_dx.h), examples split over the threads; for inputs whose
// channels are not a multiple of 4, dcols block by block and col2im. dW: the threads split W's
// rows (patch elements); each part goes through every example in order, reading the windows in
// place, so every element of dW sums its rows in ascending order as the GEMM contract says.
void Conv2D::backward(const float* x, const float*, const float* dy, float* dx, int batch) {
  const int rows = batch * out_.h * out_.w, K = static_cast<int>(patch()), D = out_.c;
  f32_bias_grad(static_cast<size_t>(rows), static_cast<size_t>(D), dy, db_);
  if (pointwise()) {
    gemm_tn_parts(K, D, rows, x, K, dy, D, dw_, D, {}, parts_ws_, part_stride_);
    if (dx) gemm_nt_parts(rows, K, D, dy, D, w_, D, dx, K, {}, parts_ws_, part_stride_);
    return;
  }
  const int per_example = out_.h * out_.w;
  const size_t dy_example = static_cast<size_t>(per_example) * D;
  if (dx && direct_dx()) {
    const ConvDxGeometry g = dx_geometry();
    f32_conv_dx_pack(g, w_, wpack_);
    float* zeros = wpack_ + wpack_floats() - D;
    f32_zero(zeros, static_cast<size_t>(D));
    parallel_for(static_cast<size_t>(batch), 1, [&](int, size_t e0, size_t e1) {
      for (size_t b = e0; b < e1; ++b) f32_conv_dx(g, dy + b * dy_example, wpack_, zeros, dx + b * in_.size());
    });
  } else if (dx) {
    f32_gemm_pack_bt(K, D, w_, D, wpack_);  // W^T, for dcols = dy W^T block after block
    parallel_for(static_cast<size_t>(batch), 1, [&](int p, size_t e0, size_t e1) {
      const Part w = part(p, batch);
      int grad_b = -1;
      const int end = static_cast<int>(e1) * per_example;
      for (int r0 = static_cast<int>(e0) * per_example, step = block_rows(); r0 < end; r0 += step) {
        const int r1 = std::min(end, r0 + step);
        f32_gemm_packed(r1 - r0, K, D, dy + static_cast<size_t>(r0) * D, D, wpack_, w.dcols, K, {});
        col2im(w.dcols, r0, r1, dx, &grad_b, w.dpadded);
      }
      if (grad_b >= 0) flush_example(grad_b, dx, w.dpadded);
    });
  }
  parallel_for(static_cast<size_t>(K), 4, [&](int p, size_t q0, size_t q1) {
    const Part w = part(p, batch);
    for (int b = 0; b < batch; ++b) {
      pad_example(x + static_cast<size_t>(b) * in_.size(), w.padded);
      f32_gemm_pack_b(D, per_example, dy + b * dy_example, D, w.pack);
      GemmEpilogue ep;
      ep.accumulate = b > 0;  // continues each sum where the last example stopped
      f32_im2col_gemm_tn(windows(), w.padded, per_example, static_cast<int>(q0), static_cast<int>(q1 - q0), D,
                         w.pack, dw_ + q0 * D, D, ep);
    }
  });
}

}  // namespace dlp

namespace dlp {

// Output (y, x, c): the bias, then its window in patch order (ky, kx, cin), as the forward's
// product adds it (padding zeros included: they add +-0 there too).
bool Conv2D::open_unit(int y, int x, int c, UnitSum* u) const {
  u->terms.clear();
  for (int ky = 0; ky < kh_; ++ky)
    for (int kx = 0; kx < kw_; ++kx)
      for (int ci = 0; ci < in_.c; ++ci) {
        const int iy = y * stride_ - pad_top_ + ky, ix = x * stride_ - pad_left_ + kx;
        const bool inside = iy >= 0 && iy < in_.h && ix >= 0 && ix < in_.w;
        const long input = inside ? (static_cast<long>(iy) * in_.w + ix) * in_.c + ci : -1;
        u->terms.push_back({input, ((static_cast<size_t>(ky) * kw_ + kx) * in_.c + ci) * out_.c + c});
      }
  u->weights = w_;
  u->weight_grads = dw_;
  u->bias = b_[c];
  u->bias_grad = db_[c];
  return true;
}

// W: (kh, kw, cin, cout): output channel o's patch over input channel 0.
void Conv2D::weight_image(int o, float* out) const {
  for (int p = 0; p < kh_ * kw_; ++p) out[p] = w_[(static_cast<size_t>(p) * in_.c) * out_.c + o];
}
}  // namespace dlp

namespace dlp {

// conv<KH>x<KW>x<D>[-s<S>][-valid|-same], or conv<K>x<D> for a square patch.
const LayerType& conv_layer_type() {
  static const LayerType t{
      "conv", nullptr, "convolution: a patch of weights slid over the image", 0,
      [] { LayerSpec l; l.kh = l.kw = 3; l.depth = 8; l.stride = 1; l.padding = Padding::Same; return l; },
      [](SpecCursor& c, LayerSpec& l, SpecError* err) {
        int a = 0, b = 0, d = 0;
        if (!c.integer(&a) || !c.eat("x") || !c.integer(&b))
          return spec_fail(err, l.pos, "'" + c.word() + "': a convolution is conv<patch h>x<patch w>x<depth>, as in conv5x5x8");
        if (c.eat("x")) {
          if (!c.integer(&d)) return spec_fail(err, c.i, "'" + c.word() + "': expected the depth after the last 'x'");
          l.kh = a; l.kw = b; l.depth = d;
        } else {
          l.kh = l.kw = a; l.depth = b;
        }
        if (l.kh < 1 || l.kw < 1 || l.depth < 1) return spec_fail(err, l.pos, "'" + c.word() + "': patch size and depth must be >= 1");
        l.padding = Padding::Same;
        return parse_window_options(c, l, err);
      },
      [](const LayerSpec& l) {
        std::string s = "conv" + std::to_string(l.kh) + "x" + std::to_string(l.kw) + "x" + std::to_string(l.depth);
        if (l.stride != 1) s += "-s" + std::to_string(l.stride);
        if (l.padding == Padding::Valid) s += "-valid";
        return s;
      },
      [](const LayerSpec& l, Shape in, const SpecLimits& lim, SpecError* err) -> std::unique_ptr<Layer> {
        if (l.depth > lim.max_depth) { spec_fail(err, l.pos, quote_layer(l) + "depth at most " + std::to_string(lim.max_depth)); return nullptr; }
        if (!check_window(l, in, l.kh, l.kw, lim, "convolution", err)) return nullptr;
        return std::make_unique<Conv2D>(in, l.kh, l.kw, l.depth, l.stride, l.padding);
      },
      [](const LayerSpec& l, Shape in) {
        return "Conv(" + std::to_string(in.c) + ", " + std::to_string(l.depth) + ", (" + std::to_string(l.kh) + ", " +
               std::to_string(l.kw) + "), " + std::to_string(l.stride) + ", " + pytorch_pad(in, l.kh, l.kw, l.stride, l.padding) + ")";
      },
      R"PY(class Conv(nn.Conv2d):
    """Convolution with TensorFlow-style SAME padding (left, right, top, bottom) or VALID (None)."""
    def __init__(self, cin, cout, k, stride, pad):
        super().__init__(cin, cout, k, stride)
        self.pad = pad

    def forward(self, x):
        return super().forward(F.pad(x, self.pad) if self.pad else x)
)PY",
      {{"patch", LayerSetting::IntSlider, [](const LayerSpec& l) { return double(l.kh); },
        [](LayerSpec& l, double v) { l.kh = l.kw = int(v); }, 1, [](const SpecLimits& m) { return m.max_kernel; }},
       {"depth", LayerSetting::IntInput, [](const LayerSpec& l) { return double(l.depth); },
        [](LayerSpec& l, double v) { l.depth = int(v); }, 1, [](const SpecLimits& m) { return m.max_depth; }},
       stride_setting(), padding_setting()},
  };
  return t;
}

}  // namespace dlp
