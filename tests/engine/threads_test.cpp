// The engine on several threads gives the same bits as on one: every model kind trained with 1,
// 2, 3 and 4 threads ends with the same weights hash. (A build without threads, wasm here, runs
// the same test on one thread.)
#include <gtest/gtest.h>

#include <cinttypes>
#include <cstdio>
#include <vector>

#include "data/dataset.h"
#include "data/trainer.h"
#include "engine/model.h"
#include "engine/parallel.h"
#include "mnist.h"
#include "thread_runs.h"

using namespace dlp;
using namespace dlp::test;

namespace {

}  // namespace

TEST(Threads, PartsCoverTheRangeOnceInGrains) {
  for (int threads : {1, 2, 3, 4, 7}) {
    set_engine_threads(threads);
    for (size_t n : {0u, 1u, 5u, 8u, 33u, 1000u})
      for (size_t grain : {1u, 4u, 8u}) {
        std::vector<int> hits(n, 0);
        std::vector<int> parts_seen(kMaxEngineThreads, 0);
        parallel_for(n, grain, [&](int part, size_t b, size_t e) {
          parts_seen[part]++;
          if (b % grain != 0) ADD_FAILURE() << "part " << part << " begins off its grain at " << b;
          for (size_t i = b; i < e; ++i) hits[i]++;
        });
        for (size_t i = 0; i < n; ++i) ASSERT_EQ(hits[i], 1) << "n " << n << " grain " << grain << " index " << i;
        for (int p = 0; p < kMaxEngineThreads; ++p) EXPECT_LE(parts_seen[p], 1);
        EXPECT_LE(parallel_parts(n, grain), engine_threads_supported() ? threads : 1);
        if (engine_threads_supported() && n >= 1000) {
          EXPECT_EQ(parallel_parts(n, grain), threads) << "every thread gets a part";
        }
      }
  }
  set_engine_threads(1);
}

TEST(Threads, SameWeightsForEveryThreadCount) {
  if (!engine_threads_supported()) std::printf("this build runs on one thread: the counts below all run on one\n");
  for (const ThreadRun& r : kThreadRuns) {
    const uint64_t one = train_with_threads(mnist().train, r, 1);
    ASSERT_NE(one, 0u) << r.spec;
    for (int threads : {2, 3, 4}) EXPECT_EQ(train_with_threads(mnist().train, r, threads), one) << r.spec << " with " << threads << " threads";
    std::printf("%s: %016" PRIx64 " with 1 to 4 threads\n", r.spec, one);
  }
}
