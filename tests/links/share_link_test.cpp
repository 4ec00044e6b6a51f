#include "links/share_link.h"

#include <algorithm>

#include "course/lessons.h"

#include <gtest/gtest.h>

#include "engine/rng.h"
#include "engine/spec.h"
#include "paths.h"

using namespace dlp;

namespace {
ShareLink random_state(Rng& r) {
  ShareLink s;
  s.data = r.below(2) ? "mnist" : "fashion";
  s.norm = static_cast<Normalization>(r.below(3));
  s.spec = presets()[r.below(static_cast<uint32_t>(presets().size()))].spec;
  s.cfg.lr = 1e-4f + r.uniform();
  s.cfg.optimizer = r.below(2) ? OptimizerKind::Adam : OptimizerKind::SGD;
  s.cfg.momentum = r.uniform() * 0.99f;
  s.cfg.l2 = r.uniform() * 0.01f;
  s.cfg.lr_decay = 0.5f + r.uniform() * 0.5f;
  s.cfg.decay_steps = 1 + static_cast<int>(r.below(5000));
  s.batch = 1 + static_cast<int>(r.below(256));
  s.init = {static_cast<InitKind>(r.below(3)), 0.001f + r.uniform(), r.next_u32() * 4294967296ull + r.next_u32()};
  s.order_seed = r.next_u32();
  s.dropout_seed = r.next_u32();
  s.steps = r.below(100000);
  s.panels = static_cast<int>(r.below(64));
  for (int k = 1; k <= 17; ++k)
    if (r.below(2)) s.done.push_back(legacy_lesson_id(k));
  if (r.below(2)) s.done.push_back("a-lesson-added-later");
  std::sort(s.done.begin(), s.done.end());
  s.sample = static_cast<int>(r.below(2000));
  if (r.below(2)) s.hide = {"lr", "presets"};
  s.lock = r.below(2);
  const int k = static_cast<int>(r.below(18));
  s.lesson = k ? legacy_lesson_id(k) : "";
  s.cfg.augment = static_cast<int>(r.below(2));
  return s;
}
}  // namespace

TEST(ShareLink, RoundTripsRandomStates) {
  Rng r(5);
  for (int i = 0; i < 500; ++i) {
    const ShareLink s = random_state(r);
    const std::string link = encode_link(s);
    ShareLink back;
    std::vector<std::string> problems;
    ASSERT_TRUE(decode_link("#" + link, &back, &problems)) << link;
    EXPECT_TRUE(problems.empty()) << link << ": " << problems[0];
    ASSERT_TRUE(back == s) << link << "\n" << encode_link(back);
  }
}

// Augmentation is written only when on, so a link made without it reads as it always did; a link
// without the field (every link made before it existed) trains without it, whatever the page had.
TEST(ShareLink, AugmentationOnlyWhenOnAndOffInLinksWithoutIt) {
  ShareLink s;
  EXPECT_EQ(encode_link(s).find("aug="), std::string::npos);
  s.cfg.augment = 1;
  EXPECT_NE(encode_link(s).find("&aug=1"), std::string::npos);
  ShareLink back;
  back.cfg.augment = 1;  // the page had it on
  std::vector<std::string> problems;
  ASSERT_TRUE(decode_link("v1&model=lenet&steps=10", &back, &problems));
  EXPECT_EQ(back.cfg.augment, 0);
  ASSERT_TRUE(decode_link("v1&model=lenet&aug=1", &back, &problems));
  EXPECT_EQ(back.cfg.augment, 1);
  ASSERT_TRUE(decode_link("v1&model=lenet&aug=2", &back, &problems));
  EXPECT_EQ(back.cfg.augment, 0);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "ignored aug: not valid");
}

TEST(ShareLink, ReadableAndCompact) {
  ShareLink s;
  const std::string link = encode_link(s);
  EXPECT_NE(link.find("model=conv5x5x8+relu+maxpool2+conv5x5x16+relu+maxpool2+dense10"), std::string::npos) << link;
  EXPECT_LT(link.size(), 260u) << link;
}

