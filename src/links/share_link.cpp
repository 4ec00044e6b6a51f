#include "links/share_link.h"

#include <cmath>
#include <cstdio>
#include <cctype>
#include <cstdlib>
#include <algorithm>

#include "course/lessons.h"
#include "engine/spec.h"

namespace dlp {

bool ShareLink::operator==(const ShareLink& o) const {
  return data == o.data && norm == o.norm && spec == o.spec && same_settings(cfg, o.cfg) && batch == o.batch && init.kind == o.init.kind &&
         init.sigma == o.init.sigma &&
         init.seed == o.init.seed && order_seed == o.order_seed && dropout_seed == o.dropout_seed && steps == o.steps &&
         panels == o.panels && sample == o.sample && hide == o.hide && lock == o.lock && lesson == o.lesson && done == o.done &&
         log == o.log && own_count == o.own_count && own_hash == o.own_hash && wfile == o.wfile &&
         wfile_step == o.wfile_step && weights_hash == o.weights_hash && pins == o.pins;
}

bool same_run_until(const ShareLink& a, const ShareLink& b, uint64_t k) {
  if (a.steps < k || b.steps < k) return false;
  const auto run = [k](const ShareLink& x) {
    ShareLink r;  // the view's fields and the replay's length and check left at their defaults
    r.data = x.data;
    r.norm = x.norm;
    r.spec = x.spec;
    r.cfg = x.cfg;
    r.batch = x.batch;
    r.init = x.init;
    r.order_seed = x.order_seed;
    r.dropout_seed = x.dropout_seed;
    for (const LogChange& c : x.log)
      if (c.step < k) r.log.push_back(c);
    r.own_count = x.own_count;
    r.own_hash = x.own_hash;
    r.wfile = x.wfile;
    r.wfile_step = x.wfile_step;
    return r;
  };
  return run(a) == run(b);
}

std::string hex64(uint64_t v) {
  char b[20];
  std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(v));
  return b;
}

namespace {

std::string num(float v) { return short_float(v); }

bool parse_hex64(const std::string& s, uint64_t* v) {
  if (s.size() != 16) return false;
  uint64_t x = 0;
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    x = x * 16 + static_cast<uint64_t>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10);
  }
  *v = x;
  return true;
}

// Percent-encoding for the few characters a spec may hold that a fragment should not.
std::string escape(const std::string& s) {
  std::string o;
  for (unsigned char c : s) {
    if (c == ' ') o += '+';
    else if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '(' || c == ')' || c == ',' || c == '/' || c == ':' || c == ';')
      o += static_cast<char>(c);
    else { char b[4]; std::snprintf(b, sizeof b, "%%%02X", c); o += b; }
  }
  return o;
}

bool unescape(const std::string& s, std::string* out) {
  out->clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') { *out += ' '; continue; }
    if (s[i] != '%') { *out += s[i]; continue; }
    if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) || !std::isxdigit(static_cast<unsigned char>(s[i + 2])))
      return false;
    *out += static_cast<char>(std::strtol(s.substr(i + 1, 2).c_str(), nullptr, 16));
    i += 2;
  }
  return true;
}

bool parse_double(const std::string& s, double lo, double hi, double* v) {
  if (s.empty() || s.size() > 24) return false;
  char* end = nullptr;
  const double x = std::strtod(s.c_str(), &end);
  if (!end || *end || !std::isfinite(x) || x < lo || x > hi) return false;
  *v = x;
  return true;
}

bool parse_u64(const std::string& s, uint64_t hi, uint64_t* v) {
  if (s.empty() || s.size() > 20) return false;
  uint64_t x = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    if (x > (hi - (c - '0')) / 10) return false;
    x = x * 10 + (c - '0');
  }
  *v = x;
  return true;
}

}  // namespace

const std::vector<std::string>& hideable_controls() {
  static const std::vector<std::string> v = {"lr", "batch", "opt", "mom", "l2", "decay", "dropout", "init", "seed", "data", "norm", "aug", "presets"};
  return v;
}

