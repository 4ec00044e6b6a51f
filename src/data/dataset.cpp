#include "data/dataset.h"

#include "data/idx.h"

namespace dlp {

void Dataset::gather(const uint32_t* idx, int n, Normalization mode, float* out, uint8_t* labels_out) const {
  const size_t px = shape.size();
  for (int i = 0; i < n; ++i) {
    normalize(image(idx[i]), px, mode, out + i * px);
    if (labels_out) labels_out[i] = labels[idx[i]];
  }
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
  return true;
}

bool load_dataset(const std::string& name, const std::string& dir, Dataset* train, Dataset* test, std::string* err) {
  static const std::vector<std::string> digits = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  static const std::vector<std::string> fashion = {"T-shirt", "Trouser", "Pullover", "Dress", "Coat",
                                                   "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
  if (name == "mnist" || name == "fashion") {
    // Both are built into DIR as <name>-{train,test}-{images,labels}.idx (see CMakeLists.txt).
    if (!dataset_from_idx(dir + "/" + name + "-train-images.idx", dir + "/" + name + "-train-labels.idx", train, err) ||
        !dataset_from_idx(dir + "/" + name + "-test-images.idx", dir + "/" + name + "-test-labels.idx", test, err)) {
      if (name == "fashion") *err += " (Fashion-MNIST comes from Debian's dataset-fashion-mnist package)";
      return false;
    }
    train->class_names = test->class_names = name == "mnist" ? digits : fashion;
  } else {
    *err = "unknown data set '" + name + "' (mnist or fashion)";
    return false;
  }
  train->name = test->name = name;
  return true;
}

}  // namespace dlp
