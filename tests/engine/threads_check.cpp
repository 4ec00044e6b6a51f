// The threaded wasm engine (built with -pthread, run under node): every model kind trained with
// 1, 2 and 4 engine threads ends with the same weights hash, and the same hash as the threads
// test natively (printed beside it). Also prints training examples/s per thread count, measured
// in this one run. Exit status 1 on any difference. Usage: dlp_threads_check.js DATA_DIR
#include <cinttypes>
#include <cstdio>
#include <string>

#include "data/dataset.h"
#include "data/trainer.h"
#include "engine/model.h"
#include "engine/parallel.h"
#include "thread_runs.h"

using namespace dlp;
using namespace dlp::test;

int main(int argc, char** argv) {
  if (argc < 2) { std::fprintf(stderr, "usage: dlp_threads_check DATA_DIR\n"); return 2; }
  Dataset train, test;
  std::string err;
  if (!load_dataset("mnist", argv[1], &train, &test, &err)) { std::fprintf(stderr, "%s\n", err.c_str()); return 2; }
  std::printf("threads supported: %s\n", engine_threads_supported() ? "yes" : "no");
  if (!engine_threads_supported()) return 1;
  int failures = 0;
  for (const ThreadRun& r : kThreadRuns) {
    uint64_t first = 0;
    for (int threads : {1, 2, 4}) {
      double seconds = 0;
      const uint64_t h = train_with_threads(train, r, threads, &seconds);
      if (threads == 1) first = h;
      const bool same = h != 0 && h == first;
      failures += !same;
      std::printf("%s %s, %d thread%s: %016" PRIx64 " (%.0f examples/s)\n", same ? "ok  " : "FAIL", r.spec, threads,
                  threads > 1 ? "s" : "", h, r.steps * r.batch / seconds);
    }
  }
  set_engine_threads(1);
  std::printf("threads check: %s\n", failures ? "FAILED" : "the same bits for 1, 2 and 4 threads");
  return failures ? 1 : 0;
}
