#include "engine/residual.h"

#include "engine/kernels/add.h"
#include "engine/layer_type.h"

namespace dlp {

std::string Residual::name() const {
  std::string s = "residual(";
  for (size_t i = 0; i < body_.size(); ++i) s += (i ? " " : "") + body_.layer(i).name();
  return s + ")";
}

bool Residual::set_dropout_rate(float rate) { return body_.set_dropout_rate(rate); }

// y = x + F(x); x, y: (B, in).
void Residual::forward(const float* x, float* y, int batch, bool training) {
  const float* f = body_.forward(x, batch, training);
  f32_add(in_.size() * batch, x, f, y);
}

// dx = dy + F's input gradient for dy; F's parameter gradients come from the same dy.
void Residual::backward(const float* x, const float*, const float* dy, float* dx, int batch) {
  body_.backward(x, dy, dx, batch);
  if (!dx) return;
  f32_add(in_.size() * batch, dx, dy, dx);
}

// residual(<layers>)
const LayerType& residual_layer_type() {
  static const LayerType t{
      "residual", "res", "y = x + layers(x): a shortcut around the layers inside", 0,
      [] {
        LayerSpec l;
        l.body = {default_layer("conv"), default_layer("relu"), default_layer("conv")};
        return l;
      },
      [](SpecCursor& c, LayerSpec& l, SpecError* err) {
        const size_t open = c.i;
        if (!c.eat("(") || c.end - c.i < 1 || c.t[c.end - 1] != ')')
          return spec_fail(err, l.pos, "'" + c.word() + "': write residual(<layers>), as in residual(conv3x3x16 relu conv3x3x16)");
        if (!parse_layers(c.t, c.i, c.end - 1, &l.body, err, c.limits)) return false;
        if (l.body.empty()) return spec_fail(err, open, "'" + c.word() + "': a residual block needs layers inside");
        return true;
      },
      [](const LayerSpec& l) {
        std::string s = "residual(";
        for (size_t i = 0; i < l.body.size(); ++i) s += (i ? " " : "") + print_layer(l.body[i]);
        return s + ")";
      },
      [](const LayerSpec& l, Shape in, const SpecLimits& lim, SpecError* err) -> std::unique_ptr<Layer> {
        Sequence body(in);
        size_t params = 0;
        if (!build_layers(l.body, in, lim, &body, &params, err)) return nullptr;
        if (!(body.out_shape() == in)) {
          spec_fail(err, l.pos, quote_layer(l) + "the layers inside turn " + in.str() + " into " + body.out_shape().str() +
                                    "; a residual block adds its input to their output, so they must keep " + in.str() +
                                    " (depth " + std::to_string(in.c) + ", stride 1, SAME)");
          return nullptr;
        }
        return std::make_unique<Residual>(std::move(body));
      },
      [](const LayerSpec& l, Shape in) {
        return "Residual(nn.Sequential(\n" + pytorch_layers(l.body, in, "                ") + "            ))";
      },
      R"PY(class Residual(nn.Module):
    """y = x + body(x)."""
    def __init__(self, body):
        super().__init__()
        self.body = body

    def forward(self, x):
        return x + self.body(x)
)PY",
      {{"layers", LayerSetting::SpecText, nullptr, nullptr}},
      // Added where the input has depth d, the convolutions inside keep d, so the sum works.
      [](LayerSpec& l, Shape in) {
        for (LayerSpec& b : l.body)
          if (b.is("conv")) b.depth = in.c;
      },
  };
  return t;
}

}  // namespace dlp