TEST(ShareLink, BadLinksApplyWhatIsSafeAndSayWhat) {
  ShareLink s;
  std::vector<std::string> p;
  EXPECT_FALSE(decode_link("#v9&lr=0.1", &s, &p));
  EXPECT_FALSE(decode_link("", &s, &p));
  EXPECT_FALSE(decode_link(std::string(10000, 'a'), &s, &p));
  p.clear();
  ASSERT_TRUE(decode_link("#v1&lr=0.5&batch=99999999999&model=dense1000000000+dense10&steps=1e9&opt=<script>&zzz=1&model2", &s, &p));
  EXPECT_FLOAT_EQ(s.cfg.lr, 0.5f);                      // the good field applied
  EXPECT_EQ(s.batch, 32);                              // the absurd ones did not
  EXPECT_EQ(s.spec, ShareLink{}.spec);
  EXPECT_EQ(s.steps, 0u);
  EXPECT_EQ(p.size(), 6u);
  for (const auto& m : p) EXPECT_EQ(m.find("<script>"), std::string::npos) << m;  // link text is never echoed raw
  p.clear();
  ASSERT_TRUE(decode_link("#v1&model=conv5x5x8-valid+maxpool2+conv5x5x8-valid+maxpool2+conv5x5x8-valid+dense10", &s, &p));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_NE(p[0].find("empty output"), std::string::npos) << p[0];
  p.clear();
  EXPECT_TRUE(decode_link("#v1&model=%zz&lr=%", &s, &p));
  EXPECT_EQ(p.size(), 2u);
}

TEST(ShareLink, FuzzedDecodingNeverCrashes) {
  Rng r(11);
  const std::string good = encode_link(ShareLink{});
  const std::string alphabet = "v1&=.+-%0123456789abcdefxyz()/,#\x01\xff";
  for (int i = 0; i < 20000; ++i) {
    std::string f = good;
    const int edits = 1 + static_cast<int>(r.below(8));
    for (int e = 0; e < edits; ++e) {
      const uint32_t at = r.below(static_cast<uint32_t>(f.size() + 1));
      switch (r.below(3)) {
        case 0: f.insert(f.begin() + at, alphabet[r.below(static_cast<uint32_t>(alphabet.size()))]); break;
        case 1: if (at < f.size()) f.erase(at, 1 + r.below(5)); break;
        default: if (at < f.size()) f[at] = static_cast<char>(r.next_u32()); break;
      }
    }
    ShareLink s;
    std::vector<std::string> p;
    decode_link(f, &s, &p);
    EXPECT_LE(s.batch, 1024);
    EXPECT_LE(s.steps, kMaxReplaySteps);
  }
}

// Lessons are named by id; links made when they were numbered (lesson=5, done as a bit mask)
// open the same lessons, and bad ids are named rather than taken.
TEST(ShareLink, LessonsByIdAndOldNumbers) {
  ShareLink d;
  std::vector<std::string> problems;
  ASSERT_TRUE(decode_link("#v1&lesson=5&done=21", &d, &problems));
  EXPECT_EQ(d.lesson, "normalization");
  EXPECT_EQ(d.done, (std::vector<std::string>{"logistic", "normalization", "softmax"}));
  EXPECT_TRUE(problems.empty());
  EXPECT_NE(encode_link(d).find("lesson=normalization&done=logistic.normalization.softmax"), std::string::npos) << encode_link(d);
  ASSERT_TRUE(decode_link("#v1&lesson=residual-nets&done=relu.Bad!.relu", &d, &problems));
  EXPECT_EQ(d.lesson, "residual-nets");
  EXPECT_EQ(d.done, (std::vector<std::string>{"relu"}));
  EXPECT_EQ(problems.size(), 1u);
  problems.clear();
  ASSERT_TRUE(decode_link("#v1&lesson=99", &d, &problems));
  EXPECT_EQ(problems.size(), 1u);
}

// Every lesson file has an id, ids are unique, and the first 17 are the ones old links numbered.
TEST(Lessons, IdsAreStableAndUnique) {
  const std::vector<Lesson> lessons = load_lessons(dlp::test::source_path("assets/lessons"));
  ASSERT_GE(lessons.size(), 17u);
  for (size_t i = 0; i < lessons.size(); ++i) {
    EXPECT_TRUE(valid_lesson_id(lessons[i].id)) << lessons[i].id;
    EXPECT_EQ(find_lesson(lessons, lessons[i].id), static_cast<int>(i)) << "duplicate id " << lessons[i].id;
    EXPECT_FALSE(lessons[i].title.empty());
    // Its Try it link opens this lesson.
    if (!lessons[i].try_link.empty()) {
      EXPECT_NE(lessons[i].try_link.find("lesson=" + lessons[i].id), std::string::npos) << lessons[i].id;
    }
  }
  for (int k = 1; k <= 17; ++k) EXPECT_GE(find_lesson(lessons, legacy_lesson_id(k)), 0) << k;
}
