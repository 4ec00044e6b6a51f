// What training has shown so far, for the panels to draw: curves over steps, the last step's
// gradients and each weight tensor's gradient norm, the last test evaluation with its confusion
// matrix, and how fast steps run. Session fills it; a new run clears it. No ImGui here.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dlp {

struct Curve {
  std::vector<float> x, y;  // step, value
  void add(float step, float v);
  void clear() { x.clear(); y.clear(); }
};

// A measurement of the whole test set: each example's predicted class, the confusion matrix
// [true][predicted], the accuracy, and the step the weights had taken.
struct FullTest {
  std::vector<uint8_t> predictions;
  int confusion[10][10] = {};
  size_t step = 0;
  float accuracy = 0;
};

struct RunMetrics {
  Curve loss, train_acc, test_acc;
  double examples_per_s = 0;
  // Gradients of the last training step (copied, since saliency maps reuse the model's buffers)
  // and each weight tensor's gradient norm over steps, for the Inspect panel.
  std::vector<float> last_grads;
  std::vector<Curve> grad_norms;            // one per weight tensor (biases skipped)
  std::vector<std::string> grad_norm_names;
  FullTest full;  // the last full test-set evaluation
  float last_loss = 0, last_test_acc = 0;
  size_t last_test_count = 0, last_test_step = 0;   // what last_test_acc was measured on, and when
  // Time per step: measured (a running mean); the throughput measured so far (10 GFLOP/s before
  // anything was measured) gives the estimate before a model's first step.
  double step_ms = 0;
  double flops_per_ms = 1e7;
  double train_ms = 0;  // time in training steps since the run began (the compare table's "time")
};

}  // namespace dlp
