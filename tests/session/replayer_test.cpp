// The replayer alone: a link's changes come out once each, in log order, when their step is
// reached; halting keeps the changes still to come, stopping drops them; the end checks the
// sender's weights hash.
#include "session/replayer.h"

#include <gtest/gtest.h>

#include <vector>

using namespace dlp;

namespace {

std::vector<LogChange> three_changes() {
  return {{0, Knob::Batch, 64, 0}, {200, Knob::LR, 0.01f, 0}, {200, Knob::OptReset, 1, 0}, {500, Knob::LR, 0.001f, 0}};
}

std::vector<uint64_t> due_steps(Replayer& r, uint64_t step) {
  std::vector<uint64_t> out;
  while (const LogChange* c = r.next_due(step)) out.push_back(c->step);
  return out;
}

}  // namespace

TEST(Replayer, ChangesComeOutOnceEachWhenTheirStepIsReached) {
  Replayer r;
  r.start(three_changes(), 650, 0);
  EXPECT_EQ(due_steps(r, 0), (std::vector<uint64_t>{0}));
  EXPECT_EQ(due_steps(r, 0), std::vector<uint64_t>{}) << "given once";
  EXPECT_EQ(due_steps(r, 199), std::vector<uint64_t>{});
  // Both changes at step 200, in the log's order (the rate before the optimizer's reset).
  const LogChange* a = r.next_due(200);
  const LogChange* b = r.next_due(200);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->knob, Knob::LR);
  EXPECT_EQ(b->knob, Knob::OptReset);
  EXPECT_EQ(r.next_due(200), nullptr);
  // A model that jumped ahead (a kept session, a worker's state) gets every change it passed.
  EXPECT_EQ(due_steps(r, 10000), (std::vector<uint64_t>{500}));
  EXPECT_EQ(r.next, 4u);
}

TEST(Replayer, ReplayingUntilTheLinksSteps) {
  Replayer r;
  EXPECT_FALSE(r.replaying(0));
  r.start(three_changes(), 650, 0);
  EXPECT_TRUE(r.replaying(0));
  EXPECT_TRUE(r.replaying(649));
  EXPECT_FALSE(r.replaying(650));
}

TEST(Replayer, HaltKeepsTheChangesToComeStopDropsThem) {
  Replayer r;
  r.start(three_changes(), 650, 0);
  r.halt();
  EXPECT_FALSE(r.replaying(0));
  EXPECT_EQ(due_steps(r, 600).size(), 4u) << "a halted replay's changes still come in at their steps";
  r.start(three_changes(), 650, 0);
  r.stop();
  EXPECT_FALSE(r.replaying(0));
  EXPECT_EQ(r.next_due(600), nullptr);
}

TEST(Replayer, StartingAgainStartsFromTheFirstChange) {
  Replayer r;
  r.start(three_changes(), 650, 7);
  due_steps(r, 600);
  r.start(three_changes(), 300, 9);
  EXPECT_EQ(r.target, 300u);
  EXPECT_EQ(r.expect, 9u);
  EXPECT_EQ(due_steps(r, 200).size(), 3u);
}

TEST(Replayer, TheEndMatchesTheSendersWeightsOrTheLinkSaidNothing) {
  Replayer r;
  r.start({}, 10, 0);
  EXPECT_TRUE(r.matches(0x1234));
  r.start({}, 10, 0x1234);
  EXPECT_TRUE(r.matches(0x1234));
  EXPECT_FALSE(r.matches(0x1235));
}
