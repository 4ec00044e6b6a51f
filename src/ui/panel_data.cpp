// Data panel: which data set, how pixels are normalized, a grid of test samples with their true
// and predicted labels (mistakes outlined in red), and the confusion matrix of the last full
// test evaluation.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "data/augment.h"
#include "ui/a11y.h"
#include "ui/app.h"
#include "ui/heatmap.h"
#include "ui/browser.h"
#include "imgui.h"

namespace dlp {

bool data_bar(App& app, float width, float height) {
  Session& s = app.session;
  const Dataset* d = !s.data.train.complete() && s.data.train.size() ? &s.data.train : !s.data.test.complete() && s.data.test.size() ? &s.data.test : nullptr;
  if (!d) return false;
  const bool training = d == &s.data.train, waiting = s.waiting_for_data();
  // The longest overlay that fits: both splits' progress, this split's, shorter words, the numbers.
  const float room = (width > 0 ? width : ImGui::GetContentRegionAvail().x + width) - ImGui::GetStyle().FramePadding.x * 2;
  const std::string of = progress(*d), what = std::string(training ? "training " : "test ") + items(s.data.name);
  const std::string lead = waiting ? "waiting for " : "";
  std::string overlay;
  for (const std::string& o : {lead + what + ": " + of + (training && !s.data.test.complete() ? ", test " + progress(s.data.test) : ""),
                               lead + what + ": " + of, (waiting ? std::string("waiting: ") : std::string(items(s.data.name)) + ": ") + of}) {
    overlay = o;
    if (ImGui::CalcTextSize(o.c_str()).x <= room) break;
    overlay = grouped(d->available) + " / " + grouped(d->size());
  }
  if (waiting) ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImVec4(0.95f, 0.55f, 0.15f, 1));
  ImGui::ProgressBar(static_cast<float>(d->available) / d->size(), ImVec2(width, height), overlay.c_str());
  if (waiting) ImGui::PopStyleColor();
  a11y::control("progressbar", std::string(training ? "training" : "test") + " data downloaded", overlay);
  note_widget(app, std::string("data-progress:") + (training ? "training" : "test"),
              waiting ? "The next step needs images still downloading: training goes on when they arrive, so a run is the same "
                        "however fast the network is."
                      : "The data downloads in chunks of a few thousand images. Training starts with the first chunk; a step that "
                        "needs images still on their way waits for them, so a run is the same however fast the network is. Test "
                        "accuracy is measured once all the test images are in.");
  return true;
}

void data_error(App& app) {
  const std::string said = words(app.session.told(Topic::Data));
  if (said.empty()) return;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", said.c_str());
  ImGui::PopTextWrapPos();
}

// Why the page trains on one thread, when it does (App::Offline::isolation: web/offline.js).
static const char* one_thread_reason(const std::string& why) {
  if (why == "embedded")
    return "the course page around this one is not cross-origin isolated, so the browser gives the playground no shared memory. "
           "Opened in a tab of its own, it trains on every core.";
  if (why == "no-service-worker")
    return "this host sends no cross-origin isolation headers, and this browser cannot add them (it has no service workers, or refused this page's).";
  if (why == "not-secure") return "this host sends no cross-origin isolation headers, and the page is not on https, where its service worker could add them.";
  if (why == "offline-off")
    return "this host sends no cross-origin isolation headers, and the service worker that adds them went with the offline copy.";
  if (why == "refused") return "this browser did not isolate the page, even with the headers its service worker adds.";
  if (why == "first-load") return "this host sends no cross-origin isolation headers, and the page's service worker, which adds them, did not run this load.";
  return nullptr;
}

// A data set as the page names it ("mnist": MNIST).
static std::string data_set_title(const std::string& name) { return name == "mnist" ? "MNIST" : name == "fashion" ? "Fashion-MNIST" : name; }

static std::string megabytes(double bytes) {
  char t[32];
  std::snprintf(t, sizeof t, "%.1f MB", bytes / 1e6);
  return t;
}

