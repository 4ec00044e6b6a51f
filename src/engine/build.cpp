#include "engine/build.h"

#include <memory>

#include "engine/activation.h"
#include "engine/conv2d.h"
#include "engine/dense.h"
#include "engine/dropout.h"
#include "engine/flatten.h"
#include "engine/inception.h"
#include "engine/pool.h"

namespace dlp {


bool build_sequence(const ModelSpec& spec, Shape input, int classes, const SpecLimits& lim, Sequence* out,
                    SpecError* err) {
  Sequence seq(input);
  size_t params = 0;
  for (const LayerSpec& l : spec.layers) {
    const Shape in = seq.out_shape();
    const std::string word = layer_to_string(l);
    std::unique_ptr<Layer> layer;
    switch (l.kind) {
      case LayerKind::Dense:
        if (l.units > lim.max_units)
          return spec_fail(err, l.pos, "'" + word + "': at most " + std::to_string(lim.max_units) + " units");
        if (static_cast<double>(in.size()) * l.units > static_cast<double>(lim.max_params))
          return spec_fail(err, l.pos, "'" + word + "' on a " + in.str() + " input needs " +
                                      std::to_string(static_cast<unsigned long long>(in.size()) * l.units) +
                                      " weights; at most " + std::to_string(lim.max_params));
        layer = std::make_unique<Dense>(in, l.units);
        break;
      case LayerKind::Conv: {
        if (l.kh > lim.max_kernel || l.kw > lim.max_kernel)
          return spec_fail(err, l.pos, "'" + word + "': patch at most " + std::to_string(lim.max_kernel) + "x" + std::to_string(lim.max_kernel));
        if (l.depth > lim.max_depth) return spec_fail(err, l.pos, "'" + word + "': depth at most " + std::to_string(lim.max_depth));
        if (l.stride > lim.max_stride) return spec_fail(err, l.pos, "'" + word + "': stride at most " + std::to_string(lim.max_stride));
        const Window1D h = window_1d(in.h, l.kh, l.stride, l.padding), w = window_1d(in.w, l.kw, l.stride, l.padding);
        if (h.out < 1 || w.out < 1)
          return spec_fail(err, l.pos, "'" + word + "': a " + std::to_string(l.kh) + "x" + std::to_string(l.kw) +
                                      (l.padding == Padding::Valid ? " VALID" : " SAME") + " convolution on a " +
                                      std::to_string(in.h) + "x" + std::to_string(in.w) + " input gives an empty output");
        layer = std::make_unique<Conv2D>(in, l.kh, l.kw, l.depth, l.stride, l.padding);
        break;
      }
      case LayerKind::MaxPool:
      case LayerKind::AvgPool: {
        if (l.kh > lim.max_kernel) return spec_fail(err, l.pos, "'" + word + "': window at most " + std::to_string(lim.max_kernel));
        if (l.stride > lim.max_stride) return spec_fail(err, l.pos, "'" + word + "': stride at most " + std::to_string(lim.max_stride));
        const Window1D h = window_1d(in.h, l.kh, l.stride, l.padding), w = window_1d(in.w, l.kh, l.stride, l.padding);
        if (h.out < 1 || w.out < 1)
          return spec_fail(err, l.pos, "'" + word + "': a " + std::to_string(l.kh) + "x" + std::to_string(l.kh) +
                                      " pooling window on a " + std::to_string(in.h) + "x" + std::to_string(in.w) +
                                      " input gives an empty output");
        layer = std::make_unique<Pool>(in, l.kind == LayerKind::MaxPool ? PoolKind::Max : PoolKind::Avg, l.kh, l.stride, l.padding);
        break;
      }
      case LayerKind::ReLU: layer = std::make_unique<Activation>(in, ActivationKind::ReLU); break;
      case LayerKind::Sigmoid: layer = std::make_unique<Activation>(in, ActivationKind::Sigmoid); break;
      case LayerKind::Tanh: layer = std::make_unique<Activation>(in, ActivationKind::Tanh); break;
      case LayerKind::Dropout: layer = std::make_unique<Dropout>(in, l.rate); break;
      case LayerKind::Flatten: layer = std::make_unique<Flatten>(in); break;
      case LayerKind::Inception: {
        const InceptionSizes& z = l.inception;
        const int widest = std::max(std::max(z.a, z.r3), std::max(std::max(z.c3, z.r5), std::max(z.c5, z.p)));
        if (widest > lim.max_depth || z.a + z.c3 + z.c5 + z.p > lim.max_depth)
          return spec_fail(err, l.pos, "'" + word + "': output depth at most " + std::to_string(lim.max_depth));
        layer = std::make_unique<Inception>(in, z);
        break;
      }
    }
    params += layer->param_count();
    if (params > lim.max_params)
      return spec_fail(err, l.pos, "the model reaches " + std::to_string(params) + " parameters at '" + word + "'; at most " +
                                  std::to_string(lim.max_params));
    seq.add(std::move(layer));
  }
  const Shape o = seq.out_shape();
  if (!(o.h == 1 && o.w == 1 && o.c == classes)) {
    const LayerSpec& last = spec.layers.back();
    return spec_fail(err, last.pos, "the last layer gives " + o.str() + " but the data has " + std::to_string(classes) +
                                   " classes: end the spec with dense" + std::to_string(classes));
  }
  *out = std::move(seq);
  return true;
}

}  // namespace dlp
