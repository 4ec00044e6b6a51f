// The data as the page gets it: the catalog, chunks arriving in order, and training that waits for
// the digits it needs, giving the same weights whenever the chunks arrive.
#include <gtest/gtest.h>

#include <cinttypes>
#include <cstdio>

#include "data/dataset.h"
#include "data/trainer.h"
#include "engine/rng.h"
#include "chunks.h"
#include "mnist.h"
#include "paths.h"

using namespace dlp;
using dlp::test::chunk_bytes;
using dlp::test::mnist;

namespace {

Dataset empty_like(const Dataset& d) {
  Dataset e;
  e.name = d.name;
  e.reserve(d.size(), d.chunk_size());
  return e;
}

std::unique_ptr<Model> logistic() {
  ModelSpec spec;
  SpecError err;
  EXPECT_TRUE(parse_spec("dense10", &spec, &err));
  auto m = Model::create(spec, Shape{28, 28, 1}, 10, &err);
  m->init({InitKind::Gaussian, 0.01f, 1});
  return m;
}
}  // namespace

TEST(Data, TheStandardMnistSplit) {
  Dataset train, test;
  std::string err;
  ASSERT_TRUE(load_dataset("mnist", dlp::test::data_dir(), &train, &test, &err)) << err;
  EXPECT_EQ(train.size(), 60000u);
  EXPECT_EQ(test.size(), 10000u);
  EXPECT_TRUE(train.complete() && test.complete());
  EXPECT_EQ(train.chunk_size(), 5000u);  // from the catalog the page reads too
  const uint8_t first[10] = {7, 2, 1, 0, 4, 1, 4, 9, 5, 9};
  for (int i = 0; i < 10; ++i) EXPECT_EQ(test.labels[i], first[i]);
  size_t ones = 0;
  for (uint8_t l : train.labels) ones += l == 1;
  EXPECT_EQ(ones, 6742u);
}

TEST(Data, CatalogAndItsMistakes) {
  Catalog c;
  std::string err;
  const char* good = R"({"mnist": {"train": {"examples": 12, "chunk": 5, "files": ["a.gz", "b.gz", "c.gz"]},
                                    "test": {"examples": 5, "chunk": 5, "files": ["t.gz"]}}})";
  ASSERT_TRUE(parse_catalog(good, &c, &err)) << err;
  ASSERT_EQ(c.size(), 2u);
  const CatalogEntry* e = find_split(c, "mnist", "train");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->examples, 12u);
  EXPECT_EQ(e->chunk, 5u);
  ASSERT_EQ(e->files.size(), 3u);
  EXPECT_EQ(e->files[2], "c.gz");
  EXPECT_FALSE(find_split(c, "fashion", "train"));
  // Each mistake is refused with where it is, and the catalog is left as it was.
  for (auto [text, says] : {std::pair{R"({"mnist": {"train": {"examples": 12, "chunk": 5, "files": ["a.gz", "b.gz"]}}})", "mnist train: 2 files for 12 examples"},
                            {R"({"mnist": {"train": {"examples": "many", "chunk": 5, "files": ["a.gz"]}}})", "mnist train: expected"},
                            {R"({"mnist": {"train": {"examples": 0, "chunk": 5, "files": []}}})", "mnist train: expected"},
                            {R"({"mnist": {"train": {"examples": 5, "chunk": 5, "files": [7]}}})", "not a string"},
                            {R"({"mnist": [1]})", "mnist is not an object"},
                            {R"(mnist train 12 5 a.gz b.gz c.gz)", "not JSON"},
                            {R"([])", "not an object"},
                            {R"({"mnist": {"test": {"examples": 5, "chunk": 5, "files": ["t.gz"]}}, "mnist": {"test": {"examples": 5, "chunk": 5, "files": ["u.gz"]}}})", "mnist test: listed twice"}}) {
    EXPECT_FALSE(parse_catalog(text, &c, &err)) << text;
    EXPECT_NE(err.find(says), std::string::npos) << err;
    EXPECT_EQ(c.size(), 2u);
  }
  Dataset tr, te;
  ASSERT_TRUE(parse_catalog(R"({"mnist": {"train": {"examples": 12, "chunk": 5, "files": ["a.gz", "b.gz", "c.gz"]}}})", &c, &err));
  EXPECT_FALSE(open_dataset(c, "mnist", &tr, &te, &err));  // no test split
  EXPECT_NE(err.find("no mnist test"), std::string::npos) << err;
}

