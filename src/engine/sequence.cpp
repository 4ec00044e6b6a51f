#include "engine/sequence.h"

#include <algorithm>
#include <chrono>

#include "engine/parallel.h"

namespace dlp {

double profile_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

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

bool Sequence::set_dropout_rate(float rate) {
  bool any = false;
  for (auto& l : layers_) any |= l->set_dropout_rate(rate);
  return any;
}

double Sequence::flops_forward() const {
  double f = 0;
  for (const auto& l : layers_) f += l->flops_forward();
  return f;
}

// The one buffer plan: what reserve() allocates and buffer_floats() counts.
Sequence::Plan Sequence::plan(int batch) const {
  Plan p;
  size_t widest = in_.size();
  for (const auto& l : layers_) {
    p.act_offset.push_back(p.acts);
    p.acts += l->out_shape().size() * batch;
    widest = std::max(widest, l->out_shape().size());
    p.workspace += l->workspace_floats(batch);
    p.inner += l->activation_floats(batch);
  }
  p.grad = widest * batch;
  return p;
}

size_t Sequence::buffer_floats(int batch) const {
  const Plan p = plan(batch);
  return p.acts + 2 * p.grad + p.workspace + p.inner;
}

void Sequence::reserve(int batch) {
  if (batch <= reserved_ && engine_threads() == reserved_threads_) return;
  batch = std::max(batch, reserved_);
  Plan p = plan(batch);
  act_offset_ = std::move(p.act_offset);
  acts_.assign(p.acts, 0.0f);
  grad_a_.assign(p.grad, 0.0f);
  grad_b_.assign(p.grad, 0.0f);
  workspace_.assign(p.workspace, 0.0f);
  float* w = workspace_.data();
  for (auto& l : layers_) {
    l->bind_workspace(w, batch);
    w += l->workspace_floats(batch);
  }
  reserved_ = batch;
  reserved_threads_ = engine_threads();
}

const float* Sequence::forward(const float* x, int batch, bool training, bool predict_only) {
  reserve(batch);
  if (profile_) profile_->forward.resize(layers_.size(), 0.0);
  const float* in = x;
  for (size_t i = 0; i < layers_.size(); ++i) {
    float* out = acts_.data() + act_offset_[i];
    const double t0 = profile_ ? profile_seconds() : 0;
    const size_t at = i;
    if (predict_only && !training && i + 1 < layers_.size() && layers_[i + 1]->name() == "relu" &&
        layers_[i]->forward_relu(in, acts_.data() + act_offset_[i + 1], batch)) {
      out = acts_.data() + act_offset_[++i];  // the ReLU's output, written: its time counts as the layer's
    } else if (predict_only && !training) {
      layers_[i]->predict(in, out, batch);
    } else {
      layers_[i]->forward(in, out, batch, training);
    }
    if (profile_) profile_->forward[at] += profile_seconds() - t0;
    in = out;
  }
  return in;
}

void Sequence::backward(const float* x, const float* dy, float* dx, int batch, std::vector<std::vector<float>>* output_grads) {
  const float* g = dy;
  if (output_grads) output_grads->resize(layers_.size());
  for (size_t i = layers_.size(); i-- > 0;) {
    if (output_grads) (*output_grads)[i].assign(g, g + static_cast<size_t>(batch) * layers_[i]->out_shape().size());
    const float* in = i == 0 ? x : activation(i - 1);
    float* gin = i == 0 ? dx : (g == grad_a_.data() ? grad_b_.data() : grad_a_.data());
    const double t0 = profile_ ? profile_seconds() : 0;
    layers_[i]->backward(in, activation(i), g, gin, batch);
    if (profile_) { profile_->backward.resize(layers_.size(), 0.0); profile_->backward[i] += profile_seconds() - t0; }
    g = gin;
  }
}

Region Sequence::input_region(size_t layers, Region out) const {
  for (size_t i = layers; i-- > 0;) out = layers_[i]->input_region(out);
  return out;
}

}  // namespace dlp
