// A small strict JSON reader for safetensors headers: objects, arrays, strings, numbers, true,
// false, null. Bounded depth and size, clear errors; no exceptions.
#pragma once
#include <map>
#include <memory>
#include <string>
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

}  // namespace dlp
