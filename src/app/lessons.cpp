#include "app/lessons.h"

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

}  // namespace dlp
