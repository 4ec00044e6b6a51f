// The course path: lesson texts (assets/lessons, embedded at /lessons), progress, and one
// interactive widget per lesson (lesson_widgets.cpp).
#pragma once
#include <string>
#include <vector>

namespace dlp {

struct App;

struct Lesson {
  std::string title, try_link, body;
};

// Reads /lessons/*.md in name order.
std::vector<Lesson> load_lessons(const std::string& dir);
// Draws lesson i's widget (0-based).
void lesson_widget(App& app, int i);

}  // namespace dlp
