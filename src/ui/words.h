// The words a student reads for what the session tells (session/fact.h): one way to say each fact,
// in one place, for the panels, the status line and window.playground.state() alike. No ImGui
// here, so the sentences are tested natively (tests/ui/words_test.cpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "engine/layer.h"
#include "links/share_link.h"
#include "session/fact.h"

namespace dlp {

std::string words(const Fact& f);
std::vector<std::string> words(const std::vector<Fact>& facts);

// What a data set's examples are called in sentences: "images" for Fashion-MNIST, else "digits".
const char* items(const std::string& data);
// 60000 -> "60,000"
std::string grouped(uint64_t n);
// How much of a split is in: "12,000 of 60,000".
std::string progress(uint64_t in, uint64_t total);
std::string progress(const Dataset& d);
// Where an input element (h, w, c order) sits: "row 3, column 5" (", channel 2" when c > 1).
std::string input_place(Shape in, long input);

// The Compare table: for each run, the settings in which it differs from the others, in the
// link's order ("lr 0.1, batch 64"; settings changed during training as "changes: lr 0.1 at step
// 300"); "the same settings" when it differs in none.
std::vector<std::string> run_differences(const std::vector<ShareLink>& runs);

}  // namespace dlp
