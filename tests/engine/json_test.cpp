// The JSON writer: what it writes reads back with the reader, and the page's JSON.parse takes it.
#include "engine/json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace dlp;

TEST(JsonWriter, NestsAndSeparatesMembersAndItems) {
  JsonWriter w;
  w.object().field("steps", 3).field("training", false).key("probs").array().value(0.5f).value(0.25).end();
  w.key("rect").object().field("x", 1.5f).end().key("empty").array().end().field("name", std::string("A")).end();
  EXPECT_EQ(w.str(), R"({"steps":3,"training":false,"probs":[0.5,0.25],"rect":{"x":1.5},"empty":[],"name":"A"})");
  JsonValue v;
  std::string err;
  ASSERT_TRUE(parse_json(w.str(), &v, &err)) << err;
  EXPECT_EQ(v.get("probs")->items.size(), 2u);
}

TEST(JsonWriter, EscapesStringsAndKeys) {
  JsonWriter w;
  w.object().field("say \"hi\"", "a\\b\nc").end();
  JsonValue v;
  std::string err;
  ASSERT_TRUE(parse_json(w.str(), &v, &err)) << err << " in " << w.str();
  ASSERT_NE(v.get("say \"hi\""), nullptr);
  EXPECT_EQ(v.get("say \"hi\"")->str, "a\\b\nc");
}

TEST(JsonWriter, FloatsExactlyAndNoNaN) {
  const float f = 0.1f;
  JsonWriter w;
  w.array().value(f).value(std::numeric_limits<float>::quiet_NaN()).value(-std::numeric_limits<double>::infinity())
      .value(uint64_t{18446744073709551615ull}).value(-7).end();
  EXPECT_EQ(w.str(), "[0.100000001,null,null,18446744073709551615,-7]");
  JsonValue v;
  std::string err;
  ASSERT_TRUE(parse_json(w.str(), &v, &err)) << err;
  EXPECT_EQ(static_cast<float>(v.items[0].num), f);  // nine digits give the float back
  EXPECT_EQ(v.items[1].type, JsonValue::Null);
}
