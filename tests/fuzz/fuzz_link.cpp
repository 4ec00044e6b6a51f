// libFuzzer: the share-link decoder on arbitrary fragments; whatever it accepts re-encodes and
// decodes to the same state.
#include <cstddef>
#include <cstdint>
#include <string>

#include "links/share_link.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dlp::ShareLink s;
  std::vector<std::string> problems;
  if (!dlp::decode_link(std::string(reinterpret_cast<const char*>(data), size), &s, &problems)) return 0;
  if (s.batch < 1 || s.batch > 1024 || s.steps > dlp::kMaxReplaySteps) __builtin_trap();
  dlp::ShareLink t;
  problems.clear();
  if (!dlp::decode_link(dlp::encode_link(s), &t, &problems) || !(t == s)) __builtin_trap();
  return 0;
}
