// A link's run: the page's run (Session::run() and its log) captured into a ShareLink, and a
// ShareLink's run started the way every run starts (Session::rebuild) with the link's log replayed
// step by step. No ImGui here: tested natively (tests/links/run_link_test.cpp).
#include "links/run_link.h"

namespace dlp {

void capture_run(Session& s, ShareLink* out) {
  s.record_settings();
  const RunStart& r = s.run();
  ShareLink& d = *out;
  d.data = r.data;
  d.norm = r.norm;
  if (s.model) d.spec = r.spec;
  else if (s.draft.ok) d.spec = spec_to_string(s.draft.spec);
  d.cfg = r.settings.cfg;
  d.batch = r.settings.batch;
  d.own_count = r.settings.own_count;
  d.own_hash = r.settings.own_hash;
  d.init = r.init;
  d.order_seed = r.seeds.order;
  d.dropout_seed = r.seeds.dropout;
  d.init.seed = r.seeds.init;
  d.wfile = r.wfile;
  d.wfile_step = r.wfile_step;
  if (s.replayer.target > s.steps()) {
    // Mid-replay the page stands for the link it is replaying.
    d.steps = s.replayer.target;
    d.log = s.replayer.log;
    d.weights_hash = s.replayer.expect;
  } else if (s.replayer.awaiting.hash) {
    d.wfile = s.replayer.awaiting.hash;
    d.wfile_step = s.replayer.awaiting.step;
    d.steps = s.replayer.awaiting.target;
    d.log = s.replayer.awaiting.log;
    d.weights_hash = s.replayer.awaiting.expect;
  } else {
    d.steps = s.steps();
    d.log = s.log();
    if (d.log.size() > kMaxLogChanges) {
      // More than a link carries: the model and its latest settings, untrained (caveats say so).
      d.log.clear();
      d.steps = 0;
      d.cfg = s.cfg;
      d.batch = s.batch;
      d.wfile = 0;
    }
    if (d.steps > 0 && s.model) d.weights_hash = s.model->weights_hash();
  }
}

// What a page opened from this link will not get as the sender had it, said when it opens.
static void note_link_caveats(Session& s, const ShareLink& d) {
  const uint32_t own = most_own_examples(d.own_count, d.log);
  if (own && !s.own.joined) s.notes.push_back(Fact::counted(Fact::LinkUsedOwnExamples, own));
  if (!d.own_count && s.own.size() > 0) s.notes.push_back(Fact::counted(Fact::OwnExamplesNotInLink, s.own.size()));
  if (d.wfile) s.notes.push_back(Fact::at_step(Fact::LinkContinuesFile, d.wfile_step));
}

void set_run_settings(Session& s, const ShareLink& d) {
  s.pause();
  s.data.norm = d.norm;
  s.init = d.init;
  s.seeds = Seeds{d.init.seed, d.order_seed, d.dropout_seed};
  TrainSettings t;
  t.cfg = d.cfg;
  t.batch = d.batch;
  t.own_count = d.own_count;
  t.own_hash = d.own_hash;
  s.set_current_settings(t);
  s.dropout = -1;
  s.draft.text = d.spec;
}

void open_run(Session& s, const ShareLink& d) {
  set_run_settings(s, d);
  s.notes.clear();
  s.replayer.awaiting = {};
  s.set_spec(d.spec);  // a new run: fresh weights from the link's seeds
  s.replayer.link_weights_hash = d.weights_hash;
  note_link_caveats(s, d);
  if (d.wfile) {
    s.replayer.awaiting = {d.wfile, d.wfile_step, d.steps, d.weights_hash, d.log};
    s.say(Topic::Status, Fact(Fact::AwaitingWeightsFile));
  } else if (d.steps > 0 || !d.log.empty()) {
    s.replay(d.log, d.steps, d.weights_hash);
    if (s.training) s.say(Topic::Status, Fact::counted(Fact::ReplayingLink, d.steps));
  }
}

}  // namespace dlp
