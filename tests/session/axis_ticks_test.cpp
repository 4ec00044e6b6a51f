// Plot axes read like a person would write them: 1-2-5 steps, 0.1 / 1 / 10 on log axes.
#include "session/axis_ticks.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace dlp;

namespace {
std::vector<std::string> labels(double lo, double hi, bool log_axis, bool snap = true) {
  std::vector<std::string> out;
  for (const Tick& t : axis_ticks(&lo, &hi, log_axis, 5, snap)) out.push_back(t.label);
  return out;
}
}  // namespace

TEST(AxisTicks, LinearStepsAreRound) {
  EXPECT_EQ(labels(0, 223, false), (std::vector<std::string>{"0", "50", "100", "150", "200", "250"}));
  EXPECT_EQ(labels(0, 1, false), (std::vector<std::string>{"0", "0.2", "0.4", "0.6", "0.8", "1"}));
  // Without snapping the range stays as it is (a sweep from -5 to 5) and the ticks fall inside it.
  EXPECT_EQ(labels(-5, 5, false, false), (std::vector<std::string>{"-4", "-2", "0", "2", "4"}));
  for (const std::string& l : labels(0, 55.75, false)) EXPECT_EQ(l.find('.'), std::string::npos) << l;
  double lo = 0, hi = 55.75;
  axis_ticks(&lo, &hi, false, 5, true);
  EXPECT_EQ(hi, 60);
}

TEST(AxisTicks, LogAxesArePowersOfTen) {
  EXPECT_EQ(labels(std::log10(0.05), std::log10(2.3), true), (std::vector<std::string>{"0.01", "0.1", "1", "10"}));
  // Less than a decade: round values, not "1e-0.4".
  for (const std::string& l : labels(std::log10(0.3), std::log10(0.9), true)) {
    EXPECT_EQ(l.find('e'), std::string::npos) << l;
    const double v = std::stod(l);
    EXPECT_NEAR(v * 10, std::round(v * 10), 1e-9) << l;
  }
  // Many decades: every other one, still powers of ten.
  for (const std::string& l : labels(-8, 2, true)) EXPECT_TRUE(l == "1" || l.find("e") != std::string::npos || l == "100" || l.find("0.") == 0) << l;
}
