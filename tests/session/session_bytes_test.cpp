// The training side of a session as bytes (session_bytes.cpp), read back from bytes kept as test
// data: tests/fixtures/diverged_run.dplt holds the form whose messages are text ("DPLT"). A page
// trained "maxpool2 maxpool2 dense10" (batch 8, plain SGD at 0.1) through a replay of 120 steps
// whose weights were not the link's (a note and a status), then at learning rate 1e7 until step
// 122 blew up.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "page_sessions.h"
#include "paths.h"

using namespace dlp;

namespace {

std::vector<uint8_t> read_bytes(const std::string& path) {
  std::vector<uint8_t> b;
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return b;
  uint8_t buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) b.insert(b.end(), buf, buf + n);
  std::fclose(f);
  return b;
}

const char* kDivergedText =
    "Training stopped at step 122: the loss became huge (it exploded). The learning rate 1e+07 is too high: each step "
    "overshoots, the weights grow and the scores overflow. The weights of step 121 are kept, but they may already be damaged.";
const char* kMismatchText =
    "The replay ended with other weights than the sender's (weights hash 6bde4162558d8711, the link says 1234567890abcdef): "
    "the sender trained with something a link cannot carry, or with another version of the playground.";

}  // namespace

// Its messages come back as the words they were saved with; everything else as it was.
TEST(SessionBytes, TextFormKeptAsTestDataLoads) {
  const std::vector<uint8_t> bytes = read_bytes(dlp::test::source_path("tests/fixtures/diverged_run.dplt"));
  ASSERT_EQ(bytes.size(), 18754u);
  auto s = test::fresh_page("maxpool2 maxpool2 dense10");
  Fact err;
  ASSERT_TRUE(s->load_training(bytes.data(), bytes.size(), false, true, &err)) << err;
  EXPECT_EQ(s->steps(), 121u);
  EXPECT_EQ(s->model->weights_hash(), 0xe0cdd17b853297beull);
  EXPECT_TRUE(s->health.diverged);
  EXPECT_EQ(s->health.alert.kind, Alert::Diverged);
  EXPECT_EQ(s->health.alert.retry_step, 100u);
  EXPECT_FLOAT_EQ(s->health.alert.retry_lr, 0.05f);
  EXPECT_EQ(s->health.alert.retry_batch, 0);
  EXPECT_EQ(s->health.alert.said, Fact::from_text(kDivergedText));
  EXPECT_EQ(s->told(Topic::Status), Fact::from_text(kDivergedText));
  ASSERT_EQ(s->notes.size(), 1u);
  EXPECT_EQ(s->notes[0], Fact::from_text(kMismatchText));
  EXPECT_EQ(s->cfg.lr, 1e7f);
  EXPECT_EQ(s->batch, 8);
  // Written again, in the form with facts: the same run, alert and messages.
  const std::vector<uint8_t> again = s->save_training(false);
  EXPECT_NE(again, bytes);
  auto t = test::fresh_page("maxpool2 maxpool2 dense10");
  ASSERT_TRUE(t->load_training(again.data(), again.size(), false, true, &err)) << err;
  EXPECT_EQ(t->model->weights_hash(), 0xe0cdd17b853297beull);
  EXPECT_EQ(t->health.alert.said, s->health.alert.said);
  EXPECT_EQ(t->health.alert.retry_step, 100u);
  EXPECT_EQ(t->told(Topic::Status), s->told(Topic::Status));
  EXPECT_EQ(t->notes, s->notes);
  EXPECT_EQ(t->save_training(false), again);
}

// The same run trained by this build: its alert, status and note are facts, with their numbers.
TEST(SessionBytes, FactsTravel) {
  auto s = test::fresh_page("maxpool2 maxpool2 dense10");
  s->cfg = TrainConfig{};
  s->cfg.lr = 0.1f;
  s->replay({}, 120, 0x1234567890abcdefull);
  test::run_replay(*s);
  s->cfg.lr = 1e7f;
  s->training = true;
  for (int i = 0; i < 40 && s->training; ++i) s->tick(5);
  ASSERT_EQ(s->health.alert.kind, Alert::Diverged);
  EXPECT_EQ(s->steps(), 121u);
  EXPECT_EQ(s->model->weights_hash(), 0xe0cdd17b853297beull) << "the run the bytes kept as test data hold";
  const std::vector<uint8_t> bytes = s->save_training(false);
  auto t = test::fresh_page("maxpool2 maxpool2 dense10");
  Fact err;
  ASSERT_TRUE(t->load_training(bytes.data(), bytes.size(), false, true, &err)) << err;
  const Fact& said = t->health.alert.said;
  EXPECT_EQ(said.kind, Fact::Diverged);
  EXPECT_EQ(said.step, 122u);
  EXPECT_EQ(said.lr, 1e7f);
  EXPECT_GT(said.loss, 1e6f);
  EXPECT_EQ(t->told(Topic::Status), said);
  ASSERT_EQ(t->notes.size(), 1u);
  EXPECT_EQ(t->notes[0].kind, Fact::ReplayMismatch);
  EXPECT_EQ(t->notes[0].hash, 0x6bde4162558d8711ull);
  EXPECT_EQ(t->notes[0].expect, 0x1234567890abcdefull);
  EXPECT_EQ(t->health.alert.retry_step, 100u);
  EXPECT_FLOAT_EQ(t->health.alert.retry_lr, 0.05f);
}

TEST(SessionBytes, OtherBytesAreRefusedWithWhy) {
  auto s = test::fresh_page("dense10");
  Fact err;
  const uint8_t junk[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  EXPECT_FALSE(s->load_training(junk, sizeof junk, false, true, &err));
  EXPECT_EQ(err.kind, Fact::NotATrainingState);
  std::vector<uint8_t> cut = s->save_training(false);
  cut.pop_back();
  EXPECT_FALSE(s->load_training(cut.data(), cut.size(), false, true, &err));
  EXPECT_EQ(err.kind, Fact::DamagedTrainingState);
}
