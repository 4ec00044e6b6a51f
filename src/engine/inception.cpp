#include "engine/inception.h"

#include <algorithm>

#include <cstring>

#include "engine/activation.h"
#include "engine/conv2d.h"
#include "engine/pool.h"

namespace dlp {

namespace {
void add_conv_relu(Sequence& s, int k, int depth) {
  s.add(std::make_unique<Conv2D>(s.out_shape(), k, k, depth, 1, Padding::Same));
  s.add(std::make_unique<Activation>(s.out_shape(), ActivationKind::ReLU));
}
}  // namespace

Inception::Inception(Shape in, InceptionSizes z) : sizes_(z) {
  in_ = in;
  branches_.reserve(4);
  for (int i = 0; i < 4; ++i) branches_.emplace_back(in);
  add_conv_relu(branches_[0], 1, z.a);
  add_conv_relu(branches_[1], 1, z.r3);
  add_conv_relu(branches_[1], 3, z.c3);
  add_conv_relu(branches_[2], 1, z.r5);
  add_conv_relu(branches_[2], 5, z.c5);
  branches_[3].add(std::make_unique<Pool>(in, PoolKind::Max, 3, 1, Padding::Same));
  add_conv_relu(branches_[3], 1, z.p);
  out_ = Shape{in.h, in.w, z.a + z.c3 + z.c5 + z.p};
}

std::string Inception::name() const {
  const InceptionSizes& z = sizes_;
  return "inception(" + std::to_string(z.a) + "," + std::to_string(z.r3) + "/" + std::to_string(z.c3) + "," +
         std::to_string(z.r5) + "/" + std::to_string(z.c5) + "," + std::to_string(z.p) + ")";
}

size_t Inception::param_count() const {
  size_t n = 0;
  for (const auto& b : branches_) n += b.param_count();
  return n;
}

void Inception::bind_params(float* values, float* grads) {
  for (auto& b : branches_) {
    b.bind_params(values, grads);
    values += b.param_count();
    grads += b.param_count();
  }
}

void Inception::params(std::vector<Param>& out) {
  static const char* names[4] = {"b1x1.", "b3x3.", "b5x5.", "bpool."};
  for (int i = 0; i < 4; ++i) branches_[i].params(out, names[i]);
}

void Inception::set_rng(Rng* rng) {
  for (auto& b : branches_) b.set_rng(rng);
}

// What reserve() allocates: each branch's own buffers, one input gradient (summed into dx
// branch by branch) and one output-gradient slice as wide as the widest branch.
size_t Inception::activation_floats(int batch) const {
  size_t n = in_.size() * batch, widest = 0;
  for (const auto& b : branches_) {
    n += b.buffer_floats(batch);
    widest = std::max(widest, b.out_shape().size());
  }
  return n + widest * batch;
}

double Inception::flops_forward() const {
  double f = 0;
  for (const auto& b : branches_) f += b.flops_forward();
  return f;
}

void Inception::reserve(int batch) {
  if (batch <= reserved_) return;
  size_t widest = 0;
  for (auto& b : branches_) {
    b.reserve(batch);
    widest = b.out_shape().size() > widest ? b.out_shape().size() : widest;
  }
  branch_dy_.assign(widest * batch, 0.0f);
  branch_dx_.assign(in_.size() * batch, 0.0f);
  reserved_ = batch;
}

// Concatenate per pixel: y[b, pixel, :] = [branch0 | branch1 | branch2 | branch3].
void Inception::forward(const float* x, float* y, int batch, bool training) {
  reserve(batch);
  const size_t pixels = static_cast<size_t>(in_.h) * in_.w * batch;
  int offset = 0;
  for (auto& br : branches_) {
    const float* o = br.forward(x, batch, training);
    const int d = br.out_shape().c;
    for (size_t p = 0; p < pixels; ++p) std::memcpy(y + p * out_.c + offset, o + p * d, sizeof(float) * d);
    offset += d;
  }
}

void Inception::backward(const float* x, const float*, const float* dy, float* dx, int batch) {
  const size_t pixels = static_cast<size_t>(in_.h) * in_.w * batch;
  if (dx) std::memset(dx, 0, sizeof(float) * in_.size() * batch);
  int offset = 0;
  for (auto& br : branches_) {
    const int d = br.out_shape().c;
    for (size_t p = 0; p < pixels; ++p) std::memcpy(branch_dy_.data() + p * d, dy + p * out_.c + offset, sizeof(float) * d);
    offset += d;
    br.backward(x, branch_dy_.data(), dx ? branch_dx_.data() : nullptr, batch);
    if (dx)
      for (size_t i = 0; i < in_.size() * batch; ++i) dx[i] += branch_dx_[i];
  }
}

}  // namespace dlp
