#include "ui/plot.h"

#include "session/axis_ticks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dlp {

const ImU32 kSeriesColors[4] = {IM_COL32(230, 159, 0, 255), IM_COL32(86, 180, 233, 255), IM_COL32(0, 180, 130, 255),
                                IM_COL32(204, 121, 167, 255)};

namespace {
// On and off lengths (px) of each line style, repeating.
const std::vector<float>& dash_pattern(int dash) {
  static const std::vector<float> patterns[4] = {{}, {7, 4}, {2, 3}, {7, 3, 2, 3}};
  return patterns[std::clamp(dash, 0, 3)];
}

// A line from a to b in a style; `phase` carries the pattern from one segment of a curve to the next.
void styled_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float thick, int dash, float* phase) {
  const std::vector<float>& pat = dash_pattern(dash);
  if (pat.empty()) { dl->AddLine(a, b, color, thick); return; }
  float period = 0;
  for (float v : pat) period += v;
  const float len = std::hypot(b.x - a.x, b.y - a.y);
  if (!(len > 0) || !std::isfinite(len)) return;
  const ImVec2 d((b.x - a.x) / len, (b.y - a.y) / len);
  float t = 0;
  while (t < len) {
    float at = std::fmod(*phase + t, period), edge = 0;
    size_t k = 0;
    while (k < pat.size() && at >= edge + pat[k]) edge += pat[k++];
    const float run = std::min(len - t, edge + pat[k] - at);
    if (k % 2 == 0) dl->AddLine(ImVec2(a.x + d.x * t, a.y + d.y * t), ImVec2(a.x + d.x * (t + run), a.y + d.y * (t + run)), color, thick);
    t += run;
  }
  *phase = std::fmod(*phase + len, period);
}
}  // namespace

