// The model draft alone: a valid text replaces the last valid spec, an invalid one says where and
// why and keeps it, the memory budget refuses a model too big at the batch, and dropout rates
// reach both the spec and its text.
#include "session/model_draft.h"

#include <gtest/gtest.h>

using namespace dlp;

namespace {

const Shape kDigit{28, 28, 1};

}  // namespace

TEST(ModelDraft, AValidTextReplacesTheSpecAndItsInfo) {
  ModelDraft d;
  ASSERT_TRUE(d.take("dense32 relu dense10", kDigit, 10, 32)) << d.error.str();
  EXPECT_TRUE(d.ok);
  EXPECT_EQ(d.text, "dense32 relu dense10");
  EXPECT_EQ(spec_to_string(d.spec), "dense32 relu dense10");
  EXPECT_EQ(d.info.params, 784u * 32 + 32 + 32 * 10 + 10);
  EXPECT_GT(d.info.flops, 0.0);
  EXPECT_TRUE(d.error.message.empty());
}

TEST(ModelDraft, AnInvalidTextSaysWhereAndKeepsTheLastValidSpec) {
  ModelDraft d;
  ASSERT_TRUE(d.take("dense32 relu dense10", kDigit, 10, 32));
  EXPECT_FALSE(d.take("dense32 relu bogus7 dense10", kDigit, 10, 32));
  EXPECT_FALSE(d.ok);
  EXPECT_EQ(d.text, "dense32 relu bogus7 dense10") << "the text stays as typed";
  EXPECT_EQ(spec_to_string(d.spec), "dense32 relu dense10") << "the model is still built from the last valid spec";
  EXPECT_NE(d.error.pos, std::string::npos);
  EXPECT_FALSE(d.error.message.empty());
  // Valid again: the error goes.
  ASSERT_TRUE(d.take("dense10", kDigit, 10, 32));
  EXPECT_TRUE(d.ok);
  EXPECT_TRUE(d.error.message.empty());
}

TEST(ModelDraft, AModelTooBigAtTheBatchIsRefusedAsAWhole) {
  const std::string big = "conv3x3x256 relu conv3x3x256 relu dense10";
  SpecError e;
  EXPECT_TRUE(ModelDraft::check(big, kDigit, 10, 1, nullptr, nullptr, &e)) << e.str();
  EXPECT_FALSE(ModelDraft::check(big, kDigit, 10, 256, nullptr, nullptr, &e));
  EXPECT_EQ(e.pos, std::string::npos) << "no one place in the text to point at";
  EXPECT_NE(e.message.find("at batch 256"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("the limit is 256 MB"), std::string::npos) << e.message;
}

TEST(ModelDraft, ShapesAreCheckedForTheData) {
  ModelSpec s;
  ModelInfo info;
  ASSERT_TRUE(ModelDraft::check("conv5x5x8 relu maxpool2 dense10", kDigit, 10, 32, &s, &info, nullptr));
  EXPECT_EQ(info.layers.front().out.c, 8);
  // A VALID 5x5 window does not fit a 3x3 input.
  SpecError e;
  EXPECT_FALSE(ModelDraft::check("conv5x5x8-valid dense10", Shape{3, 3, 1}, 10, 32, nullptr, nullptr, &e));
  EXPECT_FALSE(e.message.empty());
}

TEST(ModelDraft, TheDropoutRateReachesTheSpecAndItsText) {
  ModelDraft d;
  ASSERT_TRUE(d.take("dense64 relu dropout0.5 dense10", kDigit, 10, 32));
  d.set_dropout_rate(0.25f);
  float rate = 0;
  EXPECT_EQ(dropout_layers(d.spec, &rate), 1);
  EXPECT_FLOAT_EQ(rate, 0.25f);
  EXPECT_EQ(d.text, spec_to_string(d.spec));
  EXPECT_NE(d.text.find("dropout0.25"), std::string::npos) << d.text;
}

TEST(ModelDraft, GivingUpAnEditBringsBackTheBuiltSpecsText) {
  ModelDraft d;
  ASSERT_TRUE(d.take("dense32 relu dense10", kDigit, 10, 32));
  d.text = "dense32 relu dens";
  d.keep_spec();
  EXPECT_EQ(d.text, "dense32 relu dense10");
}
