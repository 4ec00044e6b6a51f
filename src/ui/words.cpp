#include "ui/words.h"

#include <cmath>
#include <cstdio>
#include <utility>

#include "engine/normalize.h"
#include "session/own_examples.h"
#include "session/training_log.h"

namespace dlp {

namespace {

std::string n(uint64_t v) { return std::to_string(v); }

// What a blown-up step's loss became.
const char* blown_up(float loss) {
  if (std::isnan(loss)) return "NaN";
  if (std::isinf(loss)) return "infinite";
  return loss > 1e6f ? "huge (it exploded)" : "finite but the weights overflowed";
}

std::string sentence(const Fact& f) {
  char b[512];
  switch (f.kind) {
    case Fact::Nothing: return "";
    case Fact::Text: return f.text;

    case Fact::Ready: return "Ready: press Train (or space).";
    case Fact::NewWeights: return "New weights (" + n(f.count) + " parameters). Press Train.";
    case Fact::Paused: return "Paused at step " + n(f.step) + ". Press Train (or space) to go on.";
    case Fact::Training: {
      std::snprintf(b, sizeof b, "Training: step %llu, epoch %llu, loss %.3f", static_cast<unsigned long long>(f.step),
                    static_cast<unsigned long long>(f.epoch), static_cast<double>(f.loss));
      std::string s = b;
      if (f.accuracy >= 0) {
        std::snprintf(b, sizeof b, ", test accuracy %.1f%% (%llu test digits, step %llu)", 100.0 * f.accuracy,
                      static_cast<unsigned long long>(f.count), static_cast<unsigned long long>(f.to));
        s += b;
      }
      return s;
    }
    case Fact::TrainedByApi: return "Trained from the page's API: step " + n(f.step) + ".";
    case Fact::WaitingForData: {
      const std::string wait = "training " + std::string(items(f.text)) + " (" + progress(f.count, f.total) +
                               " in): training goes on when they arrive.";
      return f.to ? "Replaying the link: step " + n(f.step) + " of " + n(f.to) + ", waiting for " + wait : "Waiting for " + wait;
    }
    case Fact::ReplayingLink: return "Replaying the link: " + n(f.count) + " steps...";
    case Fact::ReplayingStep: return "Replaying the link: step " + n(f.step) + " of " + n(f.to) + "...";
    case Fact::Replayed: return "Replayed the link's " + n(f.step) + " steps: these are the link's weights.";
    case Fact::ReplayDiffers: return "Replayed the link's steps, but the weights differ from the sender's: see the note.";
    case Fact::StoppedReplay: return "Stopped the replay at step " + n(f.step) + ".";
    case Fact::AwaitingWeightsFile: return "This link continues a weights file: drop it on the page to replay the rest.";
    case Fact::LinksWeightsFile: return "That is the link's weights file: replaying the link's steps after it.";
    case Fact::LoadedWeights: {
      std::snprintf(b, sizeof b, "Loaded weights: test accuracy %.1f%%.", 100.0 * f.accuracy);
      std::string s = b;
      if (f.expect)
        s += f.hash == f.expect ? " These are exactly the weights the link's sender had." : " They are not the weights the link's sender had.";
      if (f.other) s += " (They are not the weights file the link continues.)";
      return s;
    }
    case Fact::Diverged:
      std::snprintf(b, sizeof b,
                    "Training stopped at step %llu: the loss became %s. The learning rate %s is too high: each step overshoots, "
                    "the weights grow and the scores overflow. The weights of step %llu are kept, but they may already be damaged.",
                    static_cast<unsigned long long>(f.step), blown_up(f.loss), short_float(f.lr).c_str(),
                    static_cast<unsigned long long>(f.step - 1));
      return b;
    case Fact::Dead:
      std::snprintf(b, sizeof b,
                    "The network is dead: for 20 steps no weight got any gradient, because every ReLU outputs 0 for every input. "
                    "The scores no longer depend on the digit, so the loss sits at chance level (log 10 = 2.30, %.2f now) and "
                    "training cannot change it. A too-high learning rate (%s) usually does this: one big step pushes every unit below 0.",
                    static_cast<double>(f.loss), short_float(f.lr).c_str());
      return b;
    case Fact::Slow:
      std::snprintf(b, sizeof b,
                    "Each training step of this model takes about %.1f s here (%.0f MFLOPs per example forward, batch %d): training "
                    "would crawl, the curves would move once a second or less, and every change would wait for a step to end, so "
                    "training did not go on. Make the model smaller (less depth, stride 2, pooling earlier) or train with batch %d "
                    "(about 0.2 s per step).",
                    f.ms / 1000, f.mflops, f.batch, f.offer);
      return b;
    case Fact::Retried: return "Back at step " + n(f.step) + " with learning rate " + short_float(f.lr) + ".";
    case Fact::Branched: return "Back at step " + n(f.step) + ": this run goes on from here. Change a setting and press Train.";
    case Fact::Seeking: return "Going back to step " + n(f.step) + "...";
    case Fact::Showing:
      return "Showing the model at step " + n(f.step) + " of " + n(f.to) + ": Back to step " + n(f.to) + ", or Train, goes on from the last step.";
    case Fact::BackToNow: return "Back at step " + n(f.step) + ", the run's last step.";

    case Fact::ReplayMismatch:
      std::snprintf(b, sizeof b,
                    "The replay ended with other weights than the sender's (weights hash %016llx, the link says %016llx): the "
                    "sender trained with something a link cannot carry, or with another version of the playground.",
                    static_cast<unsigned long long>(f.hash), static_cast<unsigned long long>(f.expect));
      return b;
    case Fact::LinkUsedOwnExamples:
      return "This link's training used " + n(f.count) + " of the sender's own examples, which a link cannot carry: "
             "the replayed weights will differ from the sender's. Ask for the weights file and drop it on the page.";
    case Fact::OwnExamplesNotInLink:
      return "Your " + n(f.count) + " own examples are kept but not used in this link's training (Reset in the Train panel trains with them).";
    case Fact::LinkContinuesFile:
      return "This link continues a weights file from step " + n(f.step) +
             ", which a link cannot carry: drop that file on the page (Weights > Load) and the rest of the training replays.";

    case Fact::CaveatOwnExamples:
      return "It replays the training but not your " + n(f.count) + " own example" + (f.count > 1 ? "s" : "") +
             ": a link cannot carry them, so the weights will differ. Share the weights file too.";
    case Fact::CaveatWeightsFile:
      return "The training continues weights loaded from a file at step " + n(f.step) +
             ": the link cannot carry them. Share the weights file too; dropped on the page, it replays the rest.";
    case Fact::CaveatTooManyChanges:
      return "The settings changed " + n(f.count) + " times, more than a link carries (" + n(kMaxLogChanges) +
             "): the link opens the model untrained. Share the weights file.";

    case Fact::RewindCannotBuild: return "The run's model could not be built again.";
    case Fact::RewindOwnChanged:
      return "Shown at step " + n(f.step) + ", not " + n(f.to) +
             ": the run trained on own examples after it that have changed since, so later steps cannot be replayed.";
    case Fact::RewindWaitingForData:
      return "Waiting for the " + std::string(items(f.text)) + " step " + n(f.step) + " trained on (" + progress(f.count, f.total) +
             " in).";

    case Fact::UnitNoSuchLayer: return "No such layer.";
    case Fact::UnitNoWeights:
      return "A " + f.text + " layer has no weights of its own: click a map of a convolution, a dense layer, or the ReLU right after one.";

    case Fact::OwnLabel: return "labels are 0..9";
    case Fact::OwnTooMany: return "at most " + n(OwnExamples::kMax) + " examples of your own";

    case Fact::NoModelForWeights: return "there is no model to load them into";
    case Fact::NotATrainingState: return "not a training state";
    case Fact::DamagedTrainingState: return "a damaged training state";
    case Fact::RunHasNoModel: return "the run has no model";
    case Fact::WorkerHasOtherData: return "the worker has the " + f.text + " data, the run trains on " + f.text2;
    case Fact::DamagedOwnExamples: return "damaged own examples";
    case Fact::WorkerCannotBuild: return "the worker could not build the model: " + f.text;
    case Fact::WorkerTrainedOtherRun: return "the worker trained another run";
    case Fact::WeightsDoNotFit: return "the weights do not fit the model";
  }
  return "";
}

}  // namespace

std::string words(const Fact& f) {
  const std::string s = sentence(f);
  // A note about a pinned run says which.
  return f.pinned ? std::string("Pinned run ") + f.pinned + ": " + s : s;
}

std::vector<std::string> words(const std::vector<Fact>& facts) {
  std::vector<std::string> out;
  out.reserve(facts.size());
  for (const Fact& f : facts) out.push_back(words(f));
  return out;
}

const char* items(const std::string& data) { return data == "fashion" ? "images" : "digits"; }

std::string grouped(uint64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

std::string progress(uint64_t in, uint64_t total) { return grouped(in) + " of " + grouped(total); }
std::string progress(const Dataset& d) { return progress(d.available, d.size()); }

std::string input_place(Shape in, long input) {
  if (input < 0) return "padding";
  const long c = input % in.c, pixel = input / in.c;
  std::string s = "row " + std::to_string(pixel / in.w) + ", column " + std::to_string(pixel % in.w);
  if (in.c > 1) s += ", channel " + std::to_string(c);
  return s;
}

// The Compare table's words.
namespace {

std::string change_words(const LogChange& c) {
  std::string v;
  switch (c.knob) {
    case Knob::Opt: v = c.value > 0.5f ? "adam" : "sgd"; break;
    case Knob::Batch: case Knob::DSteps: case Knob::Own: v = std::to_string(static_cast<long long>(c.value)); break;
    case Knob::OptReset: return "optimizer reset at step " + std::to_string(c.step);
    case Knob::Aug: return std::string("augmentation ") + (c.value != 0 ? "on" : "off") + " at step " + std::to_string(c.step);
    default: v = short_float(c.value);
  }
  return std::string(knob_name(c.knob)) + " " + v + " at step " + std::to_string(c.step);
}

// The settings of a run that can differ, named as the Train panel names them, in the link's order.
std::vector<std::pair<const char*, std::string>> settings_words(const ShareLink& d) {
  std::string log;
  for (size_t i = 0; i < d.log.size() && i < 3; ++i) log += (i ? ", " : "") + change_words(d.log[i]);
  if (d.log.size() > 3) log += " and " + std::to_string(d.log.size() - 3) + " more";
  char seeds[64];
  std::snprintf(seeds, sizeof seeds, "%llu.%llu.%llu", static_cast<unsigned long long>(d.init.seed), static_cast<unsigned long long>(d.order_seed),
                static_cast<unsigned long long>(d.dropout_seed));
  return {{"data", d.data},
          {"normalization", normalization_name(d.norm)},
          {"model", d.spec},
          {"lr", short_float(d.cfg.lr)},
          {"batch", std::to_string(d.batch)},
          {"optimizer", d.cfg.optimizer == OptimizerKind::Adam ? "adam" : "sgd"},
          {"momentum", short_float(d.cfg.momentum)},
          {"L2", short_float(d.cfg.l2)},
          {"lr decay", short_float(d.cfg.lr_decay)},
          {"decay steps", std::to_string(d.cfg.decay_steps)},
          {"augmentation", d.cfg.augment ? "on" : "off"},
          {"init", init_name(d.init.kind)},
          {"init sigma", d.init.kind == InitKind::Gaussian ? short_float(d.init.sigma) : ""},
          {"seeds", seeds},
          {"own examples", d.own_count ? std::to_string(d.own_count) : "none"},
          {"changes:", log.empty() ? "none" : log}};
}

}  // namespace

std::vector<std::string> run_differences(const std::vector<ShareLink>& runs) {
  std::vector<std::vector<std::pair<const char*, std::string>>> words;
  for (const ShareLink& d : runs) words.push_back(settings_words(d));
  std::vector<std::string> out(runs.size());
  if (runs.empty()) return out;
  for (size_t f = 0; f < words[0].size(); ++f) {
    bool differs = false;
    for (size_t r = 1; r < runs.size(); ++r) differs |= words[r][f].second != words[0][f].second;
    if (!differs) continue;
    for (size_t r = 0; r < runs.size(); ++r)
      if (!words[r][f].second.empty()) out[r] += (out[r].empty() ? "" : ", ") + std::string(words[r][f].first) + " " + words[r][f].second;
  }
  for (std::string& s : out)
    if (s.empty()) s = "the same settings";
  return out;
}

}  // namespace dlp
