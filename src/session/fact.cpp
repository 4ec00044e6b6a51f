#include "session/fact.h"

#include <cstring>

namespace dlp {

// Numbers bit for bit, so a fact about a NaN loss equals itself.
bool Fact::operator==(const Fact& o) const {
  return kind == o.kind && step == o.step && to == o.to && count == o.count && total == o.total && epoch == o.epoch &&
         hash == o.hash && expect == o.expect && std::memcmp(&loss, &o.loss, sizeof loss) == 0 &&
         std::memcmp(&lr, &o.lr, sizeof lr) == 0 && std::memcmp(&accuracy, &o.accuracy, sizeof accuracy) == 0 &&
         std::memcmp(&ms, &o.ms, sizeof ms) == 0 && std::memcmp(&mflops, &o.mflops, sizeof mflops) == 0 && batch == o.batch &&
         offer == o.offer && other == o.other && pinned == o.pinned && text == o.text && text2 == o.text2;
}

namespace {

template <typename T, typename U>
U bits(T v) {
  static_assert(sizeof(T) == sizeof(U), "same size");
  U u;
  std::memcpy(&u, &v, sizeof v);
  return u;
}

}  // namespace

void put_fact(std::vector<uint8_t>& b, const Fact& f) {
  put_le(b, f.kind, 2);
  for (uint64_t v : {f.step, f.to, f.count, f.total, f.epoch, f.hash, f.expect}) put_le(b, v, 8);
  for (float v : {f.loss, f.lr, f.accuracy}) put_le(b, bits<float, uint32_t>(v), 4);
  for (double v : {f.ms, f.mflops}) put_le(b, bits<double, uint64_t>(v), 8);
  put_le(b, static_cast<uint32_t>(f.batch), 4);
  put_le(b, static_cast<uint32_t>(f.offer), 4);
  put_le(b, f.other, 1);
  put_le(b, static_cast<uint8_t>(f.pinned), 1);
  put_text(b, f.text);
  put_text(b, f.text2);
}

bool read_fact(ByteReader& r, Fact* out) {
  Fact f;
  const uint64_t kind = r.u(2);
  for (uint64_t* v : {&f.step, &f.to, &f.count, &f.total, &f.epoch, &f.hash, &f.expect}) *v = r.u(8);
  for (float* v : {&f.loss, &f.lr, &f.accuracy}) *v = bits<uint32_t, float>(static_cast<uint32_t>(r.u(4)));
  for (double* v : {&f.ms, &f.mflops}) *v = bits<uint64_t, double>(r.u(8));
  f.batch = static_cast<int32_t>(static_cast<uint32_t>(r.u(4)));
  f.offer = static_cast<int32_t>(static_cast<uint32_t>(r.u(4)));
  f.other = r.u(1) != 0;
  f.pinned = static_cast<char>(r.u(1));
  f.text = r.text();
  f.text2 = r.text();
  if (!r.ok || kind > Fact::Last) { r.ok = false; return false; }
  f.kind = static_cast<Fact::Kind>(kind);
  *out = std::move(f);
  return true;
}

}  // namespace dlp
