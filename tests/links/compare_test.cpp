// Compare runs (links/compare.h): a pinned run keeps its curves (ui/words.h says how runs differ); Reset
// after a change of one setting trains again from the same seeds, so the runs differ only there.
#include <gtest/gtest.h>

#include "links/compare.h"
#include "page_sessions.h"

using namespace dlp;
using namespace dlp::test;

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
  EXPECT_EQ(b.run.cfg.lr, 2 * a.run.cfg.lr);
  TrainConfig same_lr = b.run.cfg;
  same_lr.lr = a.run.cfg.lr;
  EXPECT_TRUE(same_settings(same_lr, a.run.cfg)) << "the runs differ in the lr only";
  EXPECT_EQ(b.run.batch, a.run.batch);
  EXPECT_EQ(b.run.spec, a.run.spec);
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
