// Draw panel: a pad for mouse and touch, the 28x28 input the network really gets (MNIST
// framing), and ten probability bars updated while drawing, with a softmax temperature.
#include <algorithm>

#include "ui/a11y.h"
#include "ui/app.h"
#include "imgui.h"

namespace dlp {

static void draw_pixels(ImDrawList* dl, ImVec2 at, float cell, const uint8_t* px) {
  for (int y = 0; y < 28; ++y)
    for (int x = 0; x < 28; ++x) {
      const int v = px[y * 28 + x];
      dl->AddRectFilled(ImVec2(at.x + x * cell, at.y + y * cell), ImVec2(at.x + (x + 1) * cell, at.y + (y + 1) * cell),
                        IM_COL32(v, v, v, 255));
    }
}

static std::string class_name(const Session& s, int c) {
  return s.data.train.class_names.size() > static_cast<size_t>(c) ? s.data.train.class_names[c] : std::to_string(c);
}

// What the network makes of the drawing, in words: "Reads as 7, 92% sure; next 1, 5%.", or when
// it is not sure (read_probabilities) "Not sure: 1 or 7? 1 55%, 7 38%."
std::string drawing_answer(const Session& s) {
  const Reading r = read_probabilities(s.pad.probs, 10);
  const std::string a = class_name(s, r.top), b = class_name(s, r.second);
  const double pa = 100.0 * s.pad.probs[r.top], pb = 100.0 * s.pad.probs[r.second];
  char out[200];
  if (r.sure) std::snprintf(out, sizeof out, "Reads as %s, %.0f%% sure; next %s, %.0f%%.", a.c_str(), pa, b.c_str(), pb);
  else std::snprintf(out, sizeof out, "Not sure: %s or %s? %s %.0f%%, %s %.0f%%.", a.c_str(), b.c_str(), a.c_str(), pa, b.c_str(), pb);
  return out;
}

void panel_draw(App& app) {
  Session& s = app.session;
  place_panel(app, "Draw");
  if (!ImGui::Begin("Draw", &app.show_draw)) { ImGui::End(); app.pad = {}; return; }

  bool changed = false;
  if (ImGui::Button("Clear")) { ++app.clicks; s.pad.clear(); changed = true; }
  note_widget(app, "clear", "Wipe the pad and start a new drawing.");
  ImGui::SameLine();
  if (ImGui::Button("Undo") && !s.pad.strokes.empty()) { ++app.clicks; s.pad.strokes.pop_back(); changed = true; }
  note_widget(app, "undo", "Take back the last stroke.");
  // A test digit by its number, for those who draw with neither a mouse nor a finger.
  if (s.data.test.available > 0) {
    static int pick = 0;
    const float field_w = ImGui::GetFontSize() * 6;
    same_line_if_fits(label_width(field_w, "test digit"));
    ImGui::SetNextItemWidth(field_w);
    a11y::InputInt("test digit", &pick, 1, 100);
    pick = std::clamp(pick, 0, static_cast<int>(s.data.test.available) - 1);
    note_widget(app, "pick-digit", "The number of a test digit (0 to 9,999) to show on the pad instead of a drawing.");
    same_line_if_button_fits("Show");
    if (ImGui::Button("Show")) { ++app.clicks; s.pad.pick(s.data.test.image(static_cast<size_t>(pick)), pick); changed = true; }
    note_widget(app, "show-digit", "Show that test digit on the pad: the network reads it as it reads a drawing.");
  }
  // The pen's two sliders: on the same row as what came before when it has room for them and their
  // labels, else below.
  auto pen_sliders = [&] {
    const float slider_w = ImGui::GetFontSize() * 6;
    same_line_if_fits(label_width(slider_w, "stroke"));
    ImGui::SetNextItemWidth(slider_w);
    changed |= a11y::SliderFloat("stroke", &s.pad.stroke_width, 0.03f, 0.15f, "%.2f");
    note_widget(app, "stroke", "Pen width, as a fraction of the pad.");
    same_line_if_fits(label_width(slider_w, "temperature"));
    ImGui::SetNextItemWidth(slider_w);
    changed |= a11y::SliderFloat("temperature", &s.pad.temperature, 0.1f, 10.0f, "%.2f", ImGuiSliderFlags_Logarithmic);
    note_widget(app, "temperature", "Softmax temperature: the scores are divided by it before softmax. Below 1 the network looks "
                                    "surer, above 1 less sure; the prediction itself does not change.");
  };
  // A narrow panel (a phone, a small iframe) puts the pad first with the answer and the input
  // beside it, the ten bars under it and the pen's sliders last; a wide one has the sliders on top
  // and a column of answer, input and bars beside the pad.
  const float bars_w = 176, column_w = 92;
  const bool narrow = ImGui::GetContentRegionAvail().x < 120 + bars_w + ImGui::GetStyle().ItemSpacing.x;
  if (!narrow) pen_sliders();

  const float beside = (narrow ? column_w : bars_w) + (narrow ? ImGui::GetStyle().ItemSpacing.x : 0);
  const float side = std::max(120.0f, std::min(ImGui::GetContentRegionAvail().x - beside, ImGui::GetContentRegionAvail().y - 4));
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("pad", ImVec2(side, side));
  a11y::control("img", s.pad.picked >= 0 ? "Drawing pad, showing test digit " + std::to_string(s.pad.picked)
                       : s.pad.strokes.empty() ? std::string("Drawing pad, empty: draw a digit with the mouse or a finger, or show a test digit by its number")
                                               : "Drawing pad, with your drawing of " + std::to_string(s.pad.strokes.size()) + " strokes");
  app.pad = {p0.x, p0.y, side, side};
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, ImVec2(p0.x + side, p0.y + side), IM_COL32(0, 0, 0, 255));
  dl->AddRect(p0, ImVec2(p0.x + side, p0.y + side), IM_COL32(120, 120, 130, 255));

