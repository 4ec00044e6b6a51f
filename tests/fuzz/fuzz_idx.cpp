// libFuzzer: the IDX reader, with an element limit like the page's (no unbounded allocation), and
// the data chunks the page streams (a labels IDX then an images IDX): a chunk either fits or
// changes nothing.
#include <cstddef>
#include <cstdint>
#include <string>

#include "data/dataset.h"
#include "data/idx.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dlp::IdxArray a;
  std::string err;
  if (dlp::parse_idx(data, size, &a, &err, 1u << 24)) {
    size_t n = 1;
    for (uint32_t d : a.dims) n *= d;
    if (n != a.data.size()) __builtin_trap();
  }
  dlp::Dataset d;
  d.reserve(7, 4);  // two chunks: 4 and 3 examples
  const size_t index = size ? data[0] % 3 : 0;
  if (d.add_chunk(index, data, size, &err)) {
    if (index != 0 || d.available != 4) __builtin_trap();
  } else if (d.available != 0) {
    __builtin_trap();
  }
  return 0;
}
