// Inspect panel: for the current input (the drawing, or a test sample), every layer's
// activations as feature maps (click a cell to open its unit: unit_view.h), the first layer's
// weights as images, and gradients: per-tensor gradient histograms, gradient norms over training
// (log scale: vanishing or exploding gradients show as curves sliding down or shooting up), and
// the saliency map d(loss)/d(input).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/normalize.h"
#include "ui/a11y.h"
#include "ui/app.h"
#include "ui/heatmap.h"
#include "ui/plot.h"
#include "imgui.h"

namespace dlp {

namespace {

// Channel c of an (h, w, C) NHWC map, as its own h x w grid.
void channel(const float* act, Shape s, int c, std::vector<float>& out) {
  out.resize(static_cast<size_t>(s.h) * s.w);
  for (int i = 0; i < s.h * s.w; ++i) out[i] = act[static_cast<size_t>(i) * s.c + c];
}

void histogram(const char* id, const float* v, size_t n, ImVec2 size) {
  const int bins = 41;
  float lo = 0, hi = 0;
  for (size_t i = 0; i < n; ++i) { lo = std::min(lo, v[i]); hi = std::max(hi, v[i]); }
  const float r = std::max(std::fabs(lo), std::fabs(hi));
  int counts[bins] = {};
  for (size_t i = 0; i < n; ++i)
    if (r > 0) counts[std::clamp(static_cast<int>((v[i] / r * 0.5f + 0.5f) * (bins - 1) + 0.5f), 0, bins - 1)]++;
  const int most = *std::max_element(counts, counts + bins);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  char said[96];
  std::snprintf(said, sizeof said, "Histogram of %zu values in [-%.3g, %.3g]", n, static_cast<double>(r), static_cast<double>(r));
  a11y::control("img", said);
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), IM_COL32(24, 26, 32, 255));
  const float bw = size.x / bins;
  for (int b = 0; b < bins; ++b) {
    // Square-root heights so the tails stay visible next to the peak at zero.
    const float h = most ? std::sqrt(static_cast<float>(counts[b]) / most) * (size.y - 2) : 0;
    dl->AddRectFilled(ImVec2(p.x + b * bw + 1, p.y + size.y - h), ImVec2(p.x + (b + 1) * bw, p.y + size.y), IM_COL32(230, 140, 70, 255));
  }
  dl->AddLine(ImVec2(p.x + size.x / 2, p.y), ImVec2(p.x + size.x / 2, p.y + size.y), IM_COL32(200, 200, 200, 90));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%zu values in [-%.3g, %.3g]", n, static_cast<double>(r), static_cast<double>(r));
}

// An invisible button over the map just drawn (w x h cells): a click opens the unit under the
// mouse; the open unit's cell is outlined.
void map_cells(App& app, const char* id, int layer, int w, int h, int channel_of_cell0, bool cells_are_channels) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const ImVec2 after = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(a);
  const bool pressed = ImGui::InvisibleButton(id, ImVec2(b.x - a.x, b.y - a.y));
  const float cw = (b.x - a.x) / w, ch = (b.y - a.y) / h;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Click a cell to open its unit: its weighted sum and its gradients.");
  // From the keyboard or a screen reader: the unit in the middle of the map (the unit view's
  // sliders move on from there).
  a11y::control("button", cells_are_channels ? "Open a unit of layer " + std::to_string(layer)
                                             : "Open a unit of layer " + std::to_string(layer) + ", map " + std::to_string(channel_of_cell0));
  if (pressed && a11y::pressed_by_keyboard()) {
    if (cells_are_channels) app.unit = UnitPick{layer, 0, 0, 0, -1};
    else app.unit = UnitPick{layer, h / 2, w / 2, channel_of_cell0, -1};
  } else if (ImGui::IsItemClicked()) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const int cx = std::clamp(static_cast<int>((m.x - a.x) / cw), 0, w - 1), cy = std::clamp(static_cast<int>((m.y - a.y) / ch), 0, h - 1);
    if (cells_are_channels) app.unit = UnitPick{layer, 0, 0, cy * w + cx, -1};
    else app.unit = UnitPick{layer, cy, cx, channel_of_cell0, -1};
  }
  const UnitPick& u = app.unit;
  if (u.layer == layer && (cells_are_channels || u.c == channel_of_cell0)) {
    const int cx = cells_are_channels ? u.c % w : u.x, cy = cells_are_channels ? u.c / w : u.y;
    ImGui::GetWindowDrawList()->AddRect(ImVec2(a.x + cx * cw - 1, a.y + cy * ch - 1), ImVec2(a.x + (cx + 1) * cw + 1, a.y + (cy + 1) * ch + 1),
                                        IM_COL32(60, 230, 120, 255), 0, 0, 2);
  }
  ImGui::SetCursorScreenPos(after);
}

}  // namespace

