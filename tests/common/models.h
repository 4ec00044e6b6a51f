// A model for the tests: built from a spec (or a preset's name) for 28x28 digits and ten classes,
// and initialized.
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "engine/model.h"
#include "engine/spec.h"

namespace dlp::test {

inline std::unique_ptr<Model> make_model(const std::string& spec_text, const InitConfig& init) {
  ModelSpec spec;
  SpecError err;
  EXPECT_TRUE(parse_spec(resolve_preset(spec_text), &spec, &err)) << err.str();
  auto m = Model::create(spec, Shape{28, 28, 1}, 10, &err);
  EXPECT_TRUE(m) << err.str();
  if (m) m->init(init);
  return m;
}

}  // namespace dlp::test
