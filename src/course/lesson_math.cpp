#include "course/lesson_math.h"

#include <cmath>

#include "engine/rng.h"

namespace dlp {

double accumulate_f64(double start, double step, long n) {
  double a = start;
  for (long i = 0; i < n; ++i) a += step;
  return a - start;
}

float accumulate_f32(float start, float step, long n) {
  volatile float a = start;  // volatile: keep every addition in float, as written
  for (long i = 0; i < n; ++i) a = a + step;
  return a - start;
}

std::vector<double> naive_softmax(const std::vector<double>& s) {
  std::vector<double> e(s.size());
  double sum = 0;
  for (size_t i = 0; i < s.size(); ++i) { e[i] = std::exp(s[i]); sum += e[i]; }
  for (double& v : e) v /= sum;
  return e;
}

void two_spirals(int n, uint64_t seed, std::vector<float>* xy, std::vector<uint8_t>* labels) {
  Rng rng(seed);
  xy->resize(2 * static_cast<size_t>(n));
  labels->resize(n);
  for (int i = 0; i < n; ++i) {
    const int cls = i % 2;
    const float t = 0.25f + 2.75f * rng.uniform();  // turns
    const float r = t / 3.0f, a = t * 3.14159265f + cls * 3.14159265f;
    (*xy)[2 * i] = r * std::cos(a) + 0.04f * static_cast<float>(rng.normal());
    (*xy)[2 * i + 1] = r * std::sin(a) + 0.04f * static_cast<float>(rng.normal());
    (*labels)[i] = static_cast<uint8_t>(cls);
  }
}

// Rotated by 30 degrees, curvatures 1 and 10: steep across, shallow along the valley.
float bowl_loss(float w0, float w1) {
  const float c = 0.8660254f, s = 0.5f;
  const float u = c * w0 + s * w1, v = -s * w0 + c * w1;
  return 0.5f * (u * u + 10.0f * v * v);
}

void bowl_grad(float w0, float w1, float* g0, float* g1) {
  const float c = 0.8660254f, s = 0.5f;
  const float u = c * w0 + s * w1, v = -s * w0 + c * w1;
  *g0 = c * u - s * 10.0f * v;
  *g1 = s * u + c * 10.0f * v;
}

std::vector<float> descent_path(float w0, float w1, float lr, int steps, float noise, uint64_t seed) {
  Rng rng(seed);
  std::vector<float> p = {w0, w1};
  for (int i = 0; i < steps; ++i) {
    float g0, g1;
    bowl_grad(w0, w1, &g0, &g1);
    g0 += noise * static_cast<float>(rng.normal());
    g1 += noise * static_cast<float>(rng.normal());
    w0 -= lr * g0;
    w1 -= lr * g1;
    if (!std::isfinite(w0) || !std::isfinite(w1) || std::fabs(w0) > 1e6f || std::fabs(w1) > 1e6f) break;
    p.push_back(w0);
    p.push_back(w1);
  }
  return p;
}

ChainRule chain_rule(double x, double t, double w1, double b1, double w2, double b2) {
  auto loss = [&](double a, double b, double c, double d) {
    const double h = std::fmax(0.0, a * x + b), y = h * c + d;
    return 0.5 * (y - t) * (y - t);
  };
  ChainRule r;
  r.z = w1 * x + b1;
  r.h = std::fmax(0.0, r.z);
  r.y = r.h * w2 + b2;
  r.loss = 0.5 * (r.y - t) * (r.y - t);
  // Backward: each local derivative times the gradient flowing in from above.
  const double dy = r.y - t, dh = dy * w2, dz = r.z > 0 ? dh : 0.0;
  r.dw2 = dy * r.h;
  r.db2 = dy;
  r.dw1 = dz * x;
  r.db1 = dz;
  const double e = 1e-6;
  r.nw1 = (loss(w1 + e, b1, w2, b2) - loss(w1 - e, b1, w2, b2)) / (2 * e);
  r.nb1 = (loss(w1, b1 + e, w2, b2) - loss(w1, b1 - e, w2, b2)) / (2 * e);
  r.nw2 = (loss(w1, b1, w2 + e, b2) - loss(w1, b1, w2 - e, b2)) / (2 * e);
  r.nb2 = (loss(w1, b1, w2, b2 + e) - loss(w1, b1, w2, b2 - e)) / (2 * e);
  return r;
}

}  // namespace dlp
