// Compare runs: pinning and the words for what differs (compare.h).
#include "links/compare.h"

#include <cstdio>
#include <utility>

#include "links/run_link.h"

namespace dlp {

uint32_t pin_color(char name, int alpha) {
  // ImGui's IM_COL32 layout (ABGR), without ImGui here.
  auto rgba = [&](uint32_t r, uint32_t g, uint32_t b) { return (static_cast<uint32_t>(alpha) << 24) | (b << 16) | (g << 8) | r; };
  // Apart from each other and from the current run's orange, sky blue and green for readers with
  // any common colour-vision deficiency (Okabe and Ito's reddish purple, yellow and vermillion).
  switch (name) {
    case 'A': return rgba(204, 121, 167);
    case 'B': return rgba(240, 228, 66);
    default: return rgba(235, 110, 30);
  }
}

char free_pin_name(const std::vector<PinnedRun>& pinned) {
  for (char c = 'A';; ++c) {
    bool used = false;
    for (const PinnedRun& p : pinned) used |= p.name == c;
    if (!used) return c;
  }
}

PinnedRun run_figures(Session& s, char name, bool measure_test) {
  PinnedRun p;
  p.name = name;
  capture_run(s, &p.run);
  p.steps = s.steps();
  p.last_loss = s.metrics.last_loss;
  // Test accuracy at the pinned step itself: the run's figure for that step when it has one
  // (Session::measure_step; the whole test set when it was measured), else the quick estimate's
  // 500 test examples (the same for every run, and for a page that replays this run from a link);
  // the last measurement while the test set is still downloading.
  if (measure_test && !s.has_test_figure() && s.trainer && s.data.test.complete()) {
    const Evaluation e = s.trainer->evaluate(s.data.test, 500);
    p.test_acc_last = e.accuracy;
    p.test_count = static_cast<size_t>(e.count);
  } else {
    p.test_acc_last = s.metrics.last_test_acc;
    p.test_count = s.metrics.last_test_count;
  }
  p.train_ms = s.metrics.train_ms;
  return p;
}

PinnedRun pin_run(Session& s, char name) {
  PinnedRun p = run_figures(s, name, true);
  p.loss = s.metrics.loss;
  p.train_acc = s.metrics.train_acc;
  p.test_acc = s.metrics.test_acc;
  p.grad_norms = s.metrics.grad_norms;
  p.grad_norm_names = s.metrics.grad_norm_names;
  return p;
}

namespace {

std::string change_words(const LogChange& c) {
  std::string v;
  switch (c.knob) {
    case Knob::Opt: v = c.value > 0.5f ? "adam" : "sgd"; break;
    case Knob::Batch: case Knob::DSteps: case Knob::Own: v = std::to_string(static_cast<long long>(c.value)); break;
    case Knob::OptReset: return "optimizer reset at step " + std::to_string(c.step);
    case Knob::Aug: return std::string("augmentation ") + (c.value != 0 ? "on" : "off") + " at step " + std::to_string(c.step);
    default: v = short_float(c.value);
  }
  return std::string(knob_name(c.knob)) + " " + v + " at step " + std::to_string(c.step);
}

// The settings of a run that can differ, named as the Train panel names them, in the link's order.
std::vector<std::pair<const char*, std::string>> settings_words(const ShareLink& d) {
  const char* init = d.init.kind == InitKind::He ? "he" : d.init.kind == InitKind::Glorot ? "glorot" : "gaussian";
  std::string log;
  for (size_t i = 0; i < d.log.size() && i < 3; ++i) log += (i ? ", " : "") + change_words(d.log[i]);
  if (d.log.size() > 3) log += " and " + std::to_string(d.log.size() - 3) + " more";
  char seeds[64];
  std::snprintf(seeds, sizeof seeds, "%llu.%llu.%llu", static_cast<unsigned long long>(d.init.seed), static_cast<unsigned long long>(d.order_seed),
                static_cast<unsigned long long>(d.dropout_seed));
  return {{"data", d.data},
          {"normalization", normalization_name(d.norm)},
          {"model", d.spec},
          {"lr", short_float(d.cfg.lr)},
          {"batch", std::to_string(d.batch)},
          {"optimizer", d.cfg.optimizer == OptimizerKind::Adam ? "adam" : "sgd"},
          {"momentum", short_float(d.cfg.momentum)},
          {"L2", short_float(d.cfg.l2)},
          {"lr decay", short_float(d.cfg.lr_decay)},
          {"decay steps", std::to_string(d.cfg.decay_steps)},
          {"augmentation", d.cfg.augment ? "on" : "off"},
          {"init", init},
          {"init sigma", d.init.kind == InitKind::Gaussian ? short_float(d.init.sigma) : ""},
          {"seeds", seeds},
          {"own examples", d.own_count ? std::to_string(d.own_count) : "none"},
          {"changes:", log.empty() ? "none" : log}};
}

}  // namespace

std::vector<std::string> run_differences(const std::vector<ShareLink>& runs) {
  std::vector<std::vector<std::pair<const char*, std::string>>> words;
  for (const ShareLink& d : runs) words.push_back(settings_words(d));
  std::vector<std::string> out(runs.size());
  if (runs.empty()) return out;
  for (size_t f = 0; f < words[0].size(); ++f) {
    bool differs = false;
    for (size_t r = 1; r < runs.size(); ++r) differs |= words[r][f].second != words[0][f].second;
    if (!differs) continue;
    for (size_t r = 0; r < runs.size(); ++r)
      if (!words[r][f].second.empty()) out[r] += (out[r].empty() ? "" : ", ") + std::string(words[r][f].first) + " " + words[r][f].second;
  }
  for (std::string& s : out)
    if (s.empty()) s = "the same settings";
  return out;
}

}  // namespace dlp
