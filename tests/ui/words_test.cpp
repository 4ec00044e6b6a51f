// Every fact the session tells, in the words the student reads: each kind with the numbers of a
// real run, against the sentence the page shows (the end-to-end walks read many of them).
#include "ui/words.h"

#include <gtest/gtest.h>

#include <limits>

#include "session/training_log.h"

using namespace dlp;

namespace {

Fact fact(Fact::Kind k, uint64_t step = 0, uint64_t to = 0) {
  Fact f(k);
  f.step = step;
  f.to = to;
  return f;
}

Fact counted(Fact::Kind k, uint64_t count) {
  Fact f(k);
  f.count = count;
  return f;
}

}  // namespace

TEST(Words, EveryKindHasItsWords) {
  EXPECT_EQ(words(Fact()), "");
  for (int k = Fact::Text + 1; k <= Fact::Last; ++k) EXPECT_NE(words(Fact(static_cast<Fact::Kind>(k))), "") << "kind " << k;
}

TEST(Words, TextIsSaidAsItCame) {
  EXPECT_EQ(words(Fact::from_text("mnist chunk 7: came out of order (10000 examples are in)")),
            "mnist chunk 7: came out of order (10000 examples are in)");
}

TEST(Words, TheStatusLine) {
  EXPECT_EQ(words(Fact(Fact::Ready)), "Ready: press Train (or space).");
  EXPECT_EQ(words(counted(Fact::NewWeights, 25450)), "New weights (25450 parameters). Press Train.");
  EXPECT_EQ(words(fact(Fact::Paused, 582)), "Paused at step 582. Press Train (or space) to go on.");
  Fact t = fact(Fact::Training, 91);
  t.epoch = 1;
  t.loss = 2.4742f;
  EXPECT_EQ(words(t), "Training: step 91, epoch 1, loss 2.474");
  t.accuracy = 0.35f;
  t.count = 500;
  t.to = 50;
  EXPECT_EQ(words(t), "Training: step 91, epoch 1, loss 2.474, test accuracy 35.0% (500 test digits, step 50)");
  EXPECT_EQ(words(fact(Fact::TrainedByApi, 589)), "Trained from the page's API: step 589.");
  Fact wait = fact(Fact::WaitingForData, 10);
  wait.count = 10000;
  wait.total = 60000;
  wait.text = "mnist";
  EXPECT_EQ(words(wait), "Waiting for training digits (10,000 of 60,000 in): training goes on when they arrive.");
  wait.to = 20;
  EXPECT_EQ(words(wait), "Replaying the link: step 10 of 20, waiting for training digits (10,000 of 60,000 in): training goes on when they arrive.");
  wait.text = "fashion";
  wait.to = 0;
  EXPECT_EQ(words(wait), "Waiting for training images (10,000 of 60,000 in): training goes on when they arrive.");
}

TEST(Words, ALinksReplayAndWeights) {
  EXPECT_EQ(words(counted(Fact::ReplayingLink, 589)), "Replaying the link: 589 steps...");
  EXPECT_EQ(words(fact(Fact::ReplayingStep, 8, 589)), "Replaying the link: step 8 of 589...");
  EXPECT_EQ(words(fact(Fact::Replayed, 589)), "Replayed the link's 589 steps: these are the link's weights.");
  EXPECT_EQ(words(Fact(Fact::ReplayDiffers)), "Replayed the link's steps, but the weights differ from the sender's: see the note.");
  EXPECT_EQ(words(fact(Fact::StoppedReplay, 8)), "Stopped the replay at step 8.");
  EXPECT_EQ(words(Fact(Fact::AwaitingWeightsFile)), "This link continues a weights file: drop it on the page to replay the rest.");
  EXPECT_EQ(words(Fact(Fact::LinksWeightsFile)), "That is the link's weights file: replaying the link's steps after it.");
  Fact w(Fact::LoadedWeights);
  w.accuracy = 0.8123f;
  w.hash = 0x1234;
  EXPECT_EQ(words(w), "Loaded weights: test accuracy 81.2%.");
  w.expect = 0x1234;
  EXPECT_EQ(words(w), "Loaded weights: test accuracy 81.2%. These are exactly the weights the link's sender had.");
  w.expect = 0x99;
  EXPECT_EQ(words(w), "Loaded weights: test accuracy 81.2%. They are not the weights the link's sender had.");
  w.other = true;
  EXPECT_EQ(words(w), "Loaded weights: test accuracy 81.2%. They are not the weights the link's sender had. "
                      "(They are not the weights file the link continues.)");
  w.expect = 0;
  EXPECT_EQ(words(w), "Loaded weights: test accuracy 81.2%. (They are not the weights file the link continues.)");
}

