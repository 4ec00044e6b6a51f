// Repainting only what changed (session/repaint.h): the boxes a frame repaints give the same
// canvas as painting the whole picture again.
#include <gtest/gtest.h>

#include <random>

#include "session/repaint.h"

using namespace dlp;

namespace {

// A canvas where each pixel blends every layer over it in order (as ImGui's windows blend):
// a pixel's value depends on each layer that covers it and on their order; a layer that lists
// its triangles blends each of them that covers the pixel, in order.
struct Canvas {
  int w, h;
  std::vector<uint64_t> px;
  Canvas(int w_, int h_) : w(w_), h(h_), px(static_cast<size_t>(w_ * h_), 0) {}
  void paint(const std::vector<PictureLayer>& layers, const PixelBox& box) {
    const PixelBox b = intersect(box, {0, 0, w, h});
    for (int y = b.y0; y < b.y1; ++y)
      for (int x = b.x0; x < b.x1; ++x) {
        uint64_t v = 7;  // the clear colour
        auto in = [x, y](const PixelBox& b) { return x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1; };
        for (const PictureLayer& l : layers) {
          if (!l.listed && in(l.box)) v = v * 1000003u + l.hash;
          if (l.listed)
            for (const PictureTriangle& t : l.triangles)
              if (in(t.box)) v = v * 1000003u + t.hash;
        }
        px[static_cast<size_t>(y * w + x)] = v;
      }
  }
  void apply(const std::vector<PictureLayer>& layers, const Repaint& r) {
    if (r.all) return paint(layers, {0, 0, w, h});
    for (const PixelBox& b : r.boxes) paint(layers, b);
  }
};

}  // namespace

// A layer drawn as triangles: its box is theirs, its hash all of them.
PictureLayer listed(uintptr_t id, std::vector<PictureTriangle> triangles) {
  PictureLayer l;
  l.id = id;
  l.listed = true;
  l.triangles = std::move(triangles);
  l.hash = 1;
  for (const PictureTriangle& t : l.triangles) l.box = unite(l.box, t.box), l.hash = l.hash * 31 + t.hash;
  return l;
}

TEST(Repaint, NothingChangedPaintsNothing) {
  const std::vector<PictureLayer> a = {{1, 10, {0, 0, 100, 100}}, {2, 20, {10, 10, 50, 40}}};
  EXPECT_TRUE(plan_repaint(a, a, 200, 200).nothing());
}

TEST(Repaint, AChangedLayerPaintsItsOldAndNewBoxOnly) {
  const std::vector<PictureLayer> a = {{1, 10, {0, 0, 400, 400}}, {2, 20, {10, 10, 50, 40}}, {3, 30, {300, 300, 340, 330}}};
  std::vector<PictureLayer> b = a;
  b[1].hash = 21;  // a hovered button: same box, new colours
  Repaint r = plan_repaint(a, b, 400, 400);
  ASSERT_FALSE(r.all);
  ASSERT_EQ(r.boxes.size(), 1u);
  EXPECT_EQ(r.boxes[0], (PixelBox{10, 10, 50, 40}));
  b = a;
  b[2].box = {300, 200, 340, 230};  // a small window moved up: where it was and where it is
  r = plan_repaint(a, b, 400, 400);
  ASSERT_FALSE(r.all);
  long long area = 0;
  for (const PixelBox& p : r.boxes) area += p.area();
  EXPECT_LE(area, 40 * 130) << "two boxes, or one around both";
}

