#include "engine/safetensors.h"

#include "engine/bytes.h"

#include <cstdio>
#include <cstring>

#include "engine/file_bytes.h"
#include "engine/json.h"

namespace dlp {

static bool little_endian() { const uint16_t one = 1; uint8_t b; std::memcpy(&b, &one, 1); return b == 1; }

std::vector<uint8_t> safetensors_bytes(Model& model) {
  std::string header = "{\"__metadata__\":{\"format\":\"pt\",\"spec\":\"" + json_escape(spec_to_string(model.spec())) + "\"}";
  size_t offset = 0;
  for (const Param& p : model.params()) {
    header += ",\"" + json_escape(p.name) + "\":{\"dtype\":\"F32\",\"shape\":[";
    for (size_t d = 0; d < p.dims.size(); ++d) header += (d ? "," : "") + std::to_string(p.dims[d]);
    header += "],\"data_offsets\":[" + std::to_string(offset) + "," + std::to_string(offset + 4 * p.size) + "]}";
    offset += 4 * p.size;
  }
  header += "}";
  while ((8 + header.size()) % 8) header += ' ';  // align the data to 8 bytes
  std::vector<uint8_t> out(8 + header.size() + offset);
  const uint64_t n = header.size();
  put_le(out.data(), n, 8);
  std::memcpy(out.data() + 8, header.data(), header.size());
  uint8_t* d = out.data() + 8 + header.size();
  for (const Param& p : model.params()) {
    for (size_t i = 0; i < p.size; ++i) {
      uint32_t u;
      std::memcpy(&u, &p.value[i], 4);
      put_le(d + 4 * i, u, 4);
    }
    d += 4 * p.size;
  }
  return out;
}

bool load_safetensors_bytes(const uint8_t* data, size_t size, Model* model, std::string* err) {
  auto fail = [&](const std::string& m) { if (err) *err = "safetensors: " + m; return false; };
  if (size < 8) return fail("file is too short (" + std::to_string(size) + " bytes)");
  const uint64_t n = get_le(data, 8);
  if (n > size - 8 || n > (16u << 20)) return fail("header length " + std::to_string(n) + " does not fit the file");
  JsonValue h;
  std::string jerr;
  if (!parse_json(std::string(reinterpret_cast<const char*>(data) + 8, n), &h, &jerr)) return fail("bad header: " + jerr);
  if (h.type != JsonValue::Object) return fail("header is not a JSON object");
  const size_t base = 8 + n, payload = size - base;
  size_t tensors = 0;
  for (const auto& m : h.members) tensors += m.first != "__metadata__";
  if (tensors != model->params().size())
    return fail("file has " + std::to_string(tensors) + " tensors, the model " + std::to_string(model->params().size()) +
                " (spec: " + spec_to_string(model->spec()) + ")");
  std::vector<std::pair<const Param*, size_t>> plan;
  for (const Param& p : model->params()) {
    const JsonValue* t = h.get(p.name);
    if (!t || t->type != JsonValue::Object) return fail("tensor '" + p.name + "' is missing");
    const JsonValue* dtype = t->get("dtype");
    const JsonValue* shape = t->get("shape");
    const JsonValue* off = t->get("data_offsets");
    if (!dtype || dtype->str != "F32") return fail("tensor '" + p.name + "' is not F32");
    if (!shape || shape->type != JsonValue::Array || shape->items.size() != p.dims.size()) return fail("tensor '" + p.name + "' has the wrong rank");
    std::string want, got;
    for (size_t d = 0; d < p.dims.size(); ++d) {
      want += (d ? "x" : "") + std::to_string(p.dims[d]);
      got += (d ? "x" : "") + std::to_string(static_cast<long long>(shape->items[d].num));
    }
    if (want != got) return fail("tensor '" + p.name + "' is " + got + ", the model expects " + want);
    if (!off || off->type != JsonValue::Array || off->items.size() != 2) return fail("tensor '" + p.name + "' has no data_offsets");
    const double a = off->items[0].num, b = off->items[1].num;
    if (!(a >= 0 && b >= a && b <= static_cast<double>(payload) && b - a == 4.0 * p.size))
      return fail("tensor '" + p.name + "' data_offsets do not fit the file");
    plan.emplace_back(&p, static_cast<size_t>(a));
  }
  if (!little_endian()) return fail("big-endian machines are not supported");
  for (const auto& [p, at] : plan) std::memcpy(p->value, data + base + at, 4 * p->size);
  return true;
}

bool save_safetensors(const std::string& path, Model& model, std::string* err) {
  const auto bytes = safetensors_bytes(model);
  return write_file_bytes(path, bytes.data(), bytes.size(), err);
}

bool load_safetensors(const std::string& path, Model* model, std::string* err) {
  std::vector<uint8_t> bytes;
  if (!read_file_bytes(path, &bytes, err)) return false;
  return load_safetensors_bytes(bytes.data(), bytes.size(), model, err);
}

}  // namespace dlp