TEST(Words, TheAlerts) {
  Fact d = fact(Fact::Diverged, 2);
  d.lr = 50;
  d.loss = 3e7f;
  EXPECT_EQ(words(d), "Training stopped at step 2: the loss became huge (it exploded). The learning rate 50 is too high: each step "
                      "overshoots, the weights grow and the scores overflow. The weights of step 1 are kept, but they may already be damaged.");
  d.step = 122;
  d.lr = 1e7f;
  d.loss = std::numeric_limits<float>::quiet_NaN();
  EXPECT_EQ(words(d), "Training stopped at step 122: the loss became NaN. The learning rate 1e+07 is too high: each step overshoots, "
                      "the weights grow and the scores overflow. The weights of step 121 are kept, but they may already be damaged.");
  d.loss = std::numeric_limits<float>::infinity();
  EXPECT_NE(words(d).find("the loss became infinite."), std::string::npos) << words(d);
  d.loss = 2.3f;  // a finite loss, but weights that overflowed
  EXPECT_NE(words(d).find("the loss became finite but the weights overflowed."), std::string::npos) << words(d);
  Fact dead(Fact::Dead);
  dead.loss = 3.6401f;
  dead.lr = 5;
  EXPECT_EQ(words(dead), "The network is dead: for 20 steps no weight got any gradient, because every ReLU outputs 0 for every input. "
                         "The scores no longer depend on the digit, so the loss sits at chance level (log 10 = 2.30, 3.64 now) and "
                         "training cannot change it. A too-high learning rate (5) usually does this: one big step pushes every unit below 0.");
  Fact slow(Fact::Slow);
  slow.ms = 4000;
  slow.mflops = 0.0157;
  slow.batch = 64;
  slow.offer = 3;
  EXPECT_EQ(words(slow), "Each training step of this model takes about 4.0 s here (0 MFLOPs per example forward, batch 64): training "
                         "would crawl, the curves would move once a second or less, and every change would wait for a step to end, so "
                         "training did not go on. Make the model smaller (less depth, stride 2, pooling earlier) or train with batch 3 "
                         "(about 0.2 s per step).");
  Fact retried = fact(Fact::Retried, 100);
  retried.lr = 0.01f;
  EXPECT_EQ(words(retried), "Back at step 100 with learning rate 0.01.");
  retried.step = 0;
  retried.lr = 0.002f;
  EXPECT_EQ(words(retried), "Back at step 0 with learning rate 0.002.");
}

TEST(Words, Rewind) {
  EXPECT_EQ(words(fact(Fact::Branched, 30)), "Back at step 30: this run goes on from here. Change a setting and press Train.");
  EXPECT_EQ(words(fact(Fact::Seeking, 25)), "Going back to step 25...");
  EXPECT_EQ(words(fact(Fact::Showing, 25, 60)), "Showing the model at step 25 of 60: Back to step 60, or Train, goes on from the last step.");
  EXPECT_EQ(words(fact(Fact::BackToNow, 60)), "Back at step 60, the run's last step.");
  EXPECT_EQ(words(Fact(Fact::RewindCannotBuild)), "The run's model could not be built again.");
  EXPECT_EQ(words(fact(Fact::RewindOwnChanged, 30, 35)),
            "Shown at step 30, not 35: the run trained on own examples after it that have changed since, so later steps cannot be replayed.");
  Fact wait = fact(Fact::RewindWaitingForData, 12);
  wait.count = 5000;
  wait.total = 60000;
  wait.text = "fashion";
  EXPECT_EQ(words(wait), "Waiting for the images step 12 trained on (5,000 of 60,000 in).");
}

TEST(Words, NotesAndCaveats) {
  Fact m(Fact::ReplayMismatch);
  m.hash = 0x090dc18da48e7ed2ull;
  m.expect = 0xdeadbeefcafef00dull;
  EXPECT_EQ(words(m), "The replay ended with other weights than the sender's (weights hash 090dc18da48e7ed2, the link says deadbeefcafef00d): "
                      "the sender trained with something a link cannot carry, or with another version of the playground.");
  m.pinned = 'A';
  EXPECT_EQ(words(m).substr(0, 46), "Pinned run A: The replay ended with other weig");
  EXPECT_EQ(words(counted(Fact::LinkUsedOwnExamples, 4)),
            "This link's training used 4 of the sender's own examples, which a link cannot carry: the replayed weights will differ "
            "from the sender's. Ask for the weights file and drop it on the page.");
  EXPECT_EQ(words(counted(Fact::OwnExamplesNotInLink, 3)),
            "Your 3 own examples are kept but not used in this link's training (Reset in the Train panel trains with them).");
  EXPECT_EQ(words(fact(Fact::LinkContinuesFile, 0)),
            "This link continues a weights file from step 0, which a link cannot carry: drop that file on the page (Weights > Load) "
            "and the rest of the training replays.");
  EXPECT_EQ(words(counted(Fact::CaveatOwnExamples, 1)),
            "It replays the training but not your 1 own example: a link cannot carry them, so the weights will differ. Share the weights file too.");
  EXPECT_EQ(words(counted(Fact::CaveatOwnExamples, 4)),
            "It replays the training but not your 4 own examples: a link cannot carry them, so the weights will differ. Share the weights file too.");
  EXPECT_EQ(words(fact(Fact::CaveatWeightsFile, 0)),
            "The training continues weights loaded from a file at step 0: the link cannot carry them. Share the weights file too; "
            "dropped on the page, it replays the rest.");
  EXPECT_EQ(words(counted(Fact::CaveatTooManyChanges, 204)),
            "The settings changed 204 times, more than a link carries (200): the link opens the model untrained. Share the weights file.");
  EXPECT_EQ(words(std::vector<Fact>{fact(Fact::Paused, 1), Fact()}), (std::vector<std::string>{"Paused at step 1. Press Train (or space) to go on.", ""}));
}

