// A trainable model: the layer sequence, one parameter block and one gradient block (carved
// into per-layer tensors), the optimizer state and the dropout generator. The loss is softmax
// cross-entropy on the last layer's scores.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/optimizer.h"
#include "engine/rng.h"
#include "engine/sequence.h"
#include "engine/spec.h"

namespace dlp {

enum class InitKind { Gaussian, He, Glorot };
// As links and the Compare table write it: "gaussian", "he", "glorot".
inline const char* init_name(InitKind k) { return k == InitKind::He ? "he" : k == InitKind::Glorot ? "glorot" : "gaussian"; }

struct InitConfig {
  InitKind kind = InitKind::Gaussian;
  float sigma = 0.1f;   // Gaussian only: the course's "small sigma"
  uint64_t seed = 1;
};

struct StepResult {
  float loss = 0;       // data loss (weighted mean cross-entropy) + L2 term
  float l2 = 0;
  int correct = 0;      // argmax hits in this batch (training-mode forward)
};

class Model {
 public:
  // Parses nothing: takes a validated spec. Returns null with err set when shapes fail.
  static std::unique_ptr<Model> create(const ModelSpec& spec, Shape input, int classes, SpecError* err,
                                       const SpecLimits& limits = {});
  const ModelSpec& spec() const { return spec_; }
  Shape input_shape() const { return seq_.in_shape(); }
  int classes() const { return classes_; }

  void init(const InitConfig& cfg);
  void set_dropout_seed(uint64_t seed) { dropout_rng_.reseed(seed, 0xd1b54a32d192ed03ull); }
  Rng::State dropout_state() const { return dropout_rng_.state(); }
  void set_dropout_state(const Rng::State& s) { dropout_rng_.set_state(s); }
  // Every dropout layer's rate, in the layers and the spec (a live change: no parameter depends on it).
  void set_dropout_rate(float rate);

  // Scores (B, classes) of the last layer; training turns dropout on.
  const float* forward(const float* x, int batch, bool training);
  // Softmax probabilities at temperature 1, (B, classes). Layers and their ReLUs run fused, so
  // only the scores are kept: activations for a view come from forward().
  void predict(const float* x, int batch, float* probs);
  // One SGD/Adam step on a batch; weights may be null.
  StepResult train_step(const float* x, const uint8_t* labels, const float* weights, int batch, const TrainConfig& cfg);
  // d(loss)/d(input) for one example: the saliency map. The parameter gradients become this
  // example's; output_grads, when given, keeps d(loss)/d(each layer's output) (Sequence::backward).
  float input_gradient(const float* x, uint8_t label, float* dx, std::vector<std::vector<float>>* output_grads = nullptr);

  std::vector<Param>& params() { return params_; }
  size_t param_count() const { return values_.size(); }
  const float* param_block() const { return values_.data(); }
  float* param_block() { return values_.data(); }
  const float* grad_block() const { return grads_.data(); }
  size_t steps() const { return steps_; }
  void set_steps(size_t s) { steps_ = s; }
  void reset_optimizer() { opt_.reset(values_.size()); }
  const Optimizer& optimizer() const { return opt_; }
  // What training needs besides the weights to continue exactly: the step count, the optimizer's
  // state and the dropout generator. load returns false (and changes nothing) on a size mismatch.
  std::vector<uint8_t> train_state_bytes() const;
  bool load_train_state(const uint8_t* p, size_t n);

  Sequence& sequence() { return seq_; }
  // Times every part of each training step into p (null: off).
  void set_profile(StepProfile* p) { profile_ = p; seq_.set_profile(p); }
  // No parameter is infinite or NaN (divergence).
  bool params_finite() const;
  // What the last train_step's update saw in its own pass (no second pass over the parameters):
  // params_finite() after it, and the sum of squares of each weight tensor's gradient (biases
  // skipped), in params() order: the page's gradient-norm curves (0: no gradient reached it).
  bool step_finite() const { return step_finite_; }
  const std::vector<float>& step_grad_sumsq() const { return step_grad_sumsq_; }
  // Bytes a model of this spec would need at this batch size, computed before allocating it.
  static size_t estimate_bytes(const ModelSpec& spec, Shape input, int classes, int batch);
  // FNV-1a over the bits of every parameter: equal hashes mean bit-identical weights.
  uint64_t weights_hash() const;
  // Parameters, gradients, optimizer state, activations and workspaces at this batch size.
  size_t memory_bytes(int batch) const;

 private:
  Model(Shape input) : seq_(input) {}
  ModelSpec spec_;
  Sequence seq_;
  int classes_ = 10;
  std::vector<float> values_, grads_;
  std::vector<UpdateWatch> watch_;        // per param, from the last update
  std::vector<float> step_grad_sumsq_;    // per weight tensor, from the last update
  bool step_finite_ = true;
  std::vector<Param> params_;
  std::vector<float> probs_, dlogits_, dx_;
  Optimizer opt_;
  Rng dropout_rng_;
  size_t steps_ = 0;
  StepProfile* profile_ = nullptr;
};

}  // namespace dlp
