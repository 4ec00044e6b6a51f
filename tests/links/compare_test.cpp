// Compare runs (links/compare.h): a pinned run keeps its curves and says how it differs; Reset
// after a change of one setting trains again from the same seeds, so the runs differ only there.
#include <gtest/gtest.h>

#include "links/compare.h"
#include "page_sessions.h"

using namespace dlp;
using namespace dlp::test;

TEST(Compare, DifferencesNameOnlyWhatDiffers) {
  ShareLink a, b, c;
  b.cfg.lr = 0.1f;
  c.cfg.lr = 0.1f;
  c.batch = 64;
  const std::vector<std::string> d = run_differences({a, b, c});
  EXPECT_EQ(d[0], "lr " + short_float(a.cfg.lr) + ", batch 32");
  EXPECT_EQ(d[1], "lr 0.1, batch 32");
  EXPECT_EQ(d[2], "lr 0.1, batch 64");
  EXPECT_EQ(run_differences({a, a})[1], "the same settings");
  // A change made during training, and an init whose sigma only a Gaussian has.
  ShareLink e = a, g = a;
  e.log.push_back({300, Knob::LR, 0.5f, 0});
  g.init.kind = InitKind::Gaussian;
  g.init.sigma = 0.02f;
  const std::vector<std::string> d2 = run_differences({a, e, g});
  EXPECT_EQ(d2[0], "init he, changes: none");
  EXPECT_EQ(d2[1], "init he, changes: lr 0.5 at step 300");
  EXPECT_EQ(d2[2], "init gaussian, init sigma 0.02, changes: none");
}

// The flow a student follows: train, pin, change the learning rate, Reset, train again. The
// second run starts from the same weights (the same seeds), and the runs differ in the lr only.
TEST(Compare, PinThenResetTrainsAgainFromTheSameStart) {
  auto s = fresh_page("dense16 relu dense10");
  const uint64_t start = s->model->weights_hash();
  train(*s, 30);
  const PinnedRun a = pin_run(*s);
  EXPECT_EQ(a.steps, 30u);
  EXPECT_EQ(a.loss.y.size(), 30u);
  EXPECT_EQ(a.loss.y, s->metrics.loss.y);
  EXPECT_GT(a.train_ms, 0.0);
  s->cfg.lr *= 2;
  s->rebuild();
  EXPECT_EQ(s->model->weights_hash(), start);
  EXPECT_EQ(s->metrics.train_ms, 0.0);
  train(*s, 30);
  const PinnedRun b = pin_run(*s);
  EXPECT_NE(b.loss.y, a.loss.y);
  const std::vector<std::string> d = run_differences({a.run, b.run});
  EXPECT_EQ(d[0], "lr " + short_float(a.run.cfg.lr));
  EXPECT_EQ(d[1], "lr " + short_float(2 * a.run.cfg.lr));
  // A pinned run is a link: opened in another page, it replays to the same weights.
  auto other = open(encode_link(a.run));
  EXPECT_EQ(other->steps(), 30u);
  EXPECT_EQ(other->metrics.loss.y, a.loss.y);
}

// A link carries the pinned runs, each as a link of its own run's fields (pinA, pinB, pinC), and
// reads back the same; a pinned run that is not a trained run, or carries pins itself, is refused.
TEST(Compare, LinkCarriesPinnedRuns) {
  auto s = fresh_page("dense16 relu dense10");
  train(*s, 12);
  const PinnedRun a = pin_run(*s, 'A');
  s->cfg.lr *= 2;
  s->rebuild();
  train(*s, 7);
  const PinnedRun c = pin_run(*s, 'C');
  ShareLink d;
  capture_run(*s, &d);
  d.pins = {{'A', encode_link(a.run)}, {'C', encode_link(c.run)}};
  const std::string link = encode_link(d);
  EXPECT_NE(link.find("&pinA="), std::string::npos);
  EXPECT_NE(link.find("&pinC="), std::string::npos);
  ShareLink back;
  std::vector<std::string> problems;
  ASSERT_TRUE(decode_link(link, &back, &problems));
  EXPECT_TRUE(problems.empty()) << problems[0];
  EXPECT_EQ(back, d);
  ShareLink pa;
  ASSERT_TRUE(decode_link(back.pins[0].second, &pa, &problems));
  EXPECT_EQ(pa.steps, 12u);
  EXPECT_EQ(pa.weights_hash, a.run.weights_hash);

  ShareLink untrained = a.run;
  untrained.steps = 0;
  untrained.log.clear();
  ShareLink nested = a.run;
  nested.pins = {{'B', encode_link(a.run)}};
  for (const ShareLink& bad : {untrained, nested}) {
    ShareLink with = d;
    with.pins = {{'B', encode_link(bad)}};
    ShareLink out;
    std::vector<std::string> p;
    ASSERT_TRUE(decode_link(encode_link(with), &out, &p));
    EXPECT_TRUE(out.pins.empty());
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0], "ignored pinned run: not valid");
  }
}
