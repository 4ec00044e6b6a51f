// Repainting only what changed. The canvas keeps its picture between frames; a frame that
// changes a few widgets repaints the boxes around them, not the whole canvas. On a machine that
// draws WebGL in software (headless browsers, a laptop whose GPU the browser refuses) a
// repainted pixel is most of a frame's cost: a full 1280x720 frame of the default panels costs
// about 0.1 CPU-seconds there, a hovered button's box a third of that.
//
// The picture is a stack of layers (ImGui's draw lists, later ones over earlier ones). Each layer
// says who it is, a hash of everything it draws and the box of pixels it may touch, and may list
// its triangles in drawing order (each with a hash of its vertices and of the state it is drawn
// with: clip, texture, a heatmap's values). A layer that appeared or went away marks its box; a
// layer that changed marks the triangles that are not in both frames' lists in the same order
// (matched triangles form a common subsequence, so a pixel no marked triangle covers blends the
// same triangles in the same order), or, without triangles, its old and new boxes. Everything
// inside the marked boxes is painted again from the bottom layer up, so the result is the full
// picture's pixel for pixel. Layers that swapped places (a window brought to the front), a new
// canvas size or a changed font mean the whole canvas.
// No ImGui here: main_web.cpp turns draw lists into layers and paints the boxes.
#pragma once

#include <cstdint>
#include <vector>

namespace dlp {

// Pixels [x0, x1) x [y0, y1), rows counted from the top.
struct PixelBox {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
  long long area() const { return empty() ? 0 : static_cast<long long>(x1 - x0) * (y1 - y0); }
  bool operator==(const PixelBox& o) const { return x0 == o.x0 && y0 == o.y0 && x1 == o.x1 && y1 == o.y1; }
};
PixelBox unite(const PixelBox& a, const PixelBox& b);
PixelBox intersect(const PixelBox& a, const PixelBox& b);

struct PictureTriangle {
  uint64_t hash = 0;   // its three vertices and the state it is drawn with
  PixelBox box;        // every pixel it may touch
};

struct PictureLayer {
  uintptr_t id = 0;    // the same layer from frame to frame (a draw list)
  uint64_t hash = 0;   // what it draws: vertices, indices, commands, the textures' contents
  PixelBox box;        // every pixel it may touch
  bool listed = false;                  // triangles holds every triangle it draws, in order
  std::vector<PictureTriangle> triangles;
};

// What to paint over a canvas showing `shown` so that it shows `next`: nothing (no boxes), a few
// boxes that do not overlap, or all of it. At most kMaxBoxes boxes; boxes that would cover half the canvas or more
// become all of it (one pass over everything costs less than several).
struct Repaint {
  bool all = false;
  std::vector<PixelBox> boxes;
  bool nothing() const { return !all && boxes.empty(); }
};
constexpr int kMaxBoxes = 6;
Repaint plan_repaint(const std::vector<PictureLayer>& shown, const std::vector<PictureLayer>& next, int width, int height);

}  // namespace dlp
