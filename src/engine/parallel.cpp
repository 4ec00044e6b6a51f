#include "engine/parallel.h"

#include <algorithm>

#if !defined(__EMSCRIPTEN__) || defined(__EMSCRIPTEN_PTHREADS__)
#define DLP_THREADS 1
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>
#endif

namespace dlp {

namespace {
int g_threads = 1;

#ifdef DLP_THREADS
// Workers wait for a job by spinning on its generation number for a moment (a training step runs
// jobs back to back, and waking a sleeping thread costs more than the spin, in wasm most), then
// sleep on a condition variable. The caller runs part 0 and waits for the others the same way.
class Pool {
 public:
  // Spinning only pays while every thread has a core of its own; past that it steals them.
  explicit Pool(int workers)
      : spins_(workers + 1 <= machine_cores() ? 20000 : 0) {
    for (int i = 0; i < workers; ++i) threads_.emplace_back([this, i] { loop(i + 1); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
      generation_.fetch_add(1);
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
  }
  // Runs job(ctx, part) for part in [0, parts); part 0 on the caller.
  void run(int parts, void (*job)(const void*, int), const void* ctx) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      job_ = job;
      ctx_ = ctx;
      parts_ = parts;
      pending_.store(parts - 1);
      generation_.fetch_add(1);
    }
    wake_.notify_all();
    job(ctx, 0);
    for (int spin = 0; spin < spins_ && pending_.load() != 0; ++spin) relax();
    if (pending_.load() != 0) {
      std::unique_lock<std::mutex> lock(mu_);
      done_.wait(lock, [this] { return pending_.load() == 0; });
    }
  }

 private:
  const int spins_;
  static void relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  }
  void loop(int part) {
    uint64_t seen = 0;
    for (;;) {
      for (int spin = 0; spin < spins_ && generation_.load() == seen; ++spin) relax();
      void (*job)(const void*, int) = nullptr;
      const void* ctx = nullptr;
      {
        std::unique_lock<std::mutex> lock(mu_);
        wake_.wait(lock, [&] { return generation_.load() != seen; });
        seen = generation_.load();
        if (stop_) return;
        if (part >= parts_) continue;
        job = job_;
        ctx = ctx_;
      }
      job(ctx, part);
      if (pending_.fetch_sub(1) == 1) {
        std::lock_guard<std::mutex> lock(mu_);
        done_.notify_one();
      }
    }
  }
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable wake_, done_;
  void (*job_)(const void*, int) = nullptr;
  const void* ctx_ = nullptr;
  int parts_ = 0;
  std::atomic<int> pending_{0};
  std::atomic<uint64_t> generation_{0};
  bool stop_ = false;
};

Pool* g_pool = nullptr;
#endif
}  // namespace

bool engine_threads_supported() {
#ifdef DLP_THREADS
  return true;
#else
  return false;
#endif
}

int machine_cores() {
#ifdef DLP_THREADS
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
#else
  return 1;
#endif
}

int engine_threads() { return g_threads; }

void set_engine_threads(int n) {
  n = std::clamp(n, 1, kMaxEngineThreads);
#ifdef DLP_THREADS
  if (n == g_threads) return;
  delete g_pool;
  g_pool = n > 1 ? new Pool(n - 1) : nullptr;
  g_threads = n;
#else
  (void)n;
#endif
}

int parallel_parts(size_t n, size_t grain) {
  if (n == 0) return 0;
  grain = std::max<size_t>(grain, 1);
  const size_t units = (n + grain - 1) / grain;
  return static_cast<int>(std::min<size_t>(units, static_cast<size_t>(g_threads)));
}

void parallel_for_parts(size_t n, size_t grain, PartFn call, const void* fn) {
  const int parts = parallel_parts(n, grain);
  if (parts == 0) return;
  grain = std::max<size_t>(grain, 1);
  const size_t units = (n + grain - 1) / grain;
  // Part p gets units [p * units / parts, (p + 1) * units / parts): as even as grains allow.
  auto range = [&](int p, size_t* b, size_t* e) {
    *b = std::min(n, units * p / parts * grain);
    *e = std::min(n, units * (p + 1) / parts * grain);
  };
  if (parts == 1) { call(fn, 0, 0, n); return; }
#ifndef DLP_THREADS
  (void)range;
#else
  using Range = decltype(range);
  struct Job { const Range* cut; PartFn call; const void* fn; } job{&range, call, fn};
  g_pool->run(parts, [](const void* c, int p) {
    const Job& j = *static_cast<const Job*>(c);
    size_t b, e;
    (*j.cut)(p, &b, &e);
    if (b < e) j.call(j.fn, p, b, e);
  }, &job);
#endif
}

}  // namespace dlp
