// The numbers the lessons show, computed apart from the UI so tests can check them against
// independent values (the course's 0.953674316406, softmax of 3.0, 1.0, 0.2, output sizes...).
#pragma once
#include <cstdint>
#include <vector>

namespace dlp {

// 1e9 plus `step` added n times, minus 1e9: in double and in float.
double accumulate_f64(double start, double step, long n);
float accumulate_f32(float start, float step, long n);

// Softmax written the naive way, exp(s) / sum exp(s): overflows to inf / NaN for large scores.
std::vector<double> naive_softmax(const std::vector<double>& scores);

// Weights and biases of layers, for the parameter-count lessons.
inline long dense_params(long in, long out) { return in * out + out; }
inline long conv_params(long kh, long kw, long cin, long cout) { return kh * kw * cin * cout + cout; }
// Multiply-adds of a SAME, stride-1 convolution on an h x w map.
inline long conv_macs(long h, long w, long k, long cin, long cout) { return h * w * k * k * cin * cout; }

// A 2D toy classification set: two interleaved spirals (hard for a linear model), labels 0/1.
void two_spirals(int n, uint64_t seed, std::vector<float>* xy, std::vector<uint8_t>* labels);

// A tilted quadratic bowl L(w) = 0.5 (a w0^2 + b w1^2) with a rotation, its gradient, and a
// gradient-descent path from a start point (noise > 0 imitates SGD's noisy gradients).
float bowl_loss(float w0, float w1);
void bowl_grad(float w0, float w1, float* g0, float* g1);
std::vector<float> descent_path(float w0, float w1, float lr, int steps, float noise, uint64_t seed);

// The chain rule on y = relu(w1 x + b1) * w2 + b2, loss = 0.5 (y - t)^2: forward values and
// the gradient of the loss for each of w1, b1, w2, b2, analytic and by central differences.
struct ChainRule {
  double z, h, y, loss;
  double dw1, db1, dw2, db2;          // backprop
  double nw1, nb1, nw2, nb2;          // finite differences
};
ChainRule chain_rule(double x, double t, double w1, double b1, double w2, double b2);

}  // namespace dlp
