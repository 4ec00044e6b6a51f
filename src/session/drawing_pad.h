// The drawing pad: the student's strokes, the 28x28 digit made of them (framed as MNIST's are,
// data/drawing.h) and the model's probabilities for it at a temperature. No ImGui here.
#pragma once
#include <cstdint>
#include <vector>

#include "data/drawing.h"
#include "engine/model.h"
#include "engine/normalize.h"

namespace dlp {

struct DrawingPad {
  std::vector<Stroke> strokes;
  float stroke_width = 0.075f;  // of the pad's side
  float temperature = 1.0f;     // softmax temperature of the shown probabilities
  uint8_t pixels[784] = {};     // the digit as the model sees it
  bool blank = true;            // nothing drawn (or nothing left after framing)
  float probs[10] = {};

  // Rasterizes the strokes, frames the digit and classifies it (probabilities 0 without a model).
  void update(Model* model, Normalization norm);
};

}  // namespace dlp
