// The training side of a session as bytes (session_bytes.cpp), read back from bytes kept as test
// data: tests/session/diverged_run.dplt holds the form whose messages are text ("DPLT"). A page
// trained "maxpool2 maxpool2 dense10" (batch 8, plain SGD at 0.1) through a replay of 120 steps
// whose weights were not the link's (a note and a status), then at learning rate 1e7 until step
// 122 blew up.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "page_sessions.h"

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

TEST(SessionBytes, TextFormKeptAsTestDataLoads) {
  const std::vector<uint8_t> bytes = read_bytes(DLP_SOURCE_DIR "/tests/session/diverged_run.dplt");
  ASSERT_EQ(bytes.size(), 18754u);
  auto s = test::fresh_page("maxpool2 maxpool2 dense10");
  std::string err;
  ASSERT_TRUE(s->load_training(bytes.data(), bytes.size(), false, true, &err)) << err;
  EXPECT_EQ(s->steps(), 121u);
  EXPECT_EQ(s->model->weights_hash(), 0xe0cdd17b853297beull);
  EXPECT_TRUE(s->health.diverged);
  EXPECT_EQ(s->health.alert.kind, Alert::Diverged);
  EXPECT_EQ(s->health.alert.retry_step, 100u);
  EXPECT_FLOAT_EQ(s->health.alert.retry_lr, 0.05f);
  EXPECT_EQ(s->health.alert.retry_batch, 0);
  EXPECT_EQ(s->health.alert.text, kDivergedText);
  EXPECT_EQ(s->told(Topic::Status), kDivergedText);
  ASSERT_EQ(s->notes.size(), 1u);
  EXPECT_EQ(s->notes[0], kMismatchText);
  EXPECT_EQ(s->cfg.lr, 1e7f);
  EXPECT_EQ(s->batch, 8);
}
