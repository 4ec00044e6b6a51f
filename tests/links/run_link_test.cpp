// A page opened from another page's link must be indistinguishable from it: the same weights,
// the same loss curve and the same link, whatever the sender did. Sessions are driven the way the
// panels drive them (settings written, steps taken, Reset, presets, own examples, divergence),
// in many random sequences, and each sender's link is opened by a fresh session.
#include "links/run_link.h"

#include <gtest/gtest.h>

#include <cinttypes>
#include <cmath>

#include "engine/rng.h"
#include "engine/safetensors.h"
#include "page_sessions.h"
#include "sanitized.h"
#include "paths.h"

using namespace dlp;
using namespace dlp::test;

// The bug a teacher met: a fresh page (which loads its own examples, none) trained, and its link
// replayed to other weights, because loading the examples restarted the data order.
TEST(RunLink, FreshPageReplaysToTheSameWeights) {
  auto a = fresh_page("conv3x3x4 relu maxpool2 dense10");
  train(*a, 40);
  const std::string link = link_of(*a);
  EXPECT_NE(link.find("steps=40"), std::string::npos) << link;
  auto b = open(link);
  expect_same(*a, *b, link);
}

TEST(RunLink, RandomSequencesOfActionsReplayExactly) {
  Rng r(2026);
  const char* specs[] = {"dense10", "dense16 relu dropout0.3 dense10", "conv3x3x4 relu maxpool2 dropout0.25 dense10"};
  int sequences = 0, changes = 0;
  for (int seq = 0; seq < cases(40, 10); ++seq) {
    auto a = fresh_page(specs[r.below(3)]);
    std::string actions;
    const int n = 2 + static_cast<int>(r.below(10));
    for (int k = 0; k < n; ++k) {
      switch (r.below(11)) {
        case 0: case 1: case 2: { int m = 1 + static_cast<int>(r.below(12)); train(*a, m); actions += " train" + std::to_string(m); break; }
        case 3: a->cfg.lr = 0.001f + 0.2f * r.uniform(); actions += " lr"; break;
        case 4: a->batch = 1 + static_cast<int>(r.below(20)); actions += " batch"; break;
        case 5: a->cfg.optimizer = r.below(2) ? OptimizerKind::Adam : OptimizerKind::SGD; actions += " opt"; break;
        case 6:
          a->cfg.momentum = r.below(2) ? 0.9f : 0.0f;
          a->cfg.l2 = r.below(2) ? 0.001f : 0.0f;
          a->cfg.augment = static_cast<int>(r.below(2));
          actions += " mom/l2/aug";
          break;
        case 7: a->cfg.lr_decay = 0.5f; a->cfg.decay_steps = 1 + static_cast<int>(r.below(10)); actions += " decay"; break;
        case 8: a->set_dropout_rate(0.1f * static_cast<float>(r.below(6))); actions += " dropout"; break;
        case 9: if (r.below(3) == 0) { a->rebuild(); actions += " reset"; } else { a->set_spec(specs[r.below(3)]); actions += " preset"; } break;
        case 10: a->evaluate_full(); actions += " evaluate"; break;
      }
    }
    train(*a, 1 + static_cast<int>(r.below(5)));
    const std::string link = link_of(*a);
    changes += static_cast<int>(a->log().size());
    auto b = open(link);
    expect_same(*a, *b, actions + "\n" + link);
    EXPECT_TRUE(b->notes.empty()) << actions;
    ++sequences;
    if (testing::Test::HasFailure()) break;
  }
  std::printf("replayed %d random sequences with %d logged setting changes\n", sequences, changes);
}

// Learning rate 10 blows up; the last good weights come back and the optimizer starts over. The
// student lowers the rate and goes on: the link replays the same.
TEST(RunLink, DivergenceAndRecoveryReplay) {
  auto a = fresh_page("dense64 relu dense64 relu dense10");
  a->cfg.momentum = 0.9f;
  train(*a, 5);
  a->cfg.lr = 10;
  for (int i = 0; i < 100 && !a->health.diverged; ++i) a->step_once();
  ASSERT_TRUE(a->health.diverged);
  a->cfg.lr = 0.01f;
  train(*a, 10);
  const std::string link = link_of(*a);
  EXPECT_NE(link.find("optreset"), std::string::npos) << link;
  auto b = open(link);
  expect_same(*a, *b, link);
}

