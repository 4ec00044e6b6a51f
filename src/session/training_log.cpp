#include "session/training_log.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "engine/bytes.h"

namespace dlp {

void put_settings(std::vector<uint8_t>& b, const TrainSettings& t) {
  const auto* p = reinterpret_cast<const uint8_t*>(&t.cfg);
  b.insert(b.end(), p, p + sizeof t.cfg);
  put_le(b, static_cast<uint32_t>(t.batch), 4);
  uint32_t d;
  std::memcpy(&d, &t.dropout, 4);
  put_le(b, d, 4);
  put_le(b, t.own_count, 4);
  put_le(b, t.own_hash, 4);
}

bool get_settings(const uint8_t* p, size_t n, TrainSettings* t) {
  if (n != kSettingsBytes) return false;
  std::memcpy(&t->cfg, p, sizeof t->cfg);
  p += sizeof t->cfg;
  t->batch = static_cast<int>(get_le(p, 4));
  const uint32_t d = static_cast<uint32_t>(get_le(p + 4, 4));
  std::memcpy(&t->dropout, &d, 4);
  t->own_count = static_cast<uint32_t>(get_le(p + 8, 4));
  t->own_hash = static_cast<uint32_t>(get_le(p + 12, 4));
  return true;
}

namespace {

// One row per knob: its word in links, its range, and whether it is a whole number.
struct KnobInfo {
  Knob knob;
  const char* name;
  double lo, hi;
  bool integer;
};
constexpr KnobInfo kKnobs[] = {
    {Knob::LR, "lr", 1e-7, 10, false},       {Knob::Batch, "batch", 1, 1024, true},
    {Knob::Opt, "opt", 0, 1, true},          {Knob::Mom, "mom", 0, 0.999, false},
    {Knob::L2, "l2", 0, 1, false},           {Knob::Decay, "decay", 0.01, 1, false},
    {Knob::DSteps, "dsteps", 1, 1e6, true},  {Knob::Dropout, "drop", -1, 0.95, false},
    {Knob::Own, "own", 0, 100000, true},     {Knob::OptReset, "optreset", 1, 1, true},
    {Knob::Aug, "aug", 0, 1, true},
};

const KnobInfo* knob_info(Knob k) {
  for (const KnobInfo& i : kKnobs)
    if (i.knob == k) return &i;
  return nullptr;
}

float get(const TrainSettings& s, Knob k) {
  switch (k) {
    case Knob::LR: return s.cfg.lr;
    case Knob::Batch: return static_cast<float>(s.batch);
    case Knob::Opt: return s.cfg.optimizer == OptimizerKind::Adam ? 1.0f : 0.0f;
    case Knob::Mom: return s.cfg.momentum;
    case Knob::L2: return s.cfg.l2;
    case Knob::Decay: return s.cfg.lr_decay;
    case Knob::DSteps: return static_cast<float>(s.cfg.decay_steps);
    case Knob::Dropout: return s.dropout;
    case Knob::Own: return static_cast<float>(s.own_count);
    case Knob::OptReset: return 1;
    case Knob::Aug: return static_cast<float>(s.cfg.augment);
  }
  return 0;
}

bool parse_u64(const char* s, size_t n, uint64_t* v) {
  if (n == 0 || n > 19) return false;
  uint64_t x = 0;
  for (size_t i = 0; i < n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    x = x * 10 + static_cast<uint64_t>(s[i] - '0');
  }
  *v = x;
  return true;
}

}  // namespace

bool TrainSettings::operator==(const TrainSettings& o) const {
  for (const KnobInfo& i : kKnobs)
    if (get(*this, i.knob) != get(o, i.knob)) return false;
  return own_hash == o.own_hash;
}

bool LogChange::operator==(const LogChange& o) const {
  return step == o.step && knob == o.knob && value == o.value && hash == o.hash;
}

const char* knob_name(Knob k) { return knob_info(k)->name; }

std::vector<LogChange> settings_diff(const TrainSettings& from, const TrainSettings& to, uint64_t step) {
  std::vector<LogChange> out;
  for (const KnobInfo& i : kKnobs) {
    const bool own_differs = i.knob == Knob::Own && from.own_hash != to.own_hash;
    if (get(from, i.knob) != get(to, i.knob) || own_differs)
      out.push_back({step, i.knob, get(to, i.knob), i.knob == Knob::Own ? to.own_hash : 0u});
  }
  return out;
}

void apply_change(TrainSettings* s, const LogChange& c) {
  switch (c.knob) {
    case Knob::LR: s->cfg.lr = c.value; break;
    case Knob::Batch: s->batch = static_cast<int>(c.value); break;
    case Knob::Opt: s->cfg.optimizer = c.value != 0 ? OptimizerKind::Adam : OptimizerKind::SGD; break;
    case Knob::Mom: s->cfg.momentum = c.value; break;
    case Knob::L2: s->cfg.l2 = c.value; break;
    case Knob::Decay: s->cfg.lr_decay = c.value; break;
    case Knob::DSteps: s->cfg.decay_steps = static_cast<int>(c.value); break;
    case Knob::Dropout: s->dropout = c.value; break;
    case Knob::Own: s->own_count = static_cast<uint32_t>(c.value); s->own_hash = c.hash; break;
    case Knob::OptReset: break;
    case Knob::Aug: s->cfg.augment = c.value != 0 ? 1 : 0; break;
  }
}

TrainSettings settings_before(const TrainSettings& start, const std::vector<LogChange>& log, uint64_t step) {
  TrainSettings t = start;
  for (const LogChange& c : log)
    if (c.step < step) apply_change(&t, c);
  return t;
}

LogChange value_before(const TrainSettings& start, const std::vector<LogChange>& log, Knob knob, uint64_t step) {
  for (size_t i = log.size(); i-- > 0;)
    if (log[i].knob == knob && log[i].step < step) return log[i];
  return {0, knob, get(start, knob), knob == Knob::Own ? start.own_hash : 0u};
}

uint32_t most_own_examples(uint32_t at_start, const std::vector<LogChange>& log) {
  uint32_t most = at_start;
  for (const LogChange& c : log)
    if (c.knob == Knob::Own && static_cast<uint32_t>(c.value) > most) most = static_cast<uint32_t>(c.value);
  return most;
}

std::string short_float(float v) {
  char b[40];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(b, sizeof b, "%.*g", digits, static_cast<double>(v));
    if (std::strtof(b, nullptr) == v) break;
  }
  std::string best = b;
  // Plain decimals read better than exponents (10, not 1e+01; 0.0001, not 0.0001): the shorter wins, ties to plain.
  const double a = std::fabs(static_cast<double>(v));
  if (best.find('e') != std::string::npos && a >= 1e-5 && a < 1e9) {
    for (int decimals = 0; decimals <= 14; ++decimals) {
      std::snprintf(b, sizeof b, "%.*f", decimals, static_cast<double>(v));
      if (std::strtof(b, nullptr) == v) break;
    }
    if (std::strlen(b) <= best.size() + 1) best = b;
  }
  return best;
}

