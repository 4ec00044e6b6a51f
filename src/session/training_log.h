// A run's training as a log: the settings it started with and every change of a training setting
// at the step it was made. Replaying the log from the same seeds gives the same weights and the
// same loss curve, whatever the sender did between steps (Train/Pause, Step, train(n), lessons).
//
// In a link the log is a list of tokens: a number trains that many steps, `key:value` changes a
// setting; the last segment runs to the link's `steps`:
//   steps=650&log=200,lr:0.01,300,batch:64;opt:adam      (200 steps, lr 0.01 for 300, then the rest)
// Changes at the same step are joined with ';'. No ImGui here: unit-tested and fuzzed natively.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/optimizer.h"

namespace dlp {

// The settings a student may change while a model trains.
struct TrainSettings {
  TrainConfig cfg;
  int batch = 32;
  float dropout = -1;            // the rate of every dropout layer; -1: each as the spec says
  uint32_t own_count = 0;        // the student's own examples joined to the training set
  uint32_t own_hash = 0;         //   and a fingerprint of them and their weight (a link cannot carry them)
  bool operator==(const TrainSettings& o) const;
  bool operator!=(const TrainSettings& o) const { return !(*this == o); }
};

// TrainSettings as bytes, between the page and its training worker (worker_channel.h; the same
// build at both ends): always kSettingsBytes long. From bytes: false when n is not that length.
constexpr size_t kSettingsBytes = sizeof(TrainConfig) + 16;
void put_settings(std::vector<uint8_t>& b, const TrainSettings& t);
bool get_settings(const uint8_t* p, size_t n, TrainSettings* t);

// OptReset is an event, not a setting: training diverged, the last good weights came back and the
// optimizer's state started over at this step.
enum class Knob : uint8_t { LR, Batch, Opt, Mom, L2, Decay, DSteps, Dropout, Own, OptReset, Aug };

struct LogChange {
  uint64_t step = 0;   // applied before this step is taken (the model has taken `step` steps)
  Knob knob = Knob::LR;
  float value = 0;     // Opt: 0 SGD, 1 Adam; Own: the count
  uint32_t hash = 0;   // Own only
  bool operator==(const LogChange& o) const;
};

// A link carries at most this many changes; a run with more is shared untrained (said when made).
constexpr size_t kMaxLogChanges = 200;

// The changes that turn `from` into `to`, all at `step`.
std::vector<LogChange> settings_diff(const TrainSettings& from, const TrainSettings& to, uint64_t step);
void apply_change(TrainSettings* s, const LogChange& c);
// The settings in effect for the step taken at `step` (the model has taken `step` steps): the
// start with every change of the log made before it (all of them by default).
TrainSettings settings_before(const TrainSettings& start, const std::vector<LogChange>& log, uint64_t step = UINT64_MAX);
// The value a knob had just before `step`: the last change before it, else the start's.
LogChange value_before(const TrainSettings& start, const std::vector<LogChange>& log, Knob knob, uint64_t step);

// The most own examples a run trained with: at its start or after any change in its log.
uint32_t most_own_examples(uint32_t at_start, const std::vector<LogChange>& log);

std::string encode_log(const std::vector<LogChange>& log);
// Whole log or nothing: on a bad token, `err` says which and the log is left empty.
bool decode_log(const std::string& text, uint64_t max_step, std::vector<LogChange>* log, std::string* err);

// The shortest decimal that reads back to the same float: 0.05, not 0.0500000007.
std::string short_float(float v);
const char* knob_name(Knob k);

}  // namespace dlp
