#include "data/idx.h"

#include <gtest/gtest.h>

using namespace dlp;

namespace {
std::vector<uint8_t> idx_bytes(std::vector<uint32_t> dims, size_t data_bytes) {
  std::vector<uint8_t> b = {0, 0, 0x08, static_cast<uint8_t>(dims.size())};
  for (uint32_t d : dims) for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<uint8_t>(d >> s));
  for (size_t i = 0; i < data_bytes; ++i) b.push_back(static_cast<uint8_t>(i));
  return b;
}
}  // namespace

TEST(Idx, ReadsDimensionsAndData) {
  auto b = idx_bytes({2, 3, 4}, 24);
  IdxArray a;
  std::string err;
  ASSERT_TRUE(parse_idx(b.data(), b.size(), &a, &err)) << err;
  EXPECT_EQ(a.dims, (std::vector<uint32_t>{2, 3, 4}));
  EXPECT_EQ(a.data.size(), 24u);
  EXPECT_EQ(a.data[23], 23);
}

TEST(Idx, ClearErrors) {
  IdxArray a;
  std::string err;
  auto b = idx_bytes({2, 3, 4}, 23);
  EXPECT_FALSE(parse_idx(b.data(), b.size(), &a, &err));
  EXPECT_NE(err.find("truncated"), std::string::npos) << err;
  b = idx_bytes({2, 3, 4}, 24);
  b[0] = 0x1f;  // gzip's first byte
  EXPECT_FALSE(parse_idx(b.data(), b.size(), &a, &err));
  EXPECT_NE(err.find("magic"), std::string::npos) << err;
  b = idx_bytes({2}, 2);
  b[2] = 0x0d;  // float elements
  EXPECT_FALSE(parse_idx(b.data(), b.size(), &a, &err));
  EXPECT_NE(err.find("type"), std::string::npos) << err;
  b = idx_bytes({0xffffffffu, 0xffffffffu}, 0);
  EXPECT_FALSE(parse_idx(b.data(), b.size(), &a, &err));
  EXPECT_NE(err.find("elements"), std::string::npos) << err;
  EXPECT_FALSE(parse_idx(b.data(), 2, &a, &err));
  EXPECT_FALSE(read_idx_file("/nonexistent/file.idx", &a, &err));
  EXPECT_NE(err.find("cannot open"), std::string::npos);
}
