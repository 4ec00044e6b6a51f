// Little-endian bytes: the one writer and reader for everything this project stores in its own
// formats (safetensors' header length and floats, kept sessions, own examples, old progress).
// Readers refuse to run past the end. (IDX files are big-endian: data/idx.h.)
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dlp {

inline void put_le(std::vector<uint8_t>& b, uint64_t v, int bytes) {
  for (int k = 0; k < bytes; ++k) b.push_back(static_cast<uint8_t>(v >> (8 * k)));
}
inline void put_le(uint8_t* p, uint64_t v, int bytes) {
  for (int k = 0; k < bytes; ++k) p[k] = static_cast<uint8_t>(v >> (8 * k));
}
// A string: its length (u32), then its bytes (ByteReader::text reads it).
inline void put_text(std::vector<uint8_t>& b, const std::string& s) {
  put_le(b, s.size(), 4);
  b.insert(b.end(), s.begin(), s.end());
}
inline uint64_t get_le(const uint8_t* p, int bytes) {
  uint64_t v = 0;
  for (int k = 0; k < bytes; ++k) v |= static_cast<uint64_t>(p[k]) << (8 * k);
  return v;
}

// Reads what put_le wrote, in order; ok turns false (and stays) at the first read past the end.
struct ByteReader {
  const uint8_t* p;
  size_t n, at = 0;
  bool ok = true;
  uint64_t u(int bytes) {
    if (at + bytes > n) { ok = false; return 0; }
    const uint64_t v = get_le(p + at, bytes);
    at += bytes;
    return v;
  }
  // A u32 length, then that many bytes.
  const uint8_t* bytes(size_t* len) {
    *len = static_cast<size_t>(u(4));
    if (!ok || *len > n - at) { ok = false; return nullptr; }  // at <= n: no wrap on 32 bits
    const uint8_t* q = p + at;
    at += *len;
    return q;
  }
  // What put_text wrote ("" past the end).
  std::string text() {
    size_t len = 0;
    const uint8_t* q = bytes(&len);
    return q ? std::string(reinterpret_cast<const char*>(q), len) : std::string();
  }
};

}  // namespace dlp
