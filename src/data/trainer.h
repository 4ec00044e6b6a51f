// Drives a Model over a Dataset: shuffled epochs from their own seed (so "same init, different
// order" is one changed number), extra user examples mixed in with a weight, evaluation.
#pragma once
#include <cstdint>
#include <vector>

#include "data/dataset.h"
#include "engine/model.h"

namespace dlp {

struct Seeds {
  uint64_t init = 1, order = 1, dropout = 1;
};

struct Evaluation {
  float loss = 0, accuracy = 0;
  int count = 0;
};

class Trainer {
 public:
  Trainer(Model* model, const Dataset* train, Normalization norm, const Seeds& seeds);
  // One step on the next batch; starts a new shuffled epoch when the current one is used up.
  // Only when can_step(batch): every example the batch needs is in.
  StepResult step(int batch, const TrainConfig& cfg);
  // While the data still streams in, a step whose examples have not arrived waits for them (a
  // step that would cross into the next epoch waits for the whole set).
  bool can_step(int batch) const;
  size_t epoch() const { return epoch_; }
  // The last step took the last example of an epoch (a batch may go on into the next one).
  bool epoch_ended() const { return epoch_ended_; }
  // Fraction of the current epoch done, 0..1.
  double epoch_progress() const;
  size_t examples_seen() const { return seen_; }
  // Mean loss and accuracy over the examples of a data set that are in (or max_examples of them,
  // spread evenly), inference mode.
  Evaluation evaluate(const Dataset& data, size_t max_examples = 0, std::vector<uint8_t>* predictions = nullptr);
  Normalization normalization() const { return norm_; }
  uint64_t order_seed() const { return order_seed_; }
  Model* model() const { return model_; }
  // User-drawn examples joined to the training set; each counts `weight` times a data set example.
  // The current epoch starts over with them (a run's log says at which step).
  void set_extra(const Dataset* extra, float weight) { extra_ = extra; extra_weight_ = weight; restart_epoch(); }
  // Where in the data order training stands: the order of each epoch is a function of the order
  // seed and the epoch's number alone, so this is all it takes to continue a run exactly.
  struct Position { uint64_t epoch = 0, cursor = 0, seen = 0; };
  Position position() const { return {epoch_, cursor_, seen_}; }
  void set_position(const Position& p);

 private:
  void restart_epoch();
  Model* model_;
  const Dataset* train_;
  const Dataset* extra_ = nullptr;
  float extra_weight_ = 1.0f;
  Normalization norm_;
  uint64_t order_seed_;
  std::vector<uint32_t> order_, base_, chunk_order_;
  size_t cursor_ = 0, epoch_ = 0, seen_ = 0;
  bool epoch_ended_ = false;
  std::vector<float> x_, w_, eval_x_, eval_p_;
  std::vector<uint8_t> y_;
};

}  // namespace dlp