TEST(Repaint, AChangedLayerWithTrianglesPaintsOnlyTheTrianglesThatChanged) {
  // A panel: its background, a number at the top that changes, a plot in the middle, a line at
  // the bottom that grows by a word (the triangles after it are drawn as before).
  const std::vector<PictureTriangle> was = {{1, {0, 0, 300, 400}}, {2, {10, 10, 30, 20}}, {3, {10, 100, 290, 200}}, {4, {10, 380, 60, 390}}, {5, {200, 380, 260, 390}}};
  std::vector<PictureTriangle> now = was;
  now[1].hash = 22;                                   // the number
  now.insert(now.begin() + 4, {44, {60, 380, 80, 390}});  // a word more
  const std::vector<PictureLayer> a = {listed(1, was)}, b = {listed(1, now)};
  const Repaint r = plan_repaint(a, b, 1000, 1000);
  ASSERT_FALSE(r.all);
  long long area = 0;
  for (const PixelBox& p : r.boxes) area += p.area();
  EXPECT_LE(area, 20 * 10 + 20 * 10 + kMaxBoxes * 64 * 64) << "the number and the word, not the panel or the plot";
  // Two triangles that swap places are not both taken as unchanged: one of them is painted again.
  std::vector<PictureTriangle> swapped = was;
  std::swap(swapped[2], swapped[3]);
  Canvas before(400, 500), after(400, 500), full(400, 500);
  before.paint(a, {0, 0, 400, 500});
  after = before;
  after.apply({listed(1, swapped)}, plan_repaint(a, {listed(1, swapped)}, 400, 500));
  full.paint({listed(1, swapped)}, {0, 0, 400, 500});
  EXPECT_EQ(after.px, full.px);
}

TEST(Repaint, LayersThatChangePlacesOrCoverHalfTheCanvasRepaintAll) {
  const std::vector<PictureLayer> a = {{1, 10, {0, 0, 100, 100}}, {2, 20, {10, 10, 50, 40}}, {3, 30, {60, 60, 90, 90}}};
  const std::vector<PictureLayer> swapped = {a[0], a[2], a[1]};  // a window brought to the front
  EXPECT_TRUE(plan_repaint(a, swapped, 100, 100).all);
  std::vector<PictureLayer> b = a;
  b[0].hash = 11;  // the big window behind everything changed
  EXPECT_TRUE(plan_repaint(a, b, 100, 100).all);
  EXPECT_TRUE(plan_repaint(a, {a[0], a[0]}, 100, 100).all) << "a layer twice cannot be paired";
}

TEST(Repaint, ALayerThatAppearsOrGoesPaintsItsBox) {
  const std::vector<PictureLayer> a = {{1, 10, {0, 0, 400, 400}}, {2, 20, {10, 10, 50, 40}}};
  std::vector<PictureLayer> b = a;
  b.push_back({9, 90, {100, 100, 160, 120}});  // a tooltip
  Repaint r = plan_repaint(a, b, 400, 400);
  ASSERT_EQ(r.boxes.size(), 1u);
  EXPECT_EQ(r.boxes[0], (PixelBox{100, 100, 160, 120}));
  r = plan_repaint(b, a, 400, 400);  // and gone again: what was under it shows
  ASSERT_EQ(r.boxes.size(), 1u);
  EXPECT_EQ(r.boxes[0], (PixelBox{100, 100, 160, 120}));
}

TEST(Repaint, BoxesAreClippedToTheCanvasAndFew) {
  const std::vector<PictureLayer> a = {{1, 10, {-50, -50, 20, 20}}};
  std::vector<PictureLayer> b = a;
  b[0].hash = 11;
  Repaint r = plan_repaint(a, b, 1000, 1000);
  ASSERT_EQ(r.boxes.size(), 1u);
  EXPECT_EQ(r.boxes[0], (PixelBox{0, 0, 20, 20}));
  std::vector<PictureLayer> many, changed;
  for (int i = 0; i < 12; ++i) many.push_back({static_cast<uintptr_t>(i + 1), 5, {i * 80, i * 80, i * 80 + 10, i * 80 + 10}});
  changed = many;
  for (PictureLayer& l : changed) l.hash = 6;
  r = plan_repaint(many, changed, 1000, 1000);
  EXPECT_FALSE(r.all);
  EXPECT_LE(r.boxes.size(), static_cast<size_t>(kMaxBoxes));
}

