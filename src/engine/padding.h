// Output size and padding for windows sliding over a grid, TensorFlow's convention:
//   VALID: out = floor((in - k) / s) + 1, no padding (empty when k > in)
//   SAME:  out = ceil(in / s), total padding max((out-1)s + k - in, 0), the smaller half first.
#pragma once

namespace dlp {

enum class Padding { Same, Valid };

struct Window1D {
  int out = 0;       // output length (0 means empty)
  int pad_before = 0;
};

inline Window1D window_1d(int in, int k, int s, Padding p) {
  Window1D w;
  if (p == Padding::Valid) {
    w.out = in >= k ? (in - k) / s + 1 : 0;
  } else {
    w.out = (in + s - 1) / s;
    const int total = (w.out - 1) * s + k - in;
    w.pad_before = total > 0 ? total / 2 : 0;
  }
  return w;
}

}  // namespace dlp
