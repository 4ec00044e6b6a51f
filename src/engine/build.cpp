#include "engine/build.h"

#include "engine/layer_type.h"

namespace dlp {

bool build_sequence(const ModelSpec& spec, Shape input, int classes, const SpecLimits& lim, Sequence* out,
                    SpecError* err) {
  Sequence seq(input);
  size_t params = 0;
  if (!build_layers(spec.layers, input, lim, &seq, &params, err)) return false;
  const Shape o = seq.out_shape();
  if (!(o.h == 1 && o.w == 1 && o.c == classes)) {
    return spec_fail(err, spec.layers.empty() ? 0 : spec.layers.back().pos, "the last layer gives " + o.str() + " but the data has " + std::to_string(classes) +
                                   " classes: end the spec with dense" + std::to_string(classes));
  }
  *out = std::move(seq);
  return true;
}

}  // namespace dlp
