#include "data/dataset.h"

#include <cstring>

#include "data/idx.h"
#include "engine/file_bytes.h"
#include "engine/json.h"

namespace dlp {

void Dataset::gather(const uint32_t* idx, int n, Normalization mode, float* out, uint8_t* labels_out) const {
  const size_t px = shape.size();
  for (int i = 0; i < n; ++i) {
    normalize(image(idx[i]), px, mode, out + i * px);
    if (labels_out) labels_out[i] = labels[idx[i]];
  }
}

void Dataset::reserve(size_t n, size_t examples_per_chunk) {
  pixels.assign(n * shape.size(), 0);
  labels.assign(n, 0);
  chunk = examples_per_chunk;
  available = 0;
}

bool Dataset::add_chunk(size_t index, const uint8_t* bytes, size_t size, std::string* err) {
  auto fail = [&](const std::string& m) {
    if (err) *err = name + " chunk " + std::to_string(index) + ": " + m;
    return false;
  };
  const size_t first = index * chunk_size();
  if (index >= chunks()) return fail("there are only " + std::to_string(chunks()) + " chunks");
  if (first != available) return fail("came out of order (" + std::to_string(available) + " examples are in)");
  const size_t want = std::min(chunk_size(), this->size() - first);
  // The labels IDX first: its header says how long it is.
  if (size < 8) return fail("too short");
  const size_t n = be32(bytes + 4);
  if (n != want) return fail("holds " + std::to_string(n) + " examples, expected " + std::to_string(want));
  if (size < 8 + n) return fail("truncated in the labels");
  IdxArray lb, im;
  std::string e;
  if (!parse_idx(bytes, 8 + n, &lb, &e) || lb.dims.size() != 1) return fail("labels: " + (e.empty() ? "not one dimension" : e));
  if (!parse_idx(bytes + 8 + n, size - 8 - n, &im, &e)) return fail("images: " + e);
  if (im.dims.size() != 3 || im.dims[0] != n || im.dims[1] != static_cast<uint32_t>(shape.h) || im.dims[2] != static_cast<uint32_t>(shape.w))
    return fail("images are not (" + std::to_string(n) + ", " + std::to_string(shape.h) + ", " + std::to_string(shape.w) + ")");
  for (uint8_t l : lb.data)
    if (l >= classes) return fail("label " + std::to_string(l) + " is not a class 0.." + std::to_string(classes - 1));
  std::memcpy(labels.data() + first, lb.data.data(), n);
  std::memcpy(pixels.data() + first * shape.size(), im.data.data(), im.data.size());
  available = first + n;
  return true;
}

bool parse_catalog(const std::string& text, Catalog* out, std::string* err) {
  JsonValue root;
  std::string why;
  if (!parse_json(text, &root, &why)) { if (err) *err = "the catalog is not JSON: " + why; return false; }
  if (root.type != JsonValue::Object) { if (err) *err = "the catalog is not an object of data sets"; return false; }
  Catalog c;
  for (const auto& [name, set] : root.members) {
    if (set.type != JsonValue::Object) { if (err) *err = "catalog: " + name + " is not an object of splits"; return false; }
    for (const auto& [split, v] : set.members) {
      const std::string where = "catalog: " + name + " " + split + ": ";
      const JsonValue *examples = v.get("examples"), *chunk = v.get("chunk"), *files = v.get("files");
      auto count = [](const JsonValue* n) { return n && n->type == JsonValue::Number && n->num >= 1 && n->num <= (1 << 24) && n->num == static_cast<size_t>(n->num); };
      if (!count(examples) || !count(chunk) || !files || files->type != JsonValue::Array) {
        if (err) *err = where + "expected {\"examples\": N, \"chunk\": N, \"files\": [...]}";
        return false;
      }
      CatalogEntry e{name, split, static_cast<size_t>(examples->num), static_cast<size_t>(chunk->num), {}};
      for (const JsonValue& f : files->items) {
        if (f.type != JsonValue::String || f.str.empty()) { if (err) *err = where + "a file name is not a string"; return false; }
        e.files.push_back(f.str);
      }
      if (find_split(c, name, split)) { if (err) *err = where + "listed twice"; return false; }
      if (e.files.size() != (e.examples + e.chunk - 1) / e.chunk) {
        if (err) *err = where + std::to_string(e.files.size()) + " files for " + std::to_string(e.examples) + " examples in chunks of " + std::to_string(e.chunk);
        return false;
      }
      c.push_back(std::move(e));
    }
  }
  *out = std::move(c);
  return true;
}

const CatalogEntry* find_split(const Catalog& c, const std::string& name, const std::string& split) {
  for (const CatalogEntry& e : c)
    if (e.name == name && e.split == split) return &e;
  return nullptr;
}

bool dataset_from_idx(const std::string& images_path, const std::string& labels_path, Dataset* out, std::string* err) {
  IdxArray im, lb;
  if (!read_idx_file(images_path, &im, err) || !read_idx_file(labels_path, &lb, err)) return false;
  if (im.dims.size() != 3) { *err = images_path + ": expected 3 dimensions (N, 28, 28)"; return false; }
  if (lb.dims.size() != 1) { *err = labels_path + ": expected 1 dimension (N)"; return false; }
  if (im.dims[0] != lb.dims[0]) {
    *err = "images hold " + std::to_string(im.dims[0]) + " examples but labels " + std::to_string(lb.dims[0]);
    return false;
  }
  for (uint8_t l : lb.data)
    if (l >= 10) { *err = labels_path + ": label " + std::to_string(l) + " is not a class 0..9"; return false; }
  out->shape = Shape{static_cast<int>(im.dims[1]), static_cast<int>(im.dims[2]), 1};
  out->pixels = std::move(im.data);
  out->labels = std::move(lb.data);
  out->available = out->size();
  return true;
}

static bool known_data(const std::string& name, Dataset* train, Dataset* test, std::string* err) {
  static const std::vector<std::string> digits = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  static const std::vector<std::string> fashion = {"T-shirt", "Trouser", "Pullover", "Dress", "Coat",
                                                   "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
  if (name != "mnist" && name != "fashion") {
    *err = "unknown data set '" + name + "' (mnist or fashion)";
    return false;
  }
  for (Dataset* d : {train, test}) {
    d->name = name;
    d->class_names = name == "mnist" ? digits : fashion;
  }
  return true;
}

bool load_dataset(const std::string& name, const std::string& dir, Dataset* train, Dataset* test, std::string* err) {
  if (!known_data(name, train, test, err)) return false;
  // Built into DIR as <name>-{train,test}-{images,labels}.idx (scripts/make_data.mjs).
  if (!dataset_from_idx(dir + "/" + name + "-train-images.idx", dir + "/" + name + "-train-labels.idx", train, err) ||
      !dataset_from_idx(dir + "/" + name + "-test-images.idx", dir + "/" + name + "-test-labels.idx", test, err)) {
    if (name == "fashion") *err += " (Fashion-MNIST comes from Debian's dataset-fashion-mnist package)";
    return false;
  }
  std::vector<uint8_t> bytes;
  Catalog cat;
  std::string ignored;
  train->chunk = test->chunk = 0;
  // The chunk size is part of the data order: a folder with only the line catalog of an older build
  // would train in another order than the page, so it is refused rather than read as one chunk.
  const bool has_catalog = read_file_bytes(dir + "/catalog.json", &bytes, &ignored);
  if (!has_catalog && read_file_bytes(dir + "/catalog.txt", &bytes, &ignored)) {
    *err = dir + " holds an older build's catalog.txt: build the data again (make native)";
    return false;
  }
  if (has_catalog) {
    if (!parse_catalog(std::string(bytes.begin(), bytes.end()), &cat, err)) { *err = dir + "/catalog.json: " + *err; return false; }
    for (auto [d, split] : {std::pair{train, "train"}, std::pair{test, "test"}})
      if (const CatalogEntry* e = find_split(cat, name, split)) d->chunk = e->chunk;
  }
  return true;
}

bool open_dataset(const Catalog& catalog, const std::string& name, Dataset* train, Dataset* test, std::string* err) {
  if (!known_data(name, train, test, err)) return false;
  for (auto [d, split] : {std::pair{train, "train"}, std::pair{test, "test"}}) {
    const CatalogEntry* e = find_split(catalog, name, split);
    if (!e) { *err = "this page has no " + name + " " + split + " data"; return false; }
    d->shape = Shape{28, 28, 1};
    d->reserve(e->examples, e->chunk);
  }
  return true;
}

}  // namespace dlp
