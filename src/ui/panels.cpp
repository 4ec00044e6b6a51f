// Every panel, once: its name (window title, Panels menu entry, the API's panels([...]) in any
// case), its bit in a link's `panels` mask, whether it shows, what draws it, and where it goes on
// each kind of screen. Adding a panel is its file and one row here.
#include <algorithm>
#include <cctype>

#include "ui/app.h"

namespace dlp {

const std::vector<Panel>& panels() {
  // Drawing order. Priority: where two share a slot on a small screen, the lower number shows
  // unless the other was just opened. Places are fractions of the area under the menu bar:
  //        wide (laptop)                landscape (1024x768)          portrait (768x1024)      slots (landscape, portrait)
  static const std::vector<Panel> p = {
      {"Model", 1, &App::show_model, panel_model, 3,
       {0.00f, 0.00f, 0.40f, 0.40f}, {0.40f, 0.58f, 0.60f, 0.42f}, {0.00f, 0.42f, 1.00f, 0.58f}, 2, 1},
      {"Train", 2, &App::show_train, panel_train, 2,
       {0.00f, 0.40f, 0.40f, 0.60f}, {0.00f, 0.00f, 0.40f, 1.00f}, {0.00f, 0.42f, 1.00f, 0.58f}, 0, 1},
      {"Draw", 4, &App::show_draw, panel_draw, 1,
       {0.40f, 0.00f, 0.36f, 0.57f}, {0.40f, 0.00f, 0.60f, 0.58f}, {0.00f, 0.00f, 1.00f, 0.42f}, 1, 0},
      {"Data", 8, &App::show_data, panel_data, 4,
       {0.76f, 0.00f, 0.24f, 0.57f}, {0.40f, 0.58f, 0.60f, 0.42f}, {0.00f, 0.42f, 1.00f, 0.58f}, 2, 1},
      {"Inspect", 16, &App::show_inspect, panel_inspect, 5,
       {0.40f, 0.57f, 0.60f, 0.43f}, {0.00f, 0.00f, 0.40f, 1.00f}, {0.00f, 0.42f, 1.00f, 0.58f}, 0, 1},
      {"Lessons", 32, &App::show_lessons, panel_lessons, 0,
       {0.40f, 0.00f, 0.60f, 0.57f}, {0.40f, 0.00f, 0.60f, 1.00f}, {0.00f, 0.42f, 1.00f, 0.58f}, 1, 1},
  };
  return p;
}

const Panel* find_panel(const std::string& name) {
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  for (const Panel& p : panels())
    if (lower(p.name) == lower(name)) return &p;
  return nullptr;
}

uint32_t panel_mask(const App& app) {
  uint32_t m = 0;
  for (const Panel& p : panels())
    if (app.*p.shown) m |= p.bit;
  return m;
}

void show_panels(App& app, uint32_t mask) {
  app.waiting_panels = 0;  // a new set of panels: none waits from the last one
  for (const Panel& p : panels()) app.*p.shown = (mask & p.bit) != 0;
}

std::string show_panels_named(App& app, const std::vector<std::string>& names) {
  std::string valid, unknown;
  for (const Panel& p : panels()) valid += (valid.empty() ? "" : ", ") + std::string(p.name);
  uint32_t mask = 0;
  for (const std::string& n : names) {
    if (const Panel* p = find_panel(n)) mask |= p->bit;
    else unknown += (unknown.empty() ? "\"" : ", \"") + n.substr(0, 40) + "\"";
  }
  if (!unknown.empty()) return "unknown panel " + unknown + ": the panels are " + valid;
  show_panels(app, mask);
  return "";
}

}  // namespace dlp