std::string encode_link(const ShareLink& s) {
  std::string o = "v1";
  auto add = [&](const char* k, const std::string& v) { o += '&'; o += k; o += '='; o += v; };
  add("data", s.data);
  add("norm", normalization_name(s.norm));
  add("model", escape(s.spec));
  add("lr", num(s.cfg.lr));
  add("batch", std::to_string(s.batch));
  add("opt", s.cfg.optimizer == OptimizerKind::Adam ? "adam" : "sgd");
  add("mom", num(s.cfg.momentum));
  add("l2", num(s.cfg.l2));
  add("decay", num(s.cfg.lr_decay));
  add("dsteps", std::to_string(s.cfg.decay_steps));
  if (s.cfg.numerics != kNumericsFirst) add("numerics", std::to_string(s.cfg.numerics));
  if (s.cfg.augment) add("aug", "1");  // only when on: a link made without augmentation reads as before
  add("init", init_name(s.init.kind));
  add("sigma", num(s.init.sigma));
  add("seed", std::to_string(s.init.seed) + "." + std::to_string(s.order_seed) + "." + std::to_string(s.dropout_seed));
  if (s.own_count) { char b[24]; std::snprintf(b, sizeof b, "%u.%08x", s.own_count, s.own_hash); add("own", b); }
  if (s.wfile) add("wfile", hex64(s.wfile) + "." + std::to_string(s.wfile_step));
  add("steps", std::to_string(s.steps));
  if (!s.log.empty()) add("log", escape(encode_log(s.log)));
  if (s.weights_hash) add("wh", hex64(s.weights_hash));
  for (const auto& [name, link] : s.pins) add((std::string("pin") + name).c_str(), escape(link));
  add("panels", std::to_string(s.panels));
  add("sample", std::to_string(s.sample));
  if (!s.hide.empty()) {
    std::string h;
    for (const auto& c : s.hide) h += (h.empty() ? "" : ".") + c;
    add("hide", h);
  }
  if (s.lock) add("lock", "1");
  if (!s.lesson.empty()) add("lesson", s.lesson);
  if (!s.done.empty()) {
    std::string d;
    for (const auto& id : s.done) d += (d.empty() ? "" : ".") + id;
    add("done", d);
  }
  return o;
}

