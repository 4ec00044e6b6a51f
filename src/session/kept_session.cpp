#include "session/kept_session.h"

#include <cstring>

#include "engine/bytes.h"

namespace dlp {

namespace {
void put_bytes(std::vector<uint8_t>& b, const uint8_t* p, size_t n) {
  put_le(b, n, 4);
  b.insert(b.end(), p, p + n);
}
bool magic(const uint8_t* p, size_t n, const char* m) { return n >= 4 && std::memcmp(p, m, 4) == 0; }
}  // namespace

std::vector<uint8_t> kept_session_bytes(const KeptSession& k) {
  std::vector<uint8_t> b = {'D', 'L', 'P', 'S'};
  put_bytes(b, reinterpret_cast<const uint8_t*>(k.link.data()), k.link.size());
  put_bytes(b, k.weights.data(), k.weights.size());
  put_bytes(b, k.state.data(), k.state.size());
  put_le(b, k.pos.epoch, 8);
  put_le(b, k.pos.cursor, 8);
  put_le(b, k.pos.seen, 8);
  return b;
}

bool read_kept_session(const uint8_t* p, size_t n, KeptSession* out) {
  if (!magic(p, n, "DLPS")) return false;
  ByteReader r{p, n, 4};
  size_t link_n = 0, weights_n = 0, state_n = 0;
  const uint8_t* link = r.bytes(&link_n);
  const uint8_t* weights = r.bytes(&weights_n);
  const uint8_t* state = r.bytes(&state_n);
  KeptSession k;
  k.pos.epoch = r.u(8);
  k.pos.cursor = r.u(8);
  k.pos.seen = r.u(8);
  if (!r.ok || link_n > kMaxKeptLinkChars) return false;
  k.link.assign(reinterpret_cast<const char*>(link), link_n);
  k.weights.assign(weights, weights + weights_n);
  k.state.assign(state, state + state_n);
  *out = std::move(k);
  return true;
}

std::vector<uint8_t> kept_keyframes_bytes(const std::string& link, const std::vector<uint8_t>& rewind) {
  std::vector<uint8_t> b = {'D', 'L', 'P', 'K'};
  b.reserve(8 + link.size() + rewind.size());
  put_bytes(b, reinterpret_cast<const uint8_t*>(link.data()), link.size());
  b.insert(b.end(), rewind.begin(), rewind.end());
  return b;
}

bool read_kept_keyframes(const uint8_t* p, size_t n, std::string* link, const uint8_t** rewind, size_t* rewind_n) {
  if (!magic(p, n, "DLPK")) return false;
  ByteReader r{p, n, 4};
  size_t link_n = 0;
  const uint8_t* l = r.bytes(&link_n);
  if (!r.ok || link_n > kMaxKeptLinkChars) return false;
  link->assign(reinterpret_cast<const char*>(l), link_n);
  *rewind = p + r.at;
  *rewind_n = n - r.at;
  return true;
}

}  // namespace dlp