// Own examples cannot travel: a receiver without them is told; one with the same (same browser)
// replays exactly.
TEST(RunLink, OwnExamplesAreSaidOrMatched) {
  auto a = fresh_page("dense10", 5);
  train(*a, 20);
  const std::string link = link_of(*a);
  EXPECT_NE(link.find("own=5."), std::string::npos) << link;
  EXPECT_FALSE(a->link_caveats().empty());
  auto without = open(link);
  ASSERT_FALSE(without->notes.empty());
  EXPECT_EQ(without->notes[0].kind, Fact::LinkUsedOwnExamples) << without->notes[0];
  EXPECT_EQ(without->notes[0].count, 5u);
  auto with = open(link, 5);
  expect_same(*a, *with, link);
  // The sender's weights file, dropped on the page that could not replay them, is recognised.
  const std::vector<uint8_t> file = safetensors_bytes(*a->model);
  Fact err;
  ASSERT_TRUE(without->load_weights(file.data(), file.size(), &err)) << err;
  const Fact& loaded = without->told(Topic::Status);
  ASSERT_EQ(loaded.kind, Fact::LoadedWeights) << loaded;
  EXPECT_EQ(loaded.hash, a->model->weights_hash()) << "exactly the weights the link's sender had";
  EXPECT_EQ(loaded.expect, loaded.hash);
  EXPECT_TRUE(without->notes.empty());
  // Examples added mid-run are a logged change.
  auto c = fresh_page("dense10");
  train(*c, 10);
  c->own.add(c->data.test.image(0), c->data.test.labels[0], nullptr);
  c->own.changed();
  train(*c, 10);
  const std::string link2 = link_of(*c);
  EXPECT_NE(link2.find("own:1."), std::string::npos) << link2;
  auto d = open(link2, 1);
  expect_same(*c, *d, link2);
}

// A kept session (reload): weights, training state and data position continue the run exactly.
TEST(RunLink, KeptSessionContinuesExactly) {
  auto a = fresh_page("conv3x3x4 relu maxpool2 dropout0.25 dense10");
  a->cfg.optimizer = OptimizerKind::Adam;
  train(*a, 15);
  a->cfg.lr = 0.01f;
  train(*a, 7);
  ShareLink d;
  capture_run(*a, &d);
  const std::vector<uint8_t> w = safetensors_bytes(*a->model), st = a->model->train_state_bytes();
  const Trainer::Position pos = a->trainer->position();

  auto k = fresh_page("dense10");
  ShareLink start = d;
  start.steps = 0;
  start.log.clear();
  set_run_settings(*k, start);
  ASSERT_TRUE(k->set_spec(start.spec));
  ASSERT_TRUE(k->resume(d.log, w.data(), w.size(), st.data(), st.size(), pos, 0, 0));
  EXPECT_EQ(link_of(*a), link_of(*k));
  train(*a, 12);
  train(*k, 12);
  EXPECT_EQ(a->model->weights_hash(), k->model->weights_hash());
  // And the continued run's link replays from scratch to the same weights.
  auto b = open(link_of(*k));
  EXPECT_EQ(b->model->weights_hash(), k->model->weights_hash());
}

// Weights from a file: the link waits for that file, then replays the rest.
TEST(RunLink, WeightsFileRunReplaysOnceTheFileIsDropped) {
  auto a = fresh_page("dense16 relu dense10");
  train(*a, 10);
  const std::vector<uint8_t> file = safetensors_bytes(*a->model);
  auto a2 = fresh_page("dense16 relu dense10");
  Fact err;
  ASSERT_TRUE(a2->load_weights(file.data(), file.size(), &err)) << err;
  train(*a2, 6);
  a2->cfg.lr = 0.02f;
  train(*a2, 6);
  const std::string link = link_of(*a2);
  EXPECT_NE(link.find("wfile="), std::string::npos) << link;
  EXPECT_FALSE(a2->link_caveats().empty());
  auto b = open(link);
  EXPECT_TRUE(b->replayer.awaiting.hash != 0);
  EXPECT_FALSE(b->notes.empty());
  ASSERT_TRUE(b->load_weights(file.data(), file.size(), &err)) << err;
  run_replay(*b);
  EXPECT_EQ(b->model->weights_hash(), a2->model->weights_hash());
  EXPECT_EQ(link_of(*b), link) << "the receiver's link is the sender's";
}

