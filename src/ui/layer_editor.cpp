// The Model panel's controls: every layer of the spec as a row of widgets (kind, sizes, stride,
// padding, rate) with move up / down / remove, and "add layer". Edits are turned back into spec
// text, so the text box, share links and the controls always describe the same model.
#include <algorithm>

#include "engine/layer_type.h"
#include "ui/a11y.h"
#include "ui/app.h"
#include "imgui.h"

namespace dlp {

namespace {

// The editor's list of kinds: the records' words, NUL-separated, for ImGui::Combo.
const std::string& kind_items() {
  static std::string items;
  if (items.empty())
    for (const LayerType* t : layer_types()) { items += t->word; items += '\0'; }
  return items;
}

int kind_index(const LayerSpec& l) {
  const auto& all = layer_types();
  return static_cast<int>(std::find(all.begin(), all.end(), l.type) - all.begin());
}

// A new layer of this kind, its defaults fitted to the shape entering position i.
LayerSpec new_layer(const LayerType* t, const ModelSpec& spec, size_t i, Shape input) {
  LayerSpec l = default_layer(t->word);
  Shape in;
  if (t->fit && shape_before(spec, i, input, &in)) t->fit(l, in);
  return l;
}

// The layers inside a composite layer (a residual block), edited as spec text.
bool body_text(LayerSpec& l, const char* label) {
  std::string text;
  for (size_t i = 0; i < l.body.size(); ++i) text += (i ? " " : "") + layer_to_string(l.body[i]);
  same_line_if_fits(label_width(260, label));
  ImGui::SetNextItemWidth(260);
  input_string(label, &text);
  if (!ImGui::IsItemDeactivatedAfterEdit() && !a11y::typed()) return false;
  ModelSpec parsed;
  SpecError err;
  // A mistyped body is left as it was (the spec box above takes typed text and says what is wrong).
  if (!parse_spec("residual(" + text + ")", &parsed, &err) || parsed.layers.size() != 1) return false;
  l.body = parsed.layers[0].body;
  return true;
}

// One layer's widgets, from its record's settings; returns true when something changed.
bool layer_row(LayerSpec& l) {
  const SpecLimits limits;
  if (l.type->settings.empty()) {
    same_line_if_fits(ImGui::CalcTextSize("no settings").x);
    ImGui::TextDisabled("no settings");
    return false;
  }
  bool ch = false;
  for (const LayerSetting& f : l.type->settings) {
    if (f.widget == LayerSetting::SpecText) { ch |= body_text(l, f.label); continue; }
    const double hi = f.max ? f.max(limits) : f.max_value;
    const double v = f.get(l);
    if (f.widget == LayerSetting::PaddingChoice) {
      same_line_if_fits(ImGui::CalcTextSize("VALID").x + ImGui::GetFrameHeight() * 2);
      int pad = static_cast<int>(v);
      ImGui::SetNextItemWidth(ImGui::CalcTextSize("VALID").x + ImGui::GetFrameHeight() * 1.5f);
      if (combo(f.label, &pad, "SAME\0VALID\0")) { f.set(l, pad); ch = true; }
    } else if (f.widget == LayerSetting::FloatSlider) {
      same_line_if_fits(label_width(70, f.label));
      float x = static_cast<float>(v);
      ImGui::SetNextItemWidth(70);
      if (a11y::SliderFloat(f.label, &x, static_cast<float>(f.min), static_cast<float>(hi), "%.2f")) { f.set(l, x); ch = true; }
    } else {
      same_line_if_fits(label_width(70, f.label));
      int x = static_cast<int>(v);
      ImGui::SetNextItemWidth(70);
      const bool edited = f.widget == LayerSetting::IntSlider ? a11y::SliderInt(f.label, &x, static_cast<int>(f.min), static_cast<int>(hi))
                                                              : a11y::InputInt(f.label, &x, 0);
      if (edited) { f.set(l, std::clamp(x, static_cast<int>(f.min), static_cast<int>(hi))); ch = true; }
    }
    if (f.hint && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.hint(l).c_str());
  }
  return ch;
}

}  // namespace

void layer_editor(App& app) {
  Session& s = app.session;
  ModelSpec edit = s.draft.spec;
  bool changed = false;
  int remove = -1, up = -1;
  // First, so it is in view without scrolling however long the model is.
  if (ImGui::Button("+ add layer")) ImGui::OpenPopup("add-layer");
  note_widget(app, "add-layer");
  ImGui::SameLine();
  ImGui::TextDisabled("before the output layer");
  if (ImGui::BeginPopup("add-layer")) {
    for (const LayerType* t : layer_types()) {
      const TouchRows rows;  // a finger tall on touch; popped before the popup ends (ImGui checks its style stack)
      // New layers go before the output layer, where a student means them.
      const size_t at = edit.layers.empty() ? 0 : edit.layers.size() - 1;
      const LayerSpec l = new_layer(t, edit, at, s.data.train.shape);
      if (ImGui::Selectable(layer_to_string(l).c_str())) {
        edit.layers.insert(edit.layers.begin() + static_cast<long>(at), l);
        changed = true;
      }
      note_widget(app, std::string("add-layer:") + t->word);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", t->summary);
    }
    ImGui::EndPopup();
  }
  for (size_t i = 0; i < edit.layers.size(); ++i) {
    LayerSpec& l = edit.layers[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::Text("%2zu", i);
    ImGui::SameLine();
    int kind = kind_index(l);
    ImGui::SetNextItemWidth(100);
    if (combo(("##layer " + std::to_string(i) + " kind").c_str(), &kind, kind_items().c_str())) { l = new_layer(layer_types()[kind], edit, i, s.data.train.shape); changed = true; }
    ImGui::SameLine();
    if (ImGui::ArrowButton("up", ImGuiDir_Up) && i > 0) up = static_cast<int>(i);
    a11y::name("Move layer " + std::to_string(i) + " up");
    ImGui::SameLine();
    if (ImGui::ArrowButton("down", ImGuiDir_Down) && i + 1 < edit.layers.size()) up = static_cast<int>(i) + 1;
    a11y::name("Move layer " + std::to_string(i) + " down");
    ImGui::SameLine();
    if (small_button("x")) remove = static_cast<int>(i);
    a11y::name("Remove layer " + std::to_string(i));
    // The layer's own settings follow on the same line as far as they fit, then wrap.
    ImGui::Indent(ImGui::GetFontSize() * 1.5f);
    changed |= layer_row(l);
    ImGui::Unindent(ImGui::GetFontSize() * 1.5f);
    ImGui::PopID();
  }
  if (up > 0) { std::swap(edit.layers[up], edit.layers[up - 1]); changed = true; }
  if (remove >= 0 && edit.layers.size() > 1) { edit.layers.erase(edit.layers.begin() + remove); changed = true; }
  if (changed) request_spec(app, spec_to_string(edit));
}

}  // namespace dlp
