#include "engine/safetensors.h"

#include <gtest/gtest.h>

#include <cstring>

#include "engine/json.h"

using namespace dlp;

namespace {
std::unique_ptr<Model> make(const char* text, uint64_t seed) {
  ModelSpec spec;
  SpecError err;
  EXPECT_TRUE(parse_spec(text, &spec, &err)) << err.str();
  auto m = Model::create(spec, Shape{28, 28, 1}, 10, &err);
  m->init({InitKind::Gaussian, 0.1f, seed});
  return m;
}
}  // namespace

TEST(Safetensors, RoundTripIsBitExactAndHeaderIsStandard) {
  const char* spec = "conv3x3x4 relu maxpool2 inception(2,2/4,2/2,2) dense10";
  auto a = make(spec, 1), b = make(spec, 2);
  ASSERT_NE(a->weights_hash(), b->weights_hash());
  const auto bytes = safetensors_bytes(*a);
  std::string err;
  ASSERT_TRUE(load_safetensors_bytes(bytes.data(), bytes.size(), b.get(), &err)) << err;
  EXPECT_EQ(a->weights_hash(), b->weights_hash());

  // Header: u64 little-endian length, JSON with dtype/shape/data_offsets, data 8-byte aligned.
  uint64_t n = 0;
  std::memcpy(&n, bytes.data(), 8);
  EXPECT_EQ((8 + n) % 8, 0u);
  JsonValue h;
  ASSERT_TRUE(parse_json(std::string(reinterpret_cast<const char*>(bytes.data()) + 8, n), &h, &err)) << err;
  const JsonValue* w = h.get("layers.0.weight");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->get("dtype")->str, "F32");
  ASSERT_EQ(w->get("shape")->items.size(), 4u);
  EXPECT_EQ(w->get("shape")->items[3].num, 4);
  EXPECT_TRUE(h.get("layers.3.b3x3.2.weight"));  // inception branch tensors are named by path
  EXPECT_EQ(h.get("__metadata__")->get("spec")->str, spec);
}

TEST(Safetensors, MismatchesAndDamageAreClearErrors) {
  auto a = make("dense32 relu dense10", 1);
  auto other = make("dense16 relu dense10", 1);
  const auto bytes = safetensors_bytes(*a);
  const uint64_t before = other->weights_hash();
  std::string err;
  EXPECT_FALSE(load_safetensors_bytes(bytes.data(), bytes.size(), other.get(), &err));
  EXPECT_NE(err.find("the model expects 784x16"), std::string::npos) << err;
  EXPECT_EQ(other->weights_hash(), before) << "nothing loaded on a mismatch";

  auto cut = bytes;
  cut.resize(cut.size() - 100);
  EXPECT_FALSE(load_safetensors_bytes(cut.data(), cut.size(), a.get(), &err));
  EXPECT_NE(err.find("do not fit"), std::string::npos) << err;
  EXPECT_FALSE(load_safetensors_bytes(bytes.data(), 5, a.get(), &err));
  auto junk = bytes;
  junk[8] = '[';
  EXPECT_FALSE(load_safetensors_bytes(junk.data(), junk.size(), a.get(), &err));
  uint8_t huge[16] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  EXPECT_FALSE(load_safetensors_bytes(huge, sizeof huge, a.get(), &err));
}
