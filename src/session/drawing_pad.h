// The drawing pad: the student's strokes, the 28x28 digit made of them (framed as MNIST's are,
// data/drawing.h) and the model's probabilities for it at a temperature. No ImGui here.
#pragma once
#include <cstdint>
#include <vector>

#include "data/drawing.h"
#include "engine/model.h"
#include "engine/normalize.h"

namespace dlp {

// How the network reads a digit: its top two classes, and whether it is sure. It is sure when
// the top probability is at least 70% and at least three times the second's; otherwise the answer
// is "not sure: 1 or 7?" rather than a confident wrong one (a 1 with a flag, 60% against a 7's 35%).
struct Reading {
  int top = 0, second = 1;
  bool sure = false;
};
Reading read_probabilities(const float* probs, int classes);

struct DrawingPad {
  std::vector<Stroke> strokes;
  float stroke_width = 0.075f;  // of the pad's side
  float temperature = 1.0f;     // softmax temperature of the shown probabilities
  uint8_t pixels[784] = {};     // the digit as the model sees it
  bool blank = true;            // nothing drawn (or nothing left after framing)
  float probs[10] = {};
  // A digit picked by number instead of drawn (without a pointer: the keyboard, a screen reader):
  // its index in the test set, -1 while the pad shows strokes.
  int picked = -1;

  // Rasterizes the strokes, frames the digit and classifies it (probabilities 0 without a model);
  // a picked digit is classified as it is.
  void update(Model* model, Normalization norm);
  // Shows this 28x28 image (a test digit) instead of strokes; a stroke or clear() goes back to drawing.
  void pick(const uint8_t* image, int index);
  // An empty pad: no strokes, no picked digit (update() then says it is blank).
  void clear() { strokes.clear(); picked = -1; }
};

}  // namespace dlp
