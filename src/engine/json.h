// A small strict JSON reader for safetensors headers: objects, arrays, strings, numbers, true,
// false, null. Bounded depth and size, clear errors; no exceptions. And a writer (the page's
// state): nesting, commas and escapes handled by it.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

namespace dlp {

struct JsonValue {
  enum Type { Null, Bool, Number, String, Array, Object } type = Null;
  bool b = false;
  double num = 0;
  std::string str;
  std::vector<JsonValue> items;
  std::vector<std::pair<std::string, JsonValue>> members;  // in file order
  const JsonValue* get(const std::string& key) const;
};

bool parse_json(const std::string& text, JsonValue* out, std::string* err, int max_depth = 16);
std::string json_escape(const std::string& s);

// Writes one JSON value: objects and arrays nest (object() / array() ... end()), commas go between
// members; strings are escaped; integers print whole and floating-point numbers with nine
// significant digits (every float exactly), NaN and infinities, which JSON lacks, as null.
//   JsonWriter w; w.object().field("steps", 3).key("probs").array().value(0.5f).end().end();
//   w.str() == R"({"steps":3,"probs":[0.5]})"
class JsonWriter {
 public:
  JsonWriter& object() { return open('{'); }
  JsonWriter& array() { return open('['); }
  JsonWriter& end();
  JsonWriter& key(const std::string& k);
  template <typename T>
  JsonWriter& value(const T& v) {
    if constexpr (std::is_same_v<T, bool>) return raw(v ? "true" : "false");
    else if constexpr (std::is_integral_v<T>) return raw(std::to_string(v));
    else if constexpr (std::is_floating_point_v<T>) return raw(number(static_cast<double>(v)));
    else return raw("\"" + json_escape(std::string(v)) + "\"");
  }
  template <typename T>
  JsonWriter& field(const std::string& k, const T& v) { return key(k).value(v); }
  JsonWriter& raw(const std::string& json);  // a value already written as JSON
  const std::string& str() const { return out_; }

 private:
  JsonWriter& open(char c);
  void before_value();
  static std::string number(double v);
  std::string out_;
  std::vector<char> open_;         // the containers open, innermost last
  std::vector<bool> empty_;        // whether each has no member yet
  bool after_key_ = false;
};

}  // namespace dlp
