// Finite-difference gradient checks. The loss is L = sum_i r_i y_i with fixed random r, summed
// in double, so backward runs with dy = r; every input and parameter is nudged by +-eps and
// (L(+) - L(-)) / 2eps compared with what backward gave. Float forward passes leave about 1e-6
// of noise in L, so eps is 1e-2 (the layers are linear or piecewise linear, so a larger step
// costs no accuracy) and inputs are kept away from kinks where that can be arranged.
#pragma once
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "engine/layer.h"
#include "engine/rng.h"

namespace dlp::test {

struct GradCheckResult {
  double worst = 0;
  std::string where;
  int probes = 0, kinks = 0;
  bool ok(double tol) const { return worst < tol && kinks * 20 <= probes; }  // at most 5% skipped
};

inline double rel_error(double a, double n) {
  return std::fabs(a - n) / std::max(1e-2, std::max(std::fabs(a), std::fabs(n)));
}

// Runs a layer with owned buffers. `make_input` fills x (B*in). With `training`, forward runs in
// training mode and `before_forward` runs before each pass (to replay the same random draw).
inline GradCheckResult check_layer(Layer& layer, int batch, uint64_t seed, float eps,
                                   const std::function<void(std::vector<float>&, Rng&)>& make_input, bool training = false,
                                   const std::function<void()>& before_forward = nullptr) {
  Rng rng(seed);
  const size_t nin = layer.in_shape().size() * batch, nout = layer.out_shape().size() * batch;
  std::vector<float> params(layer.param_count()), grads(layer.param_count());
  for (float& p : params) p = static_cast<float>(rng.normal() * 0.5);
  layer.bind_params(params.data(), grads.data());
  // Values a layer keeps but does not train (BatchNorm's running statistics) have no gradient:
  // they start near their fill (a variance stays positive) and are not probed.
  std::vector<bool> kept(params.size(), false);
  std::vector<Param> ps;
  layer.params(ps);
  for (const Param& p : ps)
    if (!p.trainable)
      for (size_t i = 0; i < p.size; ++i) {
        const size_t k = static_cast<size_t>(p.value - params.data()) + i;
        kept[k] = true;
        params[k] = p.fill + static_cast<float>(std::fabs(rng.normal()) * 0.5);
      }
  std::vector<float> ws(layer.workspace_floats(batch) + 1);
  layer.bind_workspace(ws.data(), batch);
  std::vector<float> x(nin), y(nout), r(nout), dx(nin);
  make_input(x, rng);
  for (float& v : r) v = static_cast<float>(rng.normal());

  auto loss = [&]() {
    if (before_forward) before_forward();
    layer.forward(x.data(), y.data(), batch, training);
    double l = 0;
    for (size_t i = 0; i < nout; ++i) l += static_cast<double>(y[i]) * r[i];
    return l;
  };
  loss();
  layer.backward(x.data(), y.data(), r.data(), dx.data(), batch);
  const std::vector<float> analytic_params = grads;

  GradCheckResult res;
  const double l0 = loss();
  // A kink (ReLU at 0, a max-pool switch) inside [v - eps, v + eps] shows as one-sided slopes that
  // disagree; such probes are skipped and counted, and the caller bounds how many there may be.
  auto probe = [&](float& v, double analytic, const std::string& what) {
    const float keep = v;
    v = keep + eps; const double lp = loss();
    v = keep - eps; const double lm = loss();
    v = keep;
    ++res.probes;
    const double up = (lp - l0) / eps, down = (l0 - lm) / eps;
    if (std::fabs(up - down) > 1e-2 * std::max(1.0, std::fabs(up) + std::fabs(down))) { ++res.kinks; return; }
    const double numeric = (lp - lm) / (2.0 * eps);
    const double e = rel_error(analytic, numeric);
    if (e > res.worst) { res.worst = e; res.where = what + " analytic " + std::to_string(analytic) + " numeric " + std::to_string(numeric); }
  };
  for (size_t i = 0; i < nin; ++i) probe(x[i], dx[i], "dx[" + std::to_string(i) + "]");
  for (size_t i = 0; i < params.size(); ++i)
    if (!kept[i]) probe(params[i], analytic_params[i], "dparam[" + std::to_string(i) + "]");
  return res;
}

// Inputs whose magnitude stays above `gap`, so ReLU never flips under a nudge.
inline std::function<void(std::vector<float>&, Rng&)> away_from_zero(float gap) {
  return [gap](std::vector<float>& x, Rng& rng) {
    for (float& v : x) {
      const float u = rng.uniform() * 2.0f - 1.0f;
      v = u >= 0 ? gap + u : -gap + u;
    }
  };
}

// Distinct values spaced `gap` apart in random order, so max-pool has no near-ties.
inline std::function<void(std::vector<float>&, Rng&)> distinct(float gap) {
  return [gap](std::vector<float>& x, Rng& rng) {
    std::vector<uint32_t> perm(x.size());
    for (size_t i = 0; i < perm.size(); ++i) perm[i] = static_cast<uint32_t>(i);
    rng.shuffle(perm.data(), perm.size());
    for (size_t i = 0; i < x.size(); ++i) x[i] = (static_cast<float>(perm[i]) - x.size() / 2.0f) * gap;
  };
}

}  // namespace dlp::test
