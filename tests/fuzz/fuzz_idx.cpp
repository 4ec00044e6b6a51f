// libFuzzer: the IDX reader, with an element limit like the page's (no unbounded allocation).
#include <cstddef>
#include <cstdint>
#include <string>

#include "data/idx.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dlp::IdxArray a;
  std::string err;
  if (dlp::parse_idx(data, size, &a, &err, 1u << 24)) {
    size_t n = 1;
    for (uint32_t d : a.dims) n *= d;
    if (n != a.data.size()) __builtin_trap();
  }
  return 0;
}
