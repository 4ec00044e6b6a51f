// The unit view's drawing (unit_view.h): the report as a student reads it, top to bottom.
#include <algorithm>
#include <cstdio>

#include "session/unit_view.h"
#include "ui/a11y.h"
#include "ui/app.h"
#include "ui/heatmap.h"
#include "imgui.h"

namespace dlp {

namespace {

std::string num(float v) {
  if (v == 0.0f) return "0";  // -0 is a programmer's number
  char b[32];
  std::snprintf(b, sizeof b, "%.5g", static_cast<double>(v));
  return b;
}

// "(the engine's value)" when the view's sum has the engine's value, else both (it should never differ).
void same_as_engine(float ours, float engine) {
  ImGui::SameLine();
  if (ours == engine || (ours != ours && engine != engine)) ImGui::TextDisabled("(the engine's value)");
  else ImGui::TextColored(ImVec4(1, 0.4f, 0.3f, 1), "(the engine has %s)", num(engine).c_str());
}

}  // namespace

void draw_unit(App& app, const UnitReport& r, const uint8_t* pixels, int predicted) {
  if (r.error.said()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(words(r.error).c_str());
    ImGui::PopTextWrapPos();
    if (small_button("Close##unit")) app.unit = {};
    note_widget(app, "unit-close");
    return;
  }
  const bool dense = r.out.h * r.out.w == 1;
  char head[160];
  if (dense) std::snprintf(head, sizeof head, "%s (layer %d): unit %d", r.name.c_str(), r.layer, r.c);
  else std::snprintf(head, sizeof head, "%s (layer %d): channel %d at row %d, column %d", r.name.c_str(), r.layer, r.c, r.y, r.x);
  ImGui::TextUnformatted(head);
  ImGui::SameLine();
  if (small_button("Close##unit")) app.unit = {};
  note_widget(app, "unit-close");
  // A map's cells can be a pixel or two wide: the sliders move to a neighbour exactly. They
  // steer the pick of the clicked map (the ReLU's or the layer's own: same cells).
  const float w = std::min(ImGui::GetFontSize() * 7, ImGui::GetContentRegionAvail().x / 4);
  if (!dense) {
    ImGui::SetNextItemWidth(w);
    if (a11y::SliderInt("row##unit", &app.unit.y, 0, r.out.h - 1)) app.unit.term = -1;
    note_widget(app, "unit-row");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    if (a11y::SliderInt("column##unit", &app.unit.x, 0, r.out.w - 1)) app.unit.term = -1;
    note_widget(app, "unit-column");
    ImGui::SameLine();
  }
  ImGui::SetNextItemWidth(w);
  if (a11y::SliderInt(dense ? "unit##unit" : "channel##unit", &app.unit.c, 0, r.out.c - 1)) app.unit.term = -1;
  note_widget(app, "unit-channel");

  // The receptive field: the input with the part this unit sees outlined.
  std::vector<float> img(pixels, pixels + 784);
  for (float& v : img) v /= 255.0f;
  heatmap("unit:input", img.data(), 28, 28, ImVec2(84, 84), Colormap::Sequential, 1.0f);
  const ImVec2 p = ImGui::GetItemRectMin();
  const float cell = 84.0f / 28;
  ImGui::GetWindowDrawList()->AddRect(ImVec2(p.x + r.field.x0 * cell, p.y + r.field.y0 * cell),
                                      ImVec2(p.x + (r.field.x1 + 1) * cell, p.y + (r.field.y1 + 1) * cell), IM_COL32(60, 230, 120, 255), 0, 0, 2);
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::Text("Receptive field: rows %d-%d, columns %d-%d of the input (%d x %d pixels, outlined).", r.field.y0, r.field.y1, r.field.x0,
              r.field.x1, r.field.y1 - r.field.y0 + 1, r.field.x1 - r.field.x0 + 1);
  ImGui::Text("z = b + sum of x * w over %zu inputs%s.", r.terms.size(), dense ? "" : " of its window (zeros where it hangs over the padding)");
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();

  // Forward: the largest contributions, the rest, the bias, z, the ReLU.
  ImGui::TextUnformatted("Forward: the largest contributions (click one to follow its weight backward)");
  if (ImGui::BeginTable("unit-terms", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("the layer's input at");
    ImGui::TableSetupColumn("x");
    ImGui::TableSetupColumn("w");
    ImGui::TableSetupColumn("x * w");
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < r.top.size(); ++i) {
      const UnitReport::Term& t = r.terms[r.top[i]];
      const float row_h = touch_screen() ? 40.0f : 0.0f;  // a finger's height on touch screens
      ImGui::TableNextRow(0, row_h);
      ImGui::TableNextColumn();
      const std::string place = input_place(r.in, t.input) + "##term" + std::to_string(i);
      if (ImGui::Selectable(place.c_str(), r.top[i] == r.term, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, row_h))) app.unit.term = r.top[i];
      note_widget(app, "unit-term:" + std::to_string(i));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(num(t.x).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(num(t.w).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(num(t.x * t.w).c_str());
    }
    ImGui::EndTable();
  }
  if (r.terms.size() > r.top.size()) ImGui::Text("the other %zu terms add up to %s", r.terms.size() - r.top.size(), num(r.rest).c_str());
  ImGui::Text("bias b = %s", num(r.bias).c_str());
  ImGui::Text("z = %s", num(r.z).c_str());
  same_as_engine(r.z, r.engine_z);
  if (r.act >= 0) {
    ImGui::Text("ReLU: a = max(0, z) = %s", num(r.a).c_str());
    same_as_engine(r.a, r.engine_a);
  }

  // Backward: the chain rule, for the loss of the predicted class (as the saliency map).
  ImGui::Separator();
  const std::vector<std::string>& names = app.session.data.train.class_names;
  const std::string cls = predicted >= 0 && static_cast<size_t>(predicted) < names.size() ? names[predicted] : std::to_string(predicted);
  ImGui::Text("Backward, for the loss of class %s (the prediction):", cls.c_str());
  if (r.dl_da == 0.0f) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("\u2202L/\u2202a is 0: for this input the loss does not change through this unit (a max pool after it took another cell of its window, or the ReLUs after it are off).");
    ImGui::PopTextWrapPos();
  }
  if (r.act >= 0) {
    // The chain rule as the course writes it: the derivative of the ReLU is 1 where z > 0, else 0.
    ImGui::Text("\u2202L/\u2202a = %s", num(r.dl_da).c_str());
    ImGui::Text("\u2202L/\u2202z = \u2202L/\u2202a \u00d7 ReLU'(z) = %s \u00d7 %d = %s", num(r.dl_da).c_str(), r.z > 0 ? 1 : 0, num(r.dl_dz).c_str());
    ImGui::TextDisabled("ReLU'(z) = 1 where z > 0, and 0 where z \u2264 0");
  } else {
    ImGui::Text("\u2202L/\u2202z = %s", num(r.dl_dz).c_str());
  }
  if (r.term >= 0) {
    const UnitReport::Term& t = r.terms[r.term];
    ImGui::PushTextWrapPos(0.0f);
    ImGui::Text("The weight for the input at %s (w = %s):", input_place(r.in, t.input).c_str(), num(t.w).c_str());
    ImGui::Text("here: \u2202L/\u2202z \u00d7 x = %s \u00d7 %s = %s", num(r.dl_dz).c_str(), num(t.x).c_str(), num(r.here).c_str());
    if (r.positions > 1) {
      ImGui::Text("The same weight is used at all %d positions of this channel, so \u2202L/\u2202w adds up every position's \u2202L/\u2202z \u00d7 x:",
                  r.positions);
      ImGui::Text("\u2202L/\u2202w = %s", num(r.dw).c_str());
    } else {
      ImGui::Text("\u2202L/\u2202w = \u2202L/\u2202z \u00d7 x = %s", num(r.dw).c_str());
    }
    same_as_engine(r.dw, r.engine_dw);
    ImGui::Text("\u2202L/\u2202b = %s%s", r.positions > 1 ? "sum of \u2202L/\u2202z over the positions = " : "\u2202L/\u2202z = ", num(r.db).c_str());
    same_as_engine(r.db, r.engine_db);
    ImGui::PopTextWrapPos();
  }
}

}  // namespace dlp
