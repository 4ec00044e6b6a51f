#include "session/repaint.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <functional>
#include <unordered_map>

namespace dlp {

PixelBox unite(const PixelBox& a, const PixelBox& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

PixelBox intersect(const PixelBox& a, const PixelBox& b) {
  PixelBox r{std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
  return r.empty() ? PixelBox{} : r;
}

namespace {

// Two boxes are painted as one when their union is hardly larger than both (each box is a pass
// over every layer's vertices; a small gap costs less than a pass).
constexpr long long kSlackPixels = 64 * 64;

long long waste(const PixelBox& a, const PixelBox& b) { return unite(a, b).area() - a.area() - b.area(); }

// Marks the triangles of a and b that a common subsequence of the two leaves out: equal
// triangles are matched in order, and where they differ the shorter way to the next match is
// taken (the other side's run marked). Runs of marked triangles are marked as one box.
void mark_differences(const std::vector<PictureTriangle>& a, const std::vector<PictureTriangle>& b,
                      const std::function<void(const PixelBox&)>& mark) {
  // Most of a changed layer is drawn as before: the common start and end are matched first.
  size_t start = 0, end_a = a.size(), end_b = b.size();
  while (start < end_a && start < end_b && a[start].hash == b[start].hash) ++start;
  while (end_a > start && end_b > start && a[end_a - 1].hash == b[end_b - 1].hash) --end_a, --end_b;
  std::unordered_map<uint64_t, std::vector<size_t>> in_a, in_b;
  for (size_t i = start; i < end_a; ++i) in_a[a[i].hash].push_back(i);
  for (size_t j = start; j < end_b; ++j) in_b[b[j].hash].push_back(j);
  // The first position >= from where hash h is, or SIZE_MAX.
  auto next = [](const std::unordered_map<uint64_t, std::vector<size_t>>& in, uint64_t h, size_t from) {
    const auto it = in.find(h);
    if (it == in.end()) return SIZE_MAX;
    const auto k = std::lower_bound(it->second.begin(), it->second.end(), from);
    return k == it->second.end() ? SIZE_MAX : *k;
  };
  PixelBox run_a, run_b;
  auto flush = [&]() {
    if (!run_a.empty()) mark(run_a);
    if (!run_b.empty()) mark(run_b);
    run_a = run_b = PixelBox{};
  };
  size_t i = start, j = start;
  while (i < end_a && j < end_b) {
    if (a[i].hash == b[j].hash) { flush(); ++i, ++j; continue; }
    const size_t k = next(in_b, a[i].hash, j), l = next(in_a, b[j].hash, i);
    if (k == SIZE_MAX && l == SIZE_MAX) { run_a = unite(run_a, a[i++].box), run_b = unite(run_b, b[j++].box); continue; }
    if (l == SIZE_MAX || (k != SIZE_MAX && k - j <= l - i)) while (j < k) run_b = unite(run_b, b[j++].box);
    else while (i < l) run_a = unite(run_a, a[i++].box);
  }
  while (i < end_a) run_a = unite(run_a, a[i++].box);
  while (j < end_b) run_b = unite(run_b, b[j++].box);
  flush();
}

// Merges pairs while one is cheap to merge or there are more than kMaxBoxes, the cheapest first.
// Many boxes are first merged in reading order with the one before when that is cheap.
void merge(std::vector<PixelBox>& boxes) {
  if (boxes.size() > 32) {
    std::sort(boxes.begin(), boxes.end(), [](const PixelBox& p, const PixelBox& q) { return p.y0 < q.y0 || (p.y0 == q.y0 && p.x0 < q.x0); });
    std::vector<PixelBox> fewer;
    for (const PixelBox& b : boxes)
      if (!fewer.empty() && waste(fewer.back(), b) <= kSlackPixels) fewer.back() = unite(fewer.back(), b);
      else fewer.push_back(b);
    boxes = std::move(fewer);
    if (boxes.size() > 32) {  // scattered everywhere: one box around them
      PixelBox all;
      for (const PixelBox& b : boxes) all = unite(all, b);
      boxes.assign(1, all);
    }
  }
  while (boxes.size() > 1) {
    // Boxes that overlap are always merged: the painter draws each box's share of a command
    // in one pass, so no pixel may be in two boxes.
    auto cost = [&](size_t i, size_t j) {
      return intersect(boxes[i], boxes[j]).empty() ? waste(boxes[i], boxes[j]) : LLONG_MIN;
    };
    size_t bi = 0, bj = 1;
    long long best = cost(0, 1);
    for (size_t i = 0; i < boxes.size(); ++i)
      for (size_t j = i + 1; j < boxes.size(); ++j)
        if (const long long w = cost(i, j); w < best) best = w, bi = i, bj = j;
    if (best > kSlackPixels && boxes.size() <= static_cast<size_t>(kMaxBoxes)) return;
    boxes[bi] = unite(boxes[bi], boxes[bj]);
    boxes.erase(boxes.begin() + static_cast<long>(bj));
  }
}

}  // namespace

Repaint plan_repaint(const std::vector<PictureLayer>& shown, const std::vector<PictureLayer>& next, int width, int height) {
  Repaint all;
  all.all = true;
  const PixelBox canvas{0, 0, width, height};
  if (canvas.empty()) return {};
  std::unordered_map<uintptr_t, size_t> before;
  for (size_t i = 0; i < shown.size(); ++i)
    if (!before.emplace(shown[i].id, i).second) return all;  // one layer twice: nothing to pair
  std::vector<bool> kept(shown.size(), false);
  std::vector<PixelBox> dirty;
  auto mark = [&](const PixelBox& b) {
    const PixelBox c = intersect(b, canvas);
    if (!c.empty()) dirty.push_back(c);
  };
  size_t last = 0;
  bool any_before = false;
  for (const PictureLayer& l : next) {
    const auto it = before.find(l.id);
    if (it == before.end()) { mark(l.box); continue; }
    if (kept[it->second]) return all;                              // one layer twice
    if (any_before && it->second < last) return all;               // layers changed places
    kept[it->second] = true;
    last = it->second, any_before = true;
    const PictureLayer& was = shown[it->second];
    if (was.hash == l.hash && was.box == l.box) continue;
    if (was.listed && l.listed) mark_differences(was.triangles, l.triangles, mark);
    else mark(was.box), mark(l.box);
  }
  for (size_t i = 0; i < shown.size(); ++i)
    if (!kept[i]) mark(shown[i].box);                              // gone: what was under it shows
  merge(dirty);
  long long area = 0;
  for (const PixelBox& b : dirty) area += b.area();
  if (2 * area >= canvas.area()) return all;
  Repaint r;
  r.boxes = std::move(dirty);
  return r;
}

}  // namespace dlp
