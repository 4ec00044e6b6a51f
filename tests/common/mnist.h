// The standard MNIST splits for the tests, read once per test binary from the built IDX files.
#pragma once
#include <gtest/gtest.h>

#include <string>

#include "data/dataset.h"
#include "paths.h"

namespace dlp::test {

struct Mnist {
  Dataset train, test;
};

inline const Mnist& mnist() {
  static const Mnist m = [] {
    Mnist d;
    std::string err;
    if (!load_dataset("mnist", dlp::test::data_dir(), &d.train, &d.test, &err)) ADD_FAILURE() << err;
    return d;
  }();
  return m;
}

}  // namespace dlp::test
