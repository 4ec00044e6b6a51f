// Rewind (session/rewind.h): the model shown at a past step is bit for bit the one the run had then,
// whatever happened in between (settings changed, a divergence undone, another optimizer, dropout),
// the keyframes stay within their budget, and "Continue from here" makes the run go on from the
// shown step as if it had never gone further.
#include <gtest/gtest.h>

#include <cstring>
#include <map>

#include "links/compare.h"
#include "page_sessions.h"

using namespace dlp;
using namespace dlp::test;

namespace {

// The run's weights and gradients after every step, as training took them.
struct Trace {
  std::map<uint64_t, uint64_t> weights, grads;
};

uint64_t hash_floats(const std::vector<float>& v) {
  uint64_t h = 1469598103934665603ull;
  for (float f : v) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    h = (h ^ u) * 1099511628211ull;
  }
  return h;
}

void step_traced(Session& s, Trace* t) {
  s.step_once();
  t->weights[s.steps()] = s.model->weights_hash();
  t->grads[s.steps()] = hash_floats(s.metrics.last_grads);
}

// A run with a bit of everything: lr and batch changed, dropout changed, a divergence at step
// 105 and a retry from the checkpoint at step 100 (the steps after it taken again), Adam from 115.
std::unique_ptr<Session> eventful_run(Trace* t, int steps = 140) {
  auto s = fresh_page("conv3x3x4 relu maxpool2 dropout0.2 dense10");
  s->cfg = find_preset("lenet")->train;  // SGD with momentum until Adam at step 115
  t->weights[0] = s->model->weights_hash();
  bool blown = false;
  for (int guard = 0; s->steps() < static_cast<size_t>(steps) && guard < 1000; ++guard) {
    const size_t k = s->steps();
    if (k == 17) s->cfg.lr = 0.02f;
    if (k == 33) s->batch = 5;
    if (k == 41) s->set_dropout_rate(0.5f);
    if (k == 105 && !blown) { s->cfg.lr = 10; s->cfg.momentum = 0.99f; blown = true; }
    if (s->health.diverged) {
      EXPECT_TRUE(s->retry_from_checkpoint(s->health.alert.retry_lr));
    }
    if (k == 115) s->cfg.optimizer = OptimizerKind::Adam, s->cfg.lr = 0.001f;
    step_traced(*s, t);
  }
  EXPECT_TRUE(blown);
  return s;
}

}  // namespace

TEST(Rewind, EveryStepIsTheRunsOwn) {
  Trace t;
  auto s = eventful_run(&t);
  ASSERT_EQ(s->steps(), 140u);
  const uint64_t now = s->model->weights_hash();
  const std::string link = link_of(*s);
  // Every step, in an order that goes back and forth (on from the shown step, or from a keyframe).
  std::vector<uint64_t> order;
  for (uint64_t k = 0; k < 140; k += 7) order.push_back(k);
  for (int k = 139; k > 0; k -= 3) order.push_back(static_cast<uint64_t>(k));
  for (uint64_t k = 1; k < 140; ++k) order.push_back(k);
  for (uint64_t k : order) {
    s->rewind.seek_now(*s, k);
    ASSERT_TRUE(s->rewind.showing());
    ASSERT_EQ(s->rewind.shown_step(), k);
    ASSERT_EQ(s->shown_model()->weights_hash(), t.weights[k]) << "step " << k;
    if (k > 0) {
      ASSERT_EQ(hash_floats(s->shown_grads()), t.grads[k]) << "gradients at step " << k;
    }
  }
  // The run itself did not move, and the drawing pad follows the shown model.
  EXPECT_EQ(s->model->weights_hash(), now);
  EXPECT_EQ(s->steps(), 140u);
  EXPECT_EQ(link_of(*s), link);
  s->rewind.back_to_now(*s);
  EXPECT_FALSE(s->rewind.showing());
  EXPECT_EQ(s->shown_model(), s->model.get());
  // At or past the last step is now.
  s->rewind.seek_now(*s, 500);
  EXPECT_FALSE(s->rewind.showing());
}

