// The step clock alone: which steps set the step time (not a model's cold first step, not one
// lone interrupted step), the throughput they give, the estimate it makes, and examples/s.
#include "session/step_clock.h"

#include <gtest/gtest.h>

using namespace dlp;

TEST(StepClock, TheColdFirstStepOnlyAddsToTheTrainingTime) {
  StepClock c;
  RunMetrics m;
  EXPECT_FALSE(c.lap(1500, 3e9, &m));
  EXPECT_EQ(m.step_ms, 0.0);
  EXPECT_EQ(m.flops_per_ms, 1e7) << "the throughput before anything was measured";
  EXPECT_EQ(m.train_ms, 1500.0);
  EXPECT_TRUE(c.lap(200, 3e9, &m));
  EXPECT_EQ(m.step_ms, 200.0) << "the first counted step sets the step time";
  EXPECT_DOUBLE_EQ(m.flops_per_ms, 3e9 / 200);
  EXPECT_TRUE(c.lap(100, 3e9, &m));
  EXPECT_DOUBLE_EQ(m.step_ms, 0.8 * 200 + 0.2 * 100) << "then a running mean";
  EXPECT_EQ(m.train_ms, 1800.0);
}

TEST(StepClock, ALoneSlowStepIsAnInterruptionTwoInARowAreTheModels) {
  StepClock c;
  RunMetrics m;
  c.lap(10, 1e6, &m);  // cold
  c.lap(10, 1e6, &m);
  ASSERT_EQ(m.step_ms, 10.0);
  // Over 20 times the step time and 100 ms: the tab was in the background.
  EXPECT_FALSE(c.lap(5000, 1e6, &m));
  EXPECT_EQ(m.step_ms, 10.0);
  EXPECT_TRUE(c.lap(10, 1e6, &m));
  EXPECT_EQ(m.step_ms, 10.0);
  // Twice in a row: the model's own time.
  EXPECT_FALSE(c.lap(5000, 1e6, &m));
  EXPECT_TRUE(c.lap(5000, 1e6, &m));
  EXPECT_DOUBLE_EQ(m.step_ms, 0.8 * 10 + 0.2 * 5000);
  // Just under the bound is no outlier.
  StepClock d;
  RunMetrics n;
  d.lap(10, 1e6, &n);
  d.lap(10, 1e6, &n);
  EXPECT_TRUE(d.lap(300, 1e6, &n));
}

// A LeNet-like step of 500 ms in a worker on a machine that gets busy: one step of 1.4 s does not
// make the step time one over a second, steps that stay that slow do; a model whose steps take
// 4 s from the first counted one is too slow at once.
TEST(StepClock, TooSlowIsTheStepTimeOverASecondNotOneSlowStep) {
  StepClock c;
  RunMetrics m;
  c.lap(1500, 1e9, &m);  // cold
  for (int i = 0; i < 10; ++i) c.lap(500, 1e9, &m);
  ASSERT_DOUBLE_EQ(m.step_ms, 500.0);
  EXPECT_TRUE(c.lap(1400, 1e9, &m));
  EXPECT_FALSE(StepClock::too_slow(m.step_ms)) << m.step_ms;
  int slow_steps = 1;
  while (!StepClock::too_slow(m.step_ms) && slow_steps < 20) c.lap(1400, 1e9, &m), ++slow_steps;
  EXPECT_EQ(slow_steps, 4) << "the mean passes a second on the fourth step of 1.4 s";
  StepClock d;
  RunMetrics n;
  d.lap(6000, 1e9, &n);  // cold
  d.lap(4000, 1e9, &n);
  EXPECT_TRUE(StepClock::too_slow(n.step_ms));
  EXPECT_FALSE(StepClock::too_slow(StepClock::kSlowMs));
  // A batch moved from 32 to 256: steps of 150 ms become 1.2 s, and the first of them is this
  // batch's step time (the mean of the old batch's steps would take eight steps to pass a second).
  StepClock e;
  RunMetrics k;
  e.lap(400, StepClock::step_flops(1e6, 32), &k);  // cold
  for (int i = 0; i < 10; ++i) e.lap(150, StepClock::step_flops(1e6, 32), &k);
  ASSERT_DOUBLE_EQ(k.step_ms, 150.0);
  EXPECT_TRUE(e.lap(1200, StepClock::step_flops(1e6, 256), &k));
  EXPECT_DOUBLE_EQ(k.step_ms, 1200.0);
  EXPECT_TRUE(StepClock::too_slow(k.step_ms));
}

TEST(StepClock, ANewModelIsColdAgain) {
  StepClock c;
  RunMetrics m;
  c.lap(10, 1e6, &m);
  c.lap(10, 1e6, &m);
  c.restart();
  m.step_ms = 0;
  EXPECT_FALSE(c.lap(10, 1e6, &m));
  EXPECT_EQ(m.step_ms, 0.0);
}

TEST(StepClock, VeryShortStepsDoNotSetTheThroughput) {
  StepClock c;
  RunMetrics m;
  c.lap(0.1, 1e6, &m);
  c.lap(0.1, 1e6, &m);
  EXPECT_EQ(m.step_ms, 0.1);
  EXPECT_EQ(m.flops_per_ms, 1e7) << "a timer's resolution is no measurement";
}

TEST(StepClock, TheEstimateIsTheStepsFlopsAtTheMeasuredThroughput) {
  RunMetrics m;
  EXPECT_EQ(StepClock::step_flops(1e6, 32), 3.0 * 1e6 * 32);
  EXPECT_DOUBLE_EQ(StepClock::estimate_ms(StepClock::step_flops(1e6, 32), m), 9.6) << "10 GFLOP/s before any step";
  m.flops_per_ms = 1e6;
  EXPECT_DOUBLE_EQ(StepClock::estimate_ms(StepClock::step_flops(1e6, 32), m), 96.0);
}

TEST(StepClock, ExamplesPerSecondOverWindowsOfASecond) {
  StepClock c;
  RunMetrics m;
  c.open_window(1000);
  c.count(32);
  c.open_window(1200);  // already open: stays where it began
  c.count(32);
  c.tally(1500, &m);
  EXPECT_EQ(m.examples_per_s, 0.0) << "half a second is too short to tell";
  c.count(36);
  c.tally(3000, &m);
  EXPECT_DOUBLE_EQ(m.examples_per_s, 100 * 1000.0 / 2000);
  // A new window from there.
  c.count(10);
  c.tally(4000.5, &m);
  EXPECT_DOUBLE_EQ(m.examples_per_s, 10 * 1000.0 / 1000.5);
  c.close_window();
  c.open_window(9000);
  EXPECT_EQ(c.window_start, 9000.0);
  EXPECT_EQ(c.window_examples, 0u);
}
