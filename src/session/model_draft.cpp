#include "session/model_draft.h"

#include "engine/model.h"

namespace dlp {

bool ModelDraft::check(const std::string& text, Shape input, int classes, int batch, ModelSpec* out, ModelInfo* info, SpecError* err) {
  ModelSpec s;
  ModelInfo mi;
  SpecError e;
  if (!parse_spec(text, &s, &e) || !infer_shapes(s, input, classes, &mi, &e)) {
    if (err) *err = e;
    return false;
  }
  const size_t need = Model::estimate_bytes(s, input, classes, batch);
  if (need > kMemoryBudget) {
    // The model as a whole is too big: no one place in the text to point at.
    if (err) *err = {std::string::npos, "this model needs " + std::to_string(need >> 20) + " MB at batch " + std::to_string(batch) +
                                            " (parameters, gradients, optimizer state, activations); the limit is " +
                                            std::to_string(kMemoryBudget >> 20) + " MB: make it smaller or lower the batch"};
    return false;
  }
  if (out) *out = s;
  if (info) *info = mi;
  return true;
}

bool ModelDraft::take(const std::string& t, Shape input, int classes, int batch) {
  ModelSpec s;
  ModelInfo mi;
  SpecError e;
  text = t;
  if (!check(t, input, classes, batch, &s, &mi, &e)) {
    refuse(e);
    return false;
  }
  spec = s;
  info = mi;
  ok = true;
  error = {};
  return true;
}

void ModelDraft::set_dropout_rate(float rate) {
  dlp::set_dropout_rate(&spec, rate);
  text = spec_to_string(spec);
}

}  // namespace dlp
