// libFuzzer: the model-spec parser and shape inference on arbitrary text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  dlp::ModelSpec spec;
  dlp::SpecError err;
  dlp::ModelInfo info;
  if (dlp::parse_spec(text, &spec, &err)) {
    dlp::infer_shapes(spec, dlp::Shape{28, 28, 1}, 10, &info, &err);
    dlp::ModelSpec again;
    // The canonical text of a parsed spec parses to the same spec.
    if (!dlp::parse_spec(dlp::spec_to_string(spec), &again, &err) || dlp::spec_to_string(again) != dlp::spec_to_string(spec)) __builtin_trap();
  }
  return 0;
}
