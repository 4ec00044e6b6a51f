#include "engine/flatten.h"

#include "engine/layer_type.h"

namespace dlp {

const LayerType& flatten_layer_type() {
  static const LayerType t{
      "flatten", nullptr, "(h, w, c) -> one row of h*w*c values", 0, nullptr, nullptr, nullptr,
      [](const LayerSpec&, Shape in, const SpecLimits&, SpecError*) -> std::unique_ptr<Layer> { return std::make_unique<Flatten>(in); },
      [](const LayerSpec&, Shape) { return std::string("Flatten()"); },
      R"PY(class Flatten(nn.Module):
    """Flattens in the playground's order: height, width, then channels (NHWC)."""
    def forward(self, x):
        return x.permute(0, 2, 3, 1).flatten(1) if x.dim() == 4 else x
)PY",
      {}};
  return t;
}

}  // namespace dlp
