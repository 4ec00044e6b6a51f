#include "engine/layer.h"

namespace dlp {

std::string Shape::str() const {
  return std::to_string(h) + "x" + std::to_string(w) + "x" + std::to_string(c);
}

Region Layer::input_region(Region out) const {
  if (in_.h == out_.h && in_.w == out_.w) return out;
  return {0, in_.h - 1, 0, in_.w - 1};
}

Region window_input_region(Region out, Shape in, int kh, int kw, int stride, int pad_top, int pad_left) {
  auto clamp = [](int v, int hi) { return v < 0 ? 0 : v > hi ? hi : v; };
  return {clamp(out.y0 * stride - pad_top, in.h - 1), clamp(out.y1 * stride - pad_top + kh - 1, in.h - 1),
          clamp(out.x0 * stride - pad_left, in.w - 1), clamp(out.x1 * stride - pad_left + kw - 1, in.w - 1)};
}

}  // namespace dlp
