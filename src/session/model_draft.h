// The model the student writes: the spec's text as typed, the last valid spec with its shapes
// and costs, and what is wrong with the text when something is. A check covers the memory a
// model needs at the batch it trains with, so a model too big is refused before anything is
// allocated. Session builds the model from `spec` (set_spec, rebuild).
#pragma once
#include <cstddef>
#include <string>

#include "engine/spec.h"

namespace dlp {

struct ModelDraft {
  std::string text = default_preset().spec;  // as typed, perhaps half written
  ModelSpec spec;                            // the last valid one: the model is built from it
  ModelInfo info;                            // its layers' shapes, parameters and FLOPs
  SpecError error;                           // why the text is not valid (when !ok)
  bool ok = false;

  // Models needing more than this at the chosen batch are refused.
  static constexpr size_t kMemoryBudget = 256u << 20;
  // Parses and checks text for examples of `input` shape and `classes` at `batch`: the shapes,
  // and the memory budget. Each output may be null.
  static bool check(const std::string& text, Shape input, int classes, int batch, ModelSpec* spec, ModelInfo* info, SpecError* err);
  // Takes the text: when valid its spec and info replace the last valid ones; when not, the
  // error says why and the last valid spec stays.
  bool take(const std::string& text, Shape input, int classes, int batch);
  // The model could not be built from the spec after all.
  void refuse(const SpecError& e) { error = e; ok = false; }
  // Every dropout layer at `rate`, in the spec and its text.
  void set_dropout_rate(float rate);
  // The text back to the last valid spec (an edit given up).
  void keep_spec() { text = spec_to_string(spec); }
};

}  // namespace dlp
