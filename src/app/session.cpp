#include "app/session.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "engine/dropout.h"
#include "engine/softmax.h"

namespace dlp {

double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void Curve::add(float step, float v) {
  x.push_back(step);
  y.push_back(v);
  // Keep plots cheap in long sessions: past 4000 points, halve the resolution.
  if (x.size() > 4000) {
    size_t j = 0;
    for (size_t i = 0; i < x.size(); i += 2, ++j) { x[j] = x[i]; y[j] = y[i]; }
    x.resize(j);
    y.resize(j);
  }
}

bool Session::load_data(const std::string& name, const std::string& dir) {
  Dataset tr, te;
  if (!load_dataset(name, dir, &tr, &te, &data_error)) return false;
  train = std::move(tr);
  test = std::move(te);
  data_name = name;
  data_error.clear();
  rebuild();
  return true;
}

bool Session::set_spec(const std::string& text) {
  ModelSpec s;
  ModelInfo mi;
  SpecError e;
  spec_text = text;
  if (!parse_spec(text, &s, &e) || !infer_shapes(s, train.shape, train.classes, &mi, &e)) {
    spec_error = e;
    spec_ok = false;
    return false;
  }
  const size_t need = Model::estimate_bytes(s, train.shape, train.classes, batch);
  if (need > kMemoryBudget) {
    spec_error = {0, "this model needs " + std::to_string(need >> 20) + " MB at batch " + std::to_string(batch) +
                         " (parameters, gradients, optimizer state, activations); the limit is " +
                         std::to_string(kMemoryBudget >> 20) + " MB: make it smaller or lower the batch"};
    spec_ok = false;
    return false;
  }
  spec = s;
  info = mi;
  spec_ok = true;
  spec_error = {};
  rebuild();
  return true;
}

void Session::rebuild() {
  training = false;
  diverged = false;
  loss.clear();
  train_acc.clear();
  test_acc.clear();
  if (!spec_ok || train.size() == 0) { model.reset(); trainer.reset(); return; }
  SpecError e;
  model = Model::create(spec, train.shape, train.classes, &e);
  if (!model) { spec_error = e; spec_ok = false; return; }
  model->init(init);
  trainer = std::make_unique<Trainer>(model.get(), &train, norm, seeds);
  if (own.size()) trainer->set_extra(&own, own_weight);
  last_loss = 0;
  last_test_acc = -1;
  last_grads.assign(model->param_count(), 0.0f);
  grad_norms.clear();
  grad_norm_names.clear();
  for (const Param& p : model->params())
    if (!p.is_bias) { grad_norms.emplace_back(); grad_norm_names.push_back(p.name); }
  test_predictions.clear();
  evaluated_at_step = 0;
  status = "New weights (" + std::to_string(model->param_count()) + " parameters). Press Train.";
  update_drawing();
}

void Session::set_dropout_rate(float rate) {
  for (LayerSpec& l : spec.layers)
    if (l.kind == LayerKind::Dropout) l.rate = rate;
  spec_text = spec_to_string(spec);
  if (!model) return;
  for (size_t i = 0; i < model->sequence().size(); ++i)
    if (auto* d = dynamic_cast<Dropout*>(&model->sequence().layer(i))) d->set_rate(rate);
}

StepResult Session::step_once() {
  last_good_.assign(model->param_block(), model->param_block() + model->param_count());  // capacity kept: no allocation
  StepResult r = trainer->step(batch, cfg);
  // Cross-entropy starts near log(10) = 2.3; a loss past 1e6 means the logits blew up.
  if (!std::isfinite(r.loss) || r.loss > 1e6f || !model->params_finite()) {
    // Divergence: stop at once, put the last good weights back, say what happened and what helps.
    std::copy(last_good_.begin(), last_good_.end(), model->param_block());
    model->reset_optimizer();
    const size_t bad = model->steps();
    model->set_steps(bad - 1);
    training = false;
    replay_target = 0;
    char buf[240];
    std::snprintf(buf, sizeof buf,
                  "Training stopped at step %zu: the loss became %s (learning rate %.4g is probably too high). "
                  "The weights of step %zu are kept; lower the learning rate, or Reset.",
                  bad, std::isnan(r.loss) ? "NaN" : std::isinf(r.loss) ? "infinite" : r.loss > 1e6f ? "huge (it exploded)" : "finite but the weights overflowed",
                  static_cast<double>(cfg.lr), bad - 1);
    status = buf;
    diverged = true;
    return r;
  }
  diverged = false;
  last_loss = r.loss;
  const float s = static_cast<float>(model->steps());
  loss.add(s, r.loss);
  train_acc.add(s, static_cast<float>(r.correct) / batch);
  std::copy(model->grad_block(), model->grad_block() + model->param_count(), last_grads.begin());
  size_t k = 0;
  for (const Param& p : model->params()) {
    if (p.is_bias) continue;
    double sq = 0;
    for (size_t i = 0; i < p.size; ++i) sq += static_cast<double>(p.grad[i]) * p.grad[i];
    grad_norms[k++].add(s, static_cast<float>(std::sqrt(sq)));
  }
  if (model->steps() % 50 == 0) evaluate_test(500);
  if (trainer->epoch_progress() < static_cast<double>(batch) / train.size()) evaluate_full();  // an epoch just ended
  return r;
}

void Session::evaluate_test(size_t max_examples) {
  if (!trainer) return;
  const Evaluation e = trainer->evaluate(test, max_examples);
  last_test_acc = e.accuracy;
  test_acc.add(static_cast<float>(model->steps()), e.accuracy);
}

void Session::evaluate_full() {
  if (!trainer) return;
  const Evaluation e = trainer->evaluate(test, 0, &test_predictions);
  last_test_acc = full_test_acc = e.accuracy;
  test_acc.add(static_cast<float>(model->steps()), e.accuracy);
  for (auto& row : confusion) for (int& c : row) c = 0;
  for (size_t i = 0; i < test_predictions.size(); ++i) confusion[test.labels[i]][test_predictions[i]]++;
  evaluated_at_step = model->steps();
}

void Session::tick(double budget_ms) {
  if (!training || !trainer) {
    if (was_training_ && trainer) status = "Paused at step " + std::to_string(model->steps()) + ". Press Train (or space) to go on.";
    was_training_ = false;
    rate_window_start_ = 0;
    return;
  }
  was_training_ = true;
  const double start = now_ms();
  if (rate_window_start_ == 0) { rate_window_start_ = start; rate_window_examples_ = 0; }
  const bool replaying = replay_target > model->steps();
  do {
    step_once();
    rate_window_examples_ += batch;
  } while (training && now_ms() - start < budget_ms && !(replaying && model->steps() >= replay_target));
  if (diverged) return;
  if (replaying) {
    if (model->steps() >= replay_target) {
      training = false;
      was_training_ = false;
      replay_target = 0;
      evaluate_full();
      status = "Replayed the link's " + std::to_string(model->steps()) + " steps: these are the link's weights.";
    } else {
      status = "Replaying the link: step " + std::to_string(model->steps()) + " of " + std::to_string(replay_target) + "...";
    }
    update_drawing();
    return;
  }
  const double elapsed = now_ms() - rate_window_start_;
  if (elapsed > 1000) {
    examples_per_s = rate_window_examples_ * 1000.0 / elapsed;
    rate_window_start_ = now_ms();
    rate_window_examples_ = 0;
  }
  char buf[160];
  std::snprintf(buf, sizeof buf, "Training: step %zu, epoch %zu, loss %.3f, test accuracy %.1f%%", model->steps(),
                trainer->epoch() + 1, static_cast<double>(last_loss), last_test_acc < 0 ? 0.0 : 100.0 * last_test_acc);
  status = buf;
  update_drawing();
}

bool Session::add_own(const uint8_t* pixels, uint8_t label) {
  if (label >= 10) { own_message = "labels are 0..9"; return false; }
  if (own.size() >= kMaxOwn) { own_message = "at most " + std::to_string(kMaxOwn) + " examples of your own"; return false; }
  own.pixels.insert(own.pixels.end(), pixels, pixels + 784);
  own.labels.push_back(label);
  return true;
}

void Session::remove_own(size_t i) {
  if (i >= own.size()) return;
  own.labels.erase(own.labels.begin() + i);
  own.pixels.erase(own.pixels.begin() + i * 784, own.pixels.begin() + (i + 1) * 784);
}

void Session::own_changed() {
  if (trainer) trainer->set_extra(own.size() ? &own : nullptr, own_weight);
}

std::vector<uint8_t> Session::own_bytes() const {
  std::vector<uint8_t> b = {'D', 'L', 'P', 'O'};
  const uint32_t n = static_cast<uint32_t>(own.size());
  for (int k = 0; k < 4; ++k) b.push_back(static_cast<uint8_t>(n >> (8 * k)));
  b.insert(b.end(), own.labels.begin(), own.labels.end());
  b.insert(b.end(), own.pixels.begin(), own.pixels.end());
  return b;
}

bool Session::own_from_bytes(const std::vector<uint8_t>& b) {
  if (b.size() < 8 || b[0] != 'D' || b[1] != 'L' || b[2] != 'P' || b[3] != 'O') return false;
  const uint32_t n = b[4] | (b[5] << 8) | (b[6] << 16) | (static_cast<uint32_t>(b[7]) << 24);
  if (n > kMaxOwn || b.size() != 8 + static_cast<size_t>(n) * 785) return false;
  own.labels.assign(b.begin() + 8, b.begin() + 8 + n);
  for (uint8_t l : own.labels) if (l >= 10) { own.labels.clear(); return false; }
  own.pixels.assign(b.begin() + 8 + n, b.end());
  return true;
}

void Session::update_drawing() {
  std::vector<float> pad(112 * 112);
  rasterize_strokes(strokes, stroke_width, 112, pad.data());
  drawn_blank = !mnist_frame(pad.data(), 112, 112, drawn);
  if (!model || drawn_blank) { for (float& p : drawn_probs) p = 0; return; }
  float x[784];
  normalize(drawn, 784, trainer->normalization(), x);
  const float* z = model->forward(x, 1, false);
  softmax(z, model->classes(), temperature, drawn_probs);
}

}  // namespace dlp
