// Train panel: start / pause / step / reset, hyperparameters, live loss and accuracy curves.
#include <algorithm>
#include <cmath>
#include <map>

#include "ui/a11y.h"
#include "ui/app.h"
#include "ui/plot.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "session/axis_ticks.h"

namespace dlp {

// A slider whose value applies when it is let go (or typed in and confirmed): the run's log
// records every change at its step, and a drag would otherwise be one change per frame. `draw`
// draws the slider on a copy; the copy is kept while the slider is held (only then: a copy left by
// a slider that went away while held never overrides a value set since, by a key or a link).
template <typename T, typename Draw>
static bool on_release(const char* label, T* value, Draw draw) {
  static std::map<ImGuiID, T> editing;
  const ImGuiID id = ImGui::GetID(label);
  auto it = editing.find(id);
  if (it != editing.end() && ImGui::GetActiveID() != id) { editing.erase(it); it = editing.end(); }
  T v = it != editing.end() ? it->second : *value;
  draw(&v);
  if (ImGui::IsItemActive()) { editing[id] = v; return false; }
  if (it != editing.end()) editing.erase(it);
  if (v == *value) return false;
  *value = v;
  return true;
}

// Clamped even when typed (ctrl+click): every value a slider gives is one a link can carry.
static bool slider_on_release(const char* label, float* value, float lo, float hi, const char* fmt, ImGuiSliderFlags flags = 0) {
  return on_release(label, value, [&](float* v) { a11y::SliderFloat(label, v, lo, hi, fmt, flags | ImGuiSliderFlags_AlwaysClamp); });
}

// The learning rate, on a row of its own so its slider spans the panel: a log scale from 1e-4 to
// 10 that stops at round values (1, 2, 3 and 5 times a power of ten, four a decade), so a short drag
// moves it a notch or two, never tenfold. The arrow keys step one notch; Ctrl+click types any value,
// kept as typed (as a link's value is shown as it is).
static void lr_row(App& app) {
  Session& s = app.session;
  if (app.hides("lr")) return;
  const char* label = "learning rate";
  const float lo = 1e-4f, hi = 10.0f;
  ImGui::SetNextItemWidth(std::max(ImGui::GetFontSize() * 6, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(label).x -
                                                                  ImGui::GetStyle().ItemInnerSpacing.x - 2));
  on_release(label, &s.cfg.lr, [&](float* v) {
    const float was = *v;
    a11y::SliderFloat(label, v, lo, hi, "%.4g", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
    if (*v == was || ImGui::TempInputIsActive(ImGui::GetItemID())) return;
    // A press or a drag, or a jump from the keyboard (Home, End, Page Up/Down): the nearest notch;
    // a key's step: the next notch that way.
    const bool jump = *v > was * 1.7f || *v < was / 1.7f;
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left) || jump) *v = round_value(*v, 0, lo, hi);
    else *v = round_value(was, *v > was ? 1 : -1, lo, hi);
  });
  note_widget(app, "lr", "How far each step moves the weights against the gradient. Too small: slow. Too large: the loss "
                         "jumps around or blows up. Stops at 1, 2, 3 and 5 times each power of ten; Ctrl+click to type any value.");
}

static bool slider_int_on_release(const char* label, int* value, int lo, int hi) {
  return on_release(label, value, [&](int* v) { a11y::SliderInt(label, v, lo, hi, "%d", ImGuiSliderFlags_AlwaysClamp); });
}

// The two plots in words: how far the curves go, where they end and which way they went lately.
static std::string loss_summary(const Session& s) {
  const std::vector<float>& y = s.metrics.loss.y;
  if (y.empty()) return "Loss plot: empty until the first step.";
  const size_t back = y.size() - 1 - std::min<size_t>(y.size() - 1, std::max<size_t>(1, y.size() / 5));
  const float was = y[back], now = y.back();
  const char* trend = now < was * 0.97f ? "falling" : now > was * 1.03f ? "rising" : "flat";
  char out[160];
  std::snprintf(out, sizeof out, "Loss plot: %zu points up to step %s, last %.4f, %s lately.", y.size(),
                grouped(static_cast<uint64_t>(s.metrics.loss.x.back())).c_str(), static_cast<double>(now), trend);
  return out;
}