// The seek's weights are a fresh page's replay of the run's link cut at that step.
TEST(Rewind, SeekEqualsAFreshReplayToThatStep) {
  Trace t;
  auto s = eventful_run(&t);
  ShareLink d;
  capture_run(*s, &d);
  for (uint64_t k : {23u, 52u, 103u, 131u}) {
    ShareLink cut = d;
    cut.steps = k;
    cut.log.clear();
    for (const LogChange& c : d.log)
      if (c.step < k) cut.log.push_back(c);
    auto other = open(encode_link(cut));
    s->rewind.seek_now(*s, k);
    EXPECT_EQ(s->shown_model()->weights_hash(), other->model->weights_hash()) << "step " << k;
    // The full test evaluation on request measures the shown step's model, not the run's.
    s->evaluate_shown();
    other->evaluate_full();
    EXPECT_EQ(s->shown_full().step, k);
    EXPECT_EQ(s->shown_full().predictions, other->metrics.full.predictions);
    EXPECT_NE(s->metrics.full.step, k);
  }
}

// A long run in a small budget: the keyframes thin out (every other one goes, the interval
// doubles), memory stays under the budget, and every step is still exact.
TEST(Rewind, KeyframesStayWithinTheirBudget) {
  auto s = fresh_page("dense10");
  s->rewind.budget = 40 * (7850 * 4 * 2 + 200);  // forty keyframes of a 7,850-weight model with momentum
  Trace t;
  t.weights[0] = s->model->weights_hash();
  size_t most = 0;
  for (int i = 0; i < 1500; ++i) {
    step_traced(*s, &t);
    most = std::max(most, s->rewind.bytes());
  }
  EXPECT_LE(most, s->rewind.budget);
  EXPECT_GE(s->rewind.interval(), 40u);
  EXPECT_GE(s->rewind.count(), 10u);
  EXPECT_EQ(s->rewind.first_step(), 0u);
  for (uint64_t k : {1u, 499u, 1000u, 1337u, 1499u}) {
    s->rewind.seek_now(*s, k);
    EXPECT_EQ(s->shown_model()->weights_hash(), t.weights[k]) << "step " << k;
  }
}

// Continue from here: the current run goes back to the shown step and goes on from there. With
// the same settings it is the same run again; the changes made after the step leave its log.
TEST(Rewind, ContinueFromHereBranchesTheRun) {
  Trace t;
  auto s = eventful_run(&t);
  s->rewind.seek_now(*s, 60);
  const PinnedRun before = pin_run(*s, 'A');  // as continue_from_here() does: the run as it was
  EXPECT_EQ(before.steps, 140u);
  const RunStart run = s->run();
  const std::vector<LogChange> log = s->log();
  ASSERT_TRUE(s->continue_from_shown());
  EXPECT_FALSE(s->rewind.showing());
  EXPECT_EQ(s->steps(), 60u);
  EXPECT_EQ(s->model->weights_hash(), t.weights[60]);
  EXPECT_EQ(hash_floats(s->metrics.last_grads), t.grads[60]);
  for (const LogChange& c : s->log()) EXPECT_LT(c.step, 60u);
  EXPECT_EQ(s->metrics.loss.x.back(), 60.0f);
  EXPECT_EQ(s->cfg.optimizer, OptimizerKind::SGD);  // Adam came at step 115
  // On with the settings the run had after step 60: the same run again.
  while (s->steps() < 140) {
    s->set_current_settings(settings_before(run.settings, log, s->steps() + 1));
    s->step_once();
    ASSERT_EQ(s->model->weights_hash(), t.weights[s->steps()]) << "step " << s->steps();
  }
  // The branch replays from its link in another page.
  auto other = open(link_of(*s));
  EXPECT_EQ(other->model->weights_hash(), s->model->weights_hash());
  // And the keyframes past the branch point were dropped and taken again: seeks are still exact.
  s->rewind.seek_now(*s, 95);
  EXPECT_EQ(s->shown_model()->weights_hash(), t.weights[95]);
}

