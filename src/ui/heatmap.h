// Images of float grids (weights, activations, gradients) coloured on the GPU by the colormap
// shader in shaders/heatmap.frag. The platform layer implements these (it owns GL); panels only
// call them like any ImGui widget.
#pragma once
#include "imgui.h"

namespace dlp {

enum class Colormap { Diverging, Sequential };

// Draws a w x h row-major grid as an image of `size` at the cursor. `slot` names a texture that
// is reused frame to frame. scale: values at +-scale get full colour; 0 means max |v|.
void heatmap(const char* slot, const float* values, int w, int h, ImVec2 size, Colormap map = Colormap::Diverging,
             float scale = 0.0f);

}  // namespace dlp
