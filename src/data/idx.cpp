#include "data/idx.h"

#include "engine/file_bytes.h"

#include <cstdio>

namespace dlp {

uint32_t be32(const uint8_t* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

bool parse_idx(const uint8_t* b, size_t size, IdxArray* out, std::string* err, size_t max_elements) {
  auto fail = [&](const std::string& m) { if (err) *err = m; return false; };
  if (size < 4) return fail("IDX: file is " + std::to_string(size) + " bytes, too short for the 4-byte magic");
  if (b[0] != 0 || b[1] != 0)
    return fail("IDX: bad magic (first two bytes must be zero); is this an IDX file? gzip-compressed files must be unpacked first");
  if (b[2] != 0x08) return fail("IDX: element type 0x" + std::to_string(b[2]) + " is not supported (only unsigned bytes, 0x08)");
  const int nd = b[3];
  if (nd < 1 || nd > 4) return fail("IDX: " + std::to_string(nd) + " dimensions; expected 1 to 4");
  if (size < 4 + 4u * nd) return fail("IDX: truncated in the dimension sizes");
  out->dims.clear();
  size_t count = 1;
  for (int i = 0; i < nd; ++i) {
    const uint32_t d = be32(b + 4 + 4 * i);
    out->dims.push_back(d);
    if (d == 0) return fail("IDX: dimension " + std::to_string(i) + " is zero");
    if (count > max_elements / d) return fail("IDX: more than " + std::to_string(max_elements) + " elements");
    count *= d;
  }
  const size_t header = 4 + 4u * nd;
  if (size - header < count)
    return fail("IDX: truncated: the header promises " + std::to_string(count) + " bytes of data, the file has " +
                std::to_string(size - header));
  if (size - header > count)
    return fail("IDX: " + std::to_string(size - header - count) + " unexpected bytes after the data");
  out->data.assign(b + header, b + header + count);
  return true;
}

bool read_idx_file(const std::string& path, IdxArray* out, std::string* err) {
  std::vector<uint8_t> bytes;
  if (!read_file_bytes(path, &bytes, err)) return false;
  if (!parse_idx(bytes.data(), bytes.size(), out, err)) { if (err) *err = path + ": " + *err; return false; }
  return true;
}

}  // namespace dlp
