// A bias's gradient: the column sums of dy (rows x n, row-major), db[j] = sum over ascending rows
// r of dy[r*n + j], from 0. The SIMD version keeps the sums of up to 16 columns in registers
// while it walks the rows (a plain loop kept each sum in memory: a store and a reload per add);
// every column still adds its rows in order, so the bits equal the reference.
#pragma once
#include <cstddef>

namespace dlp {

void f32_bias_grad(size_t rows, size_t n, const float* dy, float* db);
void f32_bias_grad_ref(size_t rows, size_t n, const float* dy, float* db);

}  // namespace dlp