void panel_inspect(App& app) {
  Session& s = app.session;
  place_panel(app, "Inspect");
  if (!ImGui::Begin("Inspect", &app.show_inspect)) { ImGui::End(); return; }
  if (!s.model) { ImGui::TextDisabled("No model."); ImGui::End(); return; }
  // The model as it is, or as it was at the step the Train panel's slider went back to.
  Model& model = *s.shown_model();
  if (s.rewind.showing()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(1, 0.8f, 0.4f, 1), "Rewound: the model at step %llu (now %zu).",
                       static_cast<unsigned long long>(s.rewind.shown_step()), s.steps());
    ImGui::PopTextWrapPos();
  }

  // The input: the drawing when there is one, else a test sample.
  int& sample = app.sample;
  sample = std::clamp(sample, 0, std::max(0, static_cast<int>(s.data.test.size()) - 1));
  const bool use_drawing = !s.pad.blank;
  if (use_drawing) ImGui::TextUnformatted("Input: your drawing");
  else {
    ImGui::SetNextItemWidth(std::min(200.0f, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("test sample").x - 12));
    a11y::SliderInt("test sample", &sample, 0, static_cast<int>(s.data.test.size()) - 1);
    note_widget(app, "test-sample", "Which test digit Inspect looks at (draw in the Draw panel to inspect your own).");
  }
  const uint8_t* px = use_drawing ? s.pad.pixels : s.data.test.image(sample);
  static std::vector<float> x, dx, img, tmp;
  const size_t n = s.data.train.shape.size();
  x.resize(n);
  dx.resize(n);
  normalize(px, n, s.data.norm, x.data());
  // Saliency first: it runs forward and backward on this input, leaving its activations in place
  // (and, for an open unit, every layer's output gradient).
  const float* z0 = model.forward(x.data(), 1, false);
  int pred = 0;
  for (int c = 1; c < model.classes(); ++c) pred = z0[c] > z0[pred] ? c : pred;
  if (app.unit.layer >= static_cast<int>(model.sequence().size())) app.unit = {};  // the model changed under it
  static std::vector<std::vector<float>> output_grads;
  model.input_gradient(x.data(), static_cast<uint8_t>(pred), dx.data(), app.unit.open() ? &output_grads : nullptr);
  if (app.unit.open()) app.unit_report = open_unit(model, x.data(), output_grads, app.unit);

  img.assign(px, px + n);
  for (float& v : img) v /= 255.0f;
  heatmap("inspect:input", img.data(), 28, 28, ImVec2(84, 84), Colormap::Sequential, 1.0f);
  ImGui::SameLine();
  heatmap("inspect:saliency", dx.data(), 28, 28, ImVec2(84, 84));
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Saliency: d(loss)/d(pixel) for the predicted class %d.\nRed: more ink here raises the loss; blue: lowers it.", pred);
  same_line_if_fits(ImGui::CalcTextSize("predicted: 0").x + ImGui::GetFontSize() * 2);  // under the pictures in a narrow panel
  ImGui::BeginGroup();
  ImGui::Text("predicted: %s", s.data.train.class_names[pred].c_str());
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("left: input   right: saliency d(loss)/d(input)");
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();

  if (ImGui::BeginTabBar("inspect-tabs")) {
    if (tab_item(app, "Activations", "activations")) {
      Sequence& seq = model.sequence();
      if (!app.unit.open()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("Click a cell of a convolution's or a dense layer's map to open its unit.");
        ImGui::PopTextWrapPos();
      }
      ImGui::BeginChild("acts");
      for (size_t i = 0; i < seq.size(); ++i) {
        const Layer& l = seq.layer(i);
        const Shape o = l.out_shape();
        const float* a = seq.activation(i);
        // "0 conv5x5x8-valid  24x24x8", or without the shape where the panel is too narrow for it
        // (the shape is then the node's first line); the node keeps its id either way.
        char label[96];
        std::snprintf(label, sizeof label, "%zu %s  %s###acts%zu", i, l.name().c_str(), o.str().c_str(), i);
        // (The node's item reaches an item spacing past its text on each side.)
        const float room = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorScreenPos().x -
                           ImGui::GetTreeNodeToLabelSpacing() - 2 * ImGui::GetStyle().ItemSpacing.x;
        const bool short_label = ImGui::CalcTextSize(label, nullptr, true).x > room;
        if (short_label) std::snprintf(label, sizeof label, "%zu %s###acts%zu", i, l.name().c_str(), i);
        const bool open = ImGui::TreeNodeEx(label, (i < 4 ? ImGuiTreeNodeFlags_DefaultOpen : 0) | (touch_screen() ? ImGuiTreeNodeFlags_FramePadding : 0));
        note_widget(app, "acts-node:" + std::to_string(i));
        if (!open) continue;
        if (short_label) ImGui::TextDisabled("%s", o.str().c_str());
        if (o.h * o.w > 1) {
          const int shown = std::min(o.c, 32);
          // Maps are tapped to open a unit: a finger's 40 px at least on touch screens.
          const float cell = std::clamp(56.0f * 14.0f / o.h, touch_screen() ? 40.0f : 28.0f, 64.0f);
          for (int c = 0; c < shown; ++c) {
            channel(a, o, c, tmp);
            char slot[48];
            std::snprintf(slot, sizeof slot, "act:%zu:%d", i, c);
            const float gap = ImGui::GetStyle().ItemSpacing.x;
            if (c % std::max(1, static_cast<int>((ImGui::GetContentRegionAvail().x + gap) / (cell + gap))) != 0) ImGui::SameLine();
            heatmap(slot, tmp.data(), o.w, o.h, ImVec2(cell, cell));
            map_cells(app, (std::string(slot) + ":click").c_str(), static_cast<int>(i), o.w, o.h, c, false);
            if (c < 2) note_widget(app, "map:" + std::to_string(i) + ":" + std::to_string(c));
          }
          if (o.c > shown) ImGui::TextDisabled("(first %d of %d channels)", shown, o.c);
        } else {
          char slot[48];
          std::snprintf(slot, sizeof slot, "act:%zu", i);
          // A vector of units: cells of 10 px, 64 a row (40 px on touch screens, as many as fit).
          const float unit_px = touch_screen() ? 40.0f : 10.0f;
          const int fit = std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().x / unit_px));
          const int cols = std::min(o.c, touch_screen() ? fit : 64), rows = (o.c + cols - 1) / cols;
          tmp.assign(static_cast<size_t>(rows) * cols, 0.0f);
          std::copy(a, a + o.c, tmp.begin());
          heatmap(slot, tmp.data(), cols, rows, ImVec2(std::min(ImGui::GetContentRegionAvail().x, cols * unit_px), rows * unit_px));
          map_cells(app, (std::string(slot) + ":click").c_str(), static_cast<int>(i), cols, rows, 0, true);
          note_widget(app, "map:" + std::to_string(i) + ":0");
        }
        ImGui::TreePop();
      }
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (tab_item(app, "Weights", "weights")) {
      const Layer& first = model.sequence().layer(0);
      const Layer::Images im = first.weight_images();
      // Up to 8 images a row, fewer where the panel is narrow; a dense layer's templates are larger.
      const float cell = im.w * im.h > 100 ? 64.0f : 48.0f;
      const float full = ImGui::GetContentRegionAvail().x, gap = ImGui::GetStyle().ItemSpacing.x;
      const int per_row = std::clamp(static_cast<int>((full + gap) / (cell + gap)), 1, 8);
      ImGui::Text("layer 0 (%s)", first.name().c_str());
      if (!im.count) ImGui::TextDisabled("this layer's weights are not images");
      tmp.resize(static_cast<size_t>(im.w) * im.h);
      for (int u = 0; u < std::min(im.count, 64); ++u) {
        first.weight_image(u, tmp.data());
        char slot[32];
        std::snprintf(slot, sizeof slot, "w0:%d", u);
        if (u % per_row) ImGui::SameLine();
        heatmap(slot, tmp.data(), im.w, im.h, ImVec2(cell, cell));
      }
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("blue negative, white zero, red positive");
      ImGui::PopTextWrapPos();
      ImGui::EndTabItem();
    }
    if (tab_item(app, "Gradients", "gradients")) {
      static bool log_y = true;
      ImGui::Checkbox("log scale", &log_y);
      std::vector<PlotSeries> series;
      // The current run's tensors: the plot palette's orange, sky blue and green, then Okabe and
      // Ito's blue (lightened), grey and white; never a pinned run's colour (compare.h). Line styles
      // cycle through four (plot.h).
      static const ImU32 colors[] = {kSeriesColors[0], kSeriesColors[1], kSeriesColors[2], IM_COL32(60, 140, 210, 255),
                                     IM_COL32(170, 170, 170, 255), IM_COL32(235, 235, 235, 255)};
      for (size_t k = 0; k < s.metrics.grad_norms.size(); ++k)
        series.push_back({s.metrics.grad_norm_names[k].c_str(), &s.metrics.grad_norms[k].x, &s.metrics.grad_norms[k].y, colors[k % 6]});
      // Pinned runs (compare.h) in their colour, one shade a tensor (the first the strongest): the
      // legend names the run once, the hover read-out every curve.
      static std::vector<std::string> pinned_names;
      pinned_names.clear();
      for (const PinnedRun& p : app.pinned)
        for (size_t k = 0; k < p.grad_norms.size(); ++k) pinned_names.push_back(std::string(1, p.name) + (k ? " " + p.grad_norm_names[k] : ""));
      size_t at = 0;
      for (const PinnedRun& p : app.pinned)
        for (size_t k = 0; k < p.grad_norms.size(); ++k, ++at)
          series.push_back({pinned_names[at].c_str(), &p.grad_norms[k].x, &p.grad_norms[k].y,
                            pin_color(p.name, std::max(70, 230 - 50 * static_cast<int>(k))), k == 0});
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted("gradient norm per weight tensor over training steps");
      ImGui::PopTextWrapPos();
      line_plot("gradnorm", series, ImVec2(0, 150), log_y);
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted("weight-gradient histograms (last step)");
      ImGui::PopTextWrapPos();
      size_t k = 0;
      for (const Param& p : model.params()) {
        if (p.is_bias) continue;
        const float* g = s.shown_grads().data() + p.offset;
        ImGui::Text("%s", p.name.c_str());
        if (ImGui::GetWindowContentRegionMax().x >= 170 + 100) ImGui::SameLine(170);  // else the histogram goes under its name
        char id[32];
        std::snprintf(id, sizeof id, "hist%zu", k++);
        histogram(id, g, p.size, ImVec2(std::max(100.0f, ImGui::GetContentRegionAvail().x), 40));
      }
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  const float inspect_mid = ImGui::GetWindowPos().x + ImGui::GetWindowSize().x / 2;
  ImGui::End();

  // The open unit in a window of its own (the panel is small in most layouts), over the other
  // panels on the side away from Inspect's maps until closed; it fits small screens.
  if (app.unit.open()) {
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    const float w = std::min(560.0f, screen.x - 16), h = std::min(620.0f, screen.y - 40);
    ImGui::SetNextWindowSize(ImVec2(w, h), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(inspect_mid > screen.x / 2 ? 8 : screen.x - w - 8, 30), ImGuiCond_Appearing);
    bool open = true;
    if (ImGui::Begin("Unit", &open, ImGuiWindowFlags_NoCollapse)) {
      a11y::dialog();
      draw_unit(app, app.unit_report, px, pred);
    }
    ImGui::End();
    if (!open) app.unit = {};
  }
}

}  // namespace dlp
