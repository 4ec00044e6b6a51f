#include "session/data_feed.h"

#include <utility>

namespace dlp {

bool DataFeed::load(const std::string& data, const std::string& dir, std::string* err) {
  Dataset tr, te;
  if (!load_dataset(data, dir, &tr, &te, err)) return false;
  take(data, std::move(tr), std::move(te));
  return true;
}

bool DataFeed::open(const std::string& data, std::string* err) {
  Dataset tr, te;
  if (!open_dataset(catalog, data, &tr, &te, err)) return false;
  take(data, std::move(tr), std::move(te));
  return true;
}

void DataFeed::take(const std::string& data, Dataset&& tr, Dataset&& te) {
  train = std::move(tr);
  test = std::move(te);
  name = data;
}

Fact DataFeed::waiting(Fact::Kind kind, uint64_t step) const {
  Fact f = Fact::at_step(kind, step);
  f.count = train.available;
  f.total = train.size();
  f.text = name;
  return f;
}

bool DataFeed::add_chunk(const std::string& split, size_t index, const uint8_t* bytes, size_t n, std::string* err) {
  Dataset& d = split == "test" ? test : train;
  return d.add_chunk(index, bytes, n, err);
}

}  // namespace dlp
