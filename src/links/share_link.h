// The whole demo as a URL fragment, versioned and readable:
//   #v1&data=mnist&norm=centered&model=conv5x5x8+relu+maxpool2+dense10&lr=0.05&batch=32&opt=sgd
//      &mom=0&l2=0&decay=1&dsteps=1000&numerics=2&init=he&sigma=0.1&seed=1.1.1&steps=500&panels=31&sample=0
//      &hide=lr.batch&lock=1&lesson=logistic&done=softmax.logistic&log=200,lr:0.01&wh=0123456789abcdef
// numerics names the rule training computes by (engine/numerics.h; absent: rule 1, as links made
// before rule 2 were); seed is init.order.dropout; panels is a bit mask (1 Model, 2 Train, 4 Draw, 8 Data, 16 Inspect,
// 32 Lessons: the bits of src/ui/panels.cpp's table); lesson and done name lessons by id (links
// made before ids numbered them, lesson=3, and kept a bit mask, done=5: both still read);
// hide names controls a teacher hid; lock=1 makes the spec read-only. No ImGui here: the
// decoder is unit-tested and fuzzed natively.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/model.h"
#include "engine/normalize.h"
#include "session/training_log.h"

namespace dlp {

// What a link means by a run field it leaves out (a link written by hand, a lesson's short demo
// link), fixed and independent of what the page opens on (default_preset()): the LeNet-like net
// with SGD 0.01, momentum 0.9 and the rate times 0.9 every 1,875 steps, so such a link replays the
// same with every build
// (tests/links/links_with_fields_left_out.txt).
constexpr const char* kLinkDefaultSpec = "conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10";
inline TrainConfig link_default_train() {
  TrainConfig c;
  c.optimizer = OptimizerKind::SGD;
  c.lr = 0.01f;
  c.momentum = 0.9f;
  c.lr_decay = 0.9f;
  c.decay_steps = 1875;
  return c;
}

struct ShareLink {
  std::string data = "mnist";
  Normalization norm = Normalization::Centered;
  std::string spec = kLinkDefaultSpec;
  TrainConfig cfg = link_default_train();
  int batch = 32;
  InitConfig init{InitKind::He, 0.1f, 1};
  uint64_t order_seed = 1, dropout_seed = 1;
  uint64_t steps = 0;               // training steps to replay
  std::vector<LogChange> log;       // setting changes during the run (training_log.h)
  uint32_t own_count = 0, own_hash = 0;  // the sender's own examples, joined at the start
  uint64_t wfile = 0, wfile_step = 0;    // the run continues a weights file (its hash) from this step
  uint64_t weights_hash = 0;        // the sender's weights after the replay, to check against
  // Runs pinned to compare (compare.h), each as its own link of run fields, under its name:
  // pinA, pinB, pinC. The page replays each, then this link's own run.
  std::vector<std::pair<char, std::string>> pins;
  int panels = 31;
  int sample = 0;
  std::vector<std::string> hide;    // hidden controls: lr, batch, opt, mom, l2, decay, dropout, init, seed, data, norm, presets
  bool lock = false;
  std::string lesson;               // the open lesson's id (lessons.h); empty: none
  std::vector<std::string> done;    // ids of the lessons done, sorted
  bool operator==(const ShareLink& o) const;
};

constexpr uint64_t kMaxReplaySteps = 200000;
// The longest fragment decode_link reads (a link made longer is not opened at all).
constexpr size_t kMaxLinkChars = 8192;

// The controls a teacher can hide (`hide`), in the order the Share window lists them.
const std::vector<std::string>& hideable_controls();
// A 64-bit hash as links write it: 16 lower-case hex digits.
std::string hex64(uint64_t v);
std::string encode_link(const ShareLink& s);
// True when a and b name the same run up to step k: both reach it, from the same start, with the
// same setting changes before it (a run is its start and its log, so its model at k is the same),
// whatever either did after k or shows.
bool same_run_until(const ShareLink& a, const ShareLink& b, uint64_t k);
// Applies every field that parses and is in range; each one that does not is named in
// `problems` (shown to the user as text). Returns false only when the link is not a v1 link at
// all (nothing applied).
bool decode_link(const std::string& fragment, ShareLink* s, std::vector<std::string>* problems);

}  // namespace dlp
