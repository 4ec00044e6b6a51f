#include "session/drawing_pad.h"

#include "engine/softmax.h"

namespace dlp {

void DrawingPad::update(Model* model, Normalization norm) {
  std::vector<float> pad(112 * 112);
  rasterize_strokes(strokes, stroke_width, 112, pad.data());
  blank = !mnist_frame(pad.data(), 112, 112, pixels);
  if (!model || blank) { for (float& p : probs) p = 0; return; }
  float x[784];
  normalize(pixels, 784, norm, x);
  const float* z = model->forward(x, 1, false);
  softmax(z, model->classes(), temperature, probs);
}

}  // namespace dlp