// Stopping a replay keeps a consistent run: its own link replays to where it stopped.
TEST(RunLink, StoppedReplayIsItsOwnRun) {
  auto a = fresh_page("dense10");
  train(*a, 20);
  a->cfg.lr = 0.2f;
  train(*a, 20);
  auto b = fresh_page("dense10");
  ShareLink d;
  capture_run(*b, &d);
  std::vector<std::string> problems;
  ASSERT_TRUE(decode_link(link_of(*a), &d, &problems));
  open_run(*b, d);
  for (int i = 0; i < 10; ++i) b->step_once();
  b->stop_replay();
  EXPECT_EQ(b->steps(), 10u);
  const std::string mid = link_of(*b);
  EXPECT_NE(mid.find("steps=10"), std::string::npos) << mid;
  EXPECT_EQ(mid.find("log="), std::string::npos) << mid;
  auto c = open(mid);
  EXPECT_EQ(c->model->weights_hash(), b->model->weights_hash());
}

// A teacher's session with ten changes gives a link well under 2,000 characters.
TEST(RunLink, TenChangesGiveAShortLink) {
  auto a = fresh_page("conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dropout0.25 dense10");
  const float lrs[] = {0.05f, 0.02f, 0.01f, 0.005f, 0.1f};
  for (int k = 0; k < 10; ++k) {
    train(*a, 3);
    switch (k % 4) {
      case 0: a->cfg.lr = lrs[k % 5]; break;
      case 1: a->batch = 16 + 16 * k; break;
      case 2: a->cfg.optimizer = k % 3 ? OptimizerKind::Adam : OptimizerKind::SGD; a->cfg.momentum = 0.5f + 0.05f * static_cast<float>(k); break;
      case 3: a->set_dropout_rate(0.1f * static_cast<float>(k % 5)); break;
    }
  }
  train(*a, 3);
  ShareLink d;
  capture_run(*a, &d);
  d.panels = 31;
  const std::string link = "http://127.0.0.1:8080/#" + encode_link(d);
  std::printf("a link with %zu logged changes: %zu characters\n", a->log().size(), link.size());
  EXPECT_GE(a->log().size(), 10u);
  EXPECT_LT(link.size(), 600u) << link;
}

// Learning rate 100: the step that blows up is undone and the student is told, and the message
// stays (a paused tick does not replace it). Retrying from the last healthy checkpoint with the
// offered lower rate trains, and the retried run's link replays exactly.
TEST(RunLink, DivergenceAlertStaysAndRetryRecovers) {
  auto a = fresh_page("conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10");
  a->batch = 32;
  a->cfg = find_preset("lenet")->train;  // SGD with momentum 0.9
  a->cfg.lr = 100;
  a->training = true;
  for (int i = 0; i < 20 && a->training; ++i) a->tick(5);
  ASSERT_EQ(a->health.alert.kind, Alert::Diverged);
  const Fact said = a->health.alert.said;
  EXPECT_EQ(said.kind, Fact::Diverged) << said;
  EXPECT_EQ(said.lr, 100.0f) << "the learning rate that is too high";
  EXPECT_EQ(said.step, a->steps() + 1) << "the step that blew up, undone";
  EXPECT_TRUE(!std::isfinite(said.loss) || said.loss > 1e6f);
  for (int i = 0; i < 5; ++i) a->tick(5);
  EXPECT_EQ(a->health.alert.kind, Alert::Diverged) << "the message stays";
  EXPECT_EQ(a->told(Topic::Status), said) << "not replaced by a pause";
  EXPECT_EQ(a->health.alert.retry_step, 0u);
  EXPECT_FLOAT_EQ(a->health.alert.retry_lr, 0.01f);  // a tenth of 100, capped at the presets' rate (momentum 0.9)
  ASSERT_TRUE(a->retry_from_checkpoint(a->health.alert.retry_lr));
  EXPECT_EQ(a->steps(), 0u);
  EXPECT_EQ(a->health.alert.kind, Alert::None);
  train(*a, 60);
  EXPECT_FALSE(a->health.diverged);
  EXPECT_LT(a->metrics.loss.y.back(), 1.5f);
  auto b = open(link_of(*a));
  expect_same(*a, *b, link_of(*a));
}

