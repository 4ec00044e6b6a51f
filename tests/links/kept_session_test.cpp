// What the page keeps between visits (session/kept_session.h): the records read back as written
// and refuse any cut, and keyframes are matched to a run by same_run_until (share_link.h).
#include <gtest/gtest.h>

#include "page_sessions.h"
#include "session/kept_session.h"

using namespace dlp;
using namespace dlp::test;

TEST(KeptSession, ReadsBackWhatItWroteAndRefusesAnyCut) {
  KeptSession k;
  k.link = "v1&model=dense10&steps=12";
  k.weights = {1, 2, 3, 4, 5};
  k.state = {9, 8, 7};
  k.pos = {3, 17, 1234};
  const std::vector<uint8_t> b = kept_session_bytes(k);
  KeptSession r;
  ASSERT_TRUE(read_kept_session(b.data(), b.size(), &r));
  EXPECT_EQ(r.link, k.link);
  EXPECT_EQ(r.weights, k.weights);
  EXPECT_EQ(r.state, k.state);
  EXPECT_EQ(r.pos.epoch, 3u);
  EXPECT_EQ(r.pos.cursor, 17u);
  EXPECT_EQ(r.pos.seen, 1234u);
  for (size_t n = 0; n < b.size(); ++n) EXPECT_FALSE(read_kept_session(b.data(), n, &r)) << n << " bytes";
  std::vector<uint8_t> other = b;
  other[3] = 'K';
  EXPECT_FALSE(read_kept_session(other.data(), other.size(), &r));

  const std::vector<uint8_t> rewind = {1, 2, 3};
  const std::vector<uint8_t> kb = kept_keyframes_bytes(k.link, rewind);
  std::string link;
  const uint8_t* p = nullptr;
  size_t n = 0;
  ASSERT_TRUE(read_kept_keyframes(kb.data(), kb.size(), &link, &p, &n));
  EXPECT_EQ(link, k.link);
  EXPECT_EQ(std::vector<uint8_t>(p, p + n), rewind);
  EXPECT_FALSE(read_kept_keyframes(b.data(), b.size(), &link, &p, &n));  // a session is not keyframes
  EXPECT_FALSE(read_kept_keyframes(kb.data(), 7, &link, &p, &n));
}

// Keyframes kept at one step belong to the session kept at another when both name the same run up
// to the earlier step: the same start and the same changes before it, whatever either shows.
TEST(KeptSession, KeyframesBelongToARunUpToTheirStep) {
  auto s = fresh_page("dense10");
  train(*s, 30);
  s->cfg.lr = 0.02f;
  train(*s, 30);
  ShareLink a;
  capture_run(*s, &a);
  ASSERT_EQ(a.steps, 60u);
  ASSERT_EQ(a.log.size(), 1u);
  ShareLink b = a;  // the same run, kept at step 20, showing other panels and a lesson
  b.steps = 20;
  b.log.clear();
  b.panels = 3;
  b.lesson = "logistic";
  EXPECT_TRUE(same_run_until(a, b, 20));
  EXPECT_TRUE(same_run_until(a, b, 0));
  EXPECT_FALSE(same_run_until(a, b, 21));  // b does not reach it
  b.steps = 45;  // ...kept at step 45, but the rate never changed at 30: another run after 30
  EXPECT_TRUE(same_run_until(a, b, 30));
  EXPECT_FALSE(same_run_until(a, b, 31));
  b.log = a.log;
  EXPECT_TRUE(same_run_until(a, b, 45));
  ShareLink c = a;
  c.init.seed = 2;
  EXPECT_FALSE(same_run_until(a, c, 0));
  c = a;
  c.spec = "dense32 relu dense10";
  EXPECT_FALSE(same_run_until(a, c, 0));
}
