// The course path: lesson texts (assets/lessons, embedded at /lessons), progress, and one
// interactive widget per lesson (lesson_widgets.cpp).
//
// A lesson is the file NN-<id>.md: NN orders the path, <id> names the lesson for good (in links,
// "lesson=normalization", and in the progress a browser keeps), so a lesson can be inserted or
// moved by renaming its number alone. Adding a lesson: docs/development.md, "Adding a lesson".
#pragma once
#include <string>
#include <vector>

namespace dlp {


struct Lesson {
  std::string id, title, try_link, body;
};

// The panels a lesson's text sends the student to ("in the Train panel", "under Inspect > Weights"),
// by name, in the order of the panels' table (Model, Train, Draw, Data, Inspect).
std::vector<std::string> panels_a_lesson_uses(const std::string& body);
// Reads <dir>/*.md in name order.
std::vector<Lesson> load_lessons(const std::string& dir);
// The lesson with this id, or -1.
int find_lesson(const std::vector<Lesson>& lessons, const std::string& id);
// Links made before lessons had ids numbered them 1..17 in the order of that time: the id each
// number meant, or null. Those numbers never change meaning.
const char* legacy_lesson_id(int number);
// A lesson id is lower-case letters, digits and '-', 1 to 40 of them, beginning with a letter.
bool valid_lesson_id(const std::string& id);

}  // namespace dlp
