// What the page keeps of a session between visits (ui/persist.cpp), and a session file
// (.dlpsession): the bytes of each record. They outlive a build, so every field has a fixed
// little-endian form, and a reader takes any bytes (tests/fuzz/fuzz_session.cpp) and refuses what
// it cannot read whole.
//
//   session    "DLPS" | u32 n, the run as a link | u32 n, weights (safetensors)
//              | u32 n, Model::train_state_bytes | u64 epoch | u64 cursor | u64 seen
//   keyframes  "DLPK" | u32 n, the run as a link when they were kept | Rewind::bytes()
//
// The keyframes are kept less often than the session (they can be tens of MB): they belong to the
// session's run when its link, cut at the keyframes' step, names the same run (same_run_until).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "data/trainer.h"

namespace dlp {

struct KeptSession {
  std::string link;              // the run (start, log, steps), without a replay of it
  std::vector<uint8_t> weights;  // safetensors
  std::vector<uint8_t> state;    // Model::train_state_bytes
  Trainer::Position pos;
};

std::vector<uint8_t> kept_session_bytes(const KeptSession& k);
// False for bytes that are not a whole session record.
bool read_kept_session(const uint8_t* p, size_t n, KeptSession* out);

std::vector<uint8_t> kept_keyframes_bytes(const std::string& link, const std::vector<uint8_t>& rewind);
// False for bytes that are not a whole keyframes record; *rewind points into p.
bool read_kept_keyframes(const uint8_t* p, size_t n, std::string* link, const uint8_t** rewind, size_t* rewind_n);

constexpr size_t kMaxKeptLinkChars = 16384;

}  // namespace dlp
