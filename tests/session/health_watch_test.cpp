// The health watch alone: when a step counts as blown up, when a network is dead, when the watch
// asks for a checkpoint, when an alert clears by itself, and what a retry offers.
#include "session/health_watch.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "page_sessions.h"

using namespace dlp;

namespace {

// One good step at `step` with `loss`; the curve gets the point first, as Session adds it.
HealthWatch::Verdict step(HealthWatch& h, std::vector<float>& losses, uint64_t step, float loss, bool alive, bool may_stop = true) {
  losses.push_back(loss);
  return h.after_step(loss, alive, step, step == 1, 10, losses, may_stop);
}

}  // namespace

TEST(HealthWatch, BlownUpStepsAreNonFiniteHugeOrOverflowed) {
  EXPECT_FALSE(HealthWatch::blew_up(2.3f, true));
  EXPECT_FALSE(HealthWatch::blew_up(1e6f, true));
  EXPECT_TRUE(HealthWatch::blew_up(2e6f, true));
  EXPECT_TRUE(HealthWatch::blew_up(std::numeric_limits<float>::quiet_NaN(), true));
  EXPECT_TRUE(HealthWatch::blew_up(std::numeric_limits<float>::infinity(), true));
  EXPECT_TRUE(HealthWatch::blew_up(-std::numeric_limits<float>::infinity(), true));
  EXPECT_TRUE(HealthWatch::blew_up(2.3f, false)) << "weights that overflowed blow up a finite loss too";
}

TEST(HealthWatch, TwentyStepsWithoutGradientAreADeadNetwork) {
  HealthWatch h;
  std::vector<float> losses;
  for (uint64_t s = 1; s <= 10; ++s) EXPECT_EQ(step(h, losses, s, 5.0f, true), HealthWatch::Verdict::Fine);
  for (uint64_t s = 11; s < 30; ++s) ASSERT_EQ(step(h, losses, s, 2.3f, false), HealthWatch::Verdict::Fine) << s;
  EXPECT_EQ(h.dead_steps, 19);
  EXPECT_EQ(step(h, losses, 30, 2.3f, false), HealthWatch::Verdict::Dead);
  // The loss the alert quotes is the dead steps' own, not the running mean that remembers 5.0.
  EXPECT_FLOAT_EQ(h.recent_loss, 2.3f);
  // Said once: the count goes past 20 without saying it again.
  EXPECT_EQ(step(h, losses, 31, 2.3f, false), HealthWatch::Verdict::Fine);
}

TEST(HealthWatch, AGradientAnywhereResetsTheCount) {
  HealthWatch h;
  std::vector<float> losses;
  for (uint64_t s = 1; s <= 19; ++s) step(h, losses, s, 2.3f, false);
  step(h, losses, 20, 2.3f, true);
  EXPECT_EQ(h.dead_steps, 0);
  for (uint64_t s = 21; s <= 39; ++s) ASSERT_EQ(step(h, losses, s, 2.3f, false), HealthWatch::Verdict::Fine) << s;
}

TEST(HealthWatch, NoDeadAlertWhileAReplayMustGoOnOrAnotherAlertStands) {
  HealthWatch h;
  std::vector<float> losses;
  for (uint64_t s = 1; s <= 40; ++s) ASSERT_NE(step(h, losses, s, 2.3f, false, false), HealthWatch::Verdict::Dead) << s;
  HealthWatch g;
  g.alert.kind = Alert::Diverged;
  losses.clear();
  for (uint64_t s = 1; s <= 40; ++s) ASSERT_NE(step(g, losses, s, 2.3f, false), HealthWatch::Verdict::Dead) << s;
}

TEST(HealthWatch, ACheckpointEveryHundredStepsOnlyWhenTheLossIsWellBelowChance) {
  HealthWatch h;
  std::vector<float> losses;
  for (uint64_t s = 1; s < 100; ++s) ASSERT_EQ(step(h, losses, s, 0.5f, true), HealthWatch::Verdict::Fine) << s;
  EXPECT_EQ(step(h, losses, 100, 0.5f, true), HealthWatch::Verdict::TakeCheckpoint);
  // At chance level (log 10 = 2.30) the state is not worth going back to.
  HealthWatch g;
  losses.clear();
  for (uint64_t s = 1; s <= 200; ++s) ASSERT_EQ(step(g, losses, s, 2.3f, true), HealthWatch::Verdict::Fine) << s;
}

TEST(HealthWatch, AnAlertClearsTwoHundredStepsAfterItsRetryOnceTheLossIsDown) {
  HealthWatch h;
  h.checkpoint.valid = true;
  h.checkpoint.step = 100;
  h.raise(Alert::Diverged, Fact(Fact::Diverged), TrainConfig{});
  ASSERT_EQ(h.alert.retry_step, 100u);
  std::vector<float> losses;
  for (uint64_t s = 101; s < 300; ++s) step(h, losses, s, 0.5f, true);
  EXPECT_EQ(h.alert.kind, Alert::Diverged) << "too early";
  step(h, losses, 300, 0.5f, true);
  EXPECT_EQ(h.alert.kind, Alert::None);
  // Not while the loss is still high.
  HealthWatch g;
  g.raise(Alert::Dead, Fact(Fact::Dead), TrainConfig{});
  losses.clear();
  for (uint64_t s = 1; s <= 400; ++s) step(g, losses, s, 2.0f, true);
  EXPECT_EQ(g.alert.kind, Alert::Dead);
}