// Offline and threads: what this browser keeps of the playground (web/sw.js), with Remove (or Keep
// again), and how many threads train here and, if one, why.
static void offline_section(App& app) {
  const App::Offline& o = app.offline;
  if (o.status.empty()) return;  // the page has not said yet
  if (!ImGui::CollapsingHeader("Offline and threads", ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::PushTextWrapPos(0.0f);
  std::string threads;
  const char* why = app.worker_threads <= 1 ? one_thread_reason(o.isolation) : nullptr;
  if (why) threads = std::string("Training on one thread: ") + why;
  else if (app.worker_threads > 1) threads = "Training on " + std::to_string(app.worker_threads) + " engine threads.";
  else threads = app.worker ? "Training on one engine thread." : "Training in the page, on one thread.";
  ImGui::TextUnformatted(threads.c_str());
  a11y::text(threads);
  std::string kept;
  if (o.status == "unsupported") kept = "This browser cannot keep the playground for offline use.";
  else if (o.status == "off") kept = "Nothing is kept for offline use: it was removed.";
  else if (o.status == "pending") kept = "The playground and its digits are kept for offline use once the page's service worker runs it.";
  else {
    kept = "Kept in this browser for offline use: the playground (" + megabytes(o.code_bytes) + ")";
    for (const auto& [name, bytes] : o.data)
      kept += ", " + data_set_title(name) + " (" + megabytes(bytes) + ")";
    if (o.data.empty()) kept += "; the digits once a data set is all in";
    kept += ". It opens, trains and replays links without the network.";
  }
  ImGui::TextUnformatted(kept.c_str());
  a11y::text(kept);
  ImGui::PopTextWrapPos();
  if (o.status == "on" || o.status == "pending") {
    if (ImGui::Button("Remove offline copy")) { ++app.clicks; offline_copy(false); }
    note_widget(app, "offline-remove", "Delete what this browser keeps of the playground for offline use, and its service worker: "
                                        "it is not kept again until you ask. (On a host without cross-origin isolation headers "
                                        "the page then trains on one thread.)");
  } else if (o.status == "off") {
    if (ImGui::Button("Keep for offline use")) { ++app.clicks; offline_copy(true); }
    note_widget(app, "offline-keep", "Keep the playground and the digits in use in this browser, so it opens and trains without the network.");
  }
}

static void data_set_tab(App& app) {
  Session& s = app.session;
  int which = s.data.name == "fashion";
  ImGui::SetNextItemWidth(170);
  if (!app.hides("data") && combo("data set", &which, "MNIST digits\0Fashion-MNIST\0", &app, "data-set")) {
    const std::string name = which ? "fashion" : "mnist";
    if (use_data(app, name)) {
      if (!presets_augment(name)) s.cfg.augment = 0;
      s.rebuild();  // fresh weights for the new data
      s.say(Topic::Status, data_set_title(name) + ": training starts as soon as the first chunk of images is in.");
    }
  }
  note_widget(app, "data-set");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Switching data sets restarts training with fresh weights.");
  // While the images download, their bar takes this line's place (of the same height): nothing
  // below moves under the pointer when the last chunk arrives.
  if (!data_bar(app, -1, ImGui::GetTextLineHeight())) {
    ImGui::Text("%s train / %s test", grouped(s.data.train.size()).c_str(), grouped(s.data.test.size()).c_str());
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("The standard split: the %s test %s are never trained on.", grouped(s.data.test.size()).c_str(), items(s.data.name));
  }
  data_error(app);
  int norm = static_cast<int>(s.data.norm);
  ImGui::SetNextItemWidth(170);
  if (!app.hides("norm") && combo("normalization", &norm, "(C-128)/128\0C/255\0raw 0..255\0", &app, "normalization")) {
    s.set_normalization(static_cast<Normalization>(norm));
  }
  note_widget(app, "normalization", "How each pixel value C (0 = black .. 255 = white) reaches the network: (C-128)/128 centres it "
                                    "on 0 in -1..1 (the course's choice), C/255 gives 0..1, raw keeps 0..255. Changing it restarts training.");
  if (!app.hides("aug")) {
    bool augment = s.cfg.augment != 0;
    if (ImGui::Checkbox("augment training images", &augment)) s.cfg.augment = augment ? 1 : 0;
    note_widget(app, "augment", "Each training image is drawn again with a small random turn (up to 12 degrees), scale, shear, shift "
                                "and a thinner or thicker stroke, new every epoch: the network learns to ignore how differently people "
                                "write, and your drawings read better. Switching to Fashion-MNIST turns it off (clothes are not drawn). Training goes on from where it is; the link records the change.");
  }

  // While rewound (the Train panel's step slider), the model shown is measured.
  const FullTest& full = s.shown_full();
  if (!s.data.test.complete()) ImGui::BeginDisabled();
  if (ImGui::Button(s.rewind.showing() ? "Evaluate shown step" : "Evaluate test set")) { ++app.clicks; s.evaluate_shown(); }
  if (!s.data.test.complete()) ImGui::EndDisabled();
  note_widget(app, "evaluate", s.rewind.showing() ? "Measure the whole test set with the model as it was at the step shown: its "
                                                    "accuracy and the confusion matrix below."
                                                  : "Measure the whole test set now (once it is in): its accuracy and the confusion matrix below.");
  ImGui::SameLine();
  if (full.predictions.empty()) ImGui::TextDisabled("not evaluated yet");
  else {
    // The same figure the Train panel and Compare show for this step (Session::measure_step); one
    // measured at another step says so.
    const size_t at = s.rewind.showing() ? s.rewind.shown_step() : s.steps();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::Text("%.2f%% of all %s test %s at step %s%s", 100.0 * full.accuracy, grouped(full.predictions.size()).c_str(), items(s.data.name),
                grouped(full.step).c_str(),
                full.step == at || s.training ? "" : (" (the model shown is at step " + grouped(at) + ": Evaluate again)").c_str());
    ImGui::PopTextWrapPos();
  }

  // Sample grid: true label top-left, prediction bottom-right; red frame = misclassified. The test
  // pages stride through the whole test set.
  static int first = 0;
  const int stride = std::max(1, static_cast<int>(s.data.test.size()) / 24);
  ImGui::SetNextItemWidth(-1);
  a11y::SliderInt("##test-digits-page", &first, 0, stride - 1, "page %d");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float cell = std::clamp((ImGui::GetContentRegionAvail().x - 8) / 6 - 4, 32.0f, 64.0f);
  static float img[784];
  for (int k = 0; k < 24 && first + k * stride < static_cast<int>(s.data.test.size()); ++k) {
    const size_t i = static_cast<size_t>(first + k * stride);
    for (int p = 0; p < 784; ++p) img[p] = s.data.test.image(i)[p] / 255.0f;
    char slot[32];
    std::snprintf(slot, sizeof slot, "data:%d", k);
    if (k % 6) ImGui::SameLine();
    heatmap(slot, img, 28, 28, ImVec2(cell, cell), Colormap::Sequential, 1.0f);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    char t[8];
    std::snprintf(t, sizeof t, "%d", s.data.test.labels[i]);
    dl->AddText(ImVec2(a.x + 2, a.y), IM_COL32(150, 200, 255, 255), t);
    if (i < full.predictions.size()) {
      const bool wrong = full.predictions[i] != s.data.test.labels[i];
      std::snprintf(t, sizeof t, "%d", full.predictions[i]);
      dl->AddText(ImVec2(b.x - 10, b.y - 16), wrong ? IM_COL32(255, 90, 80, 255) : IM_COL32(120, 230, 120, 255), t);
      if (wrong) dl->AddRect(a, b, IM_COL32(255, 70, 60, 255), 0, 0, 2.0f);
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("test #%zu: %s%s%s", i, s.data.test.class_names[s.data.test.labels[i]].c_str(),
                        i < full.predictions.size() ? ", predicted " : "",
                        i < full.predictions.size() ? s.data.test.class_names[full.predictions[i]].c_str() : "");
  }

  if (!full.predictions.empty() && ImGui::CollapsingHeader("Confusion matrix", ImGuiTreeNodeFlags_DefaultOpen)) {
    // Rows: true class; columns: predicted. Off-diagonal cells are the mistakes.
    const float c = std::clamp((ImGui::GetContentRegionAvail().x - 24) / 10, 14.0f, 30.0f);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    int row_max = 1;
    for (auto& row : full.confusion) for (int v : row) row_max = std::max(row_max, v);
    for (int t = 0; t < 10; ++t) {
      char l[4];
      std::snprintf(l, sizeof l, "%d", t);
      dl->AddText(ImVec2(p.x, p.y + 16 + t * c + c / 2 - 7), IM_COL32(170, 175, 185, 255), l);
      dl->AddText(ImVec2(p.x + 16 + t * c + c / 2 - 4, p.y), IM_COL32(170, 175, 185, 255), l);
      for (int q = 0; q < 10; ++q) {
        const int v = full.confusion[t][q];
        const float f = v ? 0.15f + 0.85f * std::sqrt(static_cast<float>(v) / row_max) : 0.0f;
        const ImU32 col = t == q ? IM_COL32(40, static_cast<int>(60 + 180 * f), 80, 255) : IM_COL32(static_cast<int>(40 + 215 * f), 40, 45, 255);
        const ImVec2 a(p.x + 16 + q * c, p.y + 16 + t * c);
        dl->AddRectFilled(a, ImVec2(a.x + c - 1, a.y + c - 1), col);
      }
    }
    ImGui::Dummy(ImVec2(16 + 10 * c, 16 + 10 * c));
    ImGui::TextDisabled("rows: true digit, columns: predicted");
  }
  offline_section(app);
}

void panel_data(App& app) {
  place_panel(app, "Data");
  if (!ImGui::Begin("Data", &app.show_data)) { ImGui::End(); return; }

  if (ImGui::BeginTabBar("data-tabs")) {
    if (tab_item(app, "Data set", "data")) {
      data_set_tab(app);
      ImGui::EndTabItem();
    }
    const bool own = tab_item(app, "Your own data", "own");
    if (own) {
      panel_own_data(app);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

}  // namespace dlp
