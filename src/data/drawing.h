// From strokes on a drawing pad to the 28x28 input MNIST was made with: strokes are rendered
// anti-aliased, cropped to their bounding box, scaled to fit 20x20 (aspect kept), and placed in
// 28x28 so that the center of mass sits on pixel (14, 14), as in MNIST's digits. A network trained
// on MNIST expects exactly this framing; skipping it is why drawn digits are often misread
// elsewhere. Checked against MNIST itself: its test digits, thinned and redrawn through the pad,
// read as their originals do (tests/e2e/drawn_digits.test.mjs).
#pragma once
#include <cstdint>
#include <vector>

namespace dlp {

struct PadPoint { float x, y; };           // 0..1 in pad coordinates
using Stroke = std::vector<PadPoint>;

// Renders strokes of the given width (fraction of the pad side) into an n x n coverage image in [0, 1].
void rasterize_strokes(const std::vector<Stroke>& strokes, float width, int n, float* out);

// MNIST framing of a grayscale w x h image with values in [0, 1] (ink high). Writes 28x28 bytes;
// returns false (and writes zeros) when the image is blank.
bool mnist_frame(const float* img, int w, int h, uint8_t out[784]);

}  // namespace dlp
