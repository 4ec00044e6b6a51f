// Training in a worker gives the run the page shows, bit for bit: a page drives a WorkerChannel
// the way its frames do (Train, settings changed while training, Pause, Step, train(n), a link's
// replay, divergence), a TrainingWorker over its own copy of the data takes the steps, and the
// messages between them are delivered late, as a browser's would be. The page's link then opens
// in a fresh page (training on its own thread) to the same weights, curve and link.
#include "session/worker_channel.h"

#include <gtest/gtest.h>

#include <deque>

#include "engine/rng.h"
#include "page_sessions.h"
#include "sanitized.h"
#include "paths.h"

using namespace dlp;
using namespace dlp::test;

namespace {

// A page and its worker with queues between them. Each frame the page runs its link, then the
// worker reads what has arrived and trains a slice; its update arrives `delay` frames later.
struct Pair {
  std::unique_ptr<Session> page;
  TrainingWorker worker;
  std::deque<Message> to_worker;
  std::deque<std::pair<int, Message>> to_page;  // (frame it arrives at, message)
  WorkerChannel link{[this](const Message& m) { to_worker.push_back(m); }};
  int frame_no = 0, delay = 1;
  double slice_ms = 2;

  explicit Pair(const std::string& spec) : page(fresh_page(spec)) {
    EXPECT_TRUE(worker.session.load_data("mnist", dlp::test::data_dir()));
  }
  void frame() {
    ++frame_no;
    while (!to_page.empty() && to_page.front().first <= frame_no) {
      const Message m = std::move(to_page.front().second);
      to_page.pop_front();
      link.receive(*page, m.data(), m.size());
    }
    link.frame(*page);
    while (!to_worker.empty()) {
      worker.receive(to_worker.front().data(), to_worker.front().size());
      to_worker.pop_front();
    }
    Message u = worker.run(slice_ms);
    if (!u.empty()) to_page.emplace_back(frame_no + delay, std::move(u));
  }
  // Frames until the page has taken `steps` steps (or stopped).
  void until(size_t steps) {
    for (int guard = 0; guard < 20000 && page->training && page->steps() < steps; ++guard) frame();
  }
  void settle() {
    for (int guard = 0; guard < 20000 && page->training; ++guard) frame();
    for (int k = 0; k < delay + 2; ++k) frame();
  }
};

}  // namespace

TEST(WorkerChannel, WorkerRunsReplayToTheSameWeights) {
  Pair p("conv3x3x4 relu maxpool2 dropout0.25 dense10");
  ASSERT_FALSE(p.link.problem.said());
  p.page->training = true;
  p.until(30);
  EXPECT_GE(p.page->steps(), 30u);
  EXPECT_TRUE(p.link.running());
  // Settings change while the worker trains: logged at the step the worker takes next.
  p.page->cfg.lr = 0.02f;
  p.page->batch = 12;
  p.until(60);
  p.page->set_dropout_rate(0.1f);
  p.page->cfg.optimizer = OptimizerKind::Adam;
  p.until(90);
  // Pause: the worker's steps after its last update are dropped; the page's model is the run.
  p.page->training = false;
  p.frame();
  const size_t paused_at = p.page->steps();
  for (int k = 0; k < 5; ++k) p.frame();
  EXPECT_EQ(p.page->steps(), paused_at) << "an update arrived after Pause";
  EXPECT_FALSE(p.link.running());
  // A step on the page, a change while paused, and training again from there.
  p.page->step_once();
  p.page->cfg.momentum = 0.5f;
  p.page->cfg.optimizer = OptimizerKind::SGD;
  p.page->training = true;
  p.until(paused_at + 40);
  p.page->training = false;
  p.settle();
  ASSERT_FALSE(p.link.problem.said()) << p.link.problem;
  EXPECT_GE(p.page->log().size(), 4u);
  EXPECT_EQ(p.page->metrics.loss.x.size(), p.page->steps());

  const std::string link = link_of(*p.page);
  auto b = open(link);
  expect_same(*p.page, *b, link);
  // The page trained exactly as one training on its own thread would have.
  EXPECT_TRUE(b->notes.empty());
}

