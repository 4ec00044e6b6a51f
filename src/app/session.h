// Everything the panels share: data, the model being built and trained, hyperparameters, the
// curves so far. Panels read and change it; only Session touches the engine's training loop.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/drawing.h"
#include "data/trainer.h"
#include "engine/model.h"
#include "engine/spec.h"

namespace dlp {

struct Curve {
  std::vector<float> x, y;  // step, value
  void add(float step, float v);
  void clear() { x.clear(); y.clear(); }
};

struct Session {
  // Data
  std::string data_name = "mnist";
  Dataset train, test;
  Normalization norm = Normalization::Centered;
  std::string data_error;

  // Model
  std::string spec_text = "conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10";
  ModelSpec spec;
  ModelInfo info;
  SpecError spec_error;
  bool spec_ok = false;
  std::unique_ptr<Model> model;
  std::unique_ptr<Trainer> trainer;

  // Training
  TrainConfig cfg;
  int batch = 32;
  InitConfig init{InitKind::He, 0.1f, 1};
  Seeds seeds;
  bool training = false;
  uint64_t replay_target = 0;
  bool diverged = false;        // the last step blew up and was undone   // a link's steps: tick trains until the model has taken this many
  Curve loss, train_acc, test_acc;
  double examples_per_s = 0;
  // Gradients of the last training step (copied, since saliency maps reuse the model's buffers)
  // and each weight tensor's gradient norm over steps, for the Inspect panel.
  std::vector<float> last_grads;
  std::vector<Curve> grad_norms;            // one per weight tensor (biases skipped)
  std::vector<std::string> grad_norm_names;
  // The last full test-set evaluation: predictions and the confusion matrix [true][predicted].
  std::vector<uint8_t> test_predictions;
  int confusion[10][10] = {};
  size_t evaluated_at_step = 0;
  float full_test_acc = 0;
  float last_loss = 0, last_test_acc = 0;
  std::string status = "Ready: press Train (or space).";

  // The student's own examples, joined to the training set with a weight.
  Dataset own;
  float own_weight = 10.0f;
  std::string own_message;
  static constexpr size_t kMaxOwn = 2000;
  bool add_own(const uint8_t* pixels, uint8_t label);   // 28x28 bytes, MNIST-framed
  void remove_own(size_t i);
  void own_changed();                                  // rejoins the trainer and saves
  std::vector<uint8_t> own_bytes() const;              // serialized: "DLPO", count, labels, pixels
  bool own_from_bytes(const std::vector<uint8_t>& b);

  // Drawing pad
  std::vector<Stroke> strokes;
  float stroke_width = 0.075f;
  float temperature = 1.0f;
  uint8_t drawn[784] = {};
  bool drawn_blank = true;
  float drawn_probs[10] = {};

  bool load_data(const std::string& name, const std::string& dir);
  // Parses and checks the text; on success rebuilds the model (fresh weights).
  bool set_spec(const std::string& text);
  void rebuild();
  // Sets every dropout layer's rate in the spec and in the live model (weights are kept).
  void set_dropout_rate(float rate);
  // Runs training steps until budget_ms of wall time is used (the frame keeps the rest).
  void tick(double budget_ms);
  StepResult step_once();
  void evaluate_test(size_t max_examples);
  void evaluate_full();
  // Models needing more than this at the chosen batch are refused before anything is allocated.
  static constexpr size_t kMemoryBudget = 256u << 20;
  void update_drawing();
  size_t steps() const { return model ? model->steps() : 0; }

 private:
  std::vector<float> last_good_;  // the weights before the current step, restored on divergence
  bool was_training_ = false;
  double rate_window_start_ = 0;
  size_t rate_window_examples_ = 0;
};

double now_ms();

}  // namespace dlp
