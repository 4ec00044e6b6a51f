// The Model panel's controls: every layer of the spec as a row of widgets (kind, sizes, stride,
// padding, rate) with move up / down / remove, and "add layer". Edits are turned back into spec
// text, so the text box, share links and the controls always describe the same model.
#include <algorithm>

#include "app/app.h"
#include "imgui.h"

namespace dlp {

namespace {

const char* kKinds = "dense\0conv\0maxpool\0avgpool\0relu\0sigmoid\0tanh\0dropout\0flatten\0inception\0";

LayerSpec default_layer(LayerKind k) {
  LayerSpec l;
  l.kind = k;
  switch (k) {
    case LayerKind::Dense: l.units = 64; break;
    case LayerKind::Conv: l.kh = l.kw = 3; l.depth = 8; l.stride = 1; l.padding = Padding::Same; break;
    case LayerKind::MaxPool:
    case LayerKind::AvgPool: l.kh = l.kw = 2; l.stride = 2; l.padding = Padding::Valid; break;
    case LayerKind::Dropout: l.rate = 0.5f; break;
    default: break;
  }
  return l;
}

// The stride slider and SAME/VALID choice that convolutions and pooling share.
bool stride_and_padding(LayerSpec& l) {
  same_line_if_fits(label_width(70, "stride"));
  bool ch = ImGui::SliderInt("stride", &l.stride, 1, 4);
  same_line_if_fits(ImGui::CalcTextSize("VALID").x + ImGui::GetFrameHeight() * 2);
  int pad = l.padding == Padding::Valid;
  if (ImGui::Combo("##pad", &pad, "SAME\0VALID\0")) { l.padding = pad ? Padding::Valid : Padding::Same; ch = true; }
  return ch;
}

// One layer's widgets; returns true when something changed.
bool layer_row(LayerSpec& l) {
  bool ch = false;
  ImGui::PushItemWidth(70);
  switch (l.kind) {
    case LayerKind::Dense:
      same_line_if_fits(label_width(70, "units"));
      ch |= ImGui::InputInt("units", &l.units, 0);
      l.units = std::clamp(l.units, 1, 16384);
      break;
    case LayerKind::Conv: {
      same_line_if_fits(label_width(70, "patch"));
      ch |= ImGui::SliderInt("patch", &l.kh, 1, 11);
      l.kw = l.kh;
      same_line_if_fits(label_width(70, "depth"));
      ch |= ImGui::InputInt("depth", &l.depth, 0);
      l.depth = std::clamp(l.depth, 1, 1024);
      ch |= stride_and_padding(l);
      break;
    }
    case LayerKind::MaxPool:
    case LayerKind::AvgPool: {
      same_line_if_fits(label_width(70, "window"));
      ch |= ImGui::SliderInt("window", &l.kh, 1, 5);
      l.kw = l.kh;
      ch |= stride_and_padding(l);
      break;
    }
    case LayerKind::Dropout:
      same_line_if_fits(label_width(70, "drop rate"));
      ch |= ImGui::SliderFloat("drop rate", &l.rate, 0.0f, 0.9f, "%.2f");
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("keep probability p = %.2f; kept values are scaled by 1/p = %.2f while training",
                                                    1.0 - l.rate, 1.0 / (1.0 - l.rate));
      break;
    case LayerKind::Inception: {
      InceptionSizes& z = l.inception;
      int v[6] = {z.a, z.r3, z.c3, z.r5, z.c5, z.p};
      ImGui::PushItemWidth(130);
      same_line_if_fits(label_width(130, "1x1 | 3x3 red/out"));
      if (ImGui::InputInt3("1x1 | 3x3 red/out", v)) ch = true;
      same_line_if_fits(label_width(130, "5x5 red/out | pool"));
      if (ImGui::InputInt3("5x5 red/out | pool", v + 3)) ch = true;
      ImGui::PopItemWidth();
      for (int& x : v) x = std::clamp(x, 1, 256);
      z = InceptionSizes{v[0], v[1], v[2], v[3], v[4], v[5]};
      break;
    }
    default:
      same_line_if_fits(ImGui::CalcTextSize("no settings").x);
      ImGui::TextDisabled("no settings");
      break;
  }
  ImGui::PopItemWidth();
  return ch;
}

}  // namespace

void layer_editor(App& app) {
  Session& s = app.session;
  ModelSpec edit = s.spec;
  bool changed = false;
  int remove = -1, up = -1;
  for (size_t i = 0; i < edit.layers.size(); ++i) {
    LayerSpec& l = edit.layers[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::Text("%2zu", i);
    ImGui::SameLine();
    int kind = static_cast<int>(l.kind);
    ImGui::SetNextItemWidth(100);
    if (ImGui::Combo("##kind", &kind, kKinds)) { l = default_layer(static_cast<LayerKind>(kind)); changed = true; }
    ImGui::SameLine();
    if (ImGui::ArrowButton("up", ImGuiDir_Up) && i > 0) up = static_cast<int>(i);
    ImGui::SameLine();
    if (ImGui::ArrowButton("down", ImGuiDir_Down) && i + 1 < edit.layers.size()) up = static_cast<int>(i) + 1;
    ImGui::SameLine();
    if (small_button("x")) remove = static_cast<int>(i);
    // The layer's own settings follow on the same line as far as they fit, then wrap.
    ImGui::Indent(ImGui::GetFontSize() * 1.5f);
    changed |= layer_row(l);
    ImGui::Unindent(ImGui::GetFontSize() * 1.5f);
    ImGui::PopID();
  }
  if (up > 0) { std::swap(edit.layers[up], edit.layers[up - 1]); changed = true; }
  if (remove >= 0 && edit.layers.size() > 1) { edit.layers.erase(edit.layers.begin() + remove); changed = true; }
  if (ImGui::Button("+ add layer")) ImGui::OpenPopup("add-layer");
  note_widget(app, "add-layer");
  if (ImGui::BeginPopup("add-layer")) {
    static const LayerKind kinds[] = {LayerKind::Conv, LayerKind::ReLU, LayerKind::MaxPool, LayerKind::AvgPool, LayerKind::Dense,
                                      LayerKind::Dropout, LayerKind::Sigmoid, LayerKind::Tanh, LayerKind::Flatten, LayerKind::Inception};
    for (LayerKind k : kinds)
      if (ImGui::Selectable(layer_to_string(default_layer(k)).c_str())) {
        // New layers go before the output layer, where a student means them.
        edit.layers.insert(edit.layers.end() - (edit.layers.empty() ? 0 : 1), default_layer(k));
        changed = true;
      }
    ImGui::EndPopup();
  }
  if (changed) request_spec(app, spec_to_string(edit));
}

}  // namespace dlp
