// Kernel speed tables for dlp-bench: GEMM GFLOP/s per form and shape, the SIMD128 ceiling they
// are judged against, and each smaller kernel against its scalar reference.
#pragma once

namespace dlp {

double now_s();
// Seconds per call of fn: the best of three rounds of at least min_s / 3 each, after a warm-up
// of min_s / 4. The warm-up lets the browser's JIT move the code from its baseline compiler
// to the optimizing one; best-of-three discounts a busy neighbour on a shared machine.
template <class F>
double time_per_call(F fn, double min_s) {
  double t0 = now_s();
  do fn(); while (now_s() - t0 < min_s / 4);
  double best = 1e30;
  for (int round = 0; round < 3; ++round) {
    int n = 0;
    t0 = now_s();
    double t;
    do { fn(); ++n; t = now_s() - t0; } while (t < min_s / 3);
    best = t / n < best ? t / n : best;
  }
  return best;
}

// GFLOP/s of the 4x8 micro-kernel's own loop with B in L1: what the GEMMs and the models are
// judged against, measured in the same run.
double simd128_ceiling_gflops(double min_s);
// Measures it and prints the line that says it (bench/dlp_bench_page.mjs reads it); returns it.
double print_simd128_ceiling(double min_s);
void bench_gemm(double min_s);
void bench_small_kernels(double min_s);

}  // namespace dlp
