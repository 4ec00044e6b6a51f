// Line plots drawn with ImDrawList (ImPlot is not packaged on Debian): axes with tick labels,
// several series, optional log-scale y, and a hover read-out of the nearest point.
#pragma once
#include <vector>

#include "imgui.h"

namespace dlp {

struct PlotSeries {
  const char* label;
  const std::vector<float>* x;
  const std::vector<float>* y;
  ImU32 color;
  bool legend = true;  // named in the legend row (the hover read-out names every series)
  // Its line: 0 solid, 1 dashed, 2 dotted, 3 dash-dot; -1: by its place among the plot's series.
  // Line styles beside colours: curves stay apart for readers who do not tell the colours apart.
  int dash = -1;
};

// Colours a reader with any common colour-vision deficiency tells apart (Okabe and Ito's
// palette, lightened for a dark background): orange, sky blue, bluish green, reddish purple.
extern const ImU32 kSeriesColors[4];

// y_min/y_max: fixed range when y_min < y_max, else auto. marker: an x (a step) marked with a
// vertical line (negative: none). Returns the x clicked in the plot (negative: no click).
float line_plot(const char* id, const std::vector<PlotSeries>& series, ImVec2 size, bool log_y, float y_min = 0,
                float y_max = 0, float marker = -1);

}  // namespace dlp
