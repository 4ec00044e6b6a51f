// Links made before numerics rule 2 (engine/numerics.h) replay under rule 1, as their senders'
// pages trained; the same runs under rule 2 keep no subnormals.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "engine/model.h"
#include "page_sessions.h"
#include "sanitized.h"
#include "paths.h"

using namespace dlp;

namespace {

size_t subnormals(const float* p, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; ++i) c += std::fpclassify(p[i]) == FP_SUBNORMAL;
  return c;
}

}  // namespace

// Links made by the page before rule 2 existed (tests/links/links_before_numerics_2.txt: one
// per line, each with the sender's weights hash, wh=): they carry no numerics field, so they
// replay under rule 1 to their sender's weights bit for bit, subnormals and all. The same runs
// under rule 2 keep none (most end on the very same weights: a subnormal step rarely moves one).
TEST(Numerics, LinksFromBeforeRuleTwoReplayToTheirSendersWeights) {
  // All of them, two under the sanitizers.
  const auto links = dlp::test::recorded_links(dlp::test::source_path("tests/links/links_before_numerics_2.txt"), dlp::test::cases(1 << 20, 2));
  size_t kept_by_rule_1 = 0;
  auto state_subnormals = [](const Model& m) {
    const Optimizer& o = m.optimizer();
    return subnormals(o.first_moment().data(), o.first_moment().size()) + subnormals(o.second_moment().data(), o.second_moment().size());
  };
  for (const std::string& link : links) {
    ShareLink d;
    std::vector<std::string> problems;
    ASSERT_TRUE(decode_link(link, &d, &problems)) << link;
    EXPECT_EQ(d.cfg.numerics, 1) << link;
    ASSERT_NE(d.weights_hash, 0u) << "a recorded link carries its sender's weights hash: " << link;
    auto a = dlp::test::open(link);
    EXPECT_EQ(a->steps(), d.steps) << link;
    EXPECT_EQ(a->model->weights_hash(), d.weights_hash) << link;
    const size_t kept = state_subnormals(*a->model);
    kept_by_rule_1 += kept;
    if (!kept) continue;
    auto b = dlp::test::open(link + "&numerics=2");
    EXPECT_EQ(b->model->steps(), d.steps) << link;
    EXPECT_EQ(state_subnormals(*b->model), 0u) << link;
    EXPECT_EQ(subnormals(b->model->param_block(), b->model->param_count()), 0u) << link;
  }
  EXPECT_GE(static_cast<int>(links.size()), dlp::test::cases(5, 2));
  if (!dlp::test::kSanitized) {
    EXPECT_GT(kept_by_rule_1, 1000u) << "the recorded runs made subnormals, and rule 1 keeps them as the sender's page did";
  }
}
