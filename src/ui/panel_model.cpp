// Model panel: the spec as text (errors shown at their position), presets, and the table of
// layers with their inferred shapes, parameters and FLOPs.
#include <algorithm>
#include <cstdio>

#include "data/augment.h"
#include "ui/a11y.h"
#include "ui/app.h"
#include "imgui.h"

namespace dlp {

static int text_callback(ImGuiInputTextCallbackData* d) {
  auto* s = static_cast<std::string*>(d->UserData);
  if (d->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    s->resize(d->BufTextLen);
    d->Buf = s->data();
  }
  return 0;
}

bool input_string(const char* label, std::string* s, int flags) {
  if (s->capacity() < 16) s->reserve(16);
  const bool changed = ImGui::InputText(label, s->data(), s->capacity() + 1, flags | ImGuiInputTextFlags_CallbackResize, text_callback, s);
  return a11y::text_field(s) || changed;
}

static void layer_table(const Session& s);

void panel_model(App& app) {
  Session& s = app.session;
  place_panel(app, "Model");
  if (!ImGui::Begin("Model", &app.show_model)) { ImGui::End(); return; }

  if (!app.locked && !app.hides("presets")) {
  ImGui::TextUnformatted("Presets:");
  for (const Preset& p : presets()) {
    same_line_if_fits(ImGui::CalcTextSize(p.name).x + 2 * ImGui::GetStyle().FramePadding.x);  // the row wraps
    if (small_button(p.name)) { ++app.clicks; request_spec(app, p.spec, &p.train); }
    note_widget(app, std::string("preset:") + p.name);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s\n%s\nTrains with %s, momentum %g, learning rate %g times %g every %d steps%s.", p.title, p.spec,
                        p.train.optimizer == OptimizerKind::Adam ? "Adam" : "SGD", static_cast<double>(p.train.momentum), static_cast<double>(p.train.lr), static_cast<double>(p.train.lr_decay),
                        p.train.decay_steps, p.train.augment && presets_augment(app.session.data.name) ? ", on augmented images" : "");
  }
  }
  if (app.locked) {
    // A teacher locked the model in the link: the spec is shown, not edited.
    ImGui::TextDisabled("model (locked by the link):");
    ImGui::TextWrapped("%s", s.draft.text.c_str());
  } else {
    ImGui::SetNextItemWidth(-70);
    const bool enter = input_string("##spec", &app.spec_edit, ImGuiInputTextFlags_EnterReturnsTrue);
    note_widget(app, "spec-input");
    ImGui::SameLine();
    if (ImGui::Button("Apply") || enter) { ++app.clicks; request_spec(app, app.spec_edit); }
    note_widget(app, "apply");
  }

  if (!s.draft.ok && s.draft.error.pos == std::string::npos) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 120, 110, 255));
    ImGui::TextWrapped("The model as a whole: %s", s.draft.error.message.c_str());
    ImGui::PopStyleColor();
    if (s.model) ImGui::TextDisabled("The model below is the last valid one: %s", spec_to_string(s.draft.spec).c_str());
  } else if (!s.draft.ok) {
    // Point at the error: the text up to the error position, then a caret.
    const std::string& t = s.draft.text;
    const size_t at = s.draft.error.pos < t.size() ? s.draft.error.pos : t.size();
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 120, 110, 255));
    ImGui::TextWrapped("Error at character %zu: %s", at + 1, s.draft.error.message.c_str());
    ImGui::TextUnformatted(t.c_str());
    const float caret_x = ImGui::CalcTextSize(t.c_str(), t.c_str() + at).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + caret_x);
    ImGui::TextUnformatted("^");
    ImGui::PopStyleColor();
    if (s.model) ImGui::TextDisabled("The model below is the last valid one: %s", spec_to_string(s.draft.spec).c_str());
  }

  if (ImGui::BeginTabBar("model-tabs")) {
    if (tab_item(app, "Layers", "layers")) {
      layer_table(s);
      ImGui::EndTabItem();
    }
    if (!app.locked && tab_item(app, "Edit", "edit")) {
      ImGui::BeginChild("editor");
      layer_editor(app);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

static void layer_table(const Session& s) {
  const float table_h = std::max(60.0f, ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing() * 2.2f);
  if (ImGui::BeginTable("layers", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY, ImVec2(0, table_h))) {
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 24);
    ImGui::TableSetupColumn("layer");
    ImGui::TableSetupColumn("output");
    ImGui::TableSetupColumn("parameters");
    ImGui::TableSetupColumn("MFLOPs");
    ImGui::TableHeadersRow();
    a11y::table_row({"#", "layer", "output", "parameters", "MFLOPs"}, true);
    ImGui::TableNextRow();
    ImGui::TableNextColumn(); ImGui::TextUnformatted("");
    ImGui::TableNextColumn(); ImGui::TextDisabled("input (%s)", s.data.name.c_str());
    ImGui::TableNextColumn(); ImGui::Text("%s", s.data.train.shape.str().c_str());
    ImGui::TableNextColumn(); ImGui::TableNextColumn();
    a11y::table_row({"", "input (" + s.data.name + ")", s.data.train.shape.str(), "", ""});
    for (size_t i = 0; i < s.draft.info.layers.size(); ++i) {
      const LayerInfo& l = s.draft.info.layers[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn(); ImGui::Text("%zu", i);
      ImGui::TableNextColumn(); ImGui::TextUnformatted(l.name.c_str());
      ImGui::TableNextColumn(); ImGui::Text("%s", l.out.str().c_str());
      ImGui::TableNextColumn(); ImGui::Text("%zu", l.params);
      ImGui::TableNextColumn(); ImGui::Text("%.3f", l.flops / 1e6);
      char flops[32];
      std::snprintf(flops, sizeof flops, "%.3f", l.flops / 1e6);
      a11y::table_row({std::to_string(i), l.name, l.out.str(), std::to_string(l.params), flops});
    }
    ImGui::EndTable();
  }
  ImGui::TextWrapped("Total: %zu parameters, %.2f MFLOPs forward per example, %.1f KB of activations per example", s.draft.info.params,
              s.draft.info.flops / 1e6, s.draft.info.activation_floats * 4 / 1024.0);
  // Before the first step: how long one will take, so a model too slow for a browser is seen as such.
  const double est = s.estimated_step_ms();
  if (est > 250)
    ImGui::TextColored(ImVec4(1, 0.6f, 0.4f, 1), "Too slow for a page: about %.1f s per training step at batch %d. Use less depth, stride 2, or a smaller batch.",
                       est / 1000, s.batch);
}

}  // namespace dlp
