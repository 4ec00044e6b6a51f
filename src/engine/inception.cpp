#include "engine/inception.h"

#include <algorithm>

#include <cstdio>
#include <cstring>

#include "engine/activation.h"
#include "engine/conv2d.h"
#include "engine/kernels/add.h"
#include "engine/layer_type.h"
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

bool Inception::set_dropout_rate(float rate) {
  bool any = false;
  for (auto& b : branches_) any |= b.set_dropout_rate(rate);
  return any;
}

Region Inception::input_region(Region out) const {
  Region r = branches_[0].input_region(branches_[0].size(), out);
  for (const auto& b : branches_) r = region_union(r, b.input_region(b.size(), out));
  return r;
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
    if (dx) f32_add(in_.size() * batch, dx, branch_dx_.data(), dx);
  }
}

}  // namespace dlp

namespace dlp {

#define DLP_INCEPTION_SETTING(label, field)                                                                  \
  LayerSetting {                                                                                           \
    label, LayerSetting::IntInput, [](const LayerSpec& l) { return double(l.inception.field); },           \
        [](LayerSpec& l, double v) { l.inception.field = int(v); }, 1, [](const SpecLimits& m) { return m.max_depth; } \
  }

// inception(<a>,<r3>/<c3>,<r5>/<c5>,<p>)
const LayerType& inception_layer_type() {
  static const LayerType t{
      "inception", nullptr, "four branches side by side: 1x1, 3x3, 5x5 and pooling", 0,
      [] { return LayerSpec{}; },
      [](SpecCursor& c, LayerSpec& l, SpecError* err) {
        InceptionSizes& z = l.inception;
        if (!c.eat("(") || !c.integer(&z.a) || !c.eat(",") || !c.integer(&z.r3) || !c.eat("/") || !c.integer(&z.c3) ||
            !c.eat(",") || !c.integer(&z.r5) || !c.eat("/") || !c.integer(&z.c5) || !c.eat(",") || !c.integer(&z.p) ||
            !c.eat(")") || !c.at_end())
          return spec_fail(err, l.pos, "'" + c.word() + "': write inception(1x1, reduce3/3x3, reduce5/5x5, poolproj), as in inception(8,8/16,4/8,8)");
        if (z.a < 1 || z.r3 < 1 || z.c3 < 1 || z.r5 < 1 || z.c5 < 1 || z.p < 1)
          return spec_fail(err, l.pos, "'" + c.word() + "': every branch size must be >= 1");
        return true;
      },
      [](const LayerSpec& l) {
        const InceptionSizes& z = l.inception;
        char b[96];
        std::snprintf(b, sizeof b, "inception(%d,%d/%d,%d/%d,%d)", z.a, z.r3, z.c3, z.r5, z.c5, z.p);
        return std::string(b);
      },
      [](const LayerSpec& l, Shape in, const SpecLimits& lim, SpecError* err) -> std::unique_ptr<Layer> {
        const InceptionSizes& z = l.inception;
        const int widest = std::max(std::max(z.a, z.r3), std::max(std::max(z.c3, z.r5), std::max(z.c5, z.p)));
        if (widest > lim.max_depth || z.a + z.c3 + z.c5 + z.p > lim.max_depth) {
          spec_fail(err, l.pos, quote_layer(l) + "output depth at most " + std::to_string(lim.max_depth));
          return nullptr;
        }
        return std::make_unique<Inception>(in, z);
      },
      [](const LayerSpec& l, Shape in) {
        const InceptionSizes& z = l.inception;
        char b[128];
        std::snprintf(b, sizeof b, "Inception(%d, %d, %d, %d, %d, %d, %d)", in.c, z.a, z.r3, z.c3, z.r5, z.c5, z.p);
        return std::string(b);
      },
      R"PY(class Inception(nn.Module):
    def __init__(self, cin, a, r3, c3, r5, c5, p):
        super().__init__()
        same = lambda k: ((k - 1) // 2, k // 2, (k - 1) // 2, k // 2)
        self.b1x1 = nn.Sequential(Conv(cin, a, (1, 1), 1, None), nn.ReLU())
        self.b3x3 = nn.Sequential(Conv(cin, r3, (1, 1), 1, None), nn.ReLU(), Conv(r3, c3, (3, 3), 1, same(3)), nn.ReLU())
        self.b5x5 = nn.Sequential(Conv(cin, r5, (1, 1), 1, None), nn.ReLU(), Conv(r5, c5, (5, 5), 1, same(5)), nn.ReLU())
        self.bpool = nn.Sequential(Pool("max", 3, 1, same(3)), Conv(cin, p, (1, 1), 1, None), nn.ReLU())

    def forward(self, x):
        return torch.cat([self.b1x1(x), self.b3x3(x), self.b5x5(x), self.bpool(x)], 1)
)PY",
      {DLP_INCEPTION_SETTING("1x1", a), DLP_INCEPTION_SETTING("3x3 reduce", r3), DLP_INCEPTION_SETTING("3x3", c3),
       DLP_INCEPTION_SETTING("5x5 reduce", r5), DLP_INCEPTION_SETTING("5x5", c5), DLP_INCEPTION_SETTING("pool proj", p)},
  };
  return t;
}

}  // namespace dlp
