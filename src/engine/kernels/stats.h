// Two passes over a float array that training makes after every step, for the page to show and
// to watch over: the sum of squares (each weight tensor's gradient norm) and whether every value
// is finite (divergence). The SIMD version keeps eight partial sums, lane i taking elements
// i, i+8, i+16, ..., and adds them in a fixed order; the scalar reference does the same additions
// in the same order, so both give the same bits.
#pragma once
#include <cstddef>

namespace dlp {

float f32_sumsq(size_t n, const float* x);
float f32_sumsq_ref(size_t n, const float* x);
// True when no element is infinite or NaN.
bool f32_all_finite(size_t n, const float* x);
bool f32_all_finite_ref(size_t n, const float* x);

}  // namespace dlp
