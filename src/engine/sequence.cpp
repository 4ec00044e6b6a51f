#include "engine/sequence.h"

#include <algorithm>

namespace dlp {

size_t Sequence::param_count() const {
  size_t n = 0;
  for (const auto& l : layers_) n += l->param_count();
  return n;
}

void Sequence::bind_params(float* values, float* grads) {
  for (auto& l : layers_) {
    l->bind_params(values, grads);
    values += l->param_count();
    grads += l->param_count();
  }
}

void Sequence::params(std::vector<Param>& out, const std::string& prefix) {
  for (size_t i = 0; i < layers_.size(); ++i) {
    const size_t first = out.size();
    layers_[i]->params(out);
    for (size_t p = first; p < out.size(); ++p) out[p].name = prefix + std::to_string(i) + "." + out[p].name;
  }
}

void Sequence::set_rng(Rng* rng) {
  for (auto& l : layers_) l->set_rng(rng);
}

double Sequence::flops_forward() const {
  double f = 0;
  for (const auto& l : layers_) f += l->flops_forward();
  return f;
}

size_t Sequence::buffer_floats(int batch) const {
  size_t acts = 0, widest = in_.size(), ws = 0;
  for (const auto& l : layers_) {
    acts += l->out_shape().size();
    widest = std::max(widest, l->out_shape().size());
    ws += l->workspace_floats(batch) + l->activation_floats(batch);
  }
  return (acts + 2 * widest) * batch + ws;
}

void Sequence::reserve(int batch) {
  if (batch <= reserved_) return;
  size_t acts = 0, widest = in_.size(), ws = 0;
  act_offset_.clear();
  for (const auto& l : layers_) {
    act_offset_.push_back(acts);
    acts += l->out_shape().size() * batch;
    widest = std::max(widest, l->out_shape().size());
    ws += l->workspace_floats(batch);
  }
  acts_.assign(acts, 0.0f);
  grad_a_.assign(widest * batch, 0.0f);
  grad_b_.assign(widest * batch, 0.0f);
  workspace_.assign(ws, 0.0f);
  float* w = workspace_.data();
  for (auto& l : layers_) {
    l->bind_workspace(w, batch);
    w += l->workspace_floats(batch);
  }
  reserved_ = batch;
}

const float* Sequence::forward(const float* x, int batch, bool training) {
  reserve(batch);
  const float* in = x;
  for (size_t i = 0; i < layers_.size(); ++i) {
    float* out = acts_.data() + act_offset_[i];
    layers_[i]->forward(in, out, batch, training);
    in = out;
  }
  return in;
}

void Sequence::backward(const float* x, const float* dy, float* dx, int batch) {
  const float* g = dy;
  for (size_t i = layers_.size(); i-- > 0;) {
    const float* in = i == 0 ? x : activation(i - 1);
    float* gin = i == 0 ? dx : (g == grad_a_.data() ? grad_b_.data() : grad_a_.data());
    layers_[i]->backward(in, activation(i), g, gin, batch);
    g = gin;
  }
}

}  // namespace dlp
