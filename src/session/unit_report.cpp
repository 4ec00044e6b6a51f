// The unit view's arithmetic (unit_view.h): every sum in the engine's order, from the engine's
// own activations, gradients and weights.
#include <algorithm>
#include <cmath>

#include "session/unit_view.h"

namespace dlp {

UnitReport open_unit(Model& m, const float* input, const std::vector<std::vector<float>>& output_grads, const UnitPick& pick) {
  UnitReport r;
  Sequence& seq = m.sequence();
  if (pick.layer < 0 || static_cast<size_t>(pick.layer) >= seq.size()) { r.error = Fact(Fact::UnitNoSuchLayer); return r; }
  UnitSum u;
  const Layer& clicked = seq.layer(pick.layer);
  const Shape shape = clicked.out_shape();
  const int y = std::clamp(pick.y, 0, shape.h - 1), x = std::clamp(pick.x, 0, shape.w - 1), c = std::clamp(pick.c, 0, shape.c - 1);
  if (clicked.open_unit(y, x, c, &u)) {
    r.layer = pick.layer;
    const size_t next = static_cast<size_t>(pick.layer) + 1;
    if (next < seq.size() && seq.layer(next).name() == "relu") r.act = static_cast<int>(next);
  } else if (pick.layer > 0 && clicked.name() == "relu" && seq.layer(pick.layer - 1).out_shape() == shape &&
             seq.layer(pick.layer - 1).open_unit(y, x, c, &u)) {
    r.layer = pick.layer - 1;
    r.act = pick.layer;
  } else {
    r.error = Fact(Fact::UnitNoWeights);
    r.error.text = clicked.name();
    return r;
  }
  const Layer& l = seq.layer(r.layer);
  r.name = l.name();
  r.in = l.in_shape();
  r.out = l.out_shape();
  r.y = y, r.x = x, r.c = c;
  r.field = seq.input_region(static_cast<size_t>(r.layer) + 1, Region{y, y, x, x});

  // Forward: z = bias, then + x w term after term, as the layer's product adds them.
  const float* in = r.layer == 0 ? input : seq.activation(r.layer - 1);
  const size_t at = (static_cast<size_t>(y) * r.out.w + x) * r.out.c + c;
  r.bias = u.bias;
  float z = u.bias;
  r.terms.reserve(u.terms.size());
  for (const UnitSum::Term& t : u.terms) {
    const float xv = t.input < 0 ? 0.0f : in[t.input], w = u.weights[t.weight];
    r.terms.push_back({t.input, t.weight, xv, w});
    z = z + xv * w;
  }
  r.z = z;
  r.engine_z = seq.activation(r.layer)[at];
  std::vector<int> order(r.terms.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  const size_t shown = std::min<size_t>(8, order.size());
  auto bigger = [&](int a, int b) { return std::fabs(r.terms[a].x * r.terms[a].w) > std::fabs(r.terms[b].x * r.terms[b].w); };
  std::partial_sort(order.begin(), order.begin() + static_cast<long>(shown), order.end(), bigger);
  r.top.assign(order.begin(), order.begin() + static_cast<long>(shown));
  double rest = 0;
  for (size_t i = shown; i < order.size(); ++i) rest += static_cast<double>(r.terms[order[i]].x) * r.terms[order[i]].w;
  r.rest = static_cast<float>(rest);
  if (r.act >= 0) {
    r.a = r.z > 0.0f ? r.z : 0.0f;  // the ReLU layer's rule (NaN and -0 give +0)
    r.engine_a = seq.activation(r.act)[at];
  }

  // Backward: the gradients the engine's backward left for this example.
  if (output_grads.size() == seq.size()) {
    r.dl_dz = output_grads[r.layer][at];
    r.dl_da = r.act >= 0 ? output_grads[r.act][at] : r.dl_dz;
    r.term = pick.term >= 0 && static_cast<size_t>(pick.term) < r.terms.size() ? pick.term : (r.top.empty() ? -1 : r.top[0]);
    if (r.term >= 0) {
      // dL/dw and dL/db: over every output position that shares the weight, in order from 0.
      r.positions = r.out.h * r.out.w;
      float dw = 0.0f, db = 0.0f;
      UnitSum there;
      for (int py = 0; py < r.out.h; ++py)
        for (int px = 0; px < r.out.w; ++px) {
          l.open_unit(py, px, c, &there);
          const long i = there.terms[r.term].input;
          const float dz = output_grads[r.layer][(static_cast<size_t>(py) * r.out.w + px) * r.out.c + c];
          dw = dw + (i < 0 ? 0.0f : in[i]) * dz;
          db = db + dz;
        }
      r.dw = dw;
      r.db = db;
      r.here = r.terms[r.term].x * r.dl_dz;
      r.engine_dw = u.weight_grads[r.terms[r.term].weight];
      r.engine_db = u.bias_grad;
    }
  }
  return r;
}

}  // namespace dlp
