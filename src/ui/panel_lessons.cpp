// Lessons panel: the course as a path of short lessons, each with its text, a live widget and
// "Try it", which opens the lesson's demo as a share link would. Progress is kept in the
// browser and travels in share links.
#include <algorithm>
#include <cstdio>

#include "course/lessons.h"
#include "engine/bytes.h"
#include "ui/a11y.h"
#include "ui/app.h"
#include "ui/browser.h"
#include "imgui.h"

namespace dlp {

const std::vector<Lesson>& course() {
  static const std::vector<Lesson> lessons = load_lessons("/lessons");
  return lessons;
}

bool lesson_done(const App& app, const std::string& id) {
  return std::binary_search(app.lessons_done.begin(), app.lessons_done.end(), id);
}

void mark_lesson_done(App& app, const std::string& id) {
  auto at = std::lower_bound(app.lessons_done.begin(), app.lessons_done.end(), id);
  if (at == app.lessons_done.end() || *at != id) app.lessons_done.insert(at, id);
}

// Progress in the browser: the ids of the lessons done, one per line ("dlp.lessons.v2"). The
// first version kept a 32-bit mask of lesson numbers; it is read once and rewritten as ids.
void save_lesson_progress(const App& app) {
  std::string text;
  for (const auto& id : app.lessons_done) text += id + "\n";
  storage_save("dlp.lessons.v2", std::vector<uint8_t>(text.begin(), text.end()));
}

void load_lesson_progress(App& app) {
  std::vector<uint8_t> b;
  if (storage_load("dlp.lessons.v2", &b)) {
    std::string id;
    for (uint8_t c : b) {
      if (c != '\n') { id += static_cast<char>(c); continue; }
      if (valid_lesson_id(id)) mark_lesson_done(app, id);
      id.clear();
    }
  } else if (storage_load("dlp.lessons.v1", &b) && b.size() == 4) {
    const uint64_t mask = get_le(b.data(), 4);
    for (int i = 0; i < 32; ++i)
      if ((mask >> i) & 1) { if (const char* id = legacy_lesson_id(i + 1)) mark_lesson_done(app, id); }
    save_lesson_progress(app);
  }
}

void open_lesson_demo(App& app, const std::string& link) {
  load_link(app, link);
  app.show_lessons = true;
}

void panel_lessons(App& app) {
  const std::vector<Lesson>& lessons = course();
  place_panel(app, "Lessons");
  if (!ImGui::Begin("Lessons", &app.show_lessons)) { ImGui::End(); return; }
  if (lessons.empty()) { ImGui::TextDisabled("No lessons found."); ImGui::End(); return; }
  // 1-based position on the path; the lesson itself is kept (and linked) by its id.
  const bool known = find_lesson(lessons, app.lesson) >= 0;
  const int shown = known ? find_lesson(lessons, app.lesson) + 1 : 1;
  int cur = shown;

  // The path as a list of whole titles (a combo opens as wide as its longest title) with previous /
  // next, so the lesson itself has the window's full width.
  char current[160];
  std::snprintf(current, sizeof current, "%s %d. %s", lesson_done(app, lessons[cur - 1].id) ? "[x]" : "[ ]", cur, lessons[cur - 1].title.c_str());
  if (ImGui::ArrowButton("prev", ImGuiDir_Left) && cur > 1) --cur;
  a11y::name("Previous lesson");
  note_widget(app, "lesson-prev", "The previous lesson.");
  ImGui::SameLine();
  if (ImGui::ArrowButton("next", ImGuiDir_Right) && cur < static_cast<int>(lessons.size())) ++cur;
  a11y::name("Next lesson");
  note_widget(app, "lesson-next", "The next lesson.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  if (a11y::BeginCombo("##lesson", current, ImGuiComboFlags_HeightLargest)) {
    for (size_t i = 0; i < lessons.size(); ++i) {
      char label[160];
      std::snprintf(label, sizeof label, "%s %2zu. %s", lesson_done(app, lessons[i].id) ? "[x]" : "[ ]", i + 1, lessons[i].title.c_str());
      if (ImGui::Selectable(label, cur == static_cast<int>(i) + 1, 0, ImVec2(0, touch_screen() ? ImGui::GetFrameHeight() : 0)))
        cur = static_cast<int>(i) + 1;
      a11y::option(cur == static_cast<int>(i) + 1);
      note_widget(app, "lesson:" + std::to_string(i + 1));
    }
    ImGui::EndCombo();
  }
  note_widget(app, "lesson-list", "All lessons, [x] for those you marked done.");
  // Wide widgets (several plots side by side) scroll sideways rather than being cut off.
  if (cur != shown || !known) app.lesson = lessons[cur - 1].id;
  ImGui::BeginChild("lesson", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_AlwaysVerticalScrollbar);
  const Lesson& l = lessons[cur - 1];
  // Text wraps at the visible right edge (left of the scrollbar), not at the content's: a widget
  // wider than a narrow panel scrolls sideways without taking the text with it.
  const float text_right = ImGui::GetWindowWidth() - ImGui::GetStyle().ScrollbarSize - 1;
  ImGui::PushTextWrapPos(text_right);
  ImGui::Text("%d. %s", cur, l.title.c_str());
  ImGui::PopTextWrapPos();
  // The buttons sit above the text so they stay in view however long the lesson is.
  // Try it opens the lesson's demo; it asks before it replaces a trained model, and a teacher's
  // locked link keeps its demo.
  if (!l.try_link.empty()) {
    if (app.locked) ImGui::BeginDisabled();
    if (ImGui::Button("Try it")) {
      ++app.clicks;
      if (app.session.steps() > 0) { app.pending_try = lesson_try_link(l); app.confirm_try = true; }
      else open_lesson_demo(app, lesson_try_link(l));
    }
    note_widget(app, "lesson-try");
    if (app.locked) {
      ImGui::EndDisabled();
      if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("The teacher's link locks this demo: Try it is off.");
    }
  }
  // Each on the same row while it fits: on a narrow panel (a phone, a small iframe) the row wraps
  // rather than pushing the lesson's text past the window's edge.
  const char* done_label = cur < static_cast<int>(lessons.size()) ? "Done: next lesson" : "Done";
  same_line_if_button_fits(done_label);
  if (ImGui::Button(done_label)) {
    ++app.clicks;
    mark_lesson_done(app, l.id);
    save_lesson_progress(app);
    if (cur < static_cast<int>(lessons.size())) app.lesson = lessons[cur].id;
  }
  note_widget(app, "lesson-done");
  int done = 0;
  for (const Lesson& k : lessons) done += lesson_done(app, k.id);
  char count[40];
  std::snprintf(count, sizeof count, "%d of %zu done", done, lessons.size());
  same_line_if_fits(ImGui::CalcTextSize(count).x);
  ImGui::TextDisabled("%s", count);
  // The panels the text sends the student to, one tap away when they are not shown (a phone, a
  // teacher's link that showed only Draw and Lessons).
  for (const std::string& name : panels_a_lesson_uses(l.body)) {
    const Panel* p = find_panel(name);
    if (!p || app.*p->shown) continue;
    same_line_if_button_fits(("Open " + name).c_str());
    if (ImGui::Button(("Open " + name).c_str())) { ++app.clicks; app.*p->shown = true; }
    note_widget(app, "open-panel:" + name, "The lesson uses this panel: show it.");
  }
  ImGui::Separator();
  ImGui::PushTextWrapPos(text_right);
  ImGui::TextUnformatted(l.body.c_str());
  ImGui::PopTextWrapPos();
  note_widget(app, "readout:lesson-text");
  a11y::text(l.body);
  ImGui::Separator();
  ImGui::PushTextWrapPos(text_right);  // every line of a widget's text wraps at the window's edge
  ImGui::BeginGroup();
  lesson_widget(app, l);
  ImGui::EndGroup();
  ImGui::PopTextWrapPos();
  note_widget(app, "readout:lesson-widget");
  {  // what the widget shows, with its numbers, as text
    std::string shown;
    for (const std::string& line : app.lesson_readout) shown += (shown.empty() ? "" : "\n") + line;
    a11y::text(shown);
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace dlp
