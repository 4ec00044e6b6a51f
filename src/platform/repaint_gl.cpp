#include "platform/repaint_gl.h"

#include <GLES3/gl3.h>
#include <emscripten/html5.h>

#include <cmath>
#include <unordered_map>
#include <vector>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "platform/picture_hash.h"
#include "session/repaint.h"

namespace dlp {
uint64_t heatmap_picture(const ImDrawCmd& c);  // heatmap_gl.cpp
}

namespace dlp {

namespace {

std::vector<PictureLayer> g_read;       // the frame read last
std::vector<PictureLayer> g_on_canvas;  // what the canvas shows
bool g_canvas_known = false;
int g_painted_frames = 0;
double g_painted_pixels = 0;

struct Frame {  // where the draw data's coordinates land in the framebuffer
  ImVec2 off, size, scale;
  int width, height;
  bool operator==(const Frame& o) const {
    return off.x == o.off.x && off.y == o.off.y && size.x == o.size.x && size.y == o.size.y && scale.x == o.scale.x &&
           scale.y == o.scale.y && width == o.width && height == o.height;
  }
};

Frame frame_of(const ImDrawData* dd) {
  return {dd->DisplayPos, dd->DisplaySize, dd->FramebufferScale, static_cast<int>(dd->DisplaySize.x * dd->FramebufferScale.x),
          static_cast<int>(dd->DisplaySize.y * dd->FramebufferScale.y)};
}

Frame g_canvas_frame{};  // the frame the canvas was painted in

// The pixels a command's clip rectangle lets the OpenGL3 backend touch, by the backend's own
// arithmetic (imgui_impl_opengl3.cpp, RenderDrawData: truncated to int, rows from the bottom).
PixelBox scissor_of(const ImVec4& clip, const Frame& f) {
  const ImVec2 lo((clip.x - f.off.x) * f.scale.x, (clip.y - f.off.y) * f.scale.y);
  const ImVec2 hi((clip.z - f.off.x) * f.scale.x, (clip.w - f.off.y) * f.scale.y);
  if (hi.x <= lo.x || hi.y <= lo.y) return {};
  const int x = static_cast<int>(lo.x), y = static_cast<int>(f.height - hi.y);
  const int w = static_cast<int>(hi.x - lo.x), h = static_cast<int>(hi.y - lo.y);
  return {x, f.height - (y + h), x + w, f.height - y};
}

// A clip rectangle the backend turns into exactly the box b: each edge a fraction of a pixel
// inside the truncation that reads it, so float rounding cannot move it.
ImVec4 clip_for(const PixelBox& b, const Frame& f) {
  return ImVec4((b.x0 + 0.25f) / f.scale.x + f.off.x, (b.y0 - 0.75f) / f.scale.y + f.off.y,
                (b.x1 + 0.5f) / f.scale.x + f.off.x, (b.y1 - 0.5f) / f.scale.y + f.off.y);
}

// The pixels around vertices within (x0, y0)-(x1, y1), a pixel wider each side.
PixelBox pixels_around(float x0, float y0, float x1, float y1, const Frame& f) {
  return {static_cast<int>(std::floor((x0 - f.off.x) * f.scale.x)) - 1, static_cast<int>(std::floor((y0 - f.off.y) * f.scale.y)) - 1,
          static_cast<int>(std::ceil((x1 - f.off.x) * f.scale.x)) + 1, static_cast<int>(std::ceil((y1 - f.off.y) * f.scale.y)) + 1};
}

// One draw list as a layer: a hash of everything it draws, and the pixels it may touch (its
// vertices' bounds, a pixel wider each side, within the union of its commands' scissors).
PictureLayer layer_of(const ImDrawList* l, const Frame& f) {
  PictureLayer layer;
  layer.id = reinterpret_cast<uintptr_t>(l);
  uint64_t h = kPictureHashSeed;
  auto mix = [&h](const void* p, size_t n) { h = picture_hash(p, n, h); };
  mix(l->VtxBuffer.Data, static_cast<size_t>(l->VtxBuffer.Size) * sizeof(ImDrawVert));
  mix(l->IdxBuffer.Data, static_cast<size_t>(l->IdxBuffer.Size) * sizeof(ImDrawIdx));
  PixelBox scissors;
  for (const ImDrawCmd& c : l->CmdBuffer) {  // a callback's data pointer changes every frame: what it shows is hashed
    mix(&c.ClipRect, sizeof c.ClipRect);
    mix(&c.TextureId, sizeof c.TextureId);
    mix(&c.VtxOffset, sizeof c.VtxOffset);
    mix(&c.IdxOffset, sizeof c.IdxOffset);
    mix(&c.ElemCount, sizeof c.ElemCount);
    const uintptr_t callback = reinterpret_cast<uintptr_t>(c.UserCallback);
    mix(&callback, sizeof callback);
    const uint64_t map = heatmap_picture(c);
    mix(&map, sizeof map);
    if (!callback && c.ElemCount > 0) scissors = unite(scissors, scissor_of(c.ClipRect, f));
  }
  layer.hash = h;
  if (l->VtxBuffer.Size == 0) return layer;
  float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (const ImDrawVert& v : l->VtxBuffer) {
    x0 = std::fmin(x0, v.pos.x), y0 = std::fmin(y0, v.pos.y);
    x1 = std::fmax(x1, v.pos.x), y1 = std::fmax(y1, v.pos.y);
  }
  layer.box = intersect(pixels_around(x0, y0, x1, y1, f), scissors);
  return layer;
}

// A layer's triangles in drawing order, each with a hash of its three vertices and of the state
// it is drawn with (its command's clip and texture, and what the last callback set: a heatmap's
// values and colormap), and the pixels it may touch. Triangles no scissor lets through are left out.
void list_triangles(const ImDrawList* l, const Frame& f, PictureLayer& layer) {
  layer.triangles.clear();
  layer.listed = true;
  uint64_t effect = 0;
  for (const ImDrawCmd& c : l->CmdBuffer) {
    if (c.UserCallback) {
      const uintptr_t fn = reinterpret_cast<uintptr_t>(c.UserCallback);
      const uint64_t map = heatmap_picture(c);
      effect = picture_hash(&map, sizeof map, picture_hash(&fn, sizeof fn));
      continue;
    }
    const PixelBox scissor = intersect(scissor_of(c.ClipRect, f), {0, 0, f.width, f.height});
    if (scissor.empty()) continue;
    uint64_t state = picture_hash(&c.ClipRect, sizeof c.ClipRect);
    state = picture_hash(&c.TextureId, sizeof c.TextureId, state);
    state = picture_hash(&effect, sizeof effect, state);
    const ImDrawIdx* idx = l->IdxBuffer.Data + c.IdxOffset;
    const ImDrawVert* vtx = l->VtxBuffer.Data + c.VtxOffset;
    for (unsigned e = 0; e + 3 <= c.ElemCount; e += 3) {
      uint64_t h = state;
      float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
      for (int k = 0; k < 3; ++k) {
        const ImDrawVert& v = vtx[idx[e + static_cast<unsigned>(k)]];
        h = picture_hash(&v, sizeof v, h);
        x0 = std::fmin(x0, v.pos.x), y0 = std::fmin(y0, v.pos.y);
        x1 = std::fmax(x1, v.pos.x), y1 = std::fmax(y1, v.pos.y);
      }
      const PixelBox box = intersect(pixels_around(x0, y0, x1, y1, f), scissor);
      if (!box.empty()) layer.triangles.push_back({h, box});
    }
  }
}

// Each list's commands with every draw cut into one per box, each drawing only the triangles
// that reach its box (callbacks kept once, in place), so that one pass paints all the boxes and
// the vertices of what did not change are not processed: the boxes do not overlap, so each pixel
// of a box sees the triangles over it in their order. The lists' own commands and indices are
// swapped into `saved`; false (and nothing swapped) if a cut cannot be written exactly (then the
// caller paints everything).
struct Saved {
  ImVector<ImDrawCmd> commands;
  ImVector<ImDrawIdx> indices;
};

// Swaps the lists' commands and indices with `saved`: puts the cut ones in, and back out.
void swap_cut(const ImDrawData* dd, std::vector<Saved>& saved) {
  for (int k = 0; k < dd->CmdListsCount; ++k) {
    dd->CmdLists[k]->CmdBuffer.swap(saved[static_cast<size_t>(k)].commands);
    dd->CmdLists[k]->IdxBuffer.swap(saved[static_cast<size_t>(k)].indices);
  }
}

bool cut_to_boxes(const ImDrawData* dd, const Frame& f, const std::vector<PixelBox>& boxes, std::vector<Saved>& saved) {
  saved.resize(static_cast<size_t>(dd->CmdListsCount));
  for (int k = 0; k < dd->CmdListsCount; ++k) {
    const ImDrawList* l = dd->CmdLists[k];
    ImVector<ImDrawCmd>& cut = saved[static_cast<size_t>(k)].commands;
    ImVector<ImDrawIdx>& kept = saved[static_cast<size_t>(k)].indices;
    cut.resize(0);
    kept.resize(0);
    for (const ImDrawCmd& c : l->CmdBuffer) {
      if (c.UserCallback) { cut.push_back(c); continue; }
      const PixelBox scissor = scissor_of(c.ClipRect, f);
      const ImDrawIdx* idx = l->IdxBuffer.Data + c.IdxOffset;
      const ImDrawVert* vtx = l->VtxBuffer.Data + c.VtxOffset;
      for (const PixelBox& box : boxes) {
        const PixelBox part = intersect(scissor, box);
        if (part.empty()) continue;
        ImDrawCmd d = c;
        d.ClipRect = clip_for(part, f);
        if (!(scissor_of(d.ClipRect, f) == part)) return false;
        d.IdxOffset = static_cast<unsigned>(kept.Size);
        for (unsigned e = 0; e + 3 <= c.ElemCount; e += 3) {
          const ImVec2 &p = vtx[idx[e]].pos, &q = vtx[idx[e + 1]].pos, &r = vtx[idx[e + 2]].pos;
          const PixelBox reach = pixels_around(std::fmin(p.x, std::fmin(q.x, r.x)), std::fmin(p.y, std::fmin(q.y, r.y)),
                                               std::fmax(p.x, std::fmax(q.x, r.x)), std::fmax(p.y, std::fmax(q.y, r.y)), f);
          if (intersect(reach, part).empty()) continue;
          kept.push_back(idx[e]), kept.push_back(idx[e + 1]), kept.push_back(idx[e + 2]);
        }
        d.ElemCount = static_cast<unsigned>(kept.Size) - d.IdxOffset;
        if (d.ElemCount > 0) cut.push_back(d);
      }
    }
  }
  swap_cut(dd, saved);
  return true;
}

void clear(const PixelBox* box, const Frame& f) {
  glClearColor(0.10f, 0.11f, 0.13f, 1.0f);
  if (box) {
    glEnable(GL_SCISSOR_TEST);
    glScissor(box->x0, f.height - box->y1, box->x1 - box->x0, box->y1 - box->y0);
  } else {
    glDisable(GL_SCISSOR_TEST);
  }
  glClear(GL_COLOR_BUFFER_BIT);
  glDisable(GL_SCISSOR_TEST);
}

// The canvas keeps its pixels between frames only if the context was made with
// preserveDrawingBuffer (web/main.js); without it every frame paints everything.
bool canvas_keeps_pixels() {
  static int keeps = -1;
  if (keeps < 0) {
    EmscriptenWebGLContextAttributes a;
    keeps = emscripten_webgl_get_context_attributes(emscripten_webgl_get_current_context(), &a) == EMSCRIPTEN_RESULT_SUCCESS &&
            a.preserveDrawingBuffer;
  }
  return keeps == 1;
}

}  // namespace

uint64_t read_picture(const ImDrawData* dd) {
  g_read.clear();
  if (!dd) return 0;
  const Frame f = frame_of(dd);
  uint64_t h = kPictureHashSeed;
  h = picture_hash(&dd->DisplaySize, sizeof dd->DisplaySize, h);
  h = picture_hash(&dd->FramebufferScale, sizeof dd->FramebufferScale, h);
  for (int k = 0; k < dd->CmdListsCount; ++k) {
    g_read.push_back(layer_of(dd->CmdLists[k], f));
    h = picture_hash(&g_read.back().hash, sizeof(uint64_t), h);
    h = picture_hash(&g_read.back().box, sizeof(PixelBox), h);
  }
  return h;
}

long long paint_picture(const ImDrawData* dd) {
  if (!dd) return 0;
  const Frame f = frame_of(dd);
  // The canvas holds the last painted picture, in the same frame (size, position and pixel
  // scale: a new scale moves every triangle without changing what a draw list holds).
  const bool same = g_canvas_known && canvas_keeps_pixels() && f == g_canvas_frame;
  // Triangles are listed for the layers that changed or are new; an unchanged layer keeps the
  // list it was painted with, unless the canvas is new.
  std::unordered_map<uintptr_t, PictureLayer*> shown;
  for (PictureLayer& l : g_on_canvas) shown[l.id] = &l;
  std::vector<PictureLayer*> unchanged;
  for (int k = 0; k < dd->CmdListsCount && k < static_cast<int>(g_read.size()); ++k) {
    PictureLayer& l = g_read[static_cast<size_t>(k)];
    const auto it = shown.find(l.id);
    if (same && it != shown.end() && it->second->hash == l.hash && it->second->box == l.box && it->second->listed) unchanged.push_back(&l);
    else list_triangles(dd->CmdLists[k], f, l);
  }
  Repaint plan;
  plan.all = true;
  if (same) plan = plan_repaint(g_on_canvas, g_read, f.width, f.height);
  for (PictureLayer* l : unchanged) {
    PictureLayer* was = shown[l->id];
    if (!was->listed) { list_triangles(dd->CmdLists[l - g_read.data()], f, *l); continue; }  // taken already
    l->triangles = std::move(was->triangles);
    l->listed = true;
    was->listed = false;
  }
  static std::vector<Saved> saved;
  long long pixels = 0;
  const bool cut = !plan.all && !plan.nothing() && cut_to_boxes(dd, f, plan.boxes, saved);
  if (!plan.nothing()) {
    glViewport(0, 0, f.width, f.height);
    if (cut) {
      for (const PixelBox& box : plan.boxes) clear(&box, f), pixels += box.area();
    } else {
      clear(nullptr, f);
      pixels = static_cast<long long>(f.width) * f.height;
    }
    ImGui_ImplOpenGL3_RenderDrawData(const_cast<ImDrawData*>(dd));
    if (cut) swap_cut(dd, saved);
  }  // else no GL call: the browser shows the canvas as it is
  g_on_canvas = std::move(g_read);
  g_read.clear();
  g_canvas_frame = f;
  g_canvas_known = true;
  if (pixels > 0) ++g_painted_frames, g_painted_pixels += static_cast<double>(pixels);
  return pixels;
}

void forget_canvas() { g_canvas_known = false; }
int painted_frames() { return g_painted_frames; }
double painted_pixels() { return g_painted_pixels; }

}  // namespace dlp
