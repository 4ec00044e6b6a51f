#include "session/drawing_pad.h"

#include <cstring>

#include "engine/softmax.h"

namespace dlp {

Reading read_probabilities(const float* probs, int classes) {
  Reading r;
  if (classes < 2) return r;
  r.top = probs[1] > probs[0] ? 1 : 0;
  r.second = 1 - r.top;
  for (int c = 2; c < classes; ++c) {
    if (probs[c] > probs[r.top]) { r.second = r.top; r.top = c; }
    else if (probs[c] > probs[r.second]) r.second = c;
  }
  r.sure = probs[r.top] >= 0.7f && probs[r.top] >= 3 * probs[r.second];
  return r;
}

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