static std::string accuracy_summary(const Session& s) {
  const std::vector<float>& t = s.metrics.test_acc.y;
  if (t.empty()) return "Accuracy plot: no test accuracy measured yet.";
  char out[160];
  std::snprintf(out, sizeof out, "Accuracy plot: test accuracy last %.2f%%, best %.2f%%, over %zu measurements.", 100.0 * t.back(),
                100.0 * *std::max_element(t.begin(), t.end()), t.size());
  return out;
}

// The pinned runs and the current one: what sets each apart, how far each got, how well, how long.
static void compare_table(App& app) {
  Session& s = app.session;
  app.compare_differs.clear();
  app.compare_note.clear();
  if (app.pinned.empty() || !ImGui::CollapsingHeader("Compare runs", ImGuiTreeNodeFlags_DefaultOpen)) return;
  std::vector<ShareLink> runs;
  for (const PinnedRun& p : app.pinned) runs.push_back(p.run);
  // The current run's row: the run's figure (Session::measure_step makes one where training
  // stopped; while training, the last measurement and its step).
  PinnedRun now = run_figures(s, ' ', false);
  runs.push_back(now.run);
  // A pinned run that is the current model (the same weights at the same step) shows the current
  // run's figure, which may since be on the whole test set: one figure for one model and step.
  for (PinnedRun& p : app.pinned)
    if (p.run.weights_hash == now.run.weights_hash && p.steps == now.steps && s.has_test_figure()) {
      p.test_acc_last = now.test_acc_last;
      p.test_count = now.test_count;
    }
  const std::vector<std::string> differs = run_differences(runs);
  app.compare_differs = differs;
  int unpin = -1;
  auto run_name = [&](const PinnedRun& p, bool current) {
    if (current) ImGui::TextUnformatted("now");
    else ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pin_color(p.name, 255)), "%c", p.name);
  };
  auto unpin_button = [&](const PinnedRun& p, size_t i) {
    char id[24];
    std::snprintf(id, sizeof id, "Unpin##%c", p.name);
    if (small_button(id)) { ++app.clicks; unpin = static_cast<int>(i); }
    note_widget(app, std::string("unpin:") + p.name, "Drop this pinned run from the plots and the table.");
  };
  // A narrow panel (a phone, 200% zoom, large text) has no room for seven columns: each run is a paragraph,
  // its figures on one wrapped line and what sets it apart under them.
  if (ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 24) {
    for (size_t i = 0; i <= app.pinned.size(); ++i) {
      const bool current = i == app.pinned.size();
      const PinnedRun& p = current ? now : app.pinned[i];
      run_name(p, current);
      ImGui::SameLine();
      char acc[48] = "test -";
      if (p.test_acc_last >= 0) std::snprintf(acc, sizeof acc, "test %.2f%% (%s)", 100.0 * p.test_acc_last, grouped(p.test_count).c_str());
      ImGui::PushTextWrapPos(0.0f);
      ImGui::Text("%s steps, %s, loss %.4f, %.1f s", grouped(p.steps).c_str(), acc, static_cast<double>(p.last_loss), p.train_ms / 1000);
      ImGui::TextDisabled("%s", differs[i].c_str());
      ImGui::PopTextWrapPos();
      if (!current) unpin_button(p, i);
      if (!current) ImGui::Separator();
    }
  } else if (ImGui::BeginTable("runs", 7, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("run", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("what differs", ImGuiTableColumnFlags_WidthStretch, 4.0f);
    ImGui::TableSetupColumn("steps", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("test acc (digits)", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("loss", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i <= app.pinned.size(); ++i) {
      const bool current = i == app.pinned.size();
      const PinnedRun& p = current ? now : app.pinned[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      run_name(p, current);
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", differs[i].c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(grouped(p.steps).c_str());
      ImGui::TableNextColumn();
      if (p.test_acc_last >= 0) ImGui::Text("%.2f%% (%s)", 100.0 * p.test_acc_last, grouped(p.test_count).c_str());
      else ImGui::TextDisabled("-");
      if (p.test_acc_last >= 0 && ImGui::IsItemHovered()) ImGui::SetTooltip("on %zu test %s", p.test_count, items(s.data.name));
      ImGui::TableNextColumn();
      ImGui::Text("%.4f", static_cast<double>(p.last_loss));
      ImGui::TableNextColumn();
      ImGui::Text("%.1f s", p.train_ms / 1000);
      ImGui::TableNextColumn();
      if (!current) unpin_button(p, i);
    }
    ImGui::EndTable();
  }
  if (unpin >= 0) app.pinned.erase(app.pinned.begin() + unpin);

  // Every run to the same step: each is replayed from its link and trained on, one after the other.
  uint64_t most = s.steps();
  for (const PinnedRun& p : app.pinned) most = std::max(most, p.steps);
  // Runs at different steps are said to be so, on one line over the Train all row (which offers
  // the furthest run's step): a run 3,000 steps further on is not the better recipe. Not while
  // training or bringing runs back: the steps move, and the line would move what is below it.
  const bool busy = !app.run_jobs.empty() || s.training || s.replayer.target > 0;
  for (const PinnedRun& p : app.pinned)
    if (!busy && p.steps != s.steps()) {
      app.compare_note = "At different steps (";
      for (const PinnedRun& q : app.pinned) app.compare_note += std::string(1, q.name) + " " + grouped(q.steps) + ", ";
      app.compare_note += "now " + grouped(s.steps()) + "): train all to one step to compare.";
      break;
    }
  if (!app.compare_note.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.4f, 1.0f), "%s", app.compare_note.c_str());
    ImGui::PopTextWrapPos();
  }
  const std::vector<Fact> caveats = s.link_caveats();
  // The box offers the furthest run's step, and follows it as runs go on (a typed value stays
  // until then).
  if (app.train_all_to <= 0 || most != app.train_all_most) app.train_all_to = static_cast<int>(std::min<uint64_t>(most, kMaxReplaySteps));
  app.train_all_most = most;
  if (busy || !caveats.empty()) ImGui::BeginDisabled();
  if (ImGui::Button("Train all to")) { ++app.clicks; train_all_to(app, static_cast<uint64_t>(app.train_all_to)); }
  note_widget(app, "train-all", !caveats.empty() ? "The current run cannot be replayed from its link (see Copy link), so it cannot be brought back."
                                                 : "Bring every run, pinned and current, to this step: each is replayed from the same "
                                                   "seeds and trained on, one after the other. Runs already past it stay.");
  same_line_if_fits(label_width(ImGui::GetFontSize() * 9, "steps"));  // else under the button (a narrow panel)
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (a11y::InputInt("steps##train-all", &app.train_all_to, 100, 1000)) app.train_all_to = std::clamp(app.train_all_to, 1, static_cast<int>(kMaxReplaySteps));
  note_widget(app, "train-all-to");
  if (busy || !caveats.empty()) ImGui::EndDisabled();
  if (!app.run_jobs.empty()) {
    ImGui::TextDisabled("Bringing the runs back: %zu to go.", app.run_jobs.size());
    ImGui::SameLine();
    if (small_button("Stop##runs")) { ++app.clicks; stop_runs(app, "Stopped bringing the runs back."); }
    note_widget(app, "runs-stop", "Stop bringing the runs back: the runs not done yet stay as they were, and the current run "
                                  "comes back as it was.");
  }
}

// Rewind (rewind.h): not while a link replays or runs are brought back (they move the run itself).
static bool can_rewind(const App& app) {
  const Session& s = app.session;
  return s.model && s.steps() > 0 && s.rewind.count() > 0 && s.replayer.target == 0 && app.run_jobs.empty();
}

// The step slider under the curves, and what a rewound view offers: back to now, or a branch.
static void rewind_row(App& app) {
  Session& s = app.session;
  if (!s.model || s.steps() == 0) return;
  const bool can = can_rewind(app);
  if (!can) ImGui::BeginDisabled();
  int step = static_cast<int>(s.rewind.showing() ? s.rewind.target() : s.steps());
  const char* label = "step shown";
  // Beside the log-scale checkbox when it fits: the hyperparameters stay where they were.
  const float width = ImGui::GetFontSize() * 8;
  same_line_if_fits(label_width(width, label));
  ImGui::SetNextItemWidth(std::max(width, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(label).x -
                                              ImGui::GetStyle().ItemInnerSpacing.x - 2));
  if (slider_int_on_release(label, &step, static_cast<int>(s.rewind.first_step()), static_cast<int>(s.steps()))) {
    ++app.clicks;
    s.rewind.seek(s, static_cast<uint64_t>(step));
  }
  note_widget(app, "rewind", "Go back to any step of this run: Inspect and Draw show the model as it was then (its activations, "
                             "weights and gradients), replayed exactly. Training pauses; Train goes on from the last step.");
  if (!can) ImGui::EndDisabled();
  if (!s.rewind.showing()) return;
  ImGui::PushTextWrapPos(0.0f);
  if (s.rewind.seeking())
    ImGui::TextColored(ImVec4(1, 0.8f, 0.4f, 1), "Going back to step %llu ...", static_cast<unsigned long long>(s.rewind.target()));
  else
    ImGui::TextColored(ImVec4(1, 0.8f, 0.4f, 1), "Showing step %llu of %zu: Inspect and Draw show the model as it was then.",
                       static_cast<unsigned long long>(s.rewind.shown_step()), s.steps());
  if (s.rewind.note.said()) ImGui::TextDisabled("%s", words(s.rewind.note).c_str());
  ImGui::PopTextWrapPos();
  char now[40];
  std::snprintf(now, sizeof now, "Back to step %zu", s.steps());
  if (ImGui::Button(now)) { ++app.clicks; s.rewind.back_to_now(s); }
  note_widget(app, "rewind-now", "Show the model as it is now, at the run's last step.");
  const bool full = app.pinned.size() >= kMaxPinned;
  if (full || s.rewind.seeking()) ImGui::BeginDisabled();
  same_line_if_button_fits("Continue from here");
  if (ImGui::Button("Continue from here")) { ++app.clicks; continue_from_here(app); }
  if (full || s.rewind.seeking()) ImGui::EndDisabled();
  note_widget(app, "rewind-branch", full ? "Three runs are pinned: unpin one in the Compare table first (the run as it is now is "
                                           "pinned to compare with the branch)."
                                         : "Start a new run from this step: the run as it is now is pinned (to compare), and this "
                                           "one goes on from here. Change a setting and press Train.");
}

void panel_train(App& app) {
  Session& s = app.session;
  place_panel(app, "Train");
  if (!ImGui::Begin("Train", &app.show_train)) { ImGui::End(); app.alert_rect = {}; return; }
  // While runs are brought back one after the other (compare.h), the buttons wait for them.
  const bool can = s.trainer != nullptr && app.run_jobs.empty();

  if (!can) ImGui::BeginDisabled();
  const bool held = alert_holds_training(s);
  if (held && can) ImGui::BeginDisabled();
  if (ImGui::Button(s.training ? "Pause" : "Train", ImVec2(ImGui::GetFontSize() * 6, 0))) { ++app.clicks; s.toggle_training(); }
  if (held && can) ImGui::EndDisabled();
  note_widget(app, "train", held ? "Training stopped because the network broke: retry with a lower rate, reset the weights, or dismiss the message below first."
                                 : "Train: take steps of gradient descent until you pause (the space bar does the same).");
  ImGui::SameLine();
  if (ImGui::Button("Step")) {
    ++app.clicks;
    s.pause();
    s.rewind.back_to_now(s);
    if (s.ready_to_step()) { s.step_once(); s.update_drawing(); }
  }
  note_widget(app, "step", "One step: one batch forward, the gradient backward, one update of every weight.");
  // The row wraps on a narrow panel (a phone): no button is cut off.
  same_line_if_button_fits("Reset");
  if (ImGui::Button("Reset")) { ++app.clicks; s.reset_weights(); }
  note_widget(app, "reset", "New weights from the init and seeds; the curves start over.");
  same_line_if_button_fits("Pin");
  const bool can_pin = s.steps() > 0 && app.pinned.size() < kMaxPinned && s.replayer.target == 0 && app.run_jobs.empty();
  if (!can_pin) ImGui::BeginDisabled();
  if (ImGui::Button("Pin")) {
    ++app.clicks;
    app.pinned.push_back(pin_run(s, free_pin_name(app.pinned)));
    s.say(Topic::Status, std::string("Pinned this run as ") + app.pinned.back().name +
                             ". Change a setting, press Reset and train again: the same seeds give the same start.");
  }
  if (!can_pin) ImGui::EndDisabled();
  note_widget(app, "pin", app.pinned.size() >= kMaxPinned
                              ? "Three runs are pinned: unpin one in the Compare table to pin this one."
                              : "Keep this run's curves to compare with: change a setting, press Reset and train again from the "
                                "same seeds (up to three pinned runs, plus the current one).");
  if (!can) ImGui::EndDisabled();
  const char* hint = "(space: train / pause)";
  if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + ImGui::CalcTextSize(hint).x <=
      ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", hint);
  }

  // What went wrong, why, and the ways out: it stays until the student acts or dismisses it.
  if (s.health.alert.kind != Alert::None) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(90, 40, 30, 255));
    // As tall as its wrapped text and two rows of buttons (they wrap on a narrow panel).
    const ImGuiStyle& st = ImGui::GetStyle();
    const float inner = ImGui::GetContentRegionAvail().x - 2 * st.WindowPadding.x;
    const std::string said = words(s.health.alert.said);
    const float text_h = ImGui::CalcTextSize(said.c_str(), nullptr, false, inner).y;
    ImGui::BeginChild("alert", ImVec2(0, text_h + 2 * ImGui::GetFrameHeightWithSpacing() + 2 * st.WindowPadding.y + st.ItemSpacing.y), true);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(said.c_str());
    ImGui::PopTextWrapPos();
    a11y::text(said, "alert");
    if (s.health.alert.kind == Alert::Slow) {
      const int small = s.health.alert.retry_batch;
      char use[64];
      std::snprintf(use, sizeof use, "Use batch %d and go on", small);
      if (ImGui::Button(use)) { ++app.clicks; s.train_with_batch(small); }
      note_widget(app, "alert-batch");
      same_line_if_button_fits("Train anyway");
      if (ImGui::Button("Train anyway")) { ++app.clicks; s.train_anyway(); }
      note_widget(app, "alert-anyway");
    } else {
      char retry[96];
      std::snprintf(retry, sizeof retry, "Lower the learning rate to %s and retry from step %llu", short_float(s.health.alert.retry_lr).c_str(),
                    static_cast<unsigned long long>(s.health.alert.retry_step));
      if (ImGui::Button(retry)) { ++app.clicks; s.retry_and_train(); }
      note_widget(app, "alert-retry");
      same_line_if_button_fits("Reset weights");
      if (ImGui::Button("Reset weights")) { ++app.clicks; s.rebuild(); }
      note_widget(app, "alert-reset");
    }
    same_line_if_button_fits("Dismiss");
    if (small_button("Dismiss")) { ++app.clicks; s.dismiss_alert(); }
    note_widget(app, "alert-dismiss");
    ImGui::EndChild();
    ImGui::PopStyleColor();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    app.alert_rect = {a.x, a.y, b.x - a.x, b.y - a.y};
  } else {
    app.alert_rect = {};
  }

  data_error(app);
  // The download shares the epoch's row, so nothing below moves when the last images arrive.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float epoch_w = ImGui::CalcTextSize("epoch 00: 100%").x + style.FramePadding.x * 4;
  if (data_bar(app, s.trainer ? ImGui::GetContentRegionAvail().x - epoch_w - style.ItemSpacing.x : -1, 0) && s.trainer)
    ImGui::SameLine();
  if (s.trainer) {
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "epoch %zu: %.0f%%", s.trainer->epoch() + 1, 100 * s.trainer->epoch_progress());
    ImGui::ProgressBar(static_cast<float>(s.trainer->epoch_progress()), ImVec2(-1, 0), overlay);
    // Two kinds of test accuracy, each said for what it is: a quick estimate on 500 test
    // digits (Evaluator::quick_test_due), and the whole test set at the end of each epoch (or on Evaluate).
    char acc[96] = "test accuracy: not measured yet";
    if (!s.data.test.complete()) std::snprintf(acc, sizeof acc, "test accuracy: measured once the test %s are in", items(s.data.name));
    if (s.metrics.last_test_acc >= 0)
      std::snprintf(acc, sizeof acc, "test accuracy %.2f%% (%s%s test digits, step %s)", 100.0 * s.metrics.last_test_acc,
                    s.metrics.last_test_count == s.data.test.size() ? "all " : "", grouped(s.metrics.last_test_count).c_str(),
                    grouped(s.metrics.last_test_step).c_str());
    char rate[40] = "";
    if (s.training && s.metrics.examples_per_s > 0) std::snprintf(rate, sizeof rate, "   %.0f examples/s", s.metrics.examples_per_s);
    ImGui::PushTextWrapPos(0.0f);
    // No loss yet: before the first step, or a run restored from its weights (persist.cpp keeps
    // no curve) before its next step. 0.0000 would read as a perfect loss.
    const bool no_loss = s.steps() == 0 || s.metrics.loss.x.empty();
    if (s.steps() == 0) ImGui::Text("step 0   loss: none before the first step");
    else if (no_loss) ImGui::Text("step %zu   loss: shown from the next step", s.steps());
    else ImGui::Text("step %zu   loss %.4f%s", s.steps(), static_cast<double>(s.metrics.last_loss), rate);
    ImGui::TextUnformatted(acc);
    ImGui::PopTextWrapPos();
    char said[160];
    std::snprintf(said, sizeof said, "Step %s, loss %.4f, %s.", grouped(s.steps()).c_str(), static_cast<double>(s.metrics.last_loss), acc);
    a11y::text(s.steps() == 0 ? std::string("Step 0, no loss before the first step; ") + acc + "."
               : no_loss    ? "Step " + grouped(s.steps()) + ", loss shown from the next step; " + acc + "."
                            : said);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Every 50 steps (every 200 after step 1,000) 500 test digits (every 20th) give a quick estimate;\nat the end of each epoch, and on "
                        "Evaluate in the Data panel, the whole test set is measured. The figure says which it is.");
    const std::string keep = keep_note(app);
    if (!keep.empty()) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(ImVec4(1, 0.75f, 0.4f, 1), "%s", keep.c_str());
      ImGui::PopTextWrapPos();
    }
    if (app.replaced_steps) {  // a link replaced a trained run (persist.cpp, keep_replaced)
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(ImVec4(1, 0.75f, 0.4f, 1), "A link replaced your run at step %llu; it is kept aside.",
                         static_cast<unsigned long long>(app.replaced_steps));
      ImGui::PopTextWrapPos();
      char back[48];
      std::snprintf(back, sizeof back, "Bring back step %llu", static_cast<unsigned long long>(app.replaced_steps));
      if (ImGui::Button(back)) { ++app.clicks; bring_back_replaced(app); }
      note_widget(app, "bring-back", "Go back to the run the link replaced, exactly where it was; the link's run is kept aside in its place.");
      same_line_if_button_fits("Forget it");
      if (ImGui::Button("Forget it")) { ++app.clicks; forget_replaced(app); }
      note_widget(app, "forget-replaced", "Drop the run kept aside.");
    }
    if (!app.worker_note.empty()) {  // training moved out of a lost worker (js_api.cpp, dlp_worker_lost)
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("%s", app.worker_note.c_str());
      ImGui::PopTextWrapPos();
    }
    const double est = s.estimated_step_ms();
    if (s.steps() == 0 && est > 250) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(ImVec4(1, 0.6f, 0.4f, 1), "A step of this model at batch %d will take about %.1f s here: the page stutters.", s.batch, est / 1000);
      ImGui::PopTextWrapPos();
    }
  }

  static bool log_loss = true;
  const float pw = (ImGui::GetContentRegionAvail().x - 8) * 0.5f;
  const float ph = std::clamp(ImGui::GetContentRegionAvail().y - 250, 110.0f, 260.0f);
  // Pinned runs overlaid, each in its colour: its loss, its test accuracy, its training accuracy faint.
  // The current run's curves are solid (its training accuracy dashed), each pinned run's in a style of its own.
  std::vector<PlotSeries> loss{{app.pinned.empty() ? "loss" : "now", &s.metrics.loss.x, &s.metrics.loss.y, kSeriesColors[0], true, 0}};
  std::vector<PlotSeries> acc{{"train", &s.metrics.train_acc.x, &s.metrics.train_acc.y, (kSeriesColors[1] & 0x00FFFFFFu) | 0xB0000000u, true, 1},
                              {"test", &s.metrics.test_acc.x, &s.metrics.test_acc.y, kSeriesColors[2], true, 0}};
  char names[kMaxPinned][2][16];
  for (size_t i = 0; i < app.pinned.size(); ++i) {
    const PinnedRun& p = app.pinned[i];
    const ImU32 c = pin_color(p.name, 255), faint = pin_color(p.name, 90);
    std::snprintf(names[i][0], sizeof names[i][0], "%c", p.name);
    std::snprintf(names[i][1], sizeof names[i][1], "%c train", p.name);
    const int style = 1 + (p.name - 'A') % 3;  // A dashed, B dotted, C dash-dot
    loss.push_back({names[i][0], &p.loss.x, &p.loss.y, c, true, style});
    acc.push_back({names[i][0], &p.test_acc.x, &p.test_acc.y, c, true, style});
    acc.push_back({names[i][1], &p.train_acc.x, &p.train_acc.y, faint, false, style});
  }
  // The step shown while rewound is marked on both plots; a click on a plot goes back to its step.
  const float shown = s.rewind.showing() ? static_cast<float>(s.rewind.target()) : -1.0f;
  float clicked = line_plot("loss", loss, ImVec2(pw, ph), log_loss, 0, 0, shown);
  note_widget(app, "plot-loss");
  a11y::control("img", loss_summary(s));
  ImGui::SameLine();
  clicked = std::max(clicked, line_plot("acc", acc, ImVec2(pw, ph), false, 0.0f, 1.0f, shown));
  note_widget(app, "plot-acc");
  a11y::control("img", accuracy_summary(s));
  if (clicked >= 0 && can_rewind(app)) { ++app.clicks; s.rewind.seek(s, static_cast<uint64_t>(std::lround(clicked))); }
  ImGui::Checkbox("log-scale loss", &log_loss);
  note_widget(app, "log-loss", "Plot the loss on a log scale: late, small improvements stay visible.");
  rewind_row(app);
  compare_table(app);
  // Two controls a row where the panel is wide enough for two labels, else one: a label is never cut.
  const int columns = ImGui::GetContentRegionAvail().x > ImGui::GetFontSize() * 30 ? 2 : 1;
  const bool hyper_open = ImGui::CollapsingHeader("Hyperparameters", ImGuiTreeNodeFlags_DefaultOpen);
  if (hyper_open) lr_row(app);
  if (hyper_open && ImGui::BeginTable("hyper", columns, ImGuiTableFlags_SizingStretchSame)) {
    // A control a teacher hid in the link is simply not there. The widget takes what the cell
    // leaves after its label.
    auto cell = [&](const char* control, const char* label) {
      if (app.hides(control)) return false;
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(std::max(ImGui::GetFontSize() * 4, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(label).x -
                                                                      ImGui::GetStyle().ItemInnerSpacing.x - 2));
      return true;
    };
    if (cell("batch", "batch")) {
      slider_int_on_release("batch", &s.batch, 1, 256);
      note_widget(app, "batch", "How many training examples each step averages its gradient over. Larger: smoother, slower steps.");
    }
    if (cell("opt", "optimizer")) {
      int opt = s.cfg.optimizer == OptimizerKind::Adam ? 1 : 0;
      if (combo("optimizer", &opt, "SGD\0Adam\0", &app, "optimizer")) s.cfg.optimizer = opt ? OptimizerKind::Adam : OptimizerKind::SGD;
      note_widget(app, "optimizer", "SGD steps straight down the gradient (with optional momentum); Adam adapts a step size per weight.");
    }
    if (s.cfg.optimizer == OptimizerKind::SGD && cell("mom", "momentum")) {
      slider_on_release("momentum", &s.cfg.momentum, 0.0f, 0.99f, "%.2f");
      note_widget(app, "momentum", "Keeps part of the last step's direction: 0.9 smooths and speeds up SGD; 0 is plain SGD.");
    }
    if (cell("l2", "L2 beta")) {
      slider_on_release("L2 beta", &s.cfg.l2, 0.0f, 0.01f, "%.5f", ImGuiSliderFlags_Logarithmic);
      note_widget(app, "l2", "L2 regularization: adds beta times the sum of squared weights to the loss, pulling weights towards 0 "
                             "against overfitting (biases are left alone).");
    }
    if (cell("decay", "lr decay")) {
      slider_on_release("lr decay", &s.cfg.lr_decay, 0.5f, 1.0f, "%.3f");
      char tip[160];
      std::snprintf(tip, sizeof tip, "Learning-rate decay: every %d steps the learning rate is multiplied by this (1 = no decay).",
                    s.cfg.decay_steps);
      note_widget(app, "decay", tip);
    }
    // Dropout lives in the spec (where it acts); this slider sets the rate of every dropout layer,
    // live: the rate changes no parameter, so trained weights are kept.
    float rate = 0;
    const int dropouts = dropout_layers(s.draft.spec, &rate);
    if (dropouts && cell("dropout", "dropout")) {
      if (slider_on_release("dropout", &rate, 0.0f, 0.9f, "%.2f")) {
        s.set_dropout_rate(rate);
        app.spec_edit = s.draft.text;
      }
      char tip[200];
      std::snprintf(tip, sizeof tip, "Drop rate of every dropout layer: while training each activation is dropped with this "
                    "probability and the kept ones scaled x%.2f (keep p = %.2f), so the net cannot rely on any one unit.",
                    1.0 / (1.0 - rate), 1.0 - rate);
      note_widget(app, "dropout", tip);
    }
    // Initialization and seeds describe the starting point: before any step they apply at once
    // (new weights), after it on Reset.
    bool start_changed = false;
    if (cell("init", "init")) {
      int init = static_cast<int>(s.init.kind);
      if (combo("init", &init, "Gaussian(sigma)\0He\0Glorot\0", &app, "init")) { s.init.kind = static_cast<InitKind>(init); start_changed = true; }
      note_widget(app, "init", "How the first weights are drawn: Gaussian with the sigma you choose; He (sigma = sqrt(2 / inputs), "
                               "suits ReLU); Glorot (sigma = sqrt(2 / (inputs + outputs))).");
      if (s.init.kind == InitKind::Gaussian && cell("init", "sigma")) {
        start_changed |= slider_on_release("sigma", &s.init.sigma, 0.001f, 1.0f, "%.3g", ImGuiSliderFlags_Logarithmic);
        note_widget(app, "sigma", "The spread of the first weights: small sigma, unsure first predictions; large, overconfident ones.");
      }
    }
    if (cell("seed", "seeds")) {
      // Separate seeds, so a class can compare "same init, different order".
      int seeds[3] = {static_cast<int>(s.seeds.init), static_cast<int>(s.seeds.order), static_cast<int>(s.seeds.dropout)};
      if (a11y::InputInt3("seeds", seeds)) {
        s.seeds = Seeds{static_cast<uint64_t>(std::max(0, seeds[0])), static_cast<uint64_t>(std::max(0, seeds[1])),
                        static_cast<uint64_t>(std::max(0, seeds[2]))};
        s.init.seed = s.seeds.init;
        start_changed = true;
      }
      note_widget(app, "seeds", "Three random seeds: the first weights, the order of the training examples, the dropout masks. "
                                "The same seeds give the same run, bit for bit.");
    }
    ImGui::EndTable();
    ImGui::PushTextWrapPos(0.0f);
    if (!dropouts && !app.hides("dropout")) ImGui::TextDisabled("dropout: add a dropout layer in the Model panel (e.g. after a ReLU)");
    if (start_changed && s.steps() == 0 && s.trainer) s.rebuild();
    if (!app.hides("init") || !app.hides("seed"))
      ImGui::TextDisabled(s.steps() == 0 ? "init and seeds apply at once before the first step" : "init and seeds apply on Reset");
    ImGui::PopTextWrapPos();
  }

  ImGui::End();
}

}  // namespace dlp
