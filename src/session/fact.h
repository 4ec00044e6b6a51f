// What the session tells the student, as facts: what happened (a kind) and the numbers its
// sentence needs. The sentences are the page's (src/ui/words.cpp, one way to say each fact), so
// the parts below the UI hold no English and their tests compare facts. A fact kept in the status
// line, the notes or the alert travels in the session's bytes between the page and its worker
// (session_bytes.cpp), both of one build; kinds keep their numbers all the same, so bytes kept as
// test data read the same: new kinds go at the end.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/bytes.h"

namespace dlp {

struct Fact {
  // Each kind names the fields its sentence reads; the others stay as they are by default.
  enum Kind : uint16_t {
    Nothing = 0,
    Text = 1,                  // text: words that came as words (the page's script, a parser, the page itself)

    // The status line (Topic::Status)
    Ready = 2,                 // a page before its first run
    NewWeights = 3,            // count: the model's parameters
    Paused = 4,                // step
    Training = 5,              // step, epoch, loss; accuracy: the last test figure (-1: none), on count digits at step `to`
    TrainedByApi = 6,          // step: train(n) from the page's API is done
    WaitingForData = 7,        // step; to: the replay's target (0: not replaying); count of total training examples in; text: the data set
    ReplayingLink = 8,         // count: the link's steps
    ReplayingStep = 9,         // step of to
    Replayed = 10,             // step
    ReplayDiffers = 11,        // the replay's weights are not the sender's (a note says how)
    StoppedReplay = 12,        // step
    AwaitingWeightsFile = 13,  // a link that continues a weights file waits for it
    LinksWeightsFile = 14,     // the weights dropped are that file
    LoadedWeights = 15,        // accuracy; hash: the weights', expect: the link sender's (0: no link); other: the link continues another file
    Diverged = 16,             // step: the step that blew up; loss, lr (also an alert)
    Dead = 17,                 // loss: the dead steps' mean; lr (also an alert)
    Slow = 18,                 // ms a step, mflops per example forward, batch; offer: the batch of a fifth of a second (also an alert)
    Retried = 19,              // step: the checkpoint gone back to; lr: the lower rate
    Branched = 20,             // step: the rewound step the run goes on from
    Seeking = 21,              // step: the step rewind goes back to
    Showing = 22,              // step: the step shown; to: the run's last step
    BackToNow = 23,            // step: the run's last step

    // Notes on a link's run (Session::notes); pinned: the pinned run they are about (0: the current one)
    ReplayMismatch = 24,       // hash: the replay's weights, expect: the link's
    LinkUsedOwnExamples = 25,  // count: the sender's own examples
    OwnExamplesNotInLink = 26, // count: the student's own examples
    LinkContinuesFile = 27,    // step: the weights file's

    // What this run's link cannot carry (Session::link_caveats)
    CaveatOwnExamples = 28,    // count
    CaveatWeightsFile = 29,    // step: the weights file's
    CaveatTooManyChanges = 30, // count: the changes logged

    // Why rewind shows another step than the one asked for, or waits (Rewind::note)
    RewindCannotBuild = 31,
    RewindOwnChanged = 32,     // step: shown; to: asked for
    RewindWaitingForData = 33, // step: the one it waits to take; count of total training examples in; text: the data set

    // Why a unit cannot be opened (UnitReport::error)
    UnitNoSuchLayer = 34,
    UnitNoWeights = 35,        // text: the layer's name

    // Why an own example was not added (OwnExamples::add)
    OwnLabel = 36,
    OwnTooMany = 37,

    // Why weights or a training state did not load (Session::load_weights, load_training, a worker's problem)
    NoModelForWeights = 38,
    NotATrainingState = 39,
    DamagedTrainingState = 40,
    RunHasNoModel = 41,
    WorkerHasOtherData = 42,   // text: the worker's data set, text2: the run's
    DamagedOwnExamples = 43,
    WorkerCannotBuild = 44,    // text: why (the spec's error)
    WorkerTrainedOtherRun = 45,
    WeightsDoNotFit = 46,
    Last = WeightsDoNotFit,
  };
  Kind kind = Nothing;
  uint64_t step = 0;
  uint64_t to = 0;
  uint64_t count = 0, total = 0;
  uint64_t epoch = 0;
  uint64_t hash = 0, expect = 0;
  float loss = 0, lr = 0;
  float accuracy = -1;
  double ms = 0, mflops = 0;
  int32_t batch = 0, offer = 0;
  bool other = false;
  char pinned = 0;
  std::string text, text2;

  Fact() = default;
  explicit Fact(Kind k) : kind(k) {}
  // The common shapes: a kind about a step, or about how many.
  static Fact at_step(Kind k, uint64_t step) {
    Fact f(k);
    f.step = step;
    return f;
  }
  static Fact counted(Kind k, uint64_t count) {
    Fact f(k);
    f.count = count;
    return f;
  }
  // Words that came as words ("" says nothing).
  static Fact from_text(std::string t) {
    Fact f(t.empty() ? Nothing : Text);
    f.text = std::move(t);
    return f;
  }
  bool said() const { return kind != Nothing; }
  bool operator==(const Fact& o) const;
  bool operator!=(const Fact& o) const { return !(*this == o); }
};

// A fact as bytes: every field in a fixed little-endian form (u16 kind, the numbers, each string
// as u32 length and bytes). The reader refuses a kind it does not know.
void put_fact(std::vector<uint8_t>& b, const Fact& f);
bool read_fact(ByteReader& r, Fact* f);

}  // namespace dlp
