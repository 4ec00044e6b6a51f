// IDX files (the MNIST format): big-endian magic 0x0000TTNN (TT = type, NN = number of
// dimensions), NN big-endian u32 sizes, then the data. Only unsigned bytes (TT = 0x08) are read.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dlp {

struct IdxArray {
  std::vector<uint32_t> dims;
  std::vector<uint8_t> data;
};

// The big-endian u32 of IDX headers.
uint32_t be32(const uint8_t* p);
// Parses an IDX byte buffer. On failure returns false and says why in err.
bool parse_idx(const uint8_t* bytes, size_t size, IdxArray* out, std::string* err, size_t max_elements = 1u << 28);
bool read_idx_file(const std::string& path, IdxArray* out, std::string* err);

}  // namespace dlp
