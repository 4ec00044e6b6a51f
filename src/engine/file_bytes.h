// Whole-file reads for the loaders (IDX, safetensors): one place that opens, reads and says why not.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace dlp {

inline bool read_file_bytes(const std::string& path, std::vector<uint8_t>* bytes, std::string* err) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) { if (err) *err = "cannot open " + path; return false; }
  bytes->clear();
  uint8_t buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes->insert(bytes->end(), buf, buf + n);
  std::fclose(f);
  return true;
}

// The whole file, or false (and why): the savers (safetensors, exported scripts).
inline bool write_file_bytes(const std::string& path, const void* data, size_t n, std::string* err) {
  FILE* f = std::fopen(path.c_str(), "wb");
  const bool ok = f && std::fwrite(data, 1, n, f) == n;
  if ((f && std::fclose(f) != 0) || !ok) { if (err) *err = "cannot write " + path; return false; }
  return true;
}

}  // namespace dlp
