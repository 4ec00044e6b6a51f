#include "engine/json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace dlp {

const JsonValue* JsonValue::get(const std::string& key) const {
  for (const auto& m : members)
    if (m.first == key) return &m.second;
  return nullptr;
}

namespace {
struct Parser {
  const std::string& t;
  size_t i = 0;
  std::string err;
  void ws() { while (i < t.size() && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t')) ++i; }
  bool fail(const std::string& m) { if (err.empty()) err = "JSON at " + std::to_string(i) + ": " + m; return false; }
  bool lit(const char* w) {
    size_t n = 0;
    while (w[n]) ++n;
    if (t.compare(i, n, w) != 0) return false;
    i += n;
    return true;
  }
  bool string(std::string* s) {
    if (i >= t.size() || t[i] != '"') return fail("expected a string");
    ++i;
    while (i < t.size() && t[i] != '"') {
      char c = t[i++];
      if (static_cast<unsigned char>(c) < 32) return fail("control character in string");
      if (c == '\\') {
        if (i >= t.size()) return fail("unterminated escape");
        const char e = t[i++];
        switch (e) {
          case '"': case '\\': case '/': s->push_back(e); break;
          case 'n': s->push_back('\n'); break;
          case 't': s->push_back('\t'); break;
          case 'r': s->push_back('\r'); break;
          case 'b': s->push_back('\b'); break;
          case 'f': s->push_back('\f'); break;
          case 'u': {
            if (i + 4 > t.size()) return fail("short \\u escape");
            unsigned v = 0;
            for (int k = 0; k < 4; ++k) {
              const char h = t[i++];
              v = v * 16 + (h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 99);
              if (v > 0xffff) return fail("bad \\u escape");
            }
            if (v < 0x80) s->push_back(static_cast<char>(v));
            else if (v < 0x800) { s->push_back(static_cast<char>(0xc0 | (v >> 6))); s->push_back(static_cast<char>(0x80 | (v & 63))); }
            else { s->push_back(static_cast<char>(0xe0 | (v >> 12))); s->push_back(static_cast<char>(0x80 | ((v >> 6) & 63))); s->push_back(static_cast<char>(0x80 | (v & 63))); }
            break;
          }
          default: return fail("bad escape");
        }
      } else {
        s->push_back(c);
      }
    }
    if (i >= t.size()) return fail("unterminated string");
    ++i;
    return true;
  }
  bool value(JsonValue* v, int depth) {
    if (depth <= 0) return fail("nested too deeply");
    ws();
    if (i >= t.size()) return fail("unexpected end");
    const char c = t[i];
    if (c == '{') {
      v->type = JsonValue::Object;
      ++i; ws();
      if (i < t.size() && t[i] == '}') { ++i; return true; }
      for (;;) {
        ws();
        std::string key;
        if (!string(&key)) return false;
        ws();
        if (i >= t.size() || t[i] != ':') return fail("expected ':'");
        ++i;
        JsonValue m;
        if (!value(&m, depth - 1)) return false;
        v->members.emplace_back(std::move(key), std::move(m));
        ws();
        if (i < t.size() && t[i] == ',') { ++i; continue; }
        if (i < t.size() && t[i] == '}') { ++i; return true; }
        return fail("expected ',' or '}'");
      }
    }
    if (c == '[') {
      v->type = JsonValue::Array;
      ++i; ws();
      if (i < t.size() && t[i] == ']') { ++i; return true; }
      for (;;) {
        JsonValue m;
        if (!value(&m, depth - 1)) return false;
        v->items.push_back(std::move(m));
        ws();
        if (i < t.size() && t[i] == ',') { ++i; continue; }
        if (i < t.size() && t[i] == ']') { ++i; return true; }
        return fail("expected ',' or ']'");
      }
    }
    if (c == '"') { v->type = JsonValue::String; return string(&v->str); }
    if (lit("true")) { v->type = JsonValue::Bool; v->b = true; return true; }
    if (lit("false")) { v->type = JsonValue::Bool; return true; }
    if (lit("null")) { v->type = JsonValue::Null; return true; }
    if (c == '-' || (c >= '0' && c <= '9')) {
      size_t j = i;
      while (j < t.size() && (std::strchr("+-.eE", t[j]) || (t[j] >= '0' && t[j] <= '9')) && j - i < 64) ++j;
      const std::string s = t.substr(i, j - i);
      char* end = nullptr;
      v->num = std::strtod(s.c_str(), &end);
      if (!end || *end) return fail("bad number");
      v->type = JsonValue::Number;
      i = j;
      return true;
    }
    return fail("unexpected character");
  }
};
}  // namespace

bool parse_json(const std::string& text, JsonValue* out, std::string* err, int max_depth) {
  Parser p{text, 0, {}};
  *out = JsonValue{};
  bool ok = p.value(out, max_depth);
  if (ok) { p.ws(); if (p.i != text.size()) ok = p.fail("trailing characters"); }
  if (!ok && err) *err = p.err;
  return ok;
}

std::string json_escape(const std::string& s) {
  std::string o;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') { o += '\\'; o += static_cast<char>(c); }
    else if (c < 32) { char b[8]; std::snprintf(b, sizeof b, "\\u%04x", c); o += b; }
    else o += static_cast<char>(c);
  }
  return o;
}

JsonWriter& JsonWriter::open(char c) {
  before_value();
  out_ += c;
  open_.push_back(c);
  empty_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end() {
  if (open_.empty()) return *this;
  out_ += open_.back() == '{' ? '}' : ']';
  open_.pop_back();
  empty_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(const std::string& k) {
  if (!empty_.empty() && !empty_.back()) out_ += ',';
  if (!empty_.empty()) empty_.back() = false;
  out_ += '"' + json_escape(k) + "\":";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::raw(const std::string& json) {
  before_value();
  out_ += json;
  return *this;
}

// A member's value follows its key; an array's items are separated by commas.
void JsonWriter::before_value() {
  if (after_key_) { after_key_ = false; return; }
  if (!empty_.empty()) {
    if (!empty_.back()) out_ += ',';
    empty_.back() = false;
  }
}

std::string JsonWriter::number(double v) {
  if (!std::isfinite(v)) return "null";
  char b[32];
  std::snprintf(b, sizeof b, "%.9g", v);
  return b;
}

}  // namespace dlp
