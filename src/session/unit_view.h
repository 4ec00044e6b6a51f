// The Inspect panel's unit view: one unit of a convolution or a dense layer, opened by a click on
// its feature map, as numbers a student can check by hand. Forward: its receptive field on the
// input, the weighted sum with the real numbers (the largest contributions, the rest summed), the
// bias, z and the ReLU. Backward, for the loss of the class the panel's saliency uses: dL/da,
// dL/dz, and the chain rule for one weight the student picks: dL/dw = sum over the positions that
// share the weight of dL/dz times the input there (one position for a dense unit).
// Every number is the engine's: the sums run in the engine's order (UnitSum), so z, dL/dw and
// dL/db equal what the forward and backward computed (tests/session/unit_view_test.cpp).
// open_unit() is the arithmetic (no ImGui, tested natively); draw_unit() shows it.
#pragma once
#include <string>
#include <vector>

#include "engine/model.h"
#include "session/fact.h"

namespace dlp {


// What was clicked: a map (layer, channel) and a cell; term: the weight picked for the chain
// rule (an index into the unit's terms; -1: the largest contribution).
struct UnitPick {
  int layer = -1, y = 0, x = 0, c = 0;
  int term = -1;
  bool open() const { return layer >= 0; }
};

struct UnitReport {
  Fact error;               // why this map has no unit to open (Nothing: it has)
  int layer = -1, act = -1; // the layer with weights; the ReLU right after it (-1: none)
  std::string name;         // "conv5x5x16"
  Shape in, out;
  int y = 0, x = 0, c = 0;
  Region field;             // the receptive field on the model's input
  struct Term {
    long input;             // element of the layer's input (-1: a padding zero)
    size_t weight;          // element of the layer's weight tensor
    float x, w;
  };
  std::vector<Term> terms;  // in the engine's order
  std::vector<int> top;     // terms with the largest |x w|, largest first (at most 8)
  float rest = 0;           // the other terms' sum (for reading: the exact sum is z)
  float bias = 0, z = 0, engine_z = 0;
  float a = 0, engine_a = 0;  // after the ReLU (when act >= 0)
  float dl_da = 0, dl_dz = 0;
  // The chain rule for terms[term]: dL/dw = sum over positions of dL/dz(p) x(p); here = this
  // unit's own product; the engine's gradient of that weight (and of the bias) beside.
  int term = -1, positions = 1;
  float here = 0, dw = 0, engine_dw = 0, db = 0, engine_db = 0;
};

// The unit `pick` after Model::input_gradient(input, ..., &output_grads) ran on one example
// (its activations and gradients are the model's now).
UnitReport open_unit(Model& m, const float* input, const std::vector<std::vector<float>>& output_grads, const UnitPick& pick);

}  // namespace dlp
