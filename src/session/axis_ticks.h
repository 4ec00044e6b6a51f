// Round tick marks for plot axes: steps of 1, 2 or 5 times a power of ten on linear axes, powers
// of ten (0.1, 1, 10) on log axes. No ImGui here: tested natively (tests/session/axis_ticks_test.cpp).
#pragma once
#include <string>
#include <vector>

namespace dlp {

struct Tick {
  double value;       // on the axis' own scale (log10 of the value on log axes)
  std::string label;  // as a person writes it: 0.1, 1, 10, 2,500, 0.25
};

// Ticks within [lo, hi] (log axes: lo and hi are log10 of the data range), at most about
// `max_ticks` of them; lo and hi are widened to the enclosing round values when `snap` is set.
std::vector<Tick> axis_ticks(double* lo, double* hi, bool log_axis, int max_ticks, bool snap);
std::string tick_label(double v);

// The round values 1, 2, 3 and 5 times a power of ten, for a control whose value spans decades
// (the learning rate): with dir 0 the one nearest to v on a log scale, with dir +1 (-1) the first
// one above (below) v. Kept within [lo, hi]; v <= 0 gives lo.
float round_value(float v, int dir, float lo, float hi);

}  // namespace dlp
