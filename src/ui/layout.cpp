// Where each panel goes, by the kind of screen: one table each for a wide laptop screen, a
// narrower landscape one (1024x768) and a portrait tablet. The wide layout shows every panel at
// once (with a lesson beside them, Draw, Data and Inspect take turns under it); the smaller ones
// give each panel a slot and show one panel a slot, large enough that no control is cut off; the
// Panels menu brings the others (the one opened takes its slot). The layout is re-applied
// whenever the window size changes.
#include <algorithm>

#include "ui/app.h"
#include "imgui.h"

namespace dlp {

namespace {
enum class Screen { Wide, Landscape, Portrait };

Screen screen_kind(ImVec2 ds) {
  if (ds.x >= 1200 && ds.x >= ds.y) return Screen::Wide;
  return ds.x >= ds.y ? Screen::Landscape : Screen::Portrait;
}

// The panels in priority order: where two share a slot, the earlier one shows unless the other was
// just opened.
const std::vector<const Panel*>& by_priority() {
  static const std::vector<const Panel*> v = [] {
    std::vector<const Panel*> out;
    for (const Panel& p : panels()) out.push_back(&p);
    std::sort(out.begin(), out.end(), [](const Panel* a, const Panel* b) { return a->priority < b->priority; });
    return out;
  }();
  return v;
}
}  // namespace

namespace {
// The calm view (the first visit's, a course page's lesson): no Model, Data or Inspect among these
// panels, on a wide or landscape screen.
bool calm_view(Screen kind, uint32_t panels) {
  const uint32_t busy = find_panel("Model")->bit | find_panel("Data")->bit | find_panel("Inspect")->bit;
  return kind != Screen::Portrait && !(panels & busy);
}
}  // namespace

// Called once a frame before the panels: on small screens, one panel a slot; leaving the calm
// first view puts every panel in its place.
void arrange_panels(App& app) {
  const Screen kind = screen_kind(ImGui::GetIO().DisplaySize);
  static bool was_calm = false, was_lessons_wide = false;
  // A busy panel waiting for its slot (hidden by a lesson's layout) still counts.
  const bool calm = calm_view(kind, panel_mask(app) | app.waiting_panels);
  // A wide screen with a lesson beside the busy panels: the lesson takes the top right and Draw,
  // Data and Inspect share the slot under it (see panel_place). When the lesson closes, the panels
  // that waited for that slot come back.
  const bool lessons_wide = kind == Screen::Wide && !calm && app.show_lessons;
  if (was_lessons_wide && !lessons_wide && kind == Screen::Wide) {
    show_panels(app, panel_mask(app) | app.waiting_panels);
  }
  if (calm != was_calm || lessons_wide != was_lessons_wide) app.relayout = true;
  was_calm = calm;
  was_lessons_wide = lessons_wide;
  const auto& order = by_priority();
  const int n = static_cast<int>(order.size());
  static std::vector<bool> before(order.size());
  std::vector<bool> now(order.size());
  for (int i = 0; i < n; ++i) now[i] = app.*order[i]->shown;
  if ((kind != Screen::Wide && !calm) || lessons_wide) {
    // Lessons on a landscape screen covers the Draw slot and the Model slot below it.
    auto slot = [&](int i) {
      const Panel& p = *order[i];
      if (kind == Screen::Wide) return p.shown == &App::show_draw || p.shown == &App::show_data || p.shown == &App::show_inspect ? -1 : i;
      return kind == Screen::Landscape ? p.slot_landscape : p.slot_portrait;
    };
    auto overlaps = [&](int i, int j) {
      if (slot(i) == slot(j)) return true;
      if (kind != Screen::Landscape) return false;
      const bool li = order[i]->shown == &App::show_lessons, lj = order[j]->shown == &App::show_lessons;  // Lessons (slot 1, full height) also covers slot 2
      return (li && slot(j) == 2) || (lj && slot(i) == 2);
    };
    // The panel just opened wins its slot; otherwise, or when several opened at once (a link, a
    // lesson's Try it), the earlier in priority.
    int opened = 0;
    for (int i = 0; i < n; ++i) opened += now[i] && !before[i];
    for (int i = 0; i < n; ++i) {
      if (!now[i]) continue;
      for (int j = 0; j < n; ++j) {
        if (j == i || !now[j] || !overlaps(i, j)) continue;
        const bool i_new = !before[i], j_new = !before[j];
        const bool i_wins = i_new != j_new && opened == 1 ? i_new : i < j;
        if (i_wins) { now[j] = false; app.waiting_panels |= order[j]->bit; }
      }
    }
    for (int i = 0; i < n; ++i) app.*order[i]->shown = now[i];
  }
  // A panel shown waits no longer. With a lesson on a wide screen a panel that takes the shared
  // slot is moved there (its window may remember another place).
  bool changed = false;
  for (int i = 0; i < n; ++i) {
    if (now[i]) app.waiting_panels &= ~order[i]->bit;
    changed |= now[i] != before[i];
  }
  if (lessons_wide && changed) app.relayout = true;
  before = now;
}

bool panel_in_view(const Panel& p, float screen_w, float screen_h, uint32_t shown) {
  if (!(shown & p.bit)) return false;
  const Screen kind = screen_kind(ImVec2(screen_w, screen_h));
  const uint32_t shared = find_panel("Draw")->bit | find_panel("Data")->bit | find_panel("Inspect")->bit;
  // A lesson beside the busy panels on a wide screen: of Draw, Data and Inspect, the first in priority.
  if (kind != Screen::Wide || calm_view(kind, shown) || !(shown & find_panel("Lessons")->bit) || !(p.bit & shared))
    return true;
  for (const Panel* q : by_priority())
    if (shown & q->bit & shared) return q == &p;
  return true;
}

PanelRect panel_place(const Panel& p, float screen_w, float screen_h, uint32_t shown) {
  const Screen kind = screen_kind(ImVec2(screen_w, screen_h));
  PanelRect r = kind == Screen::Wide ? p.wide : kind == Screen::Landscape ? p.landscape : p.portrait;
  // The calm view of a wide or landscape screen gives Train the left and Draw and a lesson the
  // right, both shown.
  if (calm_view(kind, shown)) {
    const std::string n = p.name;
    const bool draw = shown & find_panel("Draw")->bit, lessons = shown & find_panel("Lessons")->bit;
    if (n == "Train") r = {0.00f, 0.00f, 0.40f, 1.00f};
    if (n == "Draw") r = {0.40f, 0.00f, 0.60f, lessons ? 0.45f : 1.00f};
    if (n == "Lessons") r = {0.40f, draw ? 0.45f : 0.00f, 0.60f, draw ? 0.55f : 1.00f};
  } else if (kind == Screen::Wide && (shown & find_panel("Lessons")->bit)) {
    // A lesson beside the busy panels: the lesson the top right, at its usual width; one of Draw,
    // Data and Inspect under it; Model and Train where they were.
    const std::string n = p.name;
    if (n == "Draw" || n == "Data" || n == "Inspect") r = {0.40f, 0.57f, 0.60f, 0.43f};
  }
  return r;
}

void place_panel(App& app, const char* name) {
  const ImVec2 ds = ImGui::GetIO().DisplaySize;
  const float top = ImGui::GetFrameHeight() + 4, gap = 6;
  const Screen kind = screen_kind(ds);
  const Panel* p = find_panel(name);
  const bool calm = calm_view(kind, panel_mask(app));
  const PanelRect r = p ? panel_place(*p, ds.x, ds.y, panel_mask(app)) : PanelRect{0, 0, 1, 1};

  const float W = ds.x - gap, H = ds.y - top - gap;
  // On small screens panels stay in their slots (moving one would hide another); on a wide screen
  // the student may move them until the window size changes.
  const ImGuiCond cond = app.relayout || kind != Screen::Wide || calm ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
  ImGui::SetNextWindowPos(ImVec2(gap + r.x * W, top + r.y * H), cond);
  ImGui::SetNextWindowSize(ImVec2(r.w * W - gap, r.h * H - gap), cond);
}

}  // namespace dlp
