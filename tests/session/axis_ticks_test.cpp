// Plot axes read like a person would write them: 1-2-5 steps, 0.1 / 1 / 10 on log axes.
#include "session/axis_ticks.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

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

TEST(AxisTicks, RoundValuesStepThroughEachDecadeInFour) {
  EXPECT_EQ(round_value(0.01f, 0, 1e-4f, 10.0f), 0.01f);
  EXPECT_EQ(round_value(0.012f, 0, 1e-4f, 10.0f), 0.01f);
  EXPECT_EQ(round_value(0.026f, 0, 1e-4f, 10.0f), 0.03f);  // nearer 0.03 than 0.02 on a log scale
  EXPECT_EQ(round_value(0.04f, 0, 1e-4f, 10.0f), 0.05f);   // log(0.05/0.04) < log(0.04/0.03)
  EXPECT_EQ(round_value(0.01f, 1, 1e-4f, 10.0f), 0.02f);
  EXPECT_EQ(round_value(0.02f, 1, 1e-4f, 10.0f), 0.03f);
  EXPECT_EQ(round_value(0.03f, 1, 1e-4f, 10.0f), 0.05f);
  EXPECT_EQ(round_value(0.05f, 1, 1e-4f, 10.0f), 0.1f);
  EXPECT_EQ(round_value(0.01f, -1, 1e-4f, 10.0f), 0.005f);
  EXPECT_EQ(round_value(0.0015f, -1, 1e-4f, 10.0f), 0.001f);  // a linked value off the grid steps to its neighbours
  EXPECT_EQ(round_value(0.0015f, 1, 1e-4f, 10.0f), 0.002f);
  // The ends hold; nothing below lo or above hi; a value of 0 gives lo.
  EXPECT_EQ(round_value(10.0f, 1, 1e-4f, 10.0f), 10.0f);
  EXPECT_EQ(round_value(1e-4f, -1, 1e-4f, 10.0f), 1e-4f);
  EXPECT_EQ(round_value(50.0f, 0, 1e-4f, 10.0f), 10.0f);
  EXPECT_EQ(round_value(0.0f, 0, 1e-4f, 10.0f), 1e-4f);
  // Each value is the float nearest its decimal text, as a typed or linked value is.
  EXPECT_EQ(round_value(0.00029f, 0, 1e-4f, 10.0f), std::strtof("0.0003", nullptr));
  // 21 values from 1e-4 to 10: four a decade.
  int n = 0;
  for (float v = 1e-4f; v < 10.0f; v = round_value(v, 1, 1e-4f, 10.0f)) ++n;
  EXPECT_EQ(n, 20);
}