TEST(HealthWatch, ARetryOffersATenthOfTheRateCappedAtOneKnownToTrain) {
  TrainConfig c;
  c.optimizer = OptimizerKind::SGD;
  c.momentum = 0;
  c.lr = 0.1f;
  EXPECT_FLOAT_EQ(HealthWatch::retry_rate(c), 0.01f);
  c.lr = 5.0f;
  EXPECT_FLOAT_EQ(HealthWatch::retry_rate(c), 0.05f);  // plain SGD's
  c.momentum = 0.9f;
  EXPECT_FLOAT_EQ(HealthWatch::retry_rate(c), 0.01f);  // with momentum
  c.optimizer = OptimizerKind::Adam;
  c.lr = 0.01f;
  EXPECT_FLOAT_EQ(HealthWatch::retry_rate(c), 0.001f);
  c.lr = 1.0f;
  EXPECT_FLOAT_EQ(HealthWatch::retry_rate(c), 0.002f);
  HealthWatch h;
  h.raise(Alert::Dead, Fact(Fact::Dead), c);
  EXPECT_EQ(h.alert.retry_step, 0u) << "no checkpoint: back to the start";
  EXPECT_FLOAT_EQ(h.alert.retry_lr, 0.002f);
  EXPECT_EQ(h.alert.retry_batch, 0);
}

TEST(HealthWatch, ASlowModelIsOfferedTheBatchOfAFifthOfASecond) {
  EXPECT_EQ(HealthWatch::batch_for_fifth_second(256, 2000), 25);
  EXPECT_EQ(HealthWatch::batch_for_fifth_second(32, 400), 16);
  EXPECT_EQ(HealthWatch::batch_for_fifth_second(4, 100000), 1) << "never below one example";
  HealthWatch h;
  Fact slow(Fact::Slow);
  slow.offer = 25;
  h.raise_slow(slow, 25);
  EXPECT_EQ(h.alert.kind, Alert::Slow);
  EXPECT_EQ(h.alert.retry_batch, 25);
  EXPECT_EQ(h.alert.retry_lr, 0.0f) << "a batch is not a learning rate";
  EXPECT_EQ(h.alert.said, slow);
}

TEST(HealthWatch, StartingOverForgetsTheAlertAndTheDeadSteps) {
  HealthWatch h;
  std::vector<float> losses;
  for (uint64_t s = 1; s <= 20; ++s) step(h, losses, s, 2.3f, false);
  h.raise(Alert::Dead, Fact(Fact::Dead), TrainConfig{});
  h.diverged = true;
  h.start(0.7f);
  EXPECT_EQ(h.alert.kind, Alert::None);
  EXPECT_FALSE(h.diverged);
  EXPECT_EQ(h.dead_steps, 0);
  EXPECT_FLOAT_EQ(h.recent_loss, 0.7f);
}

// Through a page's session: a model too slow for the page stops before its first step, and the
// alert's offer (a batch, not a rate) survives the byte form a worker and a kept session use.
TEST(HealthWatch, ASlowModelsOfferedBatchSurvivesTheByteForm) {
  auto s = test::fresh_page("dense10");
  s->batch = 64;
  // A machine on which a step of this model takes 4 s.
  s->metrics.flops_per_ms = StepClock::step_flops(s->draft.info.flops, 64) / 4000;
  s->start_training();
  s->tick(50);
  ASSERT_EQ(s->health.alert.kind, Alert::Slow) << s->told(Topic::Status);
  EXPECT_FALSE(s->training);
  EXPECT_EQ(s->steps(), 0u);
  const int offer = s->health.alert.retry_batch;
  EXPECT_EQ(offer, 3);  // 64 * 0.2 s / 4 s
  EXPECT_EQ(s->health.alert.retry_lr, 0.0f);
  // What it says: the step's time, the model's cost, the batch and the one offered.
  const Fact& said = s->health.alert.said;
  EXPECT_EQ(said.kind, Fact::Slow);
  EXPECT_DOUBLE_EQ(said.ms, 4000);
  EXPECT_EQ(said.batch, 64);
  EXPECT_EQ(said.offer, offer);
  EXPECT_EQ(s->told(Topic::Status), said);
  const std::vector<uint8_t> bytes = s->save_training(false);
  s->dismiss_alert();
  Fact err;
  ASSERT_TRUE(s->load_training(bytes.data(), bytes.size(), false, true, &err)) << err;
  EXPECT_EQ(s->health.alert.kind, Alert::Slow);
  EXPECT_EQ(s->health.alert.retry_batch, offer);
  EXPECT_EQ(s->save_training(false), bytes) << "the same bytes back";
  // The alert's button: that batch, the step time measured afresh, training on.
  s->metrics.step_ms = 5000;
  s->train_with_batch(offer);
  EXPECT_EQ(s->batch, offer);
  EXPECT_EQ(s->metrics.step_ms, 0.0);
  EXPECT_EQ(s->health.alert.kind, Alert::None);
  EXPECT_TRUE(s->training);
}
