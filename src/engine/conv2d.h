// 2D convolution, NHWC. W: (kh, kw, cin, cout) row-major, which is the im2col column order, so
// forward is a GEMM: cols (B*oh*ow, kh*kw*cin) x W -> (B*oh*ow, cout), bias fused, with the rows
// of cols read in place from each padded example (never written), as the weight gradient reads
// them; dx comes straight from dy and W (kernels/conv_dx.h).
// A 1x1 convolution with stride 1 is the same GEMM on the input itself, with no padding at all.
// Gradient check: tests/engine/gradcheck_test.cpp.
#pragma once
#include <vector>

#include "engine/kernels/conv_dx.h"
#include "engine/kernels/im2col.h"
#include "engine/layer.h"
#include "engine/padding.h"

namespace dlp {

class Conv2D : public Layer {
 public:
  // Output rows per block of dcols, for inputs whose channels are not a multiple of 4 (conv2d.cpp).
  int block_rows() const;
  Conv2D(Shape in, int kh, int kw, int depth, int stride, Padding padding);
  std::string name() const override;
  size_t param_count() const override { return patch() * out_.c + out_.c; }
  void bind_params(float* values, float* grads) override;
  void params(std::vector<Param>& out) override;
  size_t workspace_floats(int batch) const override;
  void bind_workspace(float* ws, int batch) override;
  double flops_forward() const override { return 2.0 * out_.h * out_.w * out_.c * patch(); }
  void forward(const float* x, float* y, int batch, bool training) override;
  bool forward_relu(const float* x, float* y, int batch) override { run_forward(x, y, batch, true); return true; }
  void backward(const float* x, const float* y, const float* dy, float* dx, int batch) override;
  Images weight_images() const override { return {out_.c, kw_, kh_}; }
  Region input_region(Region out) const override {
    return window_input_region(out, in_, kh_, kw_, stride_, pad_top_, pad_left_);
  }
  bool open_unit(int y, int x, int c, UnitSum* u) const override;
  void weight_image(int channel, float* out) const override;

  bool pointwise() const { return kh_ == 1 && kw_ == 1 && stride_ == 1; }

 private:
  void run_forward(const float* x, float* y, int batch, bool relu);
  size_t patch() const { return static_cast<size_t>(kh_) * kw_ * in_.c; }
  // The padded input extent that windows read: (oh-1)*stride + kh rows, likewise columns.
  int padded_h() const { return (out_.h - 1) * stride_ + kh_; }
  int padded_w() const { return (out_.w - 1) * stride_ + kw_; }
  size_t padded_floats() const { return static_cast<size_t>(padded_h()) * padded_w() * in_.c; }
  bool direct_dx() const;  // dx straight from dy and W (channels a multiple of 4)
  size_t pack_floats(int batch) const;  // one part's packed panels (the largest of the products')
  size_t part_floats(int batch) const;  // one part's workspace: pack, padded example, and for the old dx dcols and their padded gradient
  size_t wpack_floats() const;          // W packed once per pass, shared by the parts
  ConvDxGeometry dx_geometry() const;
  template <class Fn>
  void for_each_interior_row(Fn fn) const;
  WindowGeometry windows() const;
  void pad_example(const float* xb, float* padded) const;
  void col2im(const float* cols, int r0, int r1, float* dx, int* grad_b, float* dpadded) const;
  void flush_example(int b, float* dx, const float* dpadded) const;

  int kh_, kw_, stride_;
  Padding padding_;
  int pad_top_ = 0, pad_left_ = 0;
  float *w_ = nullptr, *b_ = nullptr, *dw_ = nullptr, *db_ = nullptr;
  // Workspace: the parts' regions (one per engine thread, parallel.h), then the packed W.
  // A part's region: packed dy, one padded example; for the old dx a block of dcols and a padded
  // gradient.
  int parts_ = 1;
  float* parts_ws_ = nullptr;
  size_t part_stride_ = 0;
  float* wpack_ = nullptr;  // W packed for the pass (read by every part)
  struct Part {
    float *pack, *padded, *dcols, *dpadded;
  };
  Part part(int p, int batch) const;
};

}  // namespace dlp