// Own examples that changed since the run trained on them cannot be replayed: the view stops
// at the last step that can be, and says so.
TEST(Rewind, ChangedOwnExamplesStopTheViewAndSaySo) {
  auto s = fresh_page("dense10", 5);
  s->own.joined = true;
  Trace t;
  t.weights[0] = s->model->weights_hash();
  for (int i = 0; i < 40; ++i) step_traced(*s, &t);
  s->rewind.seek_now(*s, 25);
  EXPECT_EQ(s->shown_model()->weights_hash(), t.weights[25]);
  s->own.add(s->data.test.image(100), s->data.test.labels[100], nullptr);
  s->own.changed();
  s->rewind.seek_now(*s, 35);
  EXPECT_LT(s->rewind.shown_step(), 35u);
  EXPECT_EQ(s->shown_model()->weights_hash(), t.weights[s->rewind.shown_step()]);
  EXPECT_EQ(s->rewind.note.kind, Fact::RewindOwnChanged) << s->rewind.note;
  EXPECT_EQ(s->rewind.note.step, s->rewind.shown_step());
  EXPECT_EQ(s->rewind.note.to, 35u);
}

// A retry from the checkpoint and a new run drop the keyframes they make untrue.
TEST(Rewind, ANewRunStartsTheKeyframesOver) {
  auto s = fresh_page("dense10");
  train(*s, 50);
  s->rewind.seek_now(*s, 20);
  s->rebuild();
  EXPECT_FALSE(s->rewind.showing());
  EXPECT_EQ(s->rewind.count(), 1u);  // the new run's start
  train(*s, 5);
  s->rewind.seek_now(*s, 3);
  auto other = open(link_of(*s));
  ShareLink d;
  capture_run(*s, &d);
  d.steps = 3;
  EXPECT_EQ(s->shown_model()->weights_hash(), open(encode_link(d))->model->weights_hash());
}

// The keyframes kept across a reload (Rewind::bytes_out, then take on the restored run): the
// restored page goes back to every step exactly, as the run itself did; kept with a session at an
// earlier step, those past it go; another model's are refused.
TEST(Rewind, KeyframesKeptAcrossAReloadGiveTheRunsOwnSteps) {
  Trace t;
  auto s = eventful_run(&t);
  const std::vector<uint8_t> kept = s->rewind.bytes_out();
  auto back = open(link_of(*s));  // the same run at the same step, as a restored page has it
  back->rewind.clear();
  back->rewind.keep(*back);
  ASSERT_EQ(back->rewind.count(), 1u);
  ASSERT_TRUE(back->rewind.take(kept.data(), kept.size(), *back->model, back->steps()));
  EXPECT_EQ(back->rewind.count(), s->rewind.count());
  EXPECT_EQ(back->rewind.bytes(), s->rewind.bytes());
  EXPECT_EQ(back->rewind.interval(), s->rewind.interval());
  EXPECT_EQ(back->rewind.bytes_out(), kept);
  for (uint64_t k : {0u, 1u, 37u, 99u, 104u, 117u, 139u}) {
    back->rewind.seek_now(*back, k);
    ASSERT_EQ(back->shown_model()->weights_hash(), t.weights[k]) << "step " << k;
  }
  back->rewind.back_to_now(*back);
  ASSERT_TRUE(back->rewind.take(kept.data(), kept.size(), *back->model, 75));
  EXPECT_LT(back->rewind.count(), s->rewind.count());  // those past step 75 went
  back->rewind.seek_now(*back, 139);                     // ...so the step before now replays from step 70
  EXPECT_EQ(back->shown_model()->weights_hash(), t.weights[139]);
  back->rewind.seek_now(*back, 70);
  EXPECT_EQ(back->shown_model()->weights_hash(), t.weights[70]);
  // Bytes cut anywhere, or another model's, are refused and leave the keyframes as they were.
  const size_t had = back->rewind.count();
  for (size_t n : {size_t{0}, size_t{11}, kept.size() / 2, kept.size() - 1})
    EXPECT_FALSE(back->rewind.take(kept.data(), n, *back->model, 140)) << n << " bytes";
  auto other = fresh_page("dense10");
  EXPECT_FALSE(other->rewind.take(kept.data(), kept.size(), *other->model, 140));
  EXPECT_EQ(back->rewind.count(), had);
}
