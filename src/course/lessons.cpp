#include "course/lessons.h"

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace dlp {

std::vector<Lesson> load_lessons(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      const std::string n = e->d_name;
      if (n.size() > 3 && n.compare(n.size() - 3, 3, ".md") == 0) names.push_back(n);
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  std::vector<Lesson> out;
  for (const auto& n : names) {
    std::ifstream f(dir + "/" + n);
    Lesson l;
    // "05-normalization.md" -> "normalization"
    const size_t dash = n.find('-');
    l.id = n.substr(dash == std::string::npos ? 0 : dash + 1, n.size() - 3 - (dash == std::string::npos ? 0 : dash + 1));
    std::string line;
    std::stringstream body;
    while (std::getline(f, line)) {
      if (l.title.empty() && line.rfind("# ", 0) == 0) l.title = line.substr(2);
      else if (l.try_link.empty() && line.rfind("try: ", 0) == 0) l.try_link = line.substr(5);
      else body << line << "\n";
    }
    l.body = body.str();
    while (!l.body.empty() && (l.body[0] == '\n')) l.body.erase(0, 1);
    out.push_back(l);
  }
  return out;
}

std::vector<std::string> panels_a_lesson_uses(const std::string& body) {
  std::vector<std::string> out;
  for (const char* name : {"Model", "Train", "Draw", "Data", "Inspect"}) {
    const std::string n = name;
    if (body.find(n + " panel") != std::string::npos || body.find(n + " >") != std::string::npos) out.push_back(n);
  }
  return out;
}

int find_lesson(const std::vector<Lesson>& lessons, const std::string& id) {
  for (size_t i = 0; i < lessons.size(); ++i)
    if (lessons[i].id == id) return static_cast<int>(i);
  return -1;
}

const char* legacy_lesson_id(int number) {
  static const char* ids[] = {"softmax", "cross-entropy", "logistic", "numerical-stability", "normalization", "initialization",
                              "sgd", "relu", "backprop", "deeper-wider", "l2", "dropout", "invariance", "convnets",
                              "pooling", "one-by-one", "inception"};
  return number >= 1 && number <= 17 ? ids[number - 1] : nullptr;
}

bool valid_lesson_id(const std::string& id) {
  if (id.empty() || id.size() > 40 || !(id[0] >= 'a' && id[0] <= 'z')) return false;  // a number is an old link's
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

}  // namespace dlp