// With Adam (the first view's optimizer) the retry offers at most the presets' Adam rate.
TEST(RunLink, DivergenceUnderAdamOffersAnAdamRate) {
  auto a = fresh_page("dense32 relu dense10");
  a->batch = 32;
  ASSERT_EQ(a->cfg.optimizer, OptimizerKind::Adam) << "a fresh page trains with Adam";
  a->cfg.lr = 50;
  a->training = true;
  for (int i = 0; i < 40 && a->training; ++i) a->tick(5);
  ASSERT_EQ(a->health.alert.kind, Alert::Diverged) << a->told(Topic::Status);
  EXPECT_FLOAT_EQ(a->health.alert.retry_lr, 0.002f);
  ASSERT_TRUE(a->retry_from_checkpoint(a->health.alert.retry_lr));
  train(*a, 60);
  EXPECT_FALSE(a->health.diverged);
  auto b = open(link_of(*a));
  expect_same(*a, *b, link_of(*a));
}

// Learning rate 5 on a ReLU net: the loss jumps, then sits at chance level with every ReLU off.
// That is detected and said; a retry from a checkpoint with a lower rate learns again.
TEST(RunLink, DeadNetworkIsDetectedAndExplained) {
  auto a = fresh_page("dense256 relu dense10");
  a->batch = 32;
  a->cfg = find_preset("relu")->train;  // SGD with momentum 0.9
  train(*a, 150);  // healthy: a checkpoint at step 100
  a->cfg.lr = 5;
  a->training = true;
  for (int i = 0; i < 200 && a->training; ++i) a->step_once();
  ASSERT_EQ(a->health.alert.kind, Alert::Dead) << a->told(Topic::Status);
  EXPECT_EQ(a->health.alert.said.kind, Fact::Dead) << a->health.alert.said;
  EXPECT_EQ(a->health.alert.said.lr, 5.0f);
  EXPECT_GT(a->health.alert.said.loss, 2.0f) << "at chance level or above";
  EXPECT_EQ(a->told(Topic::Status), a->health.alert.said);
  EXPECT_EQ(a->health.alert.retry_step, 100u);
  const uint64_t dead_at = a->steps();
  ASSERT_TRUE(a->retry_from_checkpoint(a->health.alert.retry_lr));
  EXPECT_EQ(a->steps(), 100u);
  EXPECT_LE(a->metrics.loss.x.back(), 100.0f) << "the curves go back with the run";
  train(*a, 100);
  EXPECT_EQ(a->health.alert.kind, Alert::None);
  EXPECT_LT(a->metrics.loss.y.back(), 1.0f);
  EXPECT_LT(a->steps(), dead_at + 100);
  auto b = open(link_of(*a));
  expect_same(*a, *b, link_of(*a));
}

// A student who trains on after the dead-network alert: the replay does not stop where the
// sender's alert came, it goes on to the sender's weights.
TEST(RunLink, ReplayGoesOnPastTheSendersAlerts) {
  auto a = fresh_page("dense256 relu dense10");
  a->batch = 32;
  train(*a, 120);
  a->cfg.lr = 5;
  a->training = true;
  for (int i = 0; i < 200 && a->training; ++i) a->step_once();
  ASSERT_EQ(a->health.alert.kind, Alert::Dead);
  train(*a, 30);
  auto b = open(link_of(*a));
  expect_same(*a, *b, link_of(*a));
}

// A link that leaves run fields out (written by hand in a course page) replays as it did when it
// was recorded (tests/links/links_with_fields_left_out.txt, each with its weights hash): the
// fields it leaves out keep the meaning links gave them, whatever the page now opens on.
TEST(RunLink, LinksThatLeaveFieldsOutReplayAsRecorded) {
  // All of them, two under the sanitizers.
  const auto links = recorded_links(dlp::test::source_path("tests/links/links_with_fields_left_out.txt"), cases(1 << 20, 2));
  for (const std::string& link : links) {
    ShareLink d;
    std::vector<std::string> problems;
    ASSERT_TRUE(decode_link(link, &d, &problems)) << link;
    auto s = open(link);
    EXPECT_EQ(s->steps(), d.steps) << link;
    EXPECT_EQ(s->model->weights_hash(), d.weights_hash) << link << ": weights " << std::hex << s->model->weights_hash();
  }
  EXPECT_GE(static_cast<int>(links.size()), cases(4, 2));
}
