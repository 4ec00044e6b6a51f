#include "data/drawing.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace dlp {

namespace {
float segment_distance(float px, float py, PadPoint a, PadPoint b) {
  const float dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
  float t = len2 > 0 ? ((px - a.x) * dx + (py - a.y) * dy) / len2 : 0.0f;
  t = std::clamp(t, 0.0f, 1.0f);
  const float ex = a.x + t * dx - px, ey = a.y + t * dy - py;
  return std::sqrt(ex * ex + ey * ey);
}
}  // namespace

void rasterize_strokes(const std::vector<Stroke>& strokes, float width, int n, float* out) {
  std::fill(out, out + static_cast<size_t>(n) * n, 0.0f);
  const float r = width * 0.5f, px = 1.0f / n;
  for (const Stroke& s : strokes) {
    for (size_t i = 0; i < s.size(); ++i) {
      const PadPoint a = s[i], b = i + 1 < s.size() ? s[i + 1] : s[i];
      const int x0 = std::max(0, static_cast<int>((std::min(a.x, b.x) - r) * n) - 1);
      const int x1 = std::min(n - 1, static_cast<int>((std::max(a.x, b.x) + r) * n) + 1);
      const int y0 = std::max(0, static_cast<int>((std::min(a.y, b.y) - r) * n) - 1);
      const int y1 = std::min(n - 1, static_cast<int>((std::max(a.y, b.y) + r) * n) + 1);
      for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
          // Coverage ramps over one pixel at the edge: anti-aliasing.
          const float d = segment_distance((x + 0.5f) * px, (y + 0.5f) * px, a, b);
          const float c = std::clamp((r - d) / px + 0.5f, 0.0f, 1.0f);
          float& o = out[static_cast<size_t>(y) * n + x];
          o = std::max(o, c);
        }
    }
  }
}

bool mnist_frame(const float* img, int w, int h, uint8_t out[784]) {
  std::memset(out, 0, 784);
  int bx0 = w, by0 = h, bx1 = -1, by1 = -1;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      if (img[static_cast<size_t>(y) * w + x] > 0.1f) {
        bx0 = std::min(bx0, x); bx1 = std::max(bx1, x);
        by0 = std::min(by0, y); by1 = std::max(by1, y);
      }
  if (bx1 < 0) return false;
  const int bw = bx1 - bx0 + 1, bh = by1 - by0 + 1;
  // Fit the longer side to 20 pixels; sample by area averaging so thin strokes stay smooth.
  const float scale = 20.0f / std::max(bw, bh);
  const int tw = std::max(1, static_cast<int>(std::lround(bw * scale))), th = std::max(1, static_cast<int>(std::lround(bh * scale)));
  std::vector<float> small(static_cast<size_t>(tw) * th, 0.0f);
  for (int ty = 0; ty < th; ++ty)
    for (int tx = 0; tx < tw; ++tx) {
      const float sx0 = bx0 + tx / scale, sx1 = bx0 + (tx + 1) / scale;
      const float sy0 = by0 + ty / scale, sy1 = by0 + (ty + 1) / scale;
      float sum = 0, area = 0;
      for (int sy = static_cast<int>(sy0); sy < static_cast<int>(std::ceil(sy1)) && sy < h; ++sy)
        for (int sx = static_cast<int>(sx0); sx < static_cast<int>(std::ceil(sx1)) && sx < w; ++sx) {
          const float ox = std::min<float>(sx + 1, sx1) - std::max<float>(sx, sx0);
          const float oy = std::min<float>(sy + 1, sy1) - std::max<float>(sy, sy0);
          if (ox <= 0 || oy <= 0) continue;
          sum += img[static_cast<size_t>(sy) * w + sx] * ox * oy;
          area += ox * oy;
        }
      small[static_cast<size_t>(ty) * tw + tx] = area > 0 ? sum / area : 0.0f;
    }
  double mass = 0, mx = 0, my = 0;
  for (int y = 0; y < th; ++y)
    for (int x = 0; x < tw; ++x) {
      const double v = small[static_cast<size_t>(y) * tw + x];
      mass += v; mx += v * x; my += v * y;
    }
  if (mass <= 0) return false;
  // Translate by whole pixels so the center of mass lands nearest pixel (14, 14), column and row,
  // where MNIST's lie (their mean over the 60,000 training digits: 14.01, 14.00); a sub-pixel
  // shift would blur strokes that the network saw sharp.
  const int ix = static_cast<int>(std::lround(14.0 - mx / mass)), iy = static_cast<int>(std::lround(14.0 - my / mass));
  for (int y = 0; y < th; ++y)
    for (int x = 0; x < tw; ++x) {
      const int X = x + ix, Y = y + iy;
      if (X < 0 || X >= 28 || Y < 0 || Y >= 28) continue;
      out[Y * 28 + X] = static_cast<uint8_t>(std::lround(std::clamp(small[static_cast<size_t>(y) * tw + x], 0.0f, 1.0f) * 255.0f));
    }
  return true;
}

}  // namespace dlp
