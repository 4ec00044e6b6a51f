// Where each panel starts: one table for wide screens (laptop, 16:9) and one for narrow or
// portrait ones (tablet), re-applied whenever the window size changes, so rotating a tablet or
// resizing the browser gives a usable arrangement instead of windows off screen.
#include "app/app.h"
#include "imgui.h"

namespace dlp {

namespace {
struct Rect { float x, y, w, h; };  // fractions of the area under the menu bar

Rect panel_rect(const std::string& name, bool wide) {
  if (wide) {
    if (name == "Model") return {0.00f, 0.00f, 0.40f, 0.40f};
    if (name == "Train") return {0.00f, 0.40f, 0.40f, 0.60f};
    if (name == "Draw") return {0.40f, 0.00f, 0.36f, 0.57f};
    if (name == "Data") return {0.76f, 0.00f, 0.24f, 0.57f};
    if (name == "Lessons") return {0.40f, 0.00f, 0.60f, 0.57f};  // over Draw and Data while open
    return {0.40f, 0.57f, 0.60f, 0.43f};  // Inspect
  }
  if (name == "Draw") return {0.00f, 0.00f, 0.58f, 0.40f};
  if (name == "Data") return {0.58f, 0.00f, 0.42f, 0.40f};
  if (name == "Model") return {0.00f, 0.40f, 0.50f, 0.22f};
  if (name == "Lessons") return {0.00f, 0.00f, 1.00f, 0.40f};
  if (name == "Train") return {0.00f, 0.62f, 0.50f, 0.38f};
  return {0.50f, 0.40f, 0.50f, 0.60f};  // Inspect
}
}  // namespace

void place_panel(App& app, const char* name) {
  const ImVec2 ds = ImGui::GetIO().DisplaySize;
  const float top = ImGui::GetFrameHeight() + 4, gap = 6;
  const bool wide = ds.x >= 1100 && ds.x >= ds.y;
  const Rect r = panel_rect(name, wide);
  const float W = ds.x - gap, H = ds.y - top - gap;
  const ImGuiCond cond = app.relayout ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
  ImGui::SetNextWindowPos(ImVec2(gap + r.x * W, top + r.y * H), cond);
  ImGui::SetNextWindowSize(ImVec2(r.w * W - gap, r.h * H - gap), cond);
}

}  // namespace dlp