TEST(Words, WhySomethingCouldNotBeDone) {
  EXPECT_EQ(words(Fact(Fact::UnitNoSuchLayer)), "No such layer.");
  Fact unit(Fact::UnitNoWeights);
  unit.text = "maxpool2";
  EXPECT_EQ(words(unit), "A maxpool2 layer has no weights of its own: click a map of a convolution, a dense layer, or the ReLU right after one.");
  EXPECT_EQ(words(Fact(Fact::OwnLabel)), "labels are 0..9");
  EXPECT_EQ(words(Fact(Fact::OwnTooMany)), "at most 2000 examples of your own");
  EXPECT_EQ(words(Fact(Fact::NoModelForWeights)), "there is no model to load them into");
  EXPECT_EQ(words(Fact(Fact::NotATrainingState)), "not a training state");
  EXPECT_EQ(words(Fact(Fact::DamagedTrainingState)), "a damaged training state");
  EXPECT_EQ(words(Fact(Fact::RunHasNoModel)), "the run has no model");
  Fact other(Fact::WorkerHasOtherData);
  other.text = "fashion";
  other.text2 = "mnist";
  EXPECT_EQ(words(other), "the worker has the fashion data, the run trains on mnist");
  EXPECT_EQ(words(Fact(Fact::DamagedOwnExamples)), "damaged own examples");
  Fact build(Fact::WorkerCannotBuild);
  build.text = "at 1: unknown layer";
  EXPECT_EQ(words(build), "the worker could not build the model: at 1: unknown layer");
  EXPECT_EQ(words(Fact(Fact::WorkerTrainedOtherRun)), "the worker trained another run");
  EXPECT_EQ(words(Fact(Fact::WeightsDoNotFit)), "the weights do not fit the model");
}

TEST(Words, NumbersAndPlaces) {
  EXPECT_STREQ(items("mnist"), "digits");
  EXPECT_STREQ(items("fashion"), "images");
  EXPECT_EQ(grouped(0), "0");
  EXPECT_EQ(grouped(999), "999");
  EXPECT_EQ(grouped(1000), "1,000");
  EXPECT_EQ(grouped(60000), "60,000");
  EXPECT_EQ(grouped(1234567), "1,234,567");
  Dataset d;
  d.labels.resize(60000);
  d.available = 12000;
  EXPECT_EQ(progress(d), "12,000 of 60,000");
  EXPECT_EQ(input_place(Shape{28, 28, 1}, 3 * 28 + 5), "row 3, column 5");
  EXPECT_EQ(input_place(Shape{14, 14, 8}, (3 * 14 + 5) * 8 + 2), "row 3, column 5, channel 2");
  EXPECT_EQ(input_place(Shape{28, 28, 1}, -1), "padding");
}

TEST(Words, CompareNamesOnlyWhatDiffers) {
  ShareLink a, b, c;
  b.cfg.lr = 0.1f;
  c.cfg.lr = 0.1f;
  c.batch = 64;
  const std::vector<std::string> d = run_differences({a, b, c});
  EXPECT_EQ(d[0], "lr " + short_float(a.cfg.lr) + ", batch 32");
  EXPECT_EQ(d[1], "lr 0.1, batch 32");
  EXPECT_EQ(d[2], "lr 0.1, batch 64");
  EXPECT_EQ(run_differences({a, a})[1], "the same settings");
  // A change made during training, and an init whose sigma only a Gaussian has.
  ShareLink e = a, g = a;
  e.log.push_back({300, Knob::LR, 0.5f, 0});
  g.init.kind = InitKind::Gaussian;
  g.init.sigma = 0.02f;
  const std::vector<std::string> d2 = run_differences({a, e, g});
  EXPECT_EQ(d2[0], "init he, changes: none");
  EXPECT_EQ(d2[1], "init he, changes: lr 0.5 at step 300");
  EXPECT_EQ(d2[2], "init gaussian, init sigma 0.02, changes: none");
}