float line_plot(const char* id, const std::vector<PlotSeries>& series, ImVec2 size, bool log_y, float y_min, float y_max, float marker) {
  ImGui::PushID(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  if (size.x <= 0) size.x = ImGui::GetContentRegionAvail().x;
  const bool clicked = ImGui::InvisibleButton("plot", size);
  // The legend has its own row above the plot area, so it never covers a curve.
  const float left = 44, bottom = 18, top = series.size() > 1 || (!series.empty() && series[0].label[0]) ? 18 : 6, right = 12;
  const ImVec2 a(p0.x + left, p0.y + top), b(p0.x + size.x - right, p0.y + size.y - bottom);
  dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), IM_COL32(24, 26, 32, 255));

  float fx0 = 1e30f, fx1 = -1e30f, fy0 = 1e30f, fy1 = -1e30f;
  bool any = false;
  for (const auto& s : series)
    for (size_t i = 0; i < s.y->size(); ++i) {
      float v = (*s.y)[i];
      if (!std::isfinite(v) || (log_y && v <= 0)) continue;
      if (log_y) v = std::log10(v);
      fy0 = std::min(fy0, v); fy1 = std::max(fy1, v);
      fx0 = std::min(fx0, (*s.x)[i]); fx1 = std::max(fx1, (*s.x)[i]);
      any = true;
    }
  // x from 0 (steps) or from the data's start when it lies below 0 (a sweep); an empty plot shows 0..10.
  double x0 = any ? std::min(0.0f, fx0) : 0, x1 = any ? fx1 : 10;
  double y0 = any ? fy0 : 0, y1 = any ? fy1 : 1;
  if (y_min < y_max) { y0 = log_y ? std::log10(std::max(y_min, 1e-12f)) : y_min; y1 = log_y ? std::log10(y_max) : y_max; }
  if (y1 - y0 < 1e-6) { y0 -= log_y ? 0.5 : 0.5 * std::max(1e-3, std::fabs(y0)); y1 += log_y ? 0.5 : 0.5 * std::max(1e-3, std::fabs(y1)); }
  if (x1 - x0 < 1e-6) x1 = x0 + 1;
  // Round ticks; a training curve's axes widen to the next round value, a fixed range stays.
  const bool steps_axis = x0 >= 0;
  const std::vector<Tick> yt = axis_ticks(&y0, &y1, log_y, std::max(2, static_cast<int>((b.y - a.y) / 28)), !(y_min < y_max));
  const std::vector<Tick> xt = axis_ticks(&x0, &x1, false, std::max(2, static_cast<int>((b.x - a.x) / 60)), steps_axis);
  auto sx = [&](double x) { return static_cast<float>(a.x + (x - x0) / (x1 - x0) * (b.x - a.x)); };
  auto sy = [&](double y) { return static_cast<float>(b.y - (y - y0) / (y1 - y0) * (b.y - a.y)); };

  const ImU32 grid = IM_COL32(70, 74, 84, 255), text = IM_COL32(170, 175, 185, 255);
  for (const Tick& t : yt) {
    const float y = sy(t.value);
    dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), grid);
    const ImVec2 ts = ImGui::CalcTextSize(t.label.c_str());
    dl->AddText(ImVec2(a.x - 4 - ts.x, std::clamp(y - ts.y * 0.5f, p0.y, b.y - ts.y * 0.5f)), text, t.label.c_str());
  }
  for (const Tick& t : xt) {
    const float x = sx(t.value);
    dl->AddLine(ImVec2(x, b.y), ImVec2(x, b.y + 3), grid);
    const ImVec2 ts = ImGui::CalcTextSize(t.label.c_str());
    // Centred under the tick, but kept inside the plot's frame (the last one is not cut off).
    dl->AddText(ImVec2(std::clamp(x - ts.x * 0.5f, p0.x, p0.x + size.x - ts.x - 1), b.y + 2), text, t.label.c_str());
  }
  dl->AddRect(a, b, grid);

  dl->PushClipRect(a, b, true);
  auto dash_of = [&](size_t k) { return series[k].dash >= 0 ? series[k].dash : static_cast<int>(k % 4); };
  for (size_t k = 0; k < series.size(); ++k) {
    const PlotSeries& s = series[k];
    float phase = 0;
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
      if (have) styled_line(dl, prev, p, s.color, 1.5f, dash_of(k), &phase);
      prev = p;
      have = true;
    }
  }
  if (marker >= 0) dl->AddLine(ImVec2(sx(marker), a.y), ImVec2(sx(marker), b.y), IM_COL32(255, 220, 90, 230), 2.0f);
  dl->PopClipRect();

  // Legend, in its row above the plot area.
  float lx = a.x;
  for (size_t k = 0; k < series.size(); ++k) {
    const PlotSeries& s = series[k];
    if (!s.label[0] || !s.legend) continue;
    float phase = 0;  // a sample of the line, in its style
    styled_line(dl, ImVec2(lx, p0.y + 9), ImVec2(lx + 16, p0.y + 9), s.color, 2.5f, dash_of(k), &phase);
    dl->AddText(ImVec2(lx + 19, p0.y + 1), text, s.label);
    lx += 26 + ImGui::CalcTextSize(s.label).x;
  }

  // Hover read-out: the nearest point of each series at the mouse's x.
  if (ImGui::IsItemHovered() && any) {
    const float mx = static_cast<float>(x0 + (ImGui::GetIO().MousePos.x - a.x) / (b.x - a.x) * (x1 - x0));
    dl->AddLine(ImVec2(sx(mx), a.y), ImVec2(sx(mx), b.y), IM_COL32(200, 200, 200, 120));
    ImGui::BeginTooltip();
    if (steps_axis) ImGui::Text("step %.0f", static_cast<double>(mx));
    else ImGui::Text("x %.3g", static_cast<double>(mx));
    for (const auto& s : series) {
      if (s.x->empty()) continue;
      const auto it = std::lower_bound(s.x->begin(), s.x->end(), mx);
      const size_t i = std::min<size_t>(it - s.x->begin(), s.x->size() - 1);
      ImVec4 c = ImGui::ColorConvertU32ToFloat4(s.color);
      c.w = 1;  // a faint curve's value is still read in its colour, whole
      ImGui::TextColored(c, "%s: %.4f", s.label, static_cast<double>((*s.y)[i]));
    }
    ImGui::EndTooltip();
  }
  float at = -1;
  if (clicked && any) at = static_cast<float>(x0 + (ImGui::GetIO().MousePos.x - a.x) / (b.x - a.x) * (x1 - x0));
  ImGui::PopID();
  return at;
}

}  // namespace dlp