TEST(Data, ChunksArriveInOrderAndBadOnesChangeNothing) {
  const Dataset& whole = mnist().train;
  Dataset d = empty_like(whole);
  std::string err;
  EXPECT_EQ(d.chunks(), 12u);
  auto c1 = chunk_bytes(whole, 1);
  EXPECT_FALSE(d.add_chunk(1, c1.data(), c1.size(), &err));
  EXPECT_NE(err.find("out of order"), std::string::npos) << err;
  auto c0 = chunk_bytes(whole, 0);
  auto bad = c0;
  bad[8] = 10;  // the first label
  EXPECT_FALSE(d.add_chunk(0, bad.data(), bad.size(), &err));
  EXPECT_NE(err.find("label 10"), std::string::npos) << err;
  bad = c0;
  bad.pop_back();
  EXPECT_FALSE(d.add_chunk(0, bad.data(), bad.size(), &err));
  EXPECT_NE(err.find("truncated"), std::string::npos) << err;
  EXPECT_FALSE(d.add_chunk(0, c1.data(), 7, &err));
  EXPECT_FALSE(d.add_chunk(12, c0.data(), c0.size(), &err));
  EXPECT_EQ(d.available, 0u);
  ASSERT_TRUE(d.add_chunk(0, c0.data(), c0.size(), &err)) << err;
  EXPECT_EQ(d.available, 5000u);
  EXPECT_FALSE(d.complete());
  for (size_t k = 1; k < d.chunks(); ++k) {
    auto c = chunk_bytes(whole, k);
    ASSERT_TRUE(d.add_chunk(k, c.data(), c.size(), &err)) << err;
  }
  EXPECT_TRUE(d.complete());
  EXPECT_EQ(d.pixels, whole.pixels);
  EXPECT_EQ(d.labels, whole.labels);
}

// The first epoch visits the first chunk first: 156 steps of 32 (4,992 digits) train on it alone.
TEST(Data, TrainingStartsWithTheFirstChunk) {
  const Dataset& whole = mnist().train;
  Dataset d = empty_like(whole);
  auto m = logistic();
  Trainer t(m.get(), &d, Normalization::Centered, Seeds{1, 1, 1});
  EXPECT_FALSE(t.can_step(32));
  std::string err;
  auto c0 = chunk_bytes(whole, 0);
  ASSERT_TRUE(d.add_chunk(0, c0.data(), c0.size(), &err));
  TrainConfig cfg;
  for (int i = 0; i < 156; ++i) {
    ASSERT_TRUE(t.can_step(32)) << "step " << i;
    t.step(32, cfg);
  }
  EXPECT_FALSE(t.can_step(32));  // the next step reaches into the second chunk
}

// However the chunks arrive (early, or only when a step waits for them), the weights are the
// ones the whole data set gives: a step that needs missing digits waits instead of changing.
TEST(Data, StreamedTrainingGivesTheSameWeights) {
  const Dataset& whole = mnist().train;
  TrainConfig cfg;
  cfg.lr = 0.05f;
  const int steps = 400;  // 12,800 digits: three chunks
  auto reference = logistic();
  Trainer tr(reference.get(), &whole, Normalization::Centered, Seeds{1, 2, 3});
  for (int i = 0; i < steps; ++i) tr.step(32, cfg);

  for (uint64_t arrival : {1u, 2u, 3u}) {
    Dataset d = empty_like(whole);
    auto m = logistic();
    Trainer t(m.get(), &d, Normalization::Centered, Seeds{1, 2, 3});
    Rng rng(arrival);
    std::string err;
    size_t next = 0, waits = 0;
    auto arrive = [&] {
      auto c = chunk_bytes(whole, next);
      ASSERT_TRUE(d.add_chunk(next++, c.data(), c.size(), &err)) << err;
    };
    for (int i = 0; i < steps;) {
      if (next < d.chunks() && rng.below(40) == 0) arrive();  // a chunk arrives at a random moment
      if (!t.can_step(32)) { ++waits; arrive(); continue; }
      t.step(32, cfg);
      ++i;
    }
    EXPECT_EQ(m->weights_hash(), reference->weights_hash()) << "arrival order " << arrival << ", " << waits << " waits";
  }
}

// The trainer says when an epoch ends: at the step that takes its last example, once per epoch,
// whether or not the batch divides the set (the batch then carries on into the next epoch).
TEST(Data, TheTrainerSaysWhenAnEpochEnds) {
  Dataset d;
  d.name = "tiny";
  d.reserve(100, 30);
  d.available = 100;
  auto m = logistic();
  Trainer t(m.get(), &d, Normalization::Centered, Seeds{});
  TrainConfig cfg;
  std::vector<int> ended;
  for (int step = 1; step <= 40; ++step) {  // 280 examples, 7 at a time
    t.step(7, cfg);
    if (t.epoch_ended()) ended.push_back(step);
  }
  EXPECT_EQ(ended, (std::vector<int>{15, 29}));  // examples 100 and 200 are taken in steps 15 and 29
  for (int step = 41; step <= 50; ++step) t.step(10, cfg);  // from example 281: 300 is in step 42
  EXPECT_EQ(t.epoch(), 3u);
}

// The order over all 60,000 digits, two epochs (the second visits the chunks shuffled), is the
// same natively and in wasm: the constant was printed by the native build.
TEST(Determinism, DataOrderOverTheWholeSetIsFixed) {
  auto m = logistic();
  Trainer t(m.get(), &mnist().train, Normalization::Centered, Seeds{1, 9, 1});
  TrainConfig cfg;
  cfg.lr = 0.01f;
  for (int i = 0; i < 130; ++i) t.step(1000, cfg);  // 130,000 digits
  EXPECT_EQ(t.epoch(), 2u);
  const uint64_t h = m->weights_hash();
  std::printf("weights hash after two epochs and a bit: %016" PRIx64 "\n", h);
  EXPECT_EQ(h, 0x7417b6a3b1833352ull);
}