bool decode_link(const std::string& fragment, ShareLink* s, std::vector<std::string>* problems) {
  std::string f = fragment;
  if (!f.empty() && f[0] == '#') f.erase(0, 1);
  if (f.size() > kMaxLinkChars) { problems->push_back("the link is longer than 8192 characters; ignored"); return false; }
  if (f.compare(0, 2, "v1") != 0 || (f.size() > 2 && f[2] != '&')) {
    problems->push_back(f.empty() ? "the link is empty" : "not a version 1 playground link; ignored");
    return false;
  }
  ShareLink d = *s;
  d.cfg.numerics = kNumericsFirst;  // a link without the field was made before rule 2 (numerics.h)
  d.cfg.augment = 0;                // ... and without augmentation
  size_t i = 2;
  int fields = 0;
  while (i < f.size() && ++fields <= 64) {
    const size_t amp = f.find('&', i + 1);
    const std::string pair = f.substr(i + 1, (amp == std::string::npos ? f.size() : amp) - i - 1);
    i = amp == std::string::npos ? f.size() : amp;
    const size_t eq = pair.find('=');
    const std::string key = pair.substr(0, eq), raw = eq == std::string::npos ? "" : pair.substr(eq + 1);
    std::string v;
    double x = 0;
    uint64_t u = 0;
    bool ok = unescape(raw, &v);
    // Field names in problems are printed from a fixed list, never from the link.
    auto bad = [&](const char* what) { problems->push_back(std::string("ignored ") + what + ": not valid"); };
    if (!ok) { problems->push_back("a field has a broken %-escape; ignored"); continue; }
    if (key == "data") { if (v == "mnist" || v == "fashion") d.data = v; else bad("data"); }
    else if (key == "norm") {
      if (v == "centered") d.norm = Normalization::Centered;
      else if (v == "unit") d.norm = Normalization::Unit;
      else if (v == "raw") d.norm = Normalization::Raw;
      else bad("norm");
    } else if (key == "model") {
      ModelSpec spec;
      SpecError err;
      ModelInfo info;
      if (parse_spec(resolve_preset(v), &spec, &err) && infer_shapes(spec, Shape{28, 28, 1}, 10, &info, &err)) d.spec = spec_to_string(spec);
      else problems->push_back("ignored model: " + err.message);  // the parser's message quotes only printable text
    }
    else if (key == "lr") { if (parse_double(v, 1e-7, 10, &x)) d.cfg.lr = static_cast<float>(x); else bad("lr"); }
    else if (key == "batch") { if (parse_u64(v, 1024, &u) && u >= 1) d.batch = static_cast<int>(u); else bad("batch"); }
    else if (key == "opt") { if (v == "sgd" || v == "adam") d.cfg.optimizer = v == "adam" ? OptimizerKind::Adam : OptimizerKind::SGD; else bad("opt"); }
    else if (key == "mom") { if (parse_double(v, 0, 0.999, &x)) d.cfg.momentum = static_cast<float>(x); else bad("mom"); }
    else if (key == "l2") { if (parse_double(v, 0, 1, &x)) d.cfg.l2 = static_cast<float>(x); else bad("l2"); }
    else if (key == "decay") { if (parse_double(v, 0.01, 1, &x)) d.cfg.lr_decay = static_cast<float>(x); else bad("decay"); }
    else if (key == "numerics") {
      if (parse_u64(v, kNumericsLatest, &u) && u >= kNumericsFirst) d.cfg.numerics = static_cast<int>(u);
      else problems->push_back("ignored numerics: this page knows rules 1 to " + std::to_string(kNumericsLatest) + " (a newer page made the link?)");
    }
    else if (key == "aug") { if (v == "0" || v == "1") d.cfg.augment = v == "1"; else bad("aug"); }
    else if (key == "dsteps") { if (parse_u64(v, 1000000, &u) && u >= 1) d.cfg.decay_steps = static_cast<int>(u); else bad("dsteps"); }
    else if (key == "init") {
      if (v == "he") d.init.kind = InitKind::He;
      else if (v == "glorot") d.init.kind = InitKind::Glorot;
      else if (v == "gaussian") d.init.kind = InitKind::Gaussian;
      else bad("init");
    } else if (key == "sigma") { if (parse_double(v, 1e-6, 10, &x)) d.init.sigma = static_cast<float>(x); else bad("sigma"); }
    else if (key == "seed") {
      const size_t a = v.find('.'), b = a == std::string::npos ? a : v.find('.', a + 1);
      uint64_t s1, s2, s3;
      if (b != std::string::npos && parse_u64(v.substr(0, a), ~0ull, &s1) && parse_u64(v.substr(a + 1, b - a - 1), ~0ull, &s2) &&
          parse_u64(v.substr(b + 1), ~0ull, &s3)) { d.init.seed = s1; d.order_seed = s2; d.dropout_seed = s3; }
      else if (parse_u64(v, ~0ull, &s1)) { d.init.seed = d.order_seed = d.dropout_seed = s1; }
      else bad("seed");
    }
    else if (key == "own") {
      const size_t dot = v.find('.');
      uint64_t n = 0, h = 0;
      if (dot != std::string::npos && dot + 9 == v.size() && parse_u64(v.substr(0, dot), 100000, &n) && n > 0 &&
          parse_hex64("00000000" + v.substr(dot + 1), &h)) { d.own_count = static_cast<uint32_t>(n); d.own_hash = static_cast<uint32_t>(h); }
      else bad("own");
    }
    else if (key == "wfile") {
      const size_t dot = v.find('.');
      uint64_t h = 0, st = 0;
      if (dot == 16 && parse_hex64(v.substr(0, 16), &h) && h != 0 && parse_u64(v.substr(17), kMaxReplaySteps, &st)) { d.wfile = h; d.wfile_step = st; }
      else bad("wfile");
    }
    else if (key == "log") {
      std::string err;
      if (!decode_log(v, kMaxReplaySteps, &d.log, &err)) problems->push_back("ignored " + err);
    }
    else if (key == "wh") { uint64_t h = 0; if (parse_hex64(v, &h)) d.weights_hash = h; else bad("wh"); }
    else if (key.size() == 4 && key.compare(0, 3, "pin") == 0 && key[3] >= 'A' && key[3] < 'A' + 3) {
      // A pinned run: a link of its own (its run fields only; no pins inside), kept as written anew.
      ShareLink run;
      std::vector<std::string> inner;
      bool taken = false;
      for (const auto& p : d.pins) taken |= p.first == key[3];
      if (!taken && decode_link(v, &run, &inner) && inner.empty() && run.pins.empty() && run.steps > 0) {
        run.panels = 31;
        run.sample = 0;
        run.hide.clear();
        run.lock = false;
        run.lesson.clear();
        run.done.clear();
        d.pins.emplace_back(key[3], encode_link(run));
      } else {
        bad("pinned run");
      }
    }
    else if (key == "steps") { if (parse_u64(v, kMaxReplaySteps, &u)) d.steps = u; else problems->push_back("ignored steps: at most " + std::to_string(kMaxReplaySteps)); }
    else if (key == "done") {
      d.done.clear();
      if (parse_u64(v, 0xffffffffu, &u)) {  // an old link's bit mask: bit i = lesson i+1
        for (int i = 0; i < 32; ++i)
          if ((u >> i) & 1) { if (const char* id = legacy_lesson_id(i + 1)) d.done.push_back(id); }
      } else {
        size_t p = 0;
        while (p <= v.size()) {
          const size_t q = std::min(v.find('.', p), v.size());
          const std::string id = v.substr(p, q - p);
          if (valid_lesson_id(id)) d.done.push_back(id); else if (!id.empty()) bad("done entry");
          p = q + 1;
          if (d.done.size() > 256) break;
        }
      }
      std::sort(d.done.begin(), d.done.end());
      d.done.erase(std::unique(d.done.begin(), d.done.end()), d.done.end());
    }
    else if (key == "panels") { if (parse_u64(v, 63, &u)) d.panels = static_cast<int>(u); else bad("panels"); }
    else if (key == "sample") { if (parse_u64(v, 100000, &u)) d.sample = static_cast<int>(u); else bad("sample"); }
    else if (key == "hide") {
      d.hide.clear();
      size_t p = 0;
      while (p <= v.size()) {
        const size_t q = std::min(v.find('.', p), v.size());
        const std::string c = v.substr(p, q - p);
        bool known = false;
        for (const std::string& k : hideable_controls()) known |= c == k;
        if (known) d.hide.push_back(c); else if (!c.empty()) bad("hide entry");
        p = q + 1;
      }
    }
    else if (key == "lock") { d.lock = v == "1"; }
    else if (key == "lesson") {
      if (parse_u64(v, 64, &u) && legacy_lesson_id(static_cast<int>(u))) d.lesson = legacy_lesson_id(static_cast<int>(u));
      else if (valid_lesson_id(v)) d.lesson = v;
      else bad("lesson");
    }
    else problems->push_back("ignored an unknown field");
  }
  if (fields > 64) problems->push_back("more than 64 fields; the rest were ignored");
  // The log's changes happen within the run: one past its steps (or before a weights file it
  // continues) cannot be replayed, so the log is dropped whole rather than half applied.
  const uint64_t first = d.wfile ? d.wfile_step : 0;
  if (d.wfile && d.wfile_step > d.steps) { problems->push_back("ignored wfile: it starts after the link's steps"); d.wfile = d.wfile_step = 0; }
  for (const LogChange& c : d.log)
    if (c.step > d.steps || c.step < first) { problems->push_back("ignored log: a change lies outside the link's steps"); d.log.clear(); break; }
  *s = d;
  return true;
}

}  // namespace dlp
