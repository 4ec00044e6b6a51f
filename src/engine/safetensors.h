// Weights as safetensors: 8-byte little-endian header length, a JSON header, then raw float32
// little-endian data. Tensor names are the model's parameter names ("layers.0.weight", ...) in
// the engine's layouts: dense weight (in, out), conv weight (kh, kw, cin, cout), NHWC
// flattening; the header's __metadata__ holds the spec. The PyTorch export transposes these.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/model.h"

namespace dlp {

std::vector<uint8_t> safetensors_bytes(Model& model);
// Checks names, shapes and sizes against the model; loads nothing unless all match.
bool load_safetensors_bytes(const uint8_t* data, size_t size, Model* model, std::string* err);

bool save_safetensors(const std::string& path, Model& model, std::string* err);
bool load_safetensors(const std::string& path, Model* model, std::string* err);

}  // namespace dlp
