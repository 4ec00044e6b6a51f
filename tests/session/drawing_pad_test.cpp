// The drawing pad's reading (session/drawing_pad.h): sure only when the top class clearly wins;
// otherwise the two it hesitates between.
#include <gtest/gtest.h>

#include "session/drawing_pad.h"

using namespace dlp;

static Reading read(std::initializer_list<float> p) { return read_probabilities(std::data(p), static_cast<int>(p.size())); }

TEST(DrawingPad, SureOnlyWhenTheTopClassClearlyWins) {
  Reading r = read({0.01f, 0.02f, 0.01f, 0.01f, 0.01f, 0.01f, 0.01f, 0.9f, 0.01f, 0.01f});
  EXPECT_TRUE(r.sure);
  EXPECT_EQ(r.top, 7);
  // A 1 with a flag: 60% one, 35% seven. Not sure, and the two are the ones it hesitates between.
  r = read({0.0f, 0.6f, 0.01f, 0.01f, 0.01f, 0.01f, 0.01f, 0.35f, 0.0f, 0.0f});
  EXPECT_FALSE(r.sure);
  EXPECT_EQ(r.top, 1);
  EXPECT_EQ(r.second, 7);
  // High but close: 72% against 25%.
  EXPECT_FALSE(read({0.72f, 0.25f, 0.03f}).sure);
  // The boundary: 70% and three times the second.
  EXPECT_TRUE(read({0.0f, 0.0f, 0.7f, 0.0f, 0.2f}).sure);
  EXPECT_FALSE(read({0.0f, 0.0f, 0.69f, 0.0f, 0.1f}).sure);
  // Low everywhere (a scribble, a flat softmax at a high temperature).
  r = read({0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.11f, 0.09f});
  EXPECT_FALSE(r.sure);
  EXPECT_EQ(r.top, 8);
  // The second is found wherever the two are: first, last, in any order.
  r = read({0.3f, 0.1f, 0.1f, 0.5f});
  EXPECT_EQ(r.top, 3);
  EXPECT_EQ(r.second, 0);
}
