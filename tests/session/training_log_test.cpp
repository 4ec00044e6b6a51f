// The training log's text form: round trips, the shortest numbers, and refusals that say why.
#include "session/training_log.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "engine/rng.h"

using namespace dlp;

TEST(TrainingLog, ShortestFloatsReadBack) {
  EXPECT_EQ(short_float(0.05f), "0.05");
  EXPECT_EQ(short_float(0.1f), "0.1");
  EXPECT_EQ(short_float(1e-4f), "0.0001");
  EXPECT_EQ(short_float(0.0f), "0");
  EXPECT_EQ(short_float(32.0f), "32");
  Rng r(9);
  for (int i = 0; i < 20000; ++i) {
    uint32_t bits = r.next_u32() & 0x7fffffffu;
    float v;
    std::memcpy(&v, &bits, 4);
    if (!std::isfinite(v)) continue;
    const std::string s = short_float(v);
    ASSERT_EQ(std::strtof(s.c_str(), nullptr), v) << s;
    ASSERT_LE(s.size(), 15u) << s;
  }
}

TEST(TrainingLog, RoundTripsRandomLogs) {
  Rng r(3);
  for (int i = 0; i < 500; ++i) {
    std::vector<LogChange> log;
    uint64_t step = r.below(3) ? 0 : r.below(100);
    const int n = static_cast<int>(r.below(20));
    for (int k = 0; k < n; ++k) {
      step += r.below(3) ? r.below(500) : 0;
      LogChange c{step, static_cast<Knob>(r.below(11)), 0, 0};
      switch (c.knob) {
        case Knob::LR: c.value = 1e-4f + r.uniform(); break;
        case Knob::Batch: c.value = static_cast<float>(1 + r.below(256)); break;
        case Knob::Opt: c.value = static_cast<float>(r.below(2)); break;
        case Knob::Mom: c.value = r.uniform() * 0.99f; break;
        case Knob::L2: c.value = r.uniform() * 0.01f; break;
        case Knob::Decay: c.value = 0.5f + 0.5f * r.uniform(); break;
        case Knob::DSteps: c.value = static_cast<float>(1 + r.below(5000)); break;
        case Knob::Dropout: c.value = r.uniform() * 0.9f; break;
        case Knob::Own: c.value = static_cast<float>(1 + r.below(2000)); c.hash = r.next_u32(); break;
        case Knob::OptReset: c.value = 1; break;
        case Knob::Aug: c.value = static_cast<float>(r.below(2)); break;
      }
      log.push_back(c);
    }
    const std::string text = encode_log(log);
    std::vector<LogChange> back;
    std::string err;
    ASSERT_TRUE(decode_log(text, 1000000, &back, &err)) << text << ": " << err;
    ASSERT_TRUE(back == log) << text << " -> " << encode_log(back);
  }
}

TEST(TrainingLog, ReadableAndShort) {
  std::vector<LogChange> log = {{200, Knob::LR, 0.01f, 0}, {500, Knob::Batch, 64, 0}, {500, Knob::Opt, 1, 0}};
  EXPECT_EQ(encode_log(log), "200,lr:0.01,300,batch:64;opt:adam");
  // Ten changes of typical settings stay short.
  std::vector<LogChange> ten;
  for (int k = 0; k < 10; ++k) ten.push_back({static_cast<uint64_t>(150 * (k + 1)), k % 2 ? Knob::LR : Knob::Batch, k % 2 ? 0.0123f : 128, 0});
  EXPECT_LT(encode_log(ten).size(), 160u) << encode_log(ten);
}

TEST(TrainingLog, BadLogsAreRefusedWhole) {
  std::vector<LogChange> log;
  std::string err;
  for (const char* bad : {"200,zz:1", "lr:abc", "lr:100", "batch:0", "batch:1.5", "opt:rmsprop", "own:12", "own:12.zzzzzzzz",
                          "99999999999999999999", "300000,lr:0.1", "200,,lr", "drop:-0.5", "drop:1"}) {
    EXPECT_FALSE(decode_log(bad, 200000, &log, &err)) << bad;
    EXPECT_TRUE(log.empty());
    EXPECT_FALSE(err.empty());
  }
  std::string many;
  for (size_t i = 0; i <= kMaxLogChanges; ++i) many += "1,lr:0.1,";
  EXPECT_FALSE(decode_log(many, 200000, &log, &err));
  EXPECT_NE(err.find("more than"), std::string::npos) << err;
}

TEST(TrainingLog, SettingsDiffAndApplyAgree) {
  TrainSettings a, b;
  b.cfg.lr = 0.2f;
  b.batch = 7;
  b.cfg.optimizer = OptimizerKind::Adam;
  b.dropout = 0.3f;
  b.own_count = 4;
  b.own_hash = 0xabcdef01u;
  const auto d = settings_diff(a, b, 12);
  EXPECT_EQ(d.size(), 5u);
  for (const LogChange& c : d) { EXPECT_EQ(c.step, 12u); apply_change(&a, c); }
  EXPECT_TRUE(a == b);
  EXPECT_TRUE(settings_diff(a, b, 3).empty());
}