std::string encode_log(const std::vector<LogChange>& log) {
  std::string o;
  uint64_t at = 0;
  bool first_at_step = true;
  for (const LogChange& c : log) {
    if (c.step > at || o.empty()) {
      if (c.step > at) o += (o.empty() ? "" : ",") + std::to_string(c.step - at) + ",";
      at = c.step;
      first_at_step = true;
    }
    o += first_at_step ? "" : ";";
    first_at_step = false;
    o += knob_name(c.knob);
    o += ':';
    if (c.knob == Knob::Opt) o += c.value != 0 ? "adam" : "sgd";
    else if (c.knob == Knob::Own) { char h[24]; std::snprintf(h, sizeof h, "%u.%08x", static_cast<unsigned>(c.value), c.hash); o += h; }
    else if (knob_info(c.knob)->integer) o += std::to_string(static_cast<long long>(c.value));
    else o += short_float(c.value);
  }
  return o;
}

bool decode_log(const std::string& text, uint64_t max_step, std::vector<LogChange>* log, std::string* err) {
  log->clear();
  std::vector<LogChange> out;
  uint64_t at = 0;
  size_t p = 0;
  auto fail = [&](const std::string& why) { *err = "log: " + why; return false; };
  while (p < text.size()) {
    size_t q = p;
    while (q < text.size() && text[q] != ',' && text[q] != ';') ++q;
    const std::string tok = text.substr(p, q - p);
    p = q + 1;
    uint64_t n = 0;
    if (parse_u64(tok.data(), tok.size(), &n)) {
      if (n > max_step || at + n > max_step) return fail("more steps than a link may replay");
      at += n;
      continue;
    }
    const size_t colon = tok.find(':');
    if (colon == std::string::npos) return fail("a token is neither a step count nor key:value");
    const std::string key = tok.substr(0, colon), v = tok.substr(colon + 1);
    const KnobInfo* info = nullptr;
    for (const KnobInfo& i : kKnobs)
      if (key == i.name) info = &i;
    if (!info) return fail("unknown setting");
    if (out.size() >= kMaxLogChanges) return fail("more than " + std::to_string(kMaxLogChanges) + " changes");
    LogChange c{at, info->knob, 0, 0};
    if (info->knob == Knob::Opt) {
      if (v != "sgd" && v != "adam") return fail("opt must be sgd or adam");
      c.value = v == "adam" ? 1.0f : 0.0f;
    } else if (info->knob == Knob::Own) {
      const size_t dot = v.find('.');
      uint64_t count = 0;
      if (dot == std::string::npos || dot + 9 != v.size() || !parse_u64(v.data(), dot, &count) || count > info->hi)
        return fail("own must be count.hash");
      char* end = nullptr;
      const unsigned long h = std::strtoul(v.c_str() + dot + 1, &end, 16);
      if (*end || !std::isxdigit(static_cast<unsigned char>(v[dot + 1]))) return fail("own must be count.hash");
      c.value = static_cast<float>(count);
      c.hash = static_cast<uint32_t>(h);
    } else {
      if (v.empty() || v.size() > 24) return fail(std::string(info->name) + " is not a number");
      char* end = nullptr;
      const double x = std::strtod(v.c_str(), &end);
      if (*end || !std::isfinite(x) || x < info->lo || x > info->hi || (info->integer && x != std::floor(x)))
        return fail(std::string(info->name) + " is out of range");
      if (info->knob == Knob::Dropout && x < 0 && x != -1) return fail("drop is out of range");
      c.value = static_cast<float>(x);
    }
    out.push_back(c);
  }
  *log = std::move(out);
  return true;
}

}  // namespace dlp
