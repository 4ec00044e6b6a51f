// Where each panel goes, by the kind of screen: one table each for a wide laptop screen, a
// narrower landscape one (1024x768) and a portrait tablet. The wide layout shows every panel at
// once; the smaller ones give each panel a slot and show one panel a slot, large enough that no
// control is cut off; the Panels menu brings the others (the one opened takes its slot). The
// layout is re-applied whenever the window size changes.
#include <algorithm>

#include "app/app.h"
#include "imgui.h"

namespace dlp {

namespace {
struct Rect { float x, y, w, h; };  // fractions of the area under the menu bar
enum class Screen { Wide, Landscape, Portrait };

Screen screen_kind(ImVec2 ds) {
  if (ds.x >= 1200 && ds.x >= ds.y) return Screen::Wide;
  return ds.x >= ds.y ? Screen::Landscape : Screen::Portrait;
}

struct Place { const char* name; Rect wide, landscape, portrait; int slot_landscape, slot_portrait; };
// Panels in priority order: where two share a slot, the earlier one shows unless the other was
// just opened.
const Place kPlaces[] = {
    // name       wide                         landscape (1024x768)          portrait (768x1024)         slots
    {"Lessons", {0.40f, 0.00f, 0.60f, 0.57f}, {0.40f, 0.00f, 0.60f, 1.00f}, {0.00f, 0.42f, 1.00f, 0.58f}, 1, 1},
    {"Draw",    {0.40f, 0.00f, 0.36f, 0.57f}, {0.40f, 0.00f, 0.60f, 0.58f}, {0.00f, 0.00f, 1.00f, 0.42f}, 1, 0},
    {"Train",   {0.00f, 0.40f, 0.40f, 0.60f}, {0.00f, 0.00f, 0.40f, 1.00f}, {0.00f, 0.42f, 1.00f, 0.58f}, 0, 1},
    {"Model",   {0.00f, 0.00f, 0.40f, 0.40f}, {0.40f, 0.58f, 0.60f, 0.42f}, {0.00f, 0.42f, 1.00f, 0.58f}, 2, 1},
    {"Data",    {0.76f, 0.00f, 0.24f, 0.57f}, {0.40f, 0.58f, 0.60f, 0.42f}, {0.00f, 0.42f, 1.00f, 0.58f}, 2, 1},
    {"Inspect", {0.40f, 0.57f, 0.60f, 0.43f}, {0.00f, 0.00f, 0.40f, 1.00f}, {0.00f, 0.42f, 1.00f, 0.58f}, 0, 1},
};

bool* shown(App& app, const std::string& name) {
  if (name == "Model") return &app.show_model;
  if (name == "Train") return &app.show_train;
  if (name == "Draw") return &app.show_draw;
  if (name == "Data") return &app.show_data;
  if (name == "Inspect") return &app.show_inspect;
  return &app.show_lessons;
}
}  // namespace

// Called once a frame before the panels: on small screens, one panel a slot; leaving the calm
// first view puts every panel in its place.
void arrange_panels(App& app) {
  const Screen kind = screen_kind(ImGui::GetIO().DisplaySize);
  static bool was_calm = false;
  const bool calm = kind == Screen::Wide && !app.show_model && !app.show_data && !app.show_inspect;
  if (calm != was_calm) app.relayout = true;
  was_calm = calm;
  static bool before[6] = {};
  bool now[6];
  for (int i = 0; i < 6; ++i) now[i] = *shown(app, kPlaces[i].name);
  if (kind != Screen::Wide) {
    // Lessons on a landscape screen covers the Draw slot and the Model slot below it.
    auto slot = [&](int i) { return kind == Screen::Landscape ? kPlaces[i].slot_landscape : kPlaces[i].slot_portrait; };
    auto overlaps = [&](int i, int j) {
      if (slot(i) == slot(j)) return true;
      if (kind != Screen::Landscape) return false;
      const bool li = i == 0, lj = j == 0;  // Lessons (slot 1, full height) also covers slot 2
      return (li && slot(j) == 2) || (lj && slot(i) == 2);
    };
    for (int i = 0; i < 6; ++i) {
      if (!now[i]) continue;
      for (int j = 0; j < 6; ++j) {
        if (j == i || !now[j] || !overlaps(i, j)) continue;
        const bool i_new = !before[i], j_new = !before[j];
        // The panel just opened wins; otherwise the earlier in priority.
        const bool i_wins = i_new != j_new ? i_new : i < j;
        if (i_wins) now[j] = false;
      }
    }
    for (int i = 0; i < 6; ++i) *shown(app, kPlaces[i].name) = now[i];
  }
  for (int i = 0; i < 6; ++i) before[i] = now[i];
}

void place_panel(App& app, const char* name) {
  const ImVec2 ds = ImGui::GetIO().DisplaySize;
  const float top = ImGui::GetFrameHeight() + 4, gap = 6;
  const Screen kind = screen_kind(ds);
  Rect r{0, 0, 1, 1};
  for (const Place& p : kPlaces)
    if (std::string(p.name) == name) r = kind == Screen::Wide ? p.wide : kind == Screen::Landscape ? p.landscape : p.portrait;
  // The calm view of a wide screen (the first visit's: no Model, Data or Inspect) gives Train and
  // Draw (or a lesson) the whole width, as the landscape layout does.
  const bool calm = kind == Screen::Wide && !app.show_model && !app.show_data && !app.show_inspect;
  if (calm) {
    const std::string n = name;
    if (n == "Train") r = {0.00f, 0.00f, 0.40f, 1.00f};
    if (n == "Draw") r = {0.40f, 0.00f, 0.60f, app.show_lessons ? 0.45f : 1.00f};
    if (n == "Lessons") r = {0.40f, app.show_draw ? 0.45f : 0.00f, 0.60f, app.show_draw ? 0.55f : 1.00f};
  }

  const float W = ds.x - gap, H = ds.y - top - gap;
  // On small screens panels stay in their slots (moving one would hide another); on a wide screen
  // the student may move them until the window size changes.
  const ImGuiCond cond = app.relayout || kind != Screen::Wide || calm ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
  ImGui::SetNextWindowPos(ImVec2(gap + r.x * W, top + r.y * H), cond);
  ImGui::SetNextWindowSize(ImVec2(r.w * W - gap, r.h * H - gap), cond);
}

}  // namespace dlp
