// The student's own examples (drawn on the pad or uploaded): 28x28 images with labels, joined to
// the training set with a weight. Kept in the browser as bytes: "DLPO", the count (u32 LE), the
// labels, then the pixels. No ImGui here.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "session/fact.h"

namespace dlp {

struct OwnExamples {
  static constexpr size_t kMax = 2000;
  Dataset set;
  float weight = 10.0f;  // each counts as this many training examples
  bool joined = false;   // this run trains on them (a run from a link only if the link's match)

  size_t size() const { return set.size(); }
  // False (and why, in *why) when the label is not 0..9 or there are kMax already.
  bool add(const uint8_t* pixels, uint8_t label, Fact* why);  // 28x28 bytes, MNIST-framed
  void remove(size_t i);
  void clear() { set = Dataset{}; }
  // After any change (examples or weight): a new fingerprint, joined to the run from the next step.
  void changed();
  // Of the examples and their weight: a link names the examples it trained with by it.
  uint32_t fingerprint() const { return fp_; }
  // These are the examples a run's settings name (count and fingerprint): only then do they join
  // its training (a link, a replay or a rewind cannot carry others).
  bool named(uint32_t count, uint32_t hash) const { return count > 0 && count == size() && hash == fp_; }
  std::vector<uint8_t> bytes() const;
  bool from_bytes(const std::vector<uint8_t>& b);  // false (nothing kept) when unreadable

 private:
  uint32_t fp_ = 0;
};

}  // namespace dlp
