// One interactive widget per lesson. Numbers come from the engine and lesson_math (tested in
// tests/course/lessons_test.cpp); this file only lays them out.
//
// [SECTION] 1 softmax  2 cross-entropy  3 logistic pipeline  4 numerical stability
// [SECTION] 5 normalization  6 initialization  7 gradient descent  8 ReLU networks  9 backprop
// [SECTION] 10 deeper vs wider  11 L2  12 dropout  13 invariance  14 convnets  15 pooling
// [SECTION] 16 1x1 convolutions  17 inception
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "course/lesson_math.h"
#include "course/lessons.h"
#include "data/augment.h"
#include "engine/padding.h"
#include "engine/softmax.h"
#include "session/sliced_job.h"
#include "ui/a11y.h"
#include "ui/app.h"
#include "ui/heatmap.h"
#include "ui/plot.h"
#include "imgui.h"

namespace dlp {

namespace {

const ImU32* const kColors = kSeriesColors;

void bars(const char* const* labels, const float* v, int n) {
  for (int i = 0; i < n; ++i) {
    char t[32];
    std::snprintf(t, sizeof t, "%.4f", static_cast<double>(v[i]));
    ImGui::TextUnformatted(labels[i]);
    ImGui::SameLine(70);
    ImGui::ProgressBar(std::isfinite(v[i]) ? v[i] : 0.0f, ImVec2(220, 0), std::isfinite(v[i]) ? t : "NaN");
  }
}

std::unique_ptr<Model> make_model(const std::string& text, Shape in, int classes, const InitConfig& init) {
  ModelSpec spec;
  SpecError err;
  if (!parse_spec(text, &spec, &err)) return nullptr;
  auto m = Model::create(spec, in, classes, &err);
  if (m) m->init(init);
  return m;
}

// A fresh model trained for a number of steps, one step per unit of a SlicedJob, its loss curve
// growing as it goes.
struct CurveRun {
  std::unique_ptr<Model> model;
  std::unique_ptr<Trainer> trainer;
  TrainConfig cfg;
  int steps = 0;
  Curve curve;
  bool step() {
    if (!trainer || static_cast<int>(curve.x.size()) >= steps || !trainer->can_step(32)) return false;
    curve.add(static_cast<float>(curve.x.size()), trainer->step(32, cfg).loss);
    return true;
  }
};

void start_curve(CurveRun& r, const Session& s, const std::string& spec, Normalization norm, const InitConfig& init, float lr,
                 int steps) {
  r = CurveRun{};
  r.model = make_model(spec, s.data.train.shape, s.data.train.classes, init);
  if (!r.model) return;
  r.trainer = std::make_unique<Trainer>(r.model.get(), &s.data.train, norm, Seeds{init.seed, 1, 1});
  r.cfg.lr = lr;
  r.steps = steps;
}

// Trains the runs one after another, a slice per frame.
void start_runs(SlicedJob& job, CurveRun* runs, int n) {
  int total = 0;
  for (int k = 0; k < n; ++k) total += runs[k].steps;
  job.start(total, [runs, n] {
    for (int k = 0; k < n; ++k)
      if (runs[k].step()) return true;
    return false;
  });
}

// The job's button: the label while idle; while it runs (a slice each frame), a progress bar
// and Stop. True when the button was pressed.
bool job_button(App& app, SlicedJob& job, const char* label, const char* widget) {
  job.run_for(12.0);
  if (job.running()) {
    char overlay[48];
    std::snprintf(overlay, sizeof overlay, "training: %.0f%%", 100.0 * job.progress());
    ImGui::ProgressBar(job.progress(), ImVec2(200, 0), overlay);
    ImGui::SameLine();
    if (ImGui::Button("Stop")) job.stop();
    note_widget(app, std::string(widget) + "-stop");
    return false;
  }
  const bool pressed = ImGui::Button(label);
  note_widget(app, widget);
  return pressed;
}

// [SECTION] 1 softmax
void softmax_lesson(App& app) {
  static float scores[3] = {3.0f, 1.0f, 0.2f}, temperature = 1.0f;
  ImGui::SetNextItemWidth(260);
  a11y::SliderFloat3("scores", scores, -50.0f, 50.0f, "%.2f");
  // The buttons scale the scores themselves; the temperature divides them, which has the same effect.
  if (small_button("scores x10")) for (float& v : scores) v = std::clamp(v * 10, -50.0f, 50.0f);
  note_widget(app, "lesson1-x10", "Multiply the three scores by 10: softmax grows surer.");
  same_line_if_button_fits("scores /10");
  if (small_button("scores /10")) for (float& v : scores) v /= 10;
  note_widget(app, "lesson1-div10", "Divide the three scores by 10: softmax grows less sure.");
  ImGui::SetNextItemWidth(180);
  a11y::SliderFloat("temperature T", &temperature, 0.05f, 20.0f, "%.2f", ImGuiSliderFlags_Logarithmic);
  same_line_if_button_fits("T = 1");
  if (small_button("T = 1")) temperature = 1.0f;
  float p[3];
  softmax(scores, 3, temperature, p);
  static const char* names[] = {"a", "b", "c"};
  bars(names, p, 3);
  // Softmax outputs as score a sweeps over a range that holds all three scores, the others fixed.
  const float range = std::max({5.0f, std::fabs(scores[0]), std::fabs(scores[1]) * 1.2f, std::fabs(scores[2]) * 1.2f});
  static std::vector<float> x, y[3];
  x.clear();
  for (auto& v : y) v.clear();
  for (int i = 0; i <= 100; ++i) {
    float s[3] = {-range + range * 0.02f * i, scores[1], scores[2]}, q[3];
    softmax(s, 3, temperature, q);
    x.push_back(s[0]);
    for (int k = 0; k < 3; ++k) y[k].push_back(q[k]);
  }
  line_plot("sweep", {{"p(a)", &x, &y[0], kColors[0]}, {"p(b)", &x, &y[1], kColors[1]}, {"p(c)", &x, &y[2], kColors[2]}},
            ImVec2(0, 140), false, 0.0f, 1.0f);
  char caption[96];
  std::snprintf(caption, sizeof caption, "x axis: score a from %.3g to %.3g (b and c as set)", -static_cast<double>(range), static_cast<double>(range));
  ImGui::TextDisabled("%s", caption);
  char sc[64];
  std::snprintf(sc, sizeof sc, "scores %.3g %.3g %.3g", static_cast<double>(scores[0]), static_cast<double>(scores[1]), static_cast<double>(scores[2]));
  app.lesson_readout = {sc, caption};
}

// [SECTION] 2 cross-entropy
void cross_entropy_lesson() {
  static float S[3] = {0.7f, 0.2f, 0.1f};
  static int label = 0;
  ImGui::SetNextItemWidth(260);
  if (a11y::SliderFloat3("S (probabilities)", S, 0.0f, 1.0f, "%.2f")) {
    const float sum = S[0] + S[1] + S[2];
    if (sum > 0) for (float& v : S) v /= sum;
  }
  ImGui::TextUnformatted("label L:");
  for (int c = 0; c < 3; ++c) { ImGui::SameLine(); char t[8]; std::snprintf(t, sizeof t, "class %d", c); ImGui::RadioButton(t, &label, c); a11y::checked(label == c, true); }
  float L[3] = {0, 0, 0};
  L[label] = 1;
  const double d_sl = cross_entropy(S, L, 3), d_ls = cross_entropy(L, S, 3);
  ImGui::Text("D(S, L) = -sum L_i log S_i = -log %.3f = %.4f", static_cast<double>(S[label]), d_sl);
  ImGui::Text("D(L, S) = -sum S_i log L_i = %s", std::isinf(d_ls) ? "infinity (log 0 for every zero in L)" : "finite");
  ImGui::TextDisabled("cross-entropy is not symmetric: the label must be the second argument");
}

// [SECTION] 3 logistic pipeline
void logistic_lesson(App& app) {
  Session& s = app.session;
  if (!s.model) return;
  int& i = app.sample;
  ImGui::SetNextItemWidth(200);
  a11y::SliderInt("test digit", &i, 0, static_cast<int>(s.data.test.size()) - 1);
  float x[784], img[784], p[10];
  normalize(s.data.test.image(i), 784, s.data.norm, x);
  for (int k = 0; k < 784; ++k) img[k] = s.data.test.image(i)[k] / 255.0f;
  const float* z = s.model->forward(x, 1, false);
  float logits[10];
  std::copy(z, z + 10, logits);
  softmax(logits, 10, 1.0f, p);
  const uint8_t y = s.data.test.labels[i];
  heatmap("lesson3:x", img, 28, 28, ImVec2(84, 84), Colormap::Sequential, 1.0f);
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextUnformatted("->  logits W x + b  ->");
  for (int c = 0; c < 10; ++c) ImGui::Text("%d: %+.2f", c, static_cast<double>(logits[c]));
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextUnformatted("->  softmax S  ->");
  static const char* d[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  bars(d, p, 10);
  ImGui::EndGroup();
  float L[10] = {};
  L[y] = 1;
  ImGui::Text("one-hot label L: %d     cross-entropy D(S, L) = %.4f", y, cross_entropy(p, L, 10));
  static float avg = -1;
  if (ImGui::Button("Training loss: average D over the training set")) avg = s.trainer ? s.trainer->evaluate(s.data.train).loss : -1;
  if (avg >= 0) { ImGui::SameLine(); ImGui::Text("l = %.4f", static_cast<double>(avg)); }
}

// [SECTION] 4 numerical stability
void stability_lesson(App& app) {
  static int log_steps = 6;
  ImGui::SetNextItemWidth(200);
  a11y::SliderInt("additions (10^k)", &log_steps, 0, 6);
  const long n = static_cast<long>(std::pow(10, log_steps));
  ImGui::Text("1e9 + 1e-6 added %ld times, minus 1e9:", n);
  ImGui::Text("  exact:    %.12f", n * 1e-6);
  ImGui::Text("  float64:  %.12f", accumulate_f64(1e9, 1e-6, n));
  ImGui::Text("  float32:  %.12f", static_cast<double>(accumulate_f32(1e9f, 1e-6f, n)));
  static float top = 1000.0f;
  ImGui::SetNextItemWidth(200);
  a11y::SliderFloat("largest score", &top, 1.0f, 2000.0f, "%.0f");
  const auto naive = naive_softmax({top, top - 1.0, top - 2.0});
  const float sc[3] = {top, top - 1.0f, top - 2.0f};
  float stable[3];
  softmax(sc, 3, 1.0f, stable);
  // exp(1000) overflows to infinity, and infinity / infinity is not a number.
  auto show = [](double v, char* b) { if (std::isfinite(v)) std::snprintf(b, 24, "%.4f", v); else std::snprintf(b, 24, "NaN"); return b; };
  char n0[24], n1[24], n2[24], line[96];
  std::snprintf(line, sizeof line, "naive exp(s)/sum:        %s %s %s", show(naive[0], n0), show(naive[1], n1), show(naive[2], n2));
  ImGui::TextUnformatted(line);
  app.lesson_readout = {line};
  if (!std::isfinite(naive[0])) ImGui::TextDisabled("(exp(%.0f) overflows to infinity; infinity / infinity is NaN)", static_cast<double>(top));
  ImGui::Text("subtract max first:      %.4f %.4f %.4f", static_cast<double>(stable[0]), static_cast<double>(stable[1]),
              static_cast<double>(stable[2]));
}

// [SECTION] 5 normalization
void normalization_lesson(App& app) {
  static CurveRun runs[2];
  static SlicedJob job;
  static float lr = 0.01f;
  const Curve& raw = runs[0].curve;
  const Curve& centered = runs[1].curve;
  ImGui::SetNextItemWidth(160);
  a11y::SliderFloat("learning rate", &lr, 0.001f, 0.5f, "%.3f", ImGuiSliderFlags_Logarithmic);
  same_line_if_button_fits("Train both (300 steps)");
  if (job_button(app, job, "Train both (300 steps)", "lesson5-train")) {
    const InitConfig init{InitKind::Gaussian, 0.01f, 1};
    start_curve(runs[0], app.session, "dense10", Normalization::Raw, init, lr, 300);
    start_curve(runs[1], app.session, "dense10", Normalization::Centered, init, lr, 300);
    start_runs(job, runs, 2);
  }
  line_plot("norm", {{"raw 0..255", &raw.x, &raw.y, kColors[0]}, {"(C-128)/128", &centered.x, &centered.y, kColors[2]}},
            ImVec2(0, 150), true);
  if (!raw.y.empty() && !centered.y.empty() && !job.running())
    ImGui::Text("final loss: raw %.3g, normalized %.3g", static_cast<double>(raw.y.back()), static_cast<double>(centered.y.back()));
}

// [SECTION] 6 initialization
void init_lesson(App& app) {
  Session& s = app.session;
  static float sigma = 0.01f;
  ImGui::SetNextItemWidth(200);
  a11y::SliderFloat("sigma", &sigma, 0.001f, 5.0f, "%.3f", ImGuiSliderFlags_Logarithmic);
  // Before training: the untrained model's confidence and loss on 64 test digits, computed when
  // sigma (or the test set) changes, not every frame.
  static float at_sigma = -1;
  static size_t at_test = 0;
  static double peak = 0, loss = 0;
  if (sigma != at_sigma || at_test != s.data.test.available) {
    at_sigma = sigma;
    at_test = s.data.test.available;
    peak = loss = 0;
    auto m = make_model("dense10", s.data.train.shape, 10, {InitKind::Gaussian, sigma, 1});
    if (m && s.data.test.available >= 64) {
      std::vector<float> x(784 * 64), p(640);
      const size_t n = s.data.test.available;
      for (int i = 0; i < 64; ++i) normalize(s.data.test.image(i * 31 % n), 784, Normalization::Centered, x.data() + i * 784);
      m->predict(x.data(), 64, p.data());
      for (int i = 0; i < 64; ++i) {
        peak += *std::max_element(p.begin() + i * 10, p.begin() + i * 10 + 10) / 64;
        loss -= std::log(std::max(1e-30, static_cast<double>(p[i * 10 + s.data.test.labels[i * 31 % n]]))) / 64;
      }
    }
  }
  if (peak > 0) ImGui::Text("before training: mean top probability %.3f (uniform is 0.1), mean loss %.3f (log 10 = 2.303)", peak, loss);
  static CurveRun runs[3];
  static SlicedJob job;
  if (job_button(app, job, "Train sigma = 0.01, 0.1, 1 (200 steps each)", "lesson6-train")) {
    for (int k = 0; k < 3; ++k)
      start_curve(runs[k], s, "dense10", Normalization::Centered, {InitKind::Gaussian, std::pow(10.0f, k - 2.0f), 1}, 0.05f, 200);
    start_runs(job, runs, 3);
  }
  line_plot("init", {{"0.01", &runs[0].curve.x, &runs[0].curve.y, kColors[2]}, {"0.1", &runs[1].curve.x, &runs[1].curve.y, kColors[1]},
                     {"1", &runs[2].curve.x, &runs[2].curve.y, kColors[0]}},
            ImVec2(0, 140), true);
}

// [SECTION] 7 gradient descent
void sgd_lesson() {
  static float lr = 0.05f, noise = 0.0f;
  static int steps = 40;
  ImGui::SetNextItemWidth(160);
  a11y::SliderFloat("learning rate", &lr, 0.005f, 0.25f, "%.3f");
  same_line_if_fits(label_width(160, "gradient noise (small batch)"));
  ImGui::SetNextItemWidth(160);
  a11y::SliderFloat("gradient noise (small batch)", &noise, 0.0f, 5.0f, "%.2f");
  ImGui::SetNextItemWidth(160);
  a11y::SliderInt("steps", &steps, 1, 200);
  static float grid[64 * 64];
  for (int y = 0; y < 64; ++y)
    for (int x = 0; x < 64; ++x) grid[y * 64 + x] = std::log1p(bowl_loss(-3 + 6 * x / 63.0f, 3 - 6 * y / 63.0f));
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float side = 220;
  heatmap("lesson7:bowl", grid, 64, 64, ImVec2(side, side), Colormap::Sequential, 0.0f);
  const auto path = descent_path(2.5f, 2.5f, lr, steps, noise, 1);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto at = [&](size_t i) { return ImVec2(p0.x + (path[2 * i] + 3) / 6 * side, p0.y + (3 - path[2 * i + 1]) / 6 * side); };
  dl->PushClipRect(p0, ImVec2(p0.x + side, p0.y + side), true);
  for (size_t i = 0; i + 1 < path.size() / 2; ++i) dl->AddLine(at(i), at(i + 1), IM_COL32(90, 200, 255, 255), 2.0f);
  dl->PopClipRect();
  ImGui::SameLine();
  ImGui::BeginGroup();
  const size_t last = path.size() / 2 - 1;
  ImGui::Text("start loss %.2f", static_cast<double>(bowl_loss(2.5f, 2.5f)));
  if (static_cast<int>(last) < steps) ImGui::TextColored(ImVec4(1, 0.4f, 0.3f, 1), "diverged after %zu steps:\nthe learning rate is too large", last);
  else ImGui::Text("after %d steps: %.4f", steps, static_cast<double>(bowl_loss(path[2 * last], path[2 * last + 1])));
  ImGui::TextDisabled("the valley is 10x steeper across\nthan along: lr above 0.2 explodes");
  ImGui::EndGroup();
}

// [SECTION] 8 ReLU networks
void relu_lesson(App& app) {
  static int hidden = 16;
  static float acc = -1;
  static std::vector<float> boundary(48 * 48, 0.0f);
  static std::vector<float> xy;
  static std::vector<uint8_t> labels;
  static std::unique_ptr<Model> m;
  static SlicedJob job;
  static Rng rng(1);
  const int kSteps = 3000;
  if (xy.empty()) two_spirals(400, 3, &xy, &labels);
  // The boundary and accuracy of the model as it is (every 250 steps while it trains: the
  // boundary bends as the student watches).
  auto measure = [] {
    int correct = 0;
    float p[2];
    for (int k = 0; k < 400; ++k) { m->predict(&xy[2 * k], 1, p); correct += (p[1] > p[0]) == labels[k]; }
    acc = correct / 400.0f;
    for (int y = 0; y < 48; ++y)
      for (int x = 0; x < 48; ++x) {
        const float q[2] = {-1.1f + 2.2f * x / 47, 1.1f - 2.2f * y / 47};
        m->predict(q, 1, p);
        boundary[y * 48 + x] = p[1] - 0.5f;
      }
  };
  ImGui::SetNextItemWidth(200);
  a11y::SliderInt("hidden ReLU units H (0: linear)", &hidden, 0, 64);
  if (job_button(app, job, "Train on the spirals", "lesson8-train")) {
    const std::string spec = hidden ? "dense" + std::to_string(hidden) + " relu dense" + std::to_string(hidden) + " relu dense2" : "dense2";
    m = make_model(spec, Shape{1, 1, 2}, 2, {InitKind::He, 0, 1});
    rng = Rng(1);
    acc = -1;
    if (m)
      job.start(kSteps, [measure] {
        TrainConfig cfg;
        cfg.optimizer = OptimizerKind::Adam;
        cfg.lr = 0.01f;
        float bx[64];
        uint8_t by[32];
        for (int b = 0; b < 32; ++b) {
          const uint32_t k = rng.below(400);
          bx[2 * b] = xy[2 * k]; bx[2 * b + 1] = xy[2 * k + 1]; by[b] = labels[k];
        }
        m->train_step(bx, by, nullptr, 32, cfg);
        const size_t done = m->steps();
        if (done % 250 == 0) measure();
        return done < static_cast<size_t>(kSteps);
      });
  }
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float side = 220;
  heatmap("lesson8:boundary", boundary.data(), 48, 48, ImVec2(side, side), Colormap::Diverging, 0.5f);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (size_t k = 0; k < labels.size(); ++k)
    dl->AddCircleFilled(ImVec2(p0.x + (xy[2 * k] + 1.1f) / 2.2f * side, p0.y + (1.1f - xy[2 * k + 1]) / 2.2f * side), 2.5f,
                        labels[k] ? IM_COL32(200, 30, 30, 255) : IM_COL32(30, 60, 200, 255));
  ImGui::SameLine();
  if (acc >= 0) ImGui::Text("accuracy on the spirals: %.1f%%", 100.0 * acc);
  else ImGui::TextDisabled("press Train");
}

// [SECTION] 9 backprop
void backprop_lesson(App& app) {
  static float v[6] = {1.5f, 0.3f, 0.8f, 0.1f, -1.2f, 0.05f};  // x, t, w1, b1, w2, b2
  ImGui::SetNextItemWidth(300);
  a11y::SliderFloat3("x, target t, w1", v, -2.0f, 2.0f, "%.2f");
  ImGui::SetNextItemWidth(300);
  a11y::SliderFloat3("b1, w2, b2", v + 3, -2.0f, 2.0f, "%.2f");
  static int stage = 8;
  if (ImGui::Button("Step")) stage = (stage + 1) % 9;
  ImGui::SameLine();
  if (ImGui::Button("Show all")) stage = 8;
  const ChainRule r = chain_rule(v[0], v[1], v[2], v[3], v[4], v[5]);
  const char* fwd[] = {"z = w1 x + b1", "h = relu(z)", "y = w2 h + b2", "loss = (y - t)^2 / 2"};
  const double fv[] = {r.z, r.h, r.y, r.loss};
  for (int k = 0; k < 4; ++k)
    if (stage > k) ImGui::Text("forward   %-22s = %+.4f", fwd[k], fv[k]);
  const char* bwd[] = {"dL/db2 = (y - t)", "dL/dw2 = (y - t) h", "dL/db1 = (y - t) w2 relu'(z)", "dL/dw1 = dL/db1 x"};
  const double bv[] = {r.db2, r.dw2, r.db1, r.dw1}, nv[] = {r.nb2, r.nw2, r.nb1, r.nw1};
  for (int k = 0; k < 4; ++k)
    if (stage > 4 + k) ImGui::Text("backward  %-28s = %+.6f   finite difference %+.6f", bwd[k], bv[k], nv[k]);
  if (app.session.model) {
    double fwd_flops = 0, bwd_flops = 0;
    Sequence& seq = app.session.model->sequence();
    for (size_t i = 0; i < seq.size(); ++i) {
      const double f = seq.layer(i).flops_forward();
      fwd_flops += f;
      // Layers with weights run two products backward (for dW and for dx; the first layer needs no dx).
      bwd_flops += seq.layer(i).param_count() ? (i == 0 ? f : 2 * f) : f;
    }
    ImGui::Text("current model: forward %.2f MFLOPs, backward %.2f MFLOPs per example (%.2fx)", fwd_flops / 1e6, bwd_flops / 1e6,
                bwd_flops / std::max(1.0, fwd_flops));
  }
}

// [SECTION] 10 deeper vs wider
void deeper_lesson(App& app) {
  static const char* specs[2] = {"dense512 relu dense10", "dense128 relu dense128 relu dense128 relu dense10"};
  static float acc[2] = {-1, -1};
  static size_t params[2] = {0, 0};
  for (int k = 0; k < 2; ++k) {
    if (!params[k]) {  // once, not every frame
      ModelSpec sp;
      SpecError e;
      ModelInfo info;
      if (parse_spec(specs[k], &sp, &e) && infer_shapes(sp, Shape{28, 28, 1}, 10, &info, &e)) params[k] = info.params;
    }
    ImGui::Text("%s %-50s %7zu parameters", k ? "narrow-deep " : "wide-shallow", specs[k], params[k]);
    if (acc[k] >= 0) { ImGui::SameLine(); ImGui::Text("test accuracy %.2f%%", 100.0 * acc[k]); }
  }
  // 250 steps of 32 each (8,000 digits, the first chunks), a slice per frame, then each is
  // measured on 1,000 test digits.
  const int steps = 250;
  static CurveRun runs[2];
  static SlicedJob job;
  const bool in = app.session.data.train.available >= steps * 32u && app.session.data.test.complete();
  if (!in) ImGui::BeginDisabled();
  if (job_button(app, job, "Train each on 8,000 digits", "lesson10-train")) {
    for (int k = 0; k < 2; ++k) {
      start_curve(runs[k], app.session, specs[k], Normalization::Centered, {InitKind::He, 0, 1}, 0.05f, steps);
      acc[k] = -1;
    }
    job.start(2 * steps + 2, [&app] {
      for (int k = 0; k < 2; ++k) {
        if (runs[k].step()) return true;
        if (acc[k] < 0) { acc[k] = runs[k].trainer ? runs[k].trainer->evaluate(app.session.data.test, 1000).accuracy : 0; return true; }
      }
      return false;
    });
  }
  if (!in) { ImGui::EndDisabled(); ImGui::SameLine(); ImGui::TextDisabled("(once the digits are in)"); }
}

// [SECTION] 11 L2
void l2_lesson(App& app) {
  Session& s = app.session;
  ImGui::SetNextItemWidth(200);
  a11y::SliderFloat("L2 beta (the Train panel's)", &s.cfg.l2, 0.0f, 0.01f, "%.5f", ImGuiSliderFlags_Logarithmic);
  if (!s.model) return;
  const Param& w = s.model->params()[0];
  static std::vector<float> sorted;
  sorted.assign(w.value, w.value + w.size);
  double sq = 0;
  for (float v : sorted) sq += static_cast<double>(v) * v;
  ImGui::Text("%s: %zu weights, RMS %.4f (penalty beta * sum w^2 = %.4f)", w.name.c_str(), w.size, std::sqrt(sq / w.size),
              s.cfg.l2 * sq);
  const float train = s.metrics.train_acc.y.empty() ? 0 : s.metrics.train_acc.y.back(), test = std::max(0.0f, s.metrics.last_test_acc);
  ImGui::Text("last batch train accuracy %.1f%%, test accuracy %.1f%%: gap %.1f points", 100.0 * train, 100.0 * test, 100.0 * (train - test));
  ImGui::TextDisabled("the weight histograms are under Inspect > Gradients and Weights");
}

// [SECTION] 12 dropout
float g_drop_rate = 0.5f;  // the widget's rate, which Try it trains with (lesson_try_link)
void dropout_lesson(App& app) {
  float& rate = g_drop_rate;
  ImGui::SetNextItemWidth(200);
  a11y::SliderFloat("drop rate", &rate, 0.0f, 0.9f, "%.2f", ImGuiSliderFlags_AlwaysClamp);
  note_widget(app, "lesson-drop-rate", "The share of units dropped at each step; Try it trains with this rate.");
  float act[32], dropped[32];
  Rng rng(7), mask_rng(static_cast<uint64_t>(ImGui::GetTime() * 2));  // a new mask twice a second
  double mean_a = 0, mean_d = 0;
  for (int i = 0; i < 32; ++i) {
    act[i] = 0.2f + rng.uniform();
    dropped[i] = mask_rng.uniform() < 1 - rate ? act[i] / (1 - rate) : 0.0f;
    mean_a += act[i];
    mean_d += dropped[i];
  }
  ImGui::TextUnformatted("evaluation (no dropout):");
  heatmap("lesson12:a", act, 32, 1, ImVec2(320, 16), Colormap::Sequential, 3.0f);
  ImGui::Text("training, kept values x%.2f:", 1.0 / (1 - rate));
  heatmap("lesson12:d", dropped, 32, 1, ImVec2(320, 16), Colormap::Sequential, 3.0f);
  ImGui::Text("mean activation: %.3f without, %.3f with this mask (equal in expectation)", mean_a / 32, mean_d / 32);
}

// [SECTION] 13 invariance
void invariance_lesson(App& app) {
  Session& s = app.session;
  static int shift = 0;
  ImGui::SetNextItemWidth(200);
  a11y::SliderInt("shift the digit (pixels)", &shift, -4, 4);
  uint8_t px[784] = {};
  const uint8_t* src = s.data.test.image(app.sample % s.data.test.size());
  for (int y = 0; y < 28; ++y)
    for (int x = 0; x < 28; ++x)
      if (x - shift >= 0 && x - shift < 28) px[y * 28 + x] = src[y * 28 + x - shift];
  float img[784], xin[784];
  for (int k = 0; k < 784; ++k) img[k] = px[k] / 255.0f;
  normalize(px, 784, s.data.norm, xin);
  heatmap("lesson13:x", img, 28, 28, ImVec2(96, 96), Colormap::Sequential, 1.0f);
  if (s.model && s.model->sequence().layer(0).out_shape().h > 1) {
    s.model->forward(xin, 1, false);
    const Shape o = s.model->sequence().layer(0).out_shape();
    std::vector<float> ch(static_cast<size_t>(o.h) * o.w);
    for (int k = 0; k < o.h * o.w; ++k) ch[k] = s.model->sequence().activation(0)[static_cast<size_t>(k) * o.c];
    ImGui::SameLine();
    heatmap("lesson13:map", ch.data(), o.w, o.h, ImVec2(96, 96));
    ImGui::SameLine();
    ImGui::TextWrapped("the first layer's feature map moves with the digit: the same weights detect the same stroke anywhere");
  } else {
    ImGui::TextDisabled("Try it loads a convnet to see its feature map move with the digit");
  }
  ImGui::Text("28x28 -> 28x28x8 dense layer: %ld parameters; 5x5x8 convolution: %ld", dense_params(784, 6272), conv_params(5, 5, 1, 8));
  // Augmentation: the same digit as training draws it again (data/augment.h), six times.
  ImGui::Separator();
  bool on = s.cfg.augment != 0;
  if (ImGui::Checkbox("augment the training digits (the Data panel's)", &on)) s.cfg.augment = on ? 1 : 0;
  note_widget(app, "lesson-augment", "Training shows the network each digit a little turned, scaled, sheared, shifted, thinner or "
                                     "thicker: the variations it should ignore, as other hands write digits.");
  static uint64_t drawn = 1;
  if (ImGui::Button("Draw again")) ++drawn;
  for (int k = 0; k < 6; ++k) {
    uint8_t out[784];
    augment_digit(src, draw_augmentation(augmentation_seed(drawn, 0, static_cast<uint32_t>(k))), out);
    for (int i = 0; i < 784; ++i) img[i] = out[i] / 255.0f;
    ImGui::SameLine();
    heatmap(("lesson13:aug" + std::to_string(k)).c_str(), img, 28, 28, ImVec2(48, 48), Colormap::Sequential, 1.0f);
  }
  a11y::text("The test digit drawn again six times with small random turns, scalings, shears, shifts and stroke widths.", "img");
}

// [SECTION] 14 convnets
void convnet_lesson() {
  static int n = 7, k = 3, s = 1, same = 0;
  // The controls share a row as far as it has room, then wrap: none is cut off.
  ImGui::SetNextItemWidth(120); a11y::SliderInt("input n", &n, 3, 12);
  same_line_if_fits(label_width(120, "patch k"));
  ImGui::SetNextItemWidth(120); a11y::SliderInt("patch k", &k, 1, 5);
  same_line_if_fits(label_width(120, "stride s"));
  ImGui::SetNextItemWidth(120); a11y::SliderInt("stride s", &s, 1, 3);
  same_line_if_fits(label_width(100, "padding"));
  ImGui::SetNextItemWidth(100); combo("padding", &same, "VALID\0SAME\0");
  const Window1D w = window_1d(n, k, s, same ? Padding::Same : Padding::Valid);
  if (same) ImGui::Text("SAME: out = ceil(n / s) = ceil(%d / %d) = %d   (padding %d before)", n, s, w.out, w.pad_before);
  else ImGui::Text("VALID: out = floor((n - k) / s) + 1 = floor((%d - %d) / %d) + 1 = %d", n, k, s, w.out);
  if (w.out < 1) { ImGui::TextColored(ImVec4(1, 0.4f, 0.3f, 1), "empty output: the patch does not fit"); return; }
  // The patch slides over the input, one output position per 0.4 s.
  const int t = static_cast<int>(ImGui::GetTime() / 0.4) % (w.out * w.out), oy = t / w.out, ox = t % w.out;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float c = 18;
  const int pad = w.pad_before;
  for (int y = -pad; y < n + pad; ++y)
    for (int x = -pad; x < n + pad; ++x) {
      const bool inside = y >= 0 && y < n && x >= 0 && x < n;
      const ImVec2 a(p0.x + (x + pad) * c, p0.y + (y + pad) * c);
      dl->AddRectFilled(a, ImVec2(a.x + c - 2, a.y + c - 2), inside ? IM_COL32(70, 90, 120, 255) : IM_COL32(45, 45, 50, 255));
    }
  const ImVec2 k0(p0.x + (ox * s) * c, p0.y + (oy * s) * c);
  dl->AddRect(k0, ImVec2(k0.x + k * c - 2, k0.y + k * c - 2), IM_COL32(255, 200, 60, 255), 0, 0, 3);
  const ImVec2 q0(p0.x + (n + 2 * pad + 2) * c, p0.y);
  for (int y = 0; y < w.out; ++y)
    for (int x = 0; x < w.out; ++x) {
      const ImVec2 a(q0.x + x * c, q0.y + y * c);
      dl->AddRectFilled(a, ImVec2(a.x + c - 2, a.y + c - 2), (y == oy && x == ox) ? IM_COL32(255, 200, 60, 255) : IM_COL32(90, 140, 90, 255));
    }
  ImGui::Dummy(ImVec2((n + 2 * pad + 2 + w.out) * c, (std::max(n + 2 * pad, w.out)) * c));
  ImGui::TextDisabled("grey: zero padding; yellow: the patch and the output it makes");
}

// [SECTION] 15 pooling
void pooling_lesson() {
  static const float fm[16] = {1, 3, 2, 0, 5, 6, 1, 2, 0, 2, 9, 4, 1, 1, 3, 8};
  ImGui::TextUnformatted("feature map          max 2x2         average 2x2");
  for (int y = 0; y < 4; ++y) {
    ImGui::Text("%2.0f %2.0f %2.0f %2.0f", fm[y * 4], fm[y * 4 + 1], fm[y * 4 + 2], fm[y * 4 + 3]);
    if (y % 2 == 0) {
      const int r = y / 2;
      float mx[2], av[2];
      for (int c = 0; c < 2; ++c) {
        const float v[4] = {fm[(2 * r) * 4 + 2 * c], fm[(2 * r) * 4 + 2 * c + 1], fm[(2 * r + 1) * 4 + 2 * c], fm[(2 * r + 1) * 4 + 2 * c + 1]};
        mx[c] = *std::max_element(v, v + 4);
        av[c] = (v[0] + v[1] + v[2] + v[3]) / 4;
      }
      ImGui::SameLine(170);
      ImGui::Text("%2.0f %2.0f", static_cast<double>(mx[0]), static_cast<double>(mx[1]));
      ImGui::SameLine(300);
      ImGui::Text("%.2f %.2f", static_cast<double>(av[0]), static_cast<double>(av[1]));
    }
  }
  ImGui::TextDisabled("no parameters: pooling only summarizes each 2x2 window");
}

// [SECTION] 16 1x1 convolutions
void one_by_one_lesson() {
  static int cin = 192, red = 16, cout = 32, hw = 28;
  ImGui::SetNextItemWidth(140); a11y::SliderInt("input depth", &cin, 8, 512);
  same_line_if_fits(label_width(140, "1x1 reduces to"));
  ImGui::SetNextItemWidth(140); a11y::SliderInt("1x1 reduces to", &red, 1, 128);
  same_line_if_fits(label_width(140, "5x5 output depth"));
  ImGui::SetNextItemWidth(140); a11y::SliderInt("5x5 output depth", &cout, 1, 256);
  const long direct = conv_macs(hw, hw, 5, cin, cout), reduced = conv_macs(hw, hw, 1, cin, red) + conv_macs(hw, hw, 5, red, cout);
  ImGui::Text("5x5 directly on %dx%dx%d: %.1f M multiply-adds, %ld parameters", hw, hw, cin, direct / 1e6, conv_params(5, 5, cin, cout));
  ImGui::Text("1x1 to %d first, then 5x5: %.1f M multiply-adds, %ld parameters  (%.1fx cheaper)", red, reduced / 1e6,
              conv_params(1, 1, cin, red) + conv_params(5, 5, red, cout), static_cast<double>(direct) / reduced);
}

// [SECTION] 17 inception
void inception_lesson() {
  static ModelInfo ia, ib;  // worked out once, not every frame
  if (ia.layers.empty()) {
    ModelSpec a, b;
    SpecError e;
    parse_spec("conv3x3x16 relu maxpool2 inception(8,8/16,4/8,8) maxpool2 dense10", &a, &e);
    parse_spec("conv3x3x16 relu maxpool2 conv5x5x40 relu maxpool2 dense10", &b, &e);
    infer_shapes(a, Shape{28, 28, 1}, 10, &ia, &e);
    infer_shapes(b, Shape{28, 28, 1}, 10, &ib, &e);
  }
  ImGui::Text("inception(8,8/16,4/8,8) on 14x14x16: output 14x14x40, %zu parameters, %.2f MFLOPs", ia.layers[3].params,
              ia.layers[3].flops / 1e6);
  ImGui::Text("plain conv5x5x40 on 14x14x16:        output 14x14x40, %zu parameters, %.2f MFLOPs", ib.layers[3].params,
              ib.layers[3].flops / 1e6);
  ImGui::TextDisabled("branches: 1x1 (8) | 1x1 (8) -> 3x3 (16) | 1x1 (4) -> 5x5 (8) | 3x3 max-pool -> 1x1 (8), concatenated");
}

}  // namespace

std::string lesson_try_link(const Lesson& lesson) {
  std::string link = lesson.try_link;
  // The dropout lesson's demo trains with the rate its widget shows.
  const std::string fixed = "dropout0.5+";
  const size_t at = link.find(fixed);
  if (lesson.id == "dropout" && at != std::string::npos) {
    link.replace(at, fixed.size(), "dropout" + short_float(std::round(g_drop_rate * 100) / 100) + "+");
  }
  return link;
}

void lesson_widget(App& app, const Lesson& lesson) {
  // Each lesson's widget by the lesson's id (lessons.h): a new lesson adds its line here.
  static const struct { const char* id; void (*draw)(App&); } widgets[] = {
      {"softmax", softmax_lesson},
      {"cross-entropy", [](App&) { cross_entropy_lesson(); }},
      {"logistic", logistic_lesson},
      {"numerical-stability", stability_lesson},
      {"normalization", normalization_lesson},
      {"initialization", init_lesson},
      {"sgd", [](App&) { sgd_lesson(); }},
      {"relu", relu_lesson},
      {"backprop", backprop_lesson},
      {"deeper-wider", deeper_lesson},
      {"l2", l2_lesson},
      {"dropout", dropout_lesson},
      {"invariance", invariance_lesson},
      {"convnets", [](App&) { convnet_lesson(); }},
      {"pooling", [](App&) { pooling_lesson(); }},
      {"one-by-one", [](App&) { one_by_one_lesson(); }},
      {"inception", [](App&) { inception_lesson(); }},
  };
  for (const auto& w : widgets)
    if (lesson.id == w.id) {
      ImGui::PushID(w.id);
      w.draw(app);
      ImGui::PopID();
    }
}

}  // namespace dlp
