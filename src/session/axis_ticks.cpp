#include "session/axis_ticks.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace dlp {

std::string tick_label(double v) {
  if (std::fabs(v) < 1e-12) return "0";
  char b[32];
  const double a = std::fabs(v);
  if (a >= 1e5 || a < 1e-4) std::snprintf(b, sizeof b, "%.0e", v);
  else std::snprintf(b, sizeof b, "%.6g", v);
  return b;
}

float round_value(float v, int dir, float lo, float hi) {
  if (!(v > 0)) return lo;
  // Every round value from one decade below lo to one above hi, ascending. Built from the
  // decimal text so 3e-4 is the float nearest to 0.0003, as a typed or linked value is.
  std::vector<float> grid;
  for (int e = static_cast<int>(std::floor(std::log10(lo))) - 1; e <= static_cast<int>(std::ceil(std::log10(hi))) + 1; ++e)
    for (int m : {1, 2, 3, 5}) {
      char b[24];
      std::snprintf(b, sizeof b, "%de%d", m, e);
      const float g = std::strtof(b, nullptr);
      if (g >= lo && g <= hi) grid.push_back(g);
    }
  if (grid.empty()) return std::min(std::max(v, lo), hi);
  float best = grid.front();
  if (dir > 0) {
    best = grid.back();
    for (float g : grid)
      if (g > v) { best = g; break; }
  } else if (dir < 0) {
    for (float g : grid)
      if (g < v) best = g;
  } else {
    for (float g : grid)
      if (std::fabs(std::log(g / v)) < std::fabs(std::log(best / v))) best = g;
  }
  return best;
}

// The round step (1, 2 or 5 times a power of ten) that cuts `range` into at most `n` parts.
static double nice_step(double range, int n) {
  const double raw = range / std::max(1, n);
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= raw * (1 - 1e-9)) return m * p;
  return 10 * p;
}

std::vector<Tick> axis_ticks(double* lo, double* hi, bool log_axis, int max_ticks, bool snap) {
  std::vector<Tick> out;
  if (!(*hi > *lo)) *hi = *lo + 1;
  if (log_axis && *hi - *lo >= 1) {
    // Whole decades, every k-th one when there are many.
    const double k = std::max(1.0, std::ceil((*hi - *lo) / std::max(1, max_ticks)));
    if (snap) { *lo = std::floor(*lo); *hi = std::ceil(*hi); }
    for (double e = std::ceil(*lo / k - 1e-9) * k; e <= *hi + 1e-9; e += k) out.push_back({e, tick_label(std::pow(10.0, e))});
    return out;
  }
  if (log_axis) {
    // Less than a decade: round values (1-2-5 steps) placed on the log scale.
    double vlo = std::pow(10.0, *lo), vhi = std::pow(10.0, *hi);
    const double step = nice_step(vhi - vlo, max_ticks);
    if (snap) { vlo = std::max(step, std::floor(vlo / step) * step); vhi = std::ceil(vhi / step) * step; *lo = std::log10(vlo); *hi = std::log10(vhi); }
    for (double v = std::ceil(vlo / step - 1e-9) * step; v <= vhi * (1 + 1e-9); v += step)
      if (v > 0) out.push_back({std::log10(v), tick_label(v)});
    return out;
  }
  const double step = nice_step(*hi - *lo, max_ticks);
  if (snap) { *lo = std::floor(*lo / step + 1e-9) * step; *hi = std::ceil(*hi / step - 1e-9) * step; }
  for (double v = std::ceil(*lo / step - 1e-9) * step; v <= *hi + step * 1e-9; v += step)
    out.push_back({v, tick_label(std::fabs(v) < step * 1e-9 ? 0 : v)});
  return out;
}

}  // namespace dlp
