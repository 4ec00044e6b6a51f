// A fact's bytes: every field comes back, a kind this build does not know is refused, and so are
// bytes cut short.
#include "session/fact.h"

#include <gtest/gtest.h>

#include <limits>

#include "facts.h"

using namespace dlp;

namespace {

Fact every_field() {
  Fact f(Fact::WorkerHasOtherData);
  f.step = 1;
  f.to = 2;
  f.count = 3;
  f.total = 4;
  f.epoch = 5;
  f.hash = 0xfedcba9876543210ull;
  f.expect = 7;
  f.loss = std::numeric_limits<float>::quiet_NaN();
  f.lr = 0.125f;
  f.accuracy = 0.5f;
  f.ms = 1234.5;
  f.mflops = 6.25;
  f.batch = 32;
  f.offer = -1;
  f.other = true;
  f.pinned = 'B';
  f.text = "fashion";
  f.text2 = "mnist";
  return f;
}

}  // namespace

TEST(Fact, EveryFieldComesBack) {
  const Fact f = every_field();
  std::vector<uint8_t> b;
  put_fact(b, f);
  put_fact(b, Fact());
  ByteReader r{b.data(), b.size()};
  Fact back, nothing(Fact::Ready);
  ASSERT_TRUE(read_fact(r, &back));
  EXPECT_EQ(back, f) << "a NaN loss included";
  ASSERT_TRUE(read_fact(r, &nothing));
  EXPECT_EQ(nothing, Fact());
  EXPECT_EQ(r.at, b.size());
}

TEST(Fact, UnknownKindsAndShortBytesAreRefused) {
  std::vector<uint8_t> b;
  put_fact(b, every_field());
  for (size_t n = 0; n < b.size(); ++n) {
    ByteReader r{b.data(), n};
    Fact f(Fact::Ready);
    EXPECT_FALSE(read_fact(r, &f)) << n << " bytes";
    EXPECT_EQ(f.kind, Fact::Ready) << "nothing changed";
  }
  b[0] = static_cast<uint8_t>(Fact::Last + 1);
  ByteReader r{b.data(), b.size()};
  Fact f;
  EXPECT_FALSE(read_fact(r, &f));
}

TEST(Fact, WordsThatCameAsWords) {
  EXPECT_EQ(Fact::from_text("").kind, Fact::Nothing);
  EXPECT_EQ(Fact::from_text("a download failed").kind, Fact::Text);
  EXPECT_EQ(Fact::from_text("a download failed").text, "a download failed");
  EXPECT_FALSE(Fact().said());
}
