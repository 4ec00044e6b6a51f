// A layer: shape rule, forward, backward, parameters. Activations are NHWC per example
// (h, w, c); a batch is B of them back to back. Buffers are owned by the Sequence that runs
// the layer, sized from the inferred shapes before the first step, so steps never allocate.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dlp {

struct Shape {
  int h = 1, w = 1, c = 1;
  size_t size() const { return static_cast<size_t>(h) * w * c; }
  bool operator==(const Shape& o) const { return h == o.h && w == o.w && c == o.c; }
  std::string str() const;
};

struct Param {
  std::string name;          // "weight" or "bias"; the model prefixes the layer path
  std::vector<int> dims;     // engine layout, documented per layer
  float* value = nullptr;
  float* grad = nullptr;
  size_t size = 0;
  bool is_bias = false;      // L2 regularization skips biases (and BatchNorm's scale); init fills them
  int fan_in = 0, fan_out = 0;
  bool trainable = true;     // false: kept by the layer, not trained (BatchNorm's running statistics)
  float fill = 0;            // what init writes into biases and kept values (weights are drawn)
  size_t offset = 0;         // where it begins in the model's parameter block (set by the model)
};

class Rng;

// Rows y0..y1 and columns x0..x1 (inclusive) of an activation, all channels: a receptive field.
struct Region {
  int y0 = 0, y1 = 0, x0 = 0, x1 = 0;
};
inline Region region_union(Region a, Region b) {
  return {a.y0 < b.y0 ? a.y0 : b.y0, a.y1 > b.y1 ? a.y1 : b.y1, a.x0 < b.x0 ? a.x0 : b.x0, a.x1 > b.x1 ? a.x1 : b.x1};
}

// One unit of a layer with weights opened up (the Inspect panel's unit view): a convolution's
// output cell or a dense layer's unit. Its output z = bias, then + x[input] * weights[weight] for
// each term in order: the order the engine adds them, so summing them this way gives the engine's
// own bits. input is the element of one example's input (-1: a padding zero).
struct UnitSum {
  struct Term {
    long input;
    size_t weight;
  };
  std::vector<Term> terms;
  const float* weights = nullptr;       // the layer's weight tensor ...
  const float* weight_grads = nullptr;  // ... and its gradient from the last backward
  float bias = 0, bias_grad = 0;
};

class Layer {
 public:
  virtual ~Layer() = default;
  virtual std::string name() const = 0;  // as written in the spec, e.g. "conv5x5x8"
  Shape in_shape() const { return in_; }
  Shape out_shape() const { return out_; }

  // Parameters carved out of the model's parameter block: count first, then bind.
  virtual size_t param_count() const { return 0; }
  virtual void bind_params(float* /*values*/, float* /*grads*/) {}
  virtual void params(std::vector<Param>& /*out*/) {}
  // Scratch floats needed for a batch (im2col columns, masks, pool argmax...).
  virtual size_t workspace_floats(int /*batch*/) const { return 0; }
  virtual void bind_workspace(float* /*ws*/, int /*batch*/) {}
  // Multiply-adds counted as 2 FLOPs, forward pass only, per example.
  virtual double flops_forward() const { return 0; }

  // x: (B, in), y: (B, out).
  virtual void forward(const float* x, float* y, int batch, bool training) = 0;
  // Inference that no backward follows (Model::predict): forward's output, without keeping what
  // only backward reads (max pooling's winners).
  virtual void predict(const float* x, float* y, int batch) { forward(x, y, batch, false); }
  // The same, fused with the ReLU that follows: one pass into the ReLU's output with the ReLU
  // layer's bits; false when the layer cannot (then both run as usual).
  virtual bool forward_relu(const float* /*x*/, float* /*y*/, int /*batch*/) { return false; }
  // dy: (B, out) -> dx: (B, in) (dx may be null for the first layer); parameter gradients are
  // overwritten, not accumulated.
  virtual void backward(const float* x, const float* y, const float* dy, float* dx, int batch) = 0;

  // Dropout draws masks; others ignore it.
  virtual void set_rng(Rng* /*rng*/) {}
  // Dropout takes the new rate (a live change: no parameter depends on it); composite layers
  // pass it to the layers inside. True when some layer took it.
  virtual bool set_dropout_rate(float /*rate*/) { return false; }
  // The weights as images a person can read (the Inspect panel's Weights tab): a dense layer on
  // an image gives each unit's weights as a template the size of the image, a convolution each
  // output channel's patch (kh x kw). Channel 0 of the input. count 0: nothing to show.
  struct Images {
    int count = 0, w = 0, h = 0;
  };
  virtual Images weight_images() const { return {}; }
  virtual void weight_image(int /*i*/, float* /*out: h * w*/) const {}
  // The input rows and columns that output region `out` reads. Default: the same region when
  // the layer keeps the spatial size (elementwise layers), the whole input when not (dense).
  virtual Region input_region(Region out) const;
  // Output cell (y, x, c) as a weighted sum (UnitSum); false: the layer has no such units
  // (activations, pooling, composite layers).
  virtual bool open_unit(int /*y*/, int /*x*/, int /*c*/, UnitSum* /*u*/) const { return false; }
  // Composite layers (inception) expose their parts for inspection.
  virtual size_t activation_floats(int batch) const { return 0 * batch; }

 protected:
  Shape in_, out_;
};

// What a kh x kw window at `stride` (padding pad_top, pad_left before the input) reads of `in`
// for output region `out` (convolution, pooling), clipped to the input.
Region window_input_region(Region out, Shape in, int kh, int kw, int stride, int pad_top, int pad_left);

}  // namespace dlp
