#include "engine/batchnorm.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/layer_type.h"

namespace dlp {

void BatchNorm::bind_params(float* values, float* grads) {
  const size_t c = in_.c;
  gamma_ = values; beta_ = values + c; mean_run_ = values + 2 * c; var_run_ = values + 3 * c;
  dgamma_ = grads; dbeta_ = grads + c;
  // The running statistics have no gradient: theirs stays 0, so no optimizer moves them.
  for (size_t i = 2 * c; i < 4 * c; ++i) grads[i] = 0.0f;
}

void BatchNorm::params(std::vector<Param>& out) {
  const int c = in_.c;
  out.push_back({"weight", {c}, gamma_, dgamma_, size_t(c), true, c, c, true, 1.0f});
  out.push_back({"bias", {c}, beta_, dbeta_, size_t(c), true, c, c, true, 0.0f});
  out.push_back({"running_mean", {c}, mean_run_, dgamma_ + 2 * c, size_t(c), true, c, c, false, 0.0f});
  out.push_back({"running_var", {c}, var_run_, dgamma_ + 3 * c, size_t(c), true, c, c, false, 1.0f});
}

void BatchNorm::bind_workspace(float* ws, int batch) {
  xhat_ = ws;
  mean_ = ws + in_.size() * batch;
  invstd_ = mean_ + in_.c;
  sum_.assign(in_.c, 0.0);
  sum2_.assign(in_.c, 0.0);
}

// x, y: (B * h * w, c) rows.
void BatchNorm::forward(const float* x, float* y, int batch, bool training) {
  const size_t c = in_.c, rows = in_.size() / c * batch;
  trained_ = training;
  if (training) {
    std::vector<double>& sum = sum_;
    std::vector<double>& sq = sum2_;
    std::fill(sum.begin(), sum.end(), 0.0);
    std::fill(sq.begin(), sq.end(), 0.0);
    for (size_t r = 0; r < rows; ++r)
      for (size_t k = 0; k < c; ++k) sum[k] += x[r * c + k];
    for (size_t k = 0; k < c; ++k) sum[k] /= static_cast<double>(rows);
    for (size_t r = 0; r < rows; ++r)
      for (size_t k = 0; k < c; ++k) { const double d = x[r * c + k] - sum[k]; sq[k] += d * d; }
    for (size_t k = 0; k < c; ++k) {
      const double var = sq[k] / static_cast<double>(rows);
      mean_[k] = static_cast<float>(sum[k]);
      invstd_[k] = static_cast<float>(1.0 / std::sqrt(var + kEps));
      const double unbiased = rows > 1 ? sq[k] / static_cast<double>(rows - 1) : var;
      mean_run_[k] = static_cast<float>((1.0 - kMomentum) * mean_run_[k] + kMomentum * sum[k]);
      var_run_[k] = static_cast<float>((1.0 - kMomentum) * var_run_[k] + kMomentum * unbiased);
    }
  } else {
    for (size_t k = 0; k < c; ++k) {
      mean_[k] = mean_run_[k];
      invstd_[k] = static_cast<float>(1.0 / std::sqrt(static_cast<double>(var_run_[k]) + kEps));
    }
  }
  for (size_t r = 0; r < rows; ++r)
    for (size_t k = 0; k < c; ++k) {
      const float h = (x[r * c + k] - mean_[k]) * invstd_[k];
      xhat_[r * c + k] = h;
      y[r * c + k] = gamma_[k] * h + beta_[k];
    }
}

// dgamma = sum dy xhat, dbeta = sum dy; dx = gamma invstd (dy - mean(dy) - xhat mean(dy xhat))
// after a training forward (the batch's statistics depend on x), gamma invstd dy after evaluation.
void BatchNorm::backward(const float*, const float*, const float* dy, float* dx, int batch) {
  const size_t c = in_.c, rows = in_.size() / c * batch;
  std::vector<double>& sdy = sum_;
  std::vector<double>& sdyx = sum2_;
  std::fill(sdy.begin(), sdy.end(), 0.0);
  std::fill(sdyx.begin(), sdyx.end(), 0.0);
  for (size_t r = 0; r < rows; ++r)
    for (size_t k = 0; k < c; ++k) { sdy[k] += dy[r * c + k]; sdyx[k] += static_cast<double>(dy[r * c + k]) * xhat_[r * c + k]; }
  for (size_t k = 0; k < c; ++k) { dgamma_[k] = static_cast<float>(sdyx[k]); dbeta_[k] = static_cast<float>(sdy[k]); }
  if (!dx) return;
  for (size_t k = 0; k < c; ++k) {
    sdy[k] = trained_ ? sdy[k] / static_cast<double>(rows) : 0.0;
    sdyx[k] = trained_ ? sdyx[k] / static_cast<double>(rows) : 0.0;
  }
  for (size_t r = 0; r < rows; ++r)
    for (size_t k = 0; k < c; ++k) {
      const size_t i = r * c + k;
      dx[i] = static_cast<float>(gamma_[k] * invstd_[k] * (dy[i] - sdy[k] - xhat_[i] * sdyx[k]));
    }
}

// batchnorm: no settings.
const LayerType& batchnorm_layer_type() {
  static const LayerType t{
      "batchnorm", "bn", "normalizes each channel over the batch, then scales and shifts", 0, nullptr, nullptr, nullptr,
      [](const LayerSpec&, Shape in, const SpecLimits&, SpecError*) -> std::unique_ptr<Layer> { return std::make_unique<BatchNorm>(in); },
      [](const LayerSpec&, Shape in) { return "BatchNorm(" + std::to_string(in.c) + ")"; },
      R"PY(class BatchNorm(nn.BatchNorm2d):
    """Per channel of (B, C, H, W) or per unit of (B, C); eps 1e-5, momentum 0.1, as the playground."""
    def _check_input_dim(self, x):
        if x.dim() not in (2, 4):
            raise ValueError(f"expected a 2-D or 4-D input, got {x.dim()}-D")
)PY",
      {}};
  return t;
}

}  // namespace dlp
