// The engine's own random generator: PCG32 (O'Neill), with uniform and Gaussian draws made from
// plain integer and IEEE arithmetic so a seed gives the same numbers natively and in wasm.
// std:: distributions are avoided on purpose: they differ between standard libraries.
#pragma once
#include <cstdint>
#include <cstddef>

namespace dlp {

class Rng {
 public:
  explicit Rng(uint64_t seed = 1, uint64_t stream = 0x9e3779b97f4a7c15ull) { reseed(seed, stream); }
  void reseed(uint64_t seed, uint64_t stream = 0x9e3779b97f4a7c15ull);

  uint32_t next_u32();
  // Uniform in [0, 1) with 24 random bits: exactly representable in float.
  float uniform() { return static_cast<float>(next_u32() >> 8) * (1.0f / 16777216.0f); }
  // Uniform integer in [0, n) without modulo bias.
  uint32_t below(uint32_t n);
  // Standard normal, Marsaglia polar method in double (needs only log and sqrt, both deterministic here).
  double normal();
  // Fisher-Yates shuffle of indices.
  void shuffle(uint32_t* v, size_t n);
  // The whole generator state, to continue a sequence exactly (a run kept across reloads).
  struct State { uint64_t state, inc; double spare; uint64_t has_spare; };  // no padding: saved as bytes
  State state() const { return {state_, inc_, spare_, has_spare_ ? 1u : 0u}; }
  void set_state(const State& s) { state_ = s.state; inc_ = s.inc | 1u; spare_ = s.spare; has_spare_ = s.has_spare != 0; }

 private:
  uint64_t state_ = 0, inc_ = 1;
  bool has_spare_ = false;
  double spare_ = 0;
};

}  // namespace dlp
