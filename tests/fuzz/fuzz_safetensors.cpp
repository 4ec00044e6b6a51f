// libFuzzer: the safetensors reader against a fixed small model (the header parser included).
#include <cstddef>
#include <cstdint>

#include "engine/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::unique_ptr<dlp::Model> model = [] {
    dlp::ModelSpec spec;
    dlp::SpecError err;
    dlp::parse_spec("conv3x3x2 relu maxpool2 dense4 dense10", &spec, &err);
    return dlp::Model::create(spec, dlp::Shape{28, 28, 1}, 10, &err);
  }();
  std::string err;
  dlp::load_safetensors_bytes(data, size, model.get(), &err);
  return 0;
}