TEST(WorkerChannel, TrainStepsStopsAtTheTargetAndMatchesThePage) {
  Pair p("dense16 relu dense10");
  p.delay = 3;
  p.page->train_steps(75);
  p.settle();
  EXPECT_EQ(p.page->steps(), 75u);
  EXPECT_FALSE(p.page->training);
  EXPECT_EQ(p.page->train_target, 0u);
  auto alone = fresh_page("dense16 relu dense10");
  alone->train_steps(75);
  for (int guard = 0; guard < 100000 && alone->training; ++guard) alone->tick(5);
  EXPECT_EQ(alone->steps(), 75u);
  EXPECT_EQ(alone->model->weights_hash(), p.page->model->weights_hash());
  EXPECT_EQ(alone->metrics.loss.y, p.page->metrics.loss.y);
  EXPECT_EQ(alone->metrics.test_acc.y, p.page->metrics.test_acc.y);
  EXPECT_EQ(link_of(*alone), link_of(*p.page));
  // The quick test estimate at step 50 is the page's: the worker's slice ended there and left it
  // (Session::quick_tests_on_page); the curve above is the one of a page training alone.
  ASSERT_EQ(alone->metrics.test_acc.x, std::vector<float>{50.0f});
  EXPECT_EQ(p.page->metrics.test_acc.x, alone->metrics.test_acc.x);
  EXPECT_TRUE(p.worker.session.metrics.test_acc.x.empty()) << "the worker measured it itself";
  EXPECT_EQ(p.page->metrics.last_test_step, 50u);
  EXPECT_EQ(p.page->metrics.last_test_acc, alone->metrics.last_test_acc);
  // The worker said where its time went (the benchmarks' breakdown): the engine's steps within
  // its slices, and the updates it wrote; its own figures, not the page's (the page took no step).
  const WorkerTimes t = p.link.worker_times;
  EXPECT_EQ(p.page->clock.step_times.engine_ms, 0.0);
  EXPECT_EQ(t.engine_ms, p.worker.session.clock.step_times.engine_ms);
  EXPECT_EQ(t.tests_ms, p.worker.session.clock.step_times.tests_ms);
  EXPECT_GT(t.engine_ms, 0.0);
  EXPECT_GE(t.slices_ms, t.engine_ms + t.tests_ms);
  EXPECT_GT(t.updates_ms, 0.0);
}

// Reset after a run that measured past step 50 (Train all replays runs so): the new run's
// estimate at step 50 is the page's again, not outranked by the last run's later one.
TEST(WorkerChannel, ResetRunKeepsThePagesEstimates) {
  Pair p("dense16 relu dense10");
  p.page->train_steps(120);
  p.settle();
  ASSERT_EQ(p.page->metrics.last_test_step, 100u);
  p.page->rebuild();
  EXPECT_LT(p.page->metrics.last_test_acc, 0.0f);
  p.page->train_steps(75);
  p.settle();
  EXPECT_EQ(p.page->steps(), 75u);
  auto alone = fresh_page("dense16 relu dense10");
  alone->train_steps(75);
  for (int guard = 0; guard < 100000 && alone->training; ++guard) alone->tick(5);
  EXPECT_EQ(p.page->metrics.last_test_step, 50u);
  EXPECT_EQ(p.page->metrics.last_test_acc, alone->metrics.last_test_acc);
  EXPECT_EQ(p.page->metrics.test_acc.y, alone->metrics.test_acc.y);
}

// A link's replay runs in the worker: its log's changes come back as the page's settings, and the
// replay ends as on the page (the log equal to the link's, the hash checked).
TEST(WorkerChannel, ReplayRunsInTheWorker) {
  auto a = fresh_page("dense16 relu dense10");
  for (int i = 0; i < 20; ++i) a->step_once();
  a->cfg.lr = 0.01f;
  a->batch = 5;
  for (int i = 0; i < 25; ++i) a->step_once();
  const std::string link = link_of(*a);

  Pair p("dense10");
  ShareLink d;
  std::vector<std::string> problems;
  ASSERT_TRUE(decode_link(link, &d, &problems));
  open_run(*p.page, d);
  ASSERT_TRUE(p.page->training);
  p.settle();
  EXPECT_EQ(p.page->replayer.target, 0u);
  EXPECT_EQ(p.page->batch, 5);
  expect_same(*a, *p.page, link);
  EXPECT_TRUE(p.page->notes.empty()) << p.page->notes[0];
}

// Divergence in the worker: the alert, the restored weights and the optimizer reset come back,
// and the run (retried on the page from its checkpoint) still replays.
TEST(WorkerChannel, DivergenceInTheWorkerComesBackWithItsAlert) {
  Pair p("dense64 relu dense64 relu dense10");
  p.page->cfg.momentum = 0.9f;
  // Exactly 120 steps first (how many steps a slice takes depends on the machine's speed, and
  // whether rate 10 blows the network up or kills its ReLUs depends on where it starts).
  p.page->train_steps(120);
  p.settle();
  ASSERT_EQ(p.page->steps(), 120u);
  p.page->cfg.lr = 10;
  p.page->training = true;
  p.settle();
  ASSERT_EQ(p.page->health.alert.kind, Alert::Diverged);
  EXPECT_FALSE(p.page->training);
  EXPECT_TRUE(p.page->model->params_finite());
  ASSERT_TRUE(p.page->retry_from_checkpoint(p.page->health.alert.retry_lr));
  p.page->training = true;
  p.until(p.page->steps() + 30);
  p.page->training = false;
  p.settle();
  const std::string link = link_of(*p.page);
  auto b = open(link);
  expect_same(*p.page, *b, link);
}

