#include "session/drawing_pad.h"

#include <cstring>

#include "engine/softmax.h"

namespace dlp {

void DrawingPad::pick(const uint8_t* image, int index) {
  strokes.clear();
  std::memcpy(pixels, image, sizeof pixels);
  picked = index;
}

void DrawingPad::update(Model* model, Normalization norm) {
  if (picked >= 0 && !strokes.empty()) picked = -1;
  if (picked < 0) {
    std::vector<float> pad(112 * 112);
    rasterize_strokes(strokes, stroke_width, 112, pad.data());
    blank = !mnist_frame(pad.data(), 112, 112, pixels);
  } else {
    blank = false;
  }
  if (!model || blank) { for (float& p : probs) p = 0; return; }
  float x[784];
  normalize(pixels, 784, norm, x);
  const float* z = model->forward(x, 1, false);
  softmax(z, model->classes(), temperature, probs);
}

}  // namespace dlp
