// The run record alone: what a change of settings logs, at which step, in which order; what a
// run that has not trained yet does with one; and going back to an earlier length of the log.
#include "session/run_record.h"

#include <gtest/gtest.h>

using namespace dlp;

namespace {

TrainSettings with_lr(TrainSettings t, float lr) {
  t.cfg.lr = lr;
  return t;
}

}  // namespace

TEST(RunRecord, BeginStartsAnEmptyLogFromTheSettings) {
  RunRecord r;
  r.log.push_back({5, Knob::LR, 0.1f, 0});
  TrainSettings t;
  t.batch = 64;
  r.begin(t);
  EXPECT_TRUE(r.log.empty());
  EXPECT_EQ(r.run.settings, t);
  EXPECT_EQ(r.logged, t);
  EXPECT_TRUE(r.untrained(0));
  EXPECT_FALSE(r.untrained(1));
  r.run.wfile_step = 300;  // a run that continues a weights file starts at its step
  EXPECT_TRUE(r.untrained(300));
}

TEST(RunRecord, AChangeIsLoggedAtItsStepAndOnlyOnce) {
  RunRecord r;
  const TrainSettings start;
  r.begin(start);
  const TrainSettings t = with_lr(start, 0.5f);
  r.record(t, 100);
  ASSERT_EQ(r.log.size(), 1u);
  EXPECT_EQ(r.log[0].step, 100u);
  EXPECT_EQ(r.log[0].knob, Knob::LR);
  EXPECT_EQ(r.log[0].value, 0.5f);
  EXPECT_EQ(r.logged, t);
  r.record(t, 150);  // nothing changed since
  EXPECT_EQ(r.log.size(), 1u);
  EXPECT_FALSE(r.untrained(100));
}

TEST(RunRecord, ASecondChangeAtOneStepReplacesTheFirstAndGoingBackIsNoChange) {
  RunRecord r;
  const TrainSettings start;
  r.begin(start);
  r.record(with_lr(start, 0.5f), 100);
  r.record(with_lr(start, 0.25f), 100);
  ASSERT_EQ(r.log.size(), 1u);
  EXPECT_EQ(r.log[0].value, 0.25f);
  r.record(start, 100);  // back to the rate before step 100
  EXPECT_TRUE(r.log.empty());
  EXPECT_EQ(r.logged, start);
}

TEST(RunRecord, ChangesAtOneStepAreInTheOrderOfTheirKind) {
  RunRecord a, b;
  const TrainSettings start;
  a.begin(start);
  b.begin(start);
  TrainSettings lr = with_lr(start, 0.5f), both = lr;
  both.batch = 8;
  TrainSettings batch = start;
  batch.batch = 8;
  a.record(lr, 40);
  a.record(both, 40);
  b.record(batch, 40);
  b.record(both, 40);
  ASSERT_EQ(a.log.size(), 2u);
  EXPECT_EQ(a.log, b.log) << "the same changes at one step give the same log, whatever their order";
  EXPECT_EQ(a.log[0].knob, Knob::LR);
  EXPECT_EQ(a.log[1].knob, Knob::Batch);
}

TEST(RunRecord, AnOptimizerResetIsLoggedOncePerStepAmongItsStepsChanges) {
  RunRecord r;
  const TrainSettings start;
  r.begin(start);
  r.reset_optimizer(70);
  r.reset_optimizer(70);
  ASSERT_EQ(r.log.size(), 1u);
  EXPECT_EQ(r.log[0].knob, Knob::OptReset);
  r.record(with_lr(start, 0.01f), 70);
  ASSERT_EQ(r.log.size(), 2u);
  EXPECT_EQ(r.log[0].knob, Knob::LR) << "sorted by kind within the step";
  EXPECT_EQ(r.log[1].knob, Knob::OptReset);
  r.reset_optimizer(90);
  EXPECT_EQ(r.log.size(), 3u);
}

TEST(RunRecord, CuttingTheLogGivesTheSettingsOfThatTime) {
  RunRecord r;
  const TrainSettings start;
  r.begin(start);
  r.record(with_lr(start, 0.5f), 100);
  r.record(with_lr(start, 0.25f), 200);
  r.record(with_lr(start, 0.125f), 300);
  EXPECT_EQ(r.length_before(0), 0u);
  EXPECT_EQ(r.length_before(100), 0u) << "a change at step 100 acted on step 101 on";
  EXPECT_EQ(r.length_before(101), 1u);
  EXPECT_EQ(r.length_before(250), 2u);
  EXPECT_EQ(r.length_before(1000), 3u);
  const TrainSettings then = r.cut(r.length_before(250));
  EXPECT_EQ(r.log.size(), 2u);
  EXPECT_EQ(then.cfg.lr, 0.25f);
  EXPECT_EQ(r.cut(10).cfg.lr, 0.25f) << "a longer length than the log cuts nothing";
}
