#include "app/plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dlp {

void line_plot(const char* id, const std::vector<PlotSeries>& series, ImVec2 size, bool log_y, float y_min, float y_max) {
  ImGui::PushID(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  if (size.x <= 0) size.x = ImGui::GetContentRegionAvail().x;
  ImGui::InvisibleButton("plot", size);
  const float left = 48, bottom = 20, top = 6, right = 8;
  const ImVec2 a(p0.x + left, p0.y + top), b(p0.x + size.x - right, p0.y + size.y - bottom);
  dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), IM_COL32(24, 26, 32, 255));

  float x0 = 0, x1 = 10, y0 = 1e30f, y1 = -1e30f;  // an empty plot shows steps 0..10
  bool any = false;
  for (const auto& s : series)
    for (size_t i = 0; i < s.y->size(); ++i) {
      float v = (*s.y)[i];
      if (!std::isfinite(v) || (log_y && v <= 0)) continue;
      if (log_y) v = std::log10(v);
      y0 = std::min(y0, v); y1 = std::max(y1, v);
      x1 = std::max(x1, (*s.x)[i]);
      any = true;
    }
  if (y_min < y_max) { y0 = log_y ? std::log10(std::max(y_min, 1e-12f)) : y_min; y1 = log_y ? std::log10(y_max) : y_max; }
  if (!any && !(y_min < y_max)) { y0 = 0; y1 = 1; }
  if (y1 - y0 < 1e-6f) { y0 -= 0.5f; y1 += 0.5f; }
  auto sx = [&](float x) { return a.x + (x - x0) / (x1 - x0) * (b.x - a.x); };
  auto sy = [&](float y) { return b.y - (y - y0) / (y1 - y0) * (b.y - a.y); };

  // Axes and ticks.
  const ImU32 grid = IM_COL32(70, 74, 84, 255), text = IM_COL32(170, 175, 185, 255);
  char buf[32];
  for (int t = 0; t <= 4; ++t) {
    const float v = y0 + (y1 - y0) * t / 4, y = sy(v);
    dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), grid);
    std::snprintf(buf, sizeof buf, log_y ? "1e%.1f" : "%.3g", static_cast<double>(v));
    dl->AddText(ImVec2(p0.x + 2, y - 7), text, buf);
  }
  for (int t = 0; t <= 4; ++t) {
    const float v = x0 + (x1 - x0) * t / 4, x = sx(v);
    std::snprintf(buf, sizeof buf, "%.4g", static_cast<double>(v));
    dl->AddText(ImVec2(x - 8, b.y + 3), text, buf);
  }
  dl->AddRect(a, b, grid);

  dl->PushClipRect(a, b, true);
  for (const auto& s : series) {
    const size_t n = s.y->size();
    // At most ~2 points per pixel column: long curves stay cheap to draw.
    const size_t stride = std::max<size_t>(1, n / static_cast<size_t>(std::max(1.0f, (b.x - a.x) * 2)));
    ImVec2 prev;
    bool have = false;
    for (size_t i = 0; i < n; i += stride) {
      float v = (*s.y)[i];
      if (!std::isfinite(v) || (log_y && v <= 0)) { have = false; continue; }
      if (log_y) v = std::log10(v);
      const ImVec2 p(sx((*s.x)[i]), sy(v));
      if (have) dl->AddLine(prev, p, s.color, 1.5f);
      prev = p;
      have = true;
    }
  }
  dl->PopClipRect();

  // Legend.
  float lx = a.x + 6;
  for (const auto& s : series) {
    dl->AddRectFilled(ImVec2(lx, a.y + 5), ImVec2(lx + 10, a.y + 13), s.color);
    dl->AddText(ImVec2(lx + 13, a.y + 1), text, s.label);
    lx += 20 + ImGui::CalcTextSize(s.label).x;
  }

  // Hover read-out: the nearest point of each series at the mouse's x.
  if (ImGui::IsItemHovered() && any) {
    const float mx = x0 + (ImGui::GetIO().MousePos.x - a.x) / (b.x - a.x) * (x1 - x0);
    dl->AddLine(ImVec2(sx(mx), a.y), ImVec2(sx(mx), b.y), IM_COL32(200, 200, 200, 120));
    ImGui::BeginTooltip();
    ImGui::Text("step %.0f", static_cast<double>(mx));
    for (const auto& s : series) {
      if (s.x->empty()) continue;
      const auto it = std::lower_bound(s.x->begin(), s.x->end(), mx);
      const size_t i = std::min<size_t>(it - s.x->begin(), s.x->size() - 1);
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s.color), "%s: %.4f", s.label, static_cast<double>((*s.y)[i]));
    }
    ImGui::EndTooltip();
  }
  ImGui::PopID();
}

}  // namespace dlp