// Random frames: settings, pauses, steps, resets and dismissed alerts at random moments, updates
// late by a random number of frames. Every run replays.
TEST(WorkerChannel, RandomFramesReplayExactly) {
  Rng r(77);
  for (int seq = 0; seq < cases(12, 4); ++seq) {
    Pair p(seq % 2 ? "dense16 relu dropout0.2 dense10" : "conv3x3x2 relu maxpool2 dense10");
    p.delay = 1 + static_cast<int>(r.below(4));
    std::string actions;
    for (int f = 0; f < 150; ++f) {
      switch (r.below(40)) {
        case 0: p.page->training = !p.page->training; actions += " train/pause"; break;
        case 1: p.page->cfg.lr = 0.005f + 0.1f * r.uniform(); actions += " lr"; break;
        case 2: p.page->batch = 1 + static_cast<int>(r.below(16)); actions += " batch"; break;
        case 3: p.page->step_once(); actions += " step"; break;
        case 4: p.page->set_dropout_rate(0.1f * static_cast<float>(r.below(4))); actions += " dropout"; break;
        case 5: if (r.below(4) == 0) { p.page->rebuild(); actions += " reset"; } break;
        case 6: p.page->dismiss_alert(); actions += " dismiss"; break;
        case 7: p.page->train_steps(1 + r.below(30)); actions += " train(n)"; break;
        default: break;
      }
      p.frame();
    }
    p.page->training = false;
    p.settle();
    ASSERT_FALSE(p.link.problem.said()) << p.link.problem;
    const std::string link = link_of(*p.page);
    auto b = open(link);
    expect_same(*p.page, *b, actions + "\n" + link);
    if (testing::Test::HasFailure()) break;
  }
}

// Rewind on a page whose worker trains: the page keeps its keyframes from the worker's updates
// (the worker keeps none), and a seek gives the weights a fresh page's replay of the link cut at
// that step gives.
TEST(WorkerChannel, RewindFromTheWorkersUpdates) {
  Pair p("conv3x3x4 relu maxpool2 dense10");
  p.page->training = true;
  p.until(40);
  p.page->cfg.lr = 0.02f;
  p.until(90);
  p.page->training = false;
  p.settle();
  EXPECT_EQ(p.worker.session.rewind.count(), 0u);
  EXPECT_GE(p.page->rewind.count(), 3u);
  ShareLink d;
  capture_run(*p.page, &d);
  const uint64_t last = p.page->steps();
  for (uint64_t k : std::vector<uint64_t>{1, 37, 61, last - 1}) {
    ShareLink cut = d;
    cut.steps = k;
    cut.log.clear();
    for (const LogChange& c : d.log)
      if (c.step < k) cut.log.push_back(c);
    p.page->rewind.seek_now(*p.page, k);
    EXPECT_EQ(p.page->shown_model()->weights_hash(), open(encode_link(cut))->model->weights_hash()) << "step " << k;
  }
  // Train goes on from now: the page comes back to the run's last step (app_frame does this).
  p.page->rewind.back_to_now(*p.page);
  EXPECT_EQ(p.page->shown_model(), p.page->model.get());
}

// A setting changed while updates written before it are on their way: the page keeps the new
// value throughout (an update written before the worker took the change does not put the old one
// back), and the worker's run has it from the step it took next.
TEST(WorkerChannel, UpdatesInFlightDoNotUndoASettingJustChanged) {
  Pair p("dense10");
  p.delay = 3;  // three updates in flight when the change is made
  p.page->training = true;
  p.until(20);
  ASSERT_TRUE(p.link.running());
  p.page->cfg.lr = 0.0123f;
  for (int k = 0; k < 8; ++k) {
    p.frame();
    ASSERT_EQ(p.page->cfg.lr, 0.0123f) << "frame " << k << " after the change";
  }
  EXPECT_EQ(p.worker.session.cfg.lr, 0.0123f);
  p.page->training = false;
  p.settle();
  EXPECT_EQ(p.page->cfg.lr, 0.0123f);
}

// A worker that cannot use a Start (it holds another data set) says why, and the page's end of
// the link gets the same fact (the page then drops that worker: dlp_worker_message).
TEST(WorkerChannel, AWorkerThatCannotStartSaysWhy) {
  Pair p("dense10");
  ASSERT_TRUE(p.worker.session.load_data("fashion", dlp::test::data_dir()));
  p.page->training = true;
  for (int k = 0; k < 5 && !p.link.problem.said(); ++k) p.frame();
  Fact want(Fact::WorkerHasOtherData);
  want.text = "fashion";
  want.text2 = "mnist";
  EXPECT_EQ(p.worker.problem, want);
  EXPECT_EQ(p.link.problem, want);
}
