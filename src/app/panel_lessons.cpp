// Lessons panel: the course as a path of short lessons, each with its text, a live widget and
// "Try it", which opens the lesson's demo as a share link would. Progress is kept in the
// browser and travels in share links.
#include <cstdio>

#include "app/app.h"
#include "app/lessons.h"
#include "app/storage.h"
#include "imgui.h"

namespace dlp {

void save_lesson_progress(const App& app) {
  std::vector<uint8_t> b(4);
  for (int k = 0; k < 4; ++k) b[k] = static_cast<uint8_t>(app.lessons_done >> (8 * k));
  storage_save("dlp.lessons.v1", b);
}

void load_lesson_progress(App& app) {
  std::vector<uint8_t> b;
  if (storage_load("dlp.lessons.v1", &b) && b.size() == 4)
    app.lessons_done = b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<uint32_t>(b[3]) << 24);
}

void open_lesson_demo(App& app, const std::string& link) {
  load_link(app, link);
  app.show_lessons = true;
}

void panel_lessons(App& app) {
  static std::vector<Lesson> lessons = load_lessons("/lessons");
  place_panel(app, "Lessons");
  if (!ImGui::Begin("Lessons", &app.show_lessons)) { ImGui::End(); return; }
  if (lessons.empty()) { ImGui::TextDisabled("No lessons found."); ImGui::End(); return; }
  int& cur = app.lesson;  // 1-based, as in links
  if (cur < 1 || cur > static_cast<int>(lessons.size())) cur = 1;

  // The path as a list of whole titles (a combo opens as wide as its longest title) with previous /
  // next, so the lesson itself has the window's full width.
  char current[160];
  std::snprintf(current, sizeof current, "%s %d. %s", (app.lessons_done >> (cur - 1)) & 1 ? "[x]" : "[ ]", cur, lessons[cur - 1].title.c_str());
  if (ImGui::ArrowButton("prev", ImGuiDir_Left) && cur > 1) --cur;
  note_widget(app, "lesson-prev", "The previous lesson.");
  ImGui::SameLine();
  if (ImGui::ArrowButton("next", ImGuiDir_Right) && cur < static_cast<int>(lessons.size())) ++cur;
  note_widget(app, "lesson-next", "The next lesson.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##lesson", current, ImGuiComboFlags_HeightLargest)) {
    for (size_t i = 0; i < lessons.size(); ++i) {
      char label[160];
      std::snprintf(label, sizeof label, "%s %2zu. %s", (app.lessons_done >> i) & 1 ? "[x]" : "[ ]", i + 1, lessons[i].title.c_str());
      if (ImGui::Selectable(label, cur == static_cast<int>(i) + 1, 0, ImVec2(0, touch_screen() ? ImGui::GetFrameHeight() : 0)))
        cur = static_cast<int>(i) + 1;
      note_widget(app, "lesson:" + std::to_string(i + 1));
    }
    ImGui::EndCombo();
  }
  note_widget(app, "lesson-list", "All lessons, [x] for those you marked done.");
  // Wide widgets (several plots side by side) scroll sideways rather than being cut off.
  ImGui::BeginChild("lesson", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_AlwaysVerticalScrollbar);
  const Lesson& l = lessons[cur - 1];
  ImGui::PushTextWrapPos(0.0f);
  ImGui::Text("%d. %s", cur, l.title.c_str());
  ImGui::PopTextWrapPos();
  // The buttons sit above the text so they stay in view however long the lesson is.
  // Try it opens the lesson's demo; it asks before it replaces a trained model, and a teacher's
  // locked link keeps its demo.
  if (!l.try_link.empty()) {
    if (app.locked) ImGui::BeginDisabled();
    if (ImGui::Button("Try it")) {
      ++app.clicks;
      if (app.session.steps() > 0) { app.pending_try = l.try_link; app.confirm_try = true; }
      else open_lesson_demo(app, l.try_link);
    }
    note_widget(app, "lesson-try");
    if (app.locked) {
      ImGui::EndDisabled();
      if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("The teacher's link locks this demo: Try it is off.");
    }
  }
  ImGui::SameLine();
  if (ImGui::Button(cur < static_cast<int>(lessons.size()) ? "Done: next lesson" : "Done")) {
    ++app.clicks;
    app.lessons_done |= 1u << (cur - 1);
    save_lesson_progress(app);
    if (cur < static_cast<int>(lessons.size())) ++cur;
  }
  note_widget(app, "lesson-done");
  ImGui::SameLine();
  int done = 0;
  for (size_t i = 0; i < lessons.size(); ++i) done += (app.lessons_done >> i) & 1;
  ImGui::TextDisabled("%d of %zu done", done, lessons.size());
  ImGui::Separator();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(l.body.c_str());
  ImGui::PopTextWrapPos();
  ImGui::Separator();
  ImGui::PushTextWrapPos(0.0f);  // every line of a widget's text wraps at the window's edge
  lesson_widget(app, cur - 1);
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace dlp