  const ImVec2 m = ImGui::GetIO().MousePos;
  const PadPoint pt{std::clamp((m.x - p0.x) / side, 0.0f, 1.0f), std::clamp((m.y - p0.y) / side, 0.0f, 1.0f)};
  if (ImGui::IsItemActivated()) { s.pad.strokes.push_back({pt}); app.drawing = true; changed = true; }
  if (app.drawing && ImGui::IsItemActive() && !s.pad.strokes.empty()) {
    Stroke& st = s.pad.strokes.back();
    const PadPoint& last = st.back();
    if (std::abs(last.x - pt.x) + std::abs(last.y - pt.y) > 0.004f) { st.push_back(pt); changed = true; }
  }
  if (!ImGui::IsItemActive()) app.drawing = false;
  if (changed) { s.update_drawing(); changed = false; }

  const float thick = s.pad.stroke_width * side;
  for (const Stroke& st : s.pad.strokes) {
    for (size_t i = 0; i + 1 < st.size(); ++i)
      dl->AddLine(ImVec2(p0.x + st[i].x * side, p0.y + st[i].y * side), ImVec2(p0.x + st[i + 1].x * side, p0.y + st[i + 1].y * side),
                  IM_COL32_WHITE, thick);
    for (const PadPoint& q : st) dl->AddCircleFilled(ImVec2(p0.x + q.x * side, p0.y + q.y * side), thick * 0.5f, IM_COL32_WHITE);
  }
  if (s.pad.picked >= 0) {
    draw_pixels(dl, p0, side / 28, s.pad.pixels);
    dl->AddText(ImVec2(p0.x + 6, p0.y + 4), IM_COL32(140, 140, 150, 255), ("test digit " + std::to_string(s.pad.picked)).c_str());
  } else if (s.pad.strokes.empty()) {
    dl->AddText(ImVec2(p0.x + 10, p0.y + 10), IM_COL32(140, 140, 150, 255), "Draw a digit here");
  }

  // Right column: the network's answer first (in view however short the panel: a phone, a course
  // page's iframe), then the input it really got and the ten probabilities.
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(4, 2));
  const Reading reading = read_probabilities(s.pad.probs, 10);
  if (s.pad.blank) {
    if (narrow) ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column_w - 8);
    ImGui::TextDisabled("the answer shows here");
    if (narrow) ImGui::PopTextWrapPos();
  } else if (reading.sure) {
    ImGui::SetWindowFontScale(1.5f);
    ImGui::TextColored(ImVec4(0.47f, 0.9f, 0.47f, 1), "%s", class_name(s, reading.top).c_str());
    ImGui::SetWindowFontScale(1.0f);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::Text(narrow ? "%.0f%%" : "%.0f%% sure", 100.0 * s.pad.probs[reading.top]);
  } else {  // not sure: the two it hesitates between, in amber, instead of a confident wrong answer
    const std::string both = class_name(s, reading.top) + " or " + class_name(s, reading.second) + "?";
    ImGui::SetWindowFontScale(both.size() > 8 ? 1.0f : 1.5f);  // Fashion-MNIST's names are long
    ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.35f, 1), "%s", both.c_str());
    ImGui::SetWindowFontScale(1.0f);
    if (!narrow || both.size() > 8) {
      ImGui::SameLine();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted("not sure");
    }
  }
  note_widget(app, "readout:prediction");  // a readout, not a control
  a11y::text(s.pad.blank ? "Nothing drawn yet." : drawing_answer(s));
  ImGui::TextUnformatted(narrow ? "input 28x28" : "network input 28x28");
  const ImVec2 q = ImGui::GetCursorScreenPos();
  const float cell = narrow ? 3.0f : 4.0f;
  draw_pixels(dl, q, cell, s.pad.pixels);
  ImGui::Dummy(ImVec2(28 * cell, 28 * cell));
  if (narrow) {
    ImGui::PopStyleVar();
    ImGui::EndGroup();
    ImGui::BeginGroup();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(4, 2));
  }
  const float bar_w = narrow ? std::max(60.0f, ImGui::GetContentRegionAvail().x - 34) : 136;
  for (int c = 0; c < 10; ++c) {
    const bool top = !s.pad.blank && reading.sure && c == reading.top;
    const bool hesitates = !s.pad.blank && !reading.sure && (c == reading.top || c == reading.second);
    // Fills dark enough for the white percentage over them (4.5:1 at least): the answer green, the
    // two it is not sure between amber.
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, top ? IM_COL32(30, 130, 60, 255) : hesitates ? IM_COL32(140, 75, 0, 255) : IM_COL32(40, 90, 170, 255));
    char label[48];
    std::snprintf(label, sizeof label, "%.1f%%", 100.0 * s.pad.probs[c]);
    ImGui::TextUnformatted(class_name(s, c).c_str());
    ImGui::SameLine(0, 6);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, 24 - ImGui::GetItemRectSize().x));
    ImGui::ProgressBar(s.pad.probs[c], ImVec2(bar_w, ImGui::GetTextLineHeight() + 2), label);
    ImGui::PopStyleColor();
  }
  // Rewound (the Train panel's step slider): the prediction is the past model's.
  if (s.rewind.showing())
    ImGui::TextColored(ImVec4(1, 0.8f, 0.4f, 1), "model at step %llu", static_cast<unsigned long long>(s.rewind.shown_step()));
  ImGui::PopStyleVar();
  ImGui::EndGroup();
  if (narrow) pen_sliders();
  if (changed) s.update_drawing();
  ImGui::End();
}

}  // namespace dlp
