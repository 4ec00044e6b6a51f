// The data a session trains and tests on: the data set's name, its two splits, how pixels are
// normalized, and the catalog of what the page can stream. On the page the splits arrive in
// chunks (the page streams what the catalog lists); natively whole IDX files load at once.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "data/dataset.h"
#include "session/fact.h"

namespace dlp {

struct DataFeed {
  std::string name = "mnist";
  Dataset train, test;
  Normalization norm = Normalization::Centered;
  Catalog catalog;

  // Whole IDX files from dir, or empty splits sized from the catalog: the splits are replaced.
  // False (and why) when they cannot be had; nothing changes then.
  bool load(const std::string& data, const std::string& dir, std::string* err);
  bool open(const std::string& data, std::string* err);
  // A chunk of one split ("train" or "test"), fetched and unpacked. False (and why) if it does not fit.
  bool add_chunk(const std::string& split, size_t index, const uint8_t* bytes, size_t n, std::string* err);
  // A fact of this kind about step `step` waiting for training examples: how many are in, of how
  // many, of which data set (Fact::WaitingForData, Fact::RewindWaitingForData).
  Fact waiting(Fact::Kind kind, uint64_t step) const;

 private:
  void take(const std::string& data, Dataset&& tr, Dataset&& te);
};

}  // namespace dlp
