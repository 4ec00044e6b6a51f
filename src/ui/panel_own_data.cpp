// "Your own data": label what you drew and add it to the training set, see and remove your
// examples, load digits from PNG or IDX files. Kept in the browser across reloads; each of your
// examples counts `weight` times in the loss, so a handful can matter next to 60,000.
#include <cstdio>

#include "ui/a11y.h"
#include "ui/app.h"
#include "ui/heatmap.h"
#include "ui/browser.h"
#include "imgui.h"

namespace dlp {

void save_own(Session& s) { storage_save("dlp.own-digits.v1", s.own.bytes()); }

void load_own(Session& s) {
  std::vector<uint8_t> b;
  if (storage_load("dlp.own-digits.v1", &b) && !s.own.from_bytes(b)) s.say(Topic::Own, "Stored examples were unreadable and were ignored.");
  s.own.changed();
}

// Drawn inside the Data panel, as its second tab.
void panel_own_data(App& app) {
  Session& s = app.session;

  static int label = 0;
  ImGui::TextUnformatted("label:");
  for (int c = 0; c < 10; ++c) {
    if (c != 5) ImGui::SameLine();
    else ImGui::Indent(ImGui::CalcTextSize("label: ").x);
    char t[4];
    std::snprintf(t, sizeof t, "%d", c);
    ImGui::RadioButton(t, &label, c);
    a11y::checked(label == c, true);
    note_widget(app, std::string("own-label:") + t);
  }
  ImGui::Unindent(ImGui::CalcTextSize("label: ").x);
  bool changed = false;
  if (s.pad.blank) ImGui::BeginDisabled();
  if (ImGui::Button("Add my drawing")) {
    ++app.clicks;
    Fact why;
    if (!s.own.add(s.pad.pixels, static_cast<uint8_t>(label), &why)) {
      s.say(Topic::Own, "Not added: " + words(why) + ".");
    } else {
      s.say(Topic::Own, "Added a " + std::to_string(label) + ".");
      s.pad.clear();
      s.update_drawing();
      changed = true;
    }
  }
  note_widget(app, "own-add");
  if (s.pad.blank) ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Load PNG / IDX...")) { ++app.clicks; open_file_picker(label); }
  note_widget(app, "own-load");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("PNG: one digit per image, any size, light or dark background; a file named like 7.png or 7_x.png\n"
                      "is labelled 7, others take the label above. IDX: images (N,28,28), labelled by a labels IDX picked\n"
                      "together with it, or by the label above.");
  ImGui::SetNextItemWidth(120);
  if (a11y::SliderFloat("weight each", &s.own.weight, 1.0f, 100.0f, "%.0fx", ImGuiSliderFlags_Logarithmic)) s.own.changed();
  const std::string own = words(s.told(Topic::Own));
  if (!own.empty()) ImGui::TextWrapped("%s", own.c_str());
  ImGui::Text("%zu examples of your own", s.own.size());
  ImGui::SameLine();
  if (s.own.size() && small_button("remove all")) { s.own.clear(); changed = true; }

  ImGui::BeginChild("own-grid");
  static float img[784];
  int remove = -1;
  const int per_row = std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().x / 52));
  for (size_t i = 0; i < s.own.size(); ++i) {
    for (int p = 0; p < 784; ++p) img[p] = s.own.set.image(i)[p] / 255.0f;
    char slot[32];
    std::snprintf(slot, sizeof slot, "own:%zu", i);
    if (i % per_row) ImGui::SameLine();
    heatmap(slot, img, 28, 28, ImVec2(48, 48), Colormap::Sequential, 1.0f);
    const ImVec2 a = ImGui::GetItemRectMin();
    char t[8];
    std::snprintf(t, sizeof t, "%d", s.own.set.labels[i]);
    ImGui::GetWindowDrawList()->AddText(ImVec2(a.x + 2, a.y), IM_COL32(150, 200, 255, 255), t);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("labelled %d: click to remove", s.own.set.labels[i]);
    if (ImGui::IsItemClicked()) remove = static_cast<int>(i);
  }
  ImGui::EndChild();
  if (remove >= 0) { s.own.remove(static_cast<size_t>(remove)); changed = true; }
  if (changed) { s.own.changed(); save_own(s); }
}

}  // namespace dlp