// Random stacks of layers changing from frame to frame (hashes, boxes, layers coming and going,
// now and then a swap): the canvas repainted by plan_repaint's boxes is the full picture's.
TEST(Repaint, RepaintedCanvasIsTheFullPictureAfterRandomChanges) {
  std::mt19937 rng(20261207);
  const int W = 96, H = 72;
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto random_box = [&]() {
    const int x = pick(W + 20) - 10, y = pick(H + 20) - 10;
    return PixelBox{x, y, x + 1 + pick(40), y + 1 + pick(30)};
  };
  auto small_box = [&]() {
    const int x = pick(W), y = pick(H);
    return PixelBox{x, y, x + 1 + pick(8), y + 1 + pick(8)};
  };
  const PictureTriangle alike{99, {20, 20, 28, 26}};  // triangles alike (a hash is of the vertices: equal hashes, equal boxes)
  auto random_layer = [&](uintptr_t id) {
    if (pick(2)) return PictureLayer{id, rng(), random_box(), false, {}};
    std::vector<PictureTriangle> t;
    for (int k = pick(12); k >= 0; --k) t.push_back(pick(4) ? PictureTriangle{rng(), pick(4) ? small_box() : random_box()} : alike);
    return listed(id, t);
  };
  // Changes one triangle of a listed layer: a new colour, a move, one more, one less, two swapped.
  auto change_triangles = [&](PictureLayer& l) {
    std::vector<PictureTriangle> t = l.triangles;
    const int n = static_cast<int>(t.size()), what = pick(5);
    if (what == 0 && n > 0) t[static_cast<size_t>(pick(n))].hash = rng();
    else if (what == 1 && n > 0) t[static_cast<size_t>(pick(n))] = {rng(), small_box()};  // moved: its vertices, so its hash, changed
    else if (what == 2 || n == 0) t.insert(t.begin() + pick(n + 1), pick(2) ? PictureTriangle{rng(), small_box()} : alike);
    else if (what == 3) t.erase(t.begin() + pick(n));
    else if (n > 1) std::swap(t[static_cast<size_t>(pick(n))], t[static_cast<size_t>(pick(n))]);
    l = listed(l.id, t);
  };
  for (int run = 0; run < 20; ++run) {
    std::vector<PictureLayer> layers;
    uintptr_t next_id = 1;
    for (int i = 0; i < 6; ++i) layers.push_back(random_layer(next_id++));
    Canvas shown(W, H), full(W, H);
    shown.paint(layers, {0, 0, W, H});
    int partial = 0;
    for (int frame = 0; frame < 50; ++frame) {
      std::vector<PictureLayer> next = layers;
      const int changes = 1 + pick(2);
      for (int c = 0; c < changes; ++c) {
        const int what = pick(10);
        PictureLayer& some = next.empty() ? next.emplace_back(random_layer(next_id++)) : next[static_cast<size_t>(pick(static_cast<int>(next.size())))];
        if (what == 0) next.insert(next.begin() + pick(static_cast<int>(next.size()) + 1), random_layer(next_id++));
        else if (what == 1) next.erase(next.begin() + pick(static_cast<int>(next.size())));
        else if (what == 2 && next.size() > 1) std::swap(next[0], next[next.size() - 1]);
        else if (some.listed) change_triangles(some);
        else if (what < 6) some.hash = rng();
        else some.box = random_box();
      }
      const Repaint r = plan_repaint(layers, next, W, H);
      partial += !r.all && !r.nothing();
      for (size_t i = 0; i < r.boxes.size(); ++i)
        for (size_t j = i + 1; j < r.boxes.size(); ++j) ASSERT_TRUE(intersect(r.boxes[i], r.boxes[j]).empty()) << "boxes overlap";
      shown.apply(next, r);
      full.paint(next, {0, 0, W, H});
      ASSERT_EQ(shown.px, full.px) << "run " << run << ", frame " << frame;
      layers = next;
    }
    EXPECT_GT(partial, 0) << "run " << run << ": some frames repaint part of the canvas";
  }
}
