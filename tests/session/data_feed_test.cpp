// The data feed alone: whole files load both splits, a failed load changes nothing, the catalog
// opens empty splits that chunks fill in order, and each chunk goes to its split.
#include "session/data_feed.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include "chunks.h"
#include "paths.h"

using namespace dlp;
using dlp::test::chunk_bytes;

namespace {

std::string catalog_text() {
  std::ifstream f(std::string(dlp::test::data_dir()) + "/catalog.json");
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace

TEST(DataFeed, WholeFilesLoadBothSplits) {
  DataFeed d;
  std::string err;
  ASSERT_TRUE(d.load("fashion", dlp::test::data_dir(), &err)) << err;
  EXPECT_EQ(d.name, "fashion");
  EXPECT_EQ(d.train.size(), 60000u);
  EXPECT_EQ(d.test.size(), 10000u);
  EXPECT_TRUE(d.train.complete() && d.test.complete());
}

TEST(DataFeed, AFailedLoadChangesNothing) {
  DataFeed d;
  std::string err;
  ASSERT_TRUE(d.load("mnist", dlp::test::data_dir(), &err)) << err;
  EXPECT_FALSE(d.load("nosuchdata", dlp::test::data_dir(), &err));
  EXPECT_FALSE(err.empty());
  EXPECT_EQ(d.name, "mnist");
  EXPECT_EQ(d.train.size(), 60000u);
  EXPECT_FALSE(d.open("mnist", &err)) << "no catalog: nothing to open";
  EXPECT_EQ(d.train.available, 60000u);
}

TEST(DataFeed, TheCatalogOpensEmptySplitsThatChunksFillInTheirSplit) {
  DataFeed whole;
  std::string err;
  ASSERT_TRUE(whole.load("mnist", dlp::test::data_dir(), &err)) << err;
  DataFeed d;
  ASSERT_TRUE(parse_catalog(catalog_text(), &d.catalog, &err)) << err;
  ASSERT_TRUE(d.open("mnist", &err)) << err;
  EXPECT_EQ(d.train.size(), 60000u);
  EXPECT_EQ(d.train.available, 0u);
  EXPECT_EQ(d.test.available, 0u);
  const std::vector<uint8_t> c0 = chunk_bytes(whole.test, 0);
  ASSERT_TRUE(d.add_chunk("test", 0, c0.data(), c0.size(), &err)) << err;
  EXPECT_EQ(d.test.available, 5000u);
  EXPECT_EQ(d.train.available, 0u) << "a test chunk goes to the test split";
  const std::vector<uint8_t> t1 = chunk_bytes(whole.train, 1);
  EXPECT_FALSE(d.add_chunk("train", 1, t1.data(), t1.size(), &err)) << "chunks come in order";
  EXPECT_EQ(d.train.available, 0u);
  const std::vector<uint8_t> t0 = chunk_bytes(whole.train, 0);
  ASSERT_TRUE(d.add_chunk("train", 0, t0.data(), t0.size(), &err)) << err;
  ASSERT_TRUE(d.add_chunk("train", 1, t1.data(), t1.size(), &err)) << err;
  EXPECT_EQ(d.train.available, 10000u);
  EXPECT_TRUE(std::equal(d.train.labels.begin(), d.train.labels.begin() + 10000, whole.train.labels.begin()));
}
