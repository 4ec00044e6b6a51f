// Threads for the engine's work, split so that no result changes: a part is a range of outputs
// that no other part writes (columns or rows of a product, examples), and every sum runs in the
// order it runs on one thread. So the weights are bit-identical for every thread count
// (Threads.* in tests/engine/threads_test.cpp). Layers that use parts hold one workspace per
// part (sized by engine_threads() when their buffers are planned).
//
// One pool per process. Without thread support (a wasm build without -pthread) it is always 1.
#pragma once
#include <cstddef>

namespace dlp {

int engine_threads();
// 1 (the default) runs everything on the calling thread; at most kMaxEngineThreads.
void set_engine_threads(int n);
constexpr int kMaxEngineThreads = 16;
// Whether this build can run threads at all, and the cores the machine reports (1 without threads).
bool engine_threads_supported();
int machine_cores();

// Calls fn(part, begin, end) for every part of [0, n): at most engine_threads() contiguous
// ranges, each a multiple of `grain` long but the last, and returns when all are done. The
// calling thread runs part 0. Parts are numbered from 0, so fn can pick its part's workspace.
// No allocation: fn is called through a pointer to it (a training step must not allocate).
using PartFn = void (*)(const void* fn, int part, size_t begin, size_t end);
void parallel_for_parts(size_t n, size_t grain, PartFn call, const void* fn);
template <class Fn>
void parallel_for(size_t n, size_t grain, const Fn& fn) {
  parallel_for_parts(n, grain, [](const void* f, int part, size_t b, size_t e) { (*static_cast<const Fn*>(f))(part, b, e); }, &fn);
}

// The number of parts parallel_for makes of n at this grain (for sizing and tests).
int parallel_parts(size_t n, size_t grain);

}  // namespace dlp
