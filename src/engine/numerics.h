// Numerics rules: how training computes, versioned, so that a shared link replays with the rule it
// was made with (its `numerics` field; a link without one was made under rule 1). A change to
// what training computes is a new rule here, and the old ones stay selectable.
//   1  IEEE 754 single precision throughout.
//   2  As 1, with subnormal floats (0 < |x| < 2^-126) flushed to +0 where training makes them:
//      each gradient the optimizer reads, the optimizer's state (momentum, Adam's moments) and
//      every weight after its update, and the loss's gradient with respect to the scores.
//      Arithmetic on subnormals costs many times a normal value's on most CPUs (about 4x in a
//      page: WebAssembly has no flush-to-zero mode), and momentum, Adam, a raised learning rate
//      and dead units all make them; flushing in the same places natively and in wasm keeps both
//      builds bit for bit the same.
#pragma once

namespace dlp {

constexpr int kNumericsFirst = 1;
constexpr int kNumericsLatest = 2;

}  // namespace dlp
