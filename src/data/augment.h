// Augmentation: the variations a network should ignore, shown to it (the course's "statistical
// invariance"). Each training digit is drawn again with a small random rotation, scale, shear and
// shift, and a stroke a little thinner or thicker, as different hands write it. The transform of
// an example comes from a generator seeded by the run's order seed, the epoch and the example
// alone, so a run replays bit for bit natively, in wasm and on any thread count; the arithmetic
// is +, -, *, / only (no libm), which IEEE rounds the same everywhere.
#pragma once
#include <cstdint>
#include <string>

namespace dlp {

// Whether the presets augment a data set: digits, drawn again as hands vary them. Clothes are not
// drawn by hand: on Fashion-MNIST the LeNet-like preset reads 88.1% with it against 90.5% without
// (docs/benchmarks.md), so the presets leave it off there (a run may still ask for it).
inline bool presets_augment(const std::string& data) { return data == "mnist"; }

// One example's transform, drawn from its seed.
struct Augmentation {
  float angle = 0;           // radians, counter-clockwise, |angle| <= 0.21 (12 degrees)
  float scale = 1;           // 0.9 .. 1.1
  float shear = 0;           // x += shear * y, |shear| <= 0.15
  float dx = 0, dy = 0;      // pixels, |d| <= 2
  int stroke = 0;            // -1 thinner, 0 as it is, +1 thicker
};
Augmentation draw_augmentation(uint64_t seed);
// The seed of an example's transform in a run: its order seed, the epoch and the example's index
// in the training set (own examples after the data set's).
uint64_t augmentation_seed(uint64_t order_seed, uint64_t epoch, uint32_t example);

// A 28x28 digit (bytes, ink high) drawn again under the transform: the stroke first, then the
// affine map about the image's centre, sampled bilinearly (zero outside). in and out must differ.
void augment_digit(const uint8_t in[784], const Augmentation& a, uint8_t out[784]);

}  // namespace dlp
