#include "engine/pool.h"

#include "engine/layer_type.h"

namespace dlp {

Pool::Pool(Shape in, PoolKind kind, int window, int stride, Padding padding)
    : kind_(kind), k_(window), stride_(stride), padding_(padding) {
  in_ = in;
  const Window1D wh = window_1d(in.h, window, stride, padding), ww = window_1d(in.w, window, stride, padding);
  out_ = Shape{wh.out, ww.out, in.c};
  pad_top_ = wh.pad_before;
  pad_left_ = ww.pad_before;
}

std::string Pool::name() const {
  std::string s = (kind_ == PoolKind::Max ? "maxpool" : "avgpool") + std::to_string(k_);
  if (stride_ != k_) s += "-s" + std::to_string(stride_);
  if (padding_ == Padding::Same) s += "-same";
  return s;
}

PoolGeometry Pool::geometry() const {
  return PoolGeometry{in_.h, in_.w, in_.c, k_, stride_, pad_top_, pad_left_, out_.h, out_.w};
}

// The course's pooling, 2x2 windows at stride 2 with no padding, has SIMD kernels; any other
// window runs the general scalar kernel.
bool Pool::is_2x2() const { return k_ == 2 && stride_ == 2 && padding_ == Padding::Valid; }

void Pool::forward(const float* x, float* y, int batch, bool) {
  const bool max = kind_ == PoolKind::Max;
  if (!is_2x2()) f32_pool_forward_ref(geometry(), max, batch, x, y, argmax_);
  else if (max) f32_maxpool2x2(batch, in_.h, in_.w, in_.c, x, y, argmax_);
  else f32_avgpool2x2(batch, in_.h, in_.w, in_.c, x, y);
}

void Pool::predict(const float* x, float* y, int batch) {
  if (kind_ == PoolKind::Max && is_2x2()) f32_maxpool2x2(batch, in_.h, in_.w, in_.c, x, y, nullptr);
  else forward(x, y, batch, false);
}

void Pool::backward(const float*, const float*, const float* dy, float* dx, int batch) {
  if (!dx) return;
  const bool max = kind_ == PoolKind::Max;
  if (!is_2x2()) f32_pool_backward_ref(geometry(), max, batch, argmax_, dy, dx);
  else if (max) f32_maxpool2x2_backward(batch, in_.h, in_.w, in_.c, argmax_, dy, dx);
  else f32_avgpool2x2_backward(batch, in_.h, in_.w, in_.c, dy, dx);
}

}  // namespace dlp

namespace dlp {

namespace {
// maxpool<K>[-s<S>][-same|-valid] and avgpool<K>...: window K, stride K unless given, VALID.
bool parse_pool(SpecCursor& c, LayerSpec& l, SpecError* err) {
  if (!c.integer(&l.kh) || l.kh < 1) return spec_fail(err, l.pos, "'" + c.word() + "': pooling needs a window >= 1, as in maxpool2");
  l.kw = l.kh;
  l.stride = -1;
  l.padding = Padding::Valid;
  if (!parse_window_options(c, l, err)) return false;
  if (l.stride < 0) l.stride = l.kh;
  return true;
}

std::string print_pool(const LayerSpec& l) {
  std::string s = l.type->word + std::to_string(l.kh);
  if (l.stride != l.kh) s += "-s" + std::to_string(l.stride);
  if (l.padding == Padding::Same) s += "-same";
  return s;
}

std::unique_ptr<Layer> build_pool(const LayerSpec& l, Shape in, const SpecLimits& lim, SpecError* err) {
  if (!check_window(l, in, l.kh, l.kh, lim, "pooling window", err)) return nullptr;
  return std::make_unique<Pool>(in, static_cast<PoolKind>(l.type->variant), l.kh, l.stride, l.padding);
}

std::string pytorch_pool(const LayerSpec& l, Shape in) {
  return std::string("Pool('") + (l.type->variant == int(PoolKind::Max) ? "max" : "avg") + "', " + std::to_string(l.kh) +
         ", " + std::to_string(l.stride) + ", " + pytorch_pad(in, l.kh, l.kh, l.stride, l.padding) + ")";
}

const char* kPoolPy = R"PY(class Pool(nn.Module):
    """Max or average pooling; SAME padding is ignored by both, as in TensorFlow."""
    def __init__(self, kind, k, stride, pad):
        super().__init__()
        self.kind, self.k, self.stride, self.pad = kind, k, stride, pad

    def forward(self, x):
        if self.kind == "max":
            x = F.pad(x, self.pad, value=float("-inf")) if self.pad else x
            return F.max_pool2d(x, self.k, self.stride)
        if not self.pad:
            return F.avg_pool2d(x, self.k, self.stride)
        total = F.avg_pool2d(F.pad(x, self.pad), self.k, self.stride)
        count = F.avg_pool2d(F.pad(torch.ones_like(x[:, :1]), self.pad), self.k, self.stride)
        return total / count
)PY";

std::vector<LayerSetting> pool_settings() {
  return {{"window", LayerSetting::IntSlider, [](const LayerSpec& l) { return double(l.kh); },
           [](LayerSpec& l, double v) { l.kh = l.kw = int(v); }, 1, [](const SpecLimits& m) { return m.max_kernel; }},
          stride_setting(), padding_setting()};
}

LayerSpec pool_defaults() {
  LayerSpec l;
  l.kh = l.kw = 2;
  l.stride = 2;
  l.padding = Padding::Valid;
  return l;
}
}  // namespace

const LayerType& maxpool_layer_type() {
  static const LayerType t{"maxpool", nullptr, "max pooling: the largest value of each window", int(PoolKind::Max),
                           pool_defaults, parse_pool, print_pool, build_pool, pytorch_pool, kPoolPy, pool_settings()};
  return t;
}

const LayerType& avgpool_layer_type() {
  static const LayerType t{"avgpool", nullptr, "average pooling: the mean of each window", int(PoolKind::Avg),
                           pool_defaults, parse_pool, print_pool, build_pool, pytorch_pool, kPoolPy, pool_settings()};
  return t;
}

}  // namespace dlp
