// A chain of layers and the buffers that run it: every layer's output (kept for backward and
// for the Inspect panel), two ping-pong gradient buffers, and each layer's workspace. Buffers
// grow only when a larger batch arrives, so steady-state training never allocates.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine/layer.h"

namespace dlp {

// Where a training step's time goes (dlp-bench's breakdown): seconds per layer forward and
// backward, summed over the steps profiled. Off (null) unless a benchmark asks.
struct StepProfile {
  std::vector<double> forward, backward;  // per layer of the top sequence
  double loss = 0, l2 = 0, update = 0, total = 0;
  int steps = 0;
};

double profile_seconds();  // a steady clock, for StepProfile

class Sequence {
 public:
  void set_profile(StepProfile* p) { profile_ = p; }
  explicit Sequence(Shape in) : in_(in) {}
  void add(std::unique_ptr<Layer> layer) { layers_.push_back(std::move(layer)); }
  Shape in_shape() const { return in_; }
  Shape out_shape() const { return layers_.empty() ? in_ : layers_.back()->out_shape(); }
  size_t size() const { return layers_.size(); }
  Layer& layer(size_t i) { return *layers_[i]; }
  const Layer& layer(size_t i) const { return *layers_[i]; }

  size_t param_count() const;
  void bind_params(float* values, float* grads);
  void params(std::vector<Param>& out, const std::string& prefix);
  void set_rng(Rng* rng);
  bool set_dropout_rate(float rate);
  double flops_forward() const;

  // Floats of activations, gradients and workspaces at this batch size (nested ones included).
  size_t buffer_floats(int batch) const;
  void reserve(int batch);

  // Returns the last layer's output; x: (B, in).
  // predict_only (no backward follows): each layer's Layer::predict, and a layer and the ReLU
  // after it in one pass where the layer can (Layer::forward_relu; the activation before that
  // ReLU is then not kept).
  const float* forward(const float* x, int batch, bool training, bool predict_only = false);
  // dy: (B, out); dx: (B, in) or null. Uses the activations of the last forward. output_grads:
  // when given, [i] keeps the gradient with respect to layer i's output (the unit view's dL/dz).
  void backward(const float* x, const float* dy, float* dx, int batch, std::vector<std::vector<float>>* output_grads = nullptr);
  // What region `out` of the output of the first `layers` layers reads of the sequence's input.
  Region input_region(size_t layers, Region out) const;
  // Output of layer i from the last forward, (B, out_i).
  const float* activation(size_t i) const { return acts_.data() + act_offset_[i]; }

 private:
  // Floats per buffer at a batch size: activations (and where each layer's begins), the two
  // gradient ping-pong buffers, layer workspaces, and what composite layers hold inside.
  struct Plan {
    size_t acts = 0, grad = 0, workspace = 0, inner = 0;
    std::vector<size_t> act_offset;
  };
  Plan plan(int batch) const;
  Shape in_;
  std::vector<std::unique_ptr<Layer>> layers_;
  int reserved_ = 0, reserved_threads_ = 0;  // workspaces are per engine thread (parallel.h)
  std::vector<float> acts_, grad_a_, grad_b_, workspace_;
  std::vector<size_t> act_offset_;
  StepProfile* profile_ = nullptr;
};

}  // namespace dlp
