#include "session/health_watch.h"

#include <algorithm>
#include <cmath>

namespace dlp {

bool HealthWatch::blew_up(float loss, bool step_finite) { return !std::isfinite(loss) || loss > 1e6f || !step_finite; }

HealthWatch::Verdict HealthWatch::after_step(float loss, bool alive, uint64_t step, bool first, size_t classes,
                                             const std::vector<float>& losses, bool may_stop) {
  diverged = false;
  recent_loss = first ? loss : 0.95f * recent_loss + 0.05f * loss;
  // A dead network: no weight gets any gradient (every ReLU is off for every input, so the scores
  // no longer depend on the input) and the loss sits at chance level. Nothing will change it.
  dead_steps = alive ? 0 : dead_steps + 1;
  if (dead_steps == kDeadSteps && alert.kind == Alert::None && may_stop) {
    // The alert quotes the loss of the dead steps themselves, not a mean that still remembers
    // the steps before the network died.
    double sum = 0;
    const size_t m = std::min<size_t>(kDeadSteps, losses.size());
    for (size_t i = losses.size() - m; i < losses.size(); ++i) sum += losses[i];
    recent_loss = static_cast<float>(sum / std::max<size_t>(1, m));
    return Verdict::Dead;
  }
  // Recovered: long enough after the retried step, and the loss well down.
  if (alert.kind != Alert::None && alive && step >= alert.retry_step + 200 && recent_loss < 1.0f) alert = {};
  if (step % 100 == 0 && alive && recent_loss < 0.9f * std::log(static_cast<float>(classes))) return Verdict::TakeCheckpoint;
  return Verdict::Fine;
}

void HealthWatch::raise(Alert::Kind kind, const Fact& said, const TrainConfig& cfg) {
  alert = {kind, said, retry_step(), retry_rate(cfg), 0};
}

void HealthWatch::raise_slow(const Fact& said, int batch) {
  alert = {Alert::Slow, said, retry_step(), 0, batch};
}

float HealthWatch::retry_rate(const TrainConfig& cfg) {
  const float known = cfg.optimizer == OptimizerKind::Adam ? 0.002f : cfg.momentum > 0 ? 0.01f : 0.05f;
  return std::min(cfg.lr / 10, known);
}

int HealthWatch::batch_for_fifth_second(int batch, double ms) { return std::max(1, static_cast<int>(batch * 200.0 / ms)); }

}  // namespace dlp
