// Under AddressSanitizer every load and store is checked, and training runs 10-20 times slower.
// The randomized replay tests run a share of their cases there: the sanitizers see the same code
// paths, and the native and wasm suites run every case. Usage: for (k < cases(40, 10)) ...
#pragma once

namespace dlp::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

// `all` cases natively and in wasm, `sanitized` of them under the sanitizers.
constexpr int cases(int all, int sanitized) { return kSanitized ? sanitized : all; }

}  // namespace dlp::test
