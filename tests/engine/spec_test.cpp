#include "engine/spec.h"

#include "engine/layer_type.h"
#include "engine/pytorch_export.h"
#include "engine/sequence.h"

#include <gtest/gtest.h>

using namespace dlp;

namespace {
ModelInfo infer(const std::string& s, SpecError* err = nullptr) {
  ModelSpec spec;
  SpecError e;
  ModelInfo info;
  if (!parse_spec(s, &spec, &e) || !infer_shapes(spec, Shape{28, 28, 1}, 10, &info, &e)) {
    if (err) *err = e;
    return ModelInfo{};
  }
  return info;
}
}  // namespace

TEST(Spec, LeNetShapesParamsFlops) {
  const ModelInfo m = infer("conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10");
  ASSERT_EQ(m.layers.size(), 7u);
  EXPECT_EQ(m.layers[0].out, (Shape{28, 28, 8}));
  EXPECT_EQ(m.layers[2].out, (Shape{14, 14, 8}));
  EXPECT_EQ(m.layers[3].out, (Shape{14, 14, 16}));
  EXPECT_EQ(m.layers[5].out, (Shape{7, 7, 16}));
  EXPECT_EQ(m.layers[6].out, (Shape{1, 1, 10}));
  EXPECT_EQ(m.params, (25u * 8 + 8) + (25u * 8 * 16 + 16) + (7u * 7 * 16 * 10 + 10));
  EXPECT_DOUBLE_EQ(m.layers[0].flops, 2.0 * 28 * 28 * 8 * 25);
}

TEST(Spec, StrideAndPaddingFollowTheFormula) {
  EXPECT_EQ(infer("conv3x3x4-s2 dense10").layers[0].out, (Shape{14, 14, 4}));        // SAME: ceil(28/2)
  EXPECT_EQ(infer("conv5x5x4-valid dense10").layers[0].out, (Shape{24, 24, 4}));     // VALID: 28-5+1
  EXPECT_EQ(infer("conv5x5x4-s2-valid dense10").layers[0].out, (Shape{12, 12, 4}));  // floor(23/2)+1
  EXPECT_EQ(infer("conv3x3x4-s3 dense10").layers[0].out, (Shape{10, 10, 4}));
  EXPECT_EQ(infer("maxpool3-s2 dense10").layers[0].out, (Shape{13, 13, 1}));
  EXPECT_EQ(infer("avgpool3-s2-same dense10").layers[0].out, (Shape{14, 14, 1}));
  EXPECT_EQ(infer("conv5x8 dense10").layers[0].out, (Shape{28, 28, 8}));
}

TEST(Spec, RoundTripsCanonicalText) {
  for (const auto& p : presets()) {
    ModelSpec s;
    SpecError e;
    ASSERT_TRUE(parse_spec(p.spec, &s, &e)) << p.name << ": " << e.str();
    EXPECT_EQ(spec_to_string(s), p.spec);
    ModelInfo info;
    EXPECT_TRUE(infer_shapes(s, Shape{28, 28, 1}, 10, &info, &e)) << p.name << ": " << e.str();
  }
  ModelSpec s;
  SpecError e;
  ASSERT_TRUE(parse_spec("  Conv5x5x8-S2-VALID+relu,dropout0.25  dense10 ", &s, &e)) << e.str();
  EXPECT_EQ(spec_to_string(s), "conv5x5x8-s2-valid relu dropout0.25 dense10");
}

TEST(Spec, ErrorsHavePositionsAndReasons) {
  SpecError e;
  infer("dense256 relu donse10", &e);
  EXPECT_EQ(e.pos, 14u);
  EXPECT_NE(e.message.find("unknown layer 'donse10'"), std::string::npos) << e.message;

  infer("conv5x5x8-valid maxpool2 conv5x5x8-valid maxpool2 conv5x5x8-valid dense10", &e);
  EXPECT_NE(e.message.find("gives an empty output"), std::string::npos) << e.message;
  EXPECT_EQ(e.pos, 50u);

  infer("conv5x5x8 relu", &e);
  EXPECT_NE(e.message.find("end the spec with dense10"), std::string::npos) << e.message;

  infer("dense1000000000 dense10", &e);
  EXPECT_EQ(e.pos, 0u);
  infer("dense4096 dense4096 dense4096 dense10", &e);
  EXPECT_NE(e.message.find("parameters"), std::string::npos) << e.message;
  infer("", &e);
  EXPECT_NE(e.message.find("empty"), std::string::npos);
  infer("dropout1.5 dense10", &e);
  EXPECT_NE(e.message.find("drop rate"), std::string::npos);
  infer("inception(1,2) dense10", &e);
  EXPECT_NE(e.message.find("inception("), std::string::npos);
  infer("conv5x5x8-s0 dense10", &e);
  EXPECT_NE(e.message.find("stride"), std::string::npos);
  infer("conv5x5x8 \x01 dense10", &e);
  EXPECT_NE(e.message.find("unexpected character"), std::string::npos);
}

// Found by fuzz_spec: a tiny drop rate printed as 1e-10 did not parse back.
TEST(Spec, FuzzRegressionTinyDropRateRoundTrips) {
  ModelSpec s, again;
  SpecError e;
  ASSERT_TRUE(parse_spec("avgpool1-s1-same+dropout0.0000000001 dense10", &s, &e)) << e.str();
  ASSERT_TRUE(parse_spec(spec_to_string(s), &again, &e)) << spec_to_string(s) << ": " << e.str();
  EXPECT_EQ(spec_to_string(again), spec_to_string(s));
}

TEST(Spec, BatchNormAndResidualBlocks) {
  const ModelInfo m = infer("conv3x3x8 batchnorm relu residual(conv3x3x8 batchnorm relu conv3x3x8) maxpool2 dense10");
  ASSERT_EQ(m.layers.size(), 6u);
  EXPECT_EQ(m.layers[1].out, (Shape{28, 28, 8}));
  EXPECT_EQ(m.layers[1].params, 4u * 8);  // gamma, beta, running mean and variance
  EXPECT_EQ(m.layers[3].out, (Shape{28, 28, 8}));
  EXPECT_EQ(m.layers[3].params, 2u * (9 * 8 * 8 + 8) + 4 * 8);
  ModelSpec s;
  SpecError e;
  ASSERT_TRUE(parse_spec("Conv3x3x8 BN res(conv3x3x8, relu+conv1x1x8) dense10", &s, &e)) << e.str();
  EXPECT_EQ(spec_to_string(s), "conv3x3x8 batchnorm residual(conv3x3x8 relu conv1x1x8) dense10");
  // A residual block must give back its input's shape; errors inside point into the brackets.
  infer("conv3x3x8 residual(conv3x3x16) dense10", &e);
  EXPECT_NE(e.message.find("must keep 28x28x8"), std::string::npos) << e.message;
  EXPECT_EQ(e.pos, 10u);
  infer("conv3x3x8 residual(conv3x3x8 donse) dense10", &e);
  EXPECT_EQ(e.pos, 29u) << e.str();
  infer("residual(relu dense10", &e);
  EXPECT_NE(e.message.find("without its ')'"), std::string::npos) << e.message;
  infer("residual() dense10", &e);
  EXPECT_NE(e.message.find("needs layers inside"), std::string::npos) << e.message;
  std::string deep = "dense10";
  for (int i = 0; i < 9; ++i) deep = "residual(" + deep + ")";
  infer(deep + " dense10", &e);
  EXPECT_NE(e.message.find("nested more than 8 deep"), std::string::npos) << e.message;
  infer("batchnorm2 dense10", &e);
  EXPECT_NE(e.message.find("has no settings"), std::string::npos) << e.message;
}

// Every layer kind's record: its defaults print, parse back to the same text and build; each of
// its settings at its least and greatest value still prints and parses to itself; its PyTorch
// module is written; a dropout rate set on the spec reaches nested layers.
TEST(LayerTypes, EveryRecordRoundTripsBuildsAndExports) {
  const Shape in{12, 12, 4};
  const SpecLimits lim;
  for (const LayerType* t : layer_types()) {
    ASSERT_EQ(find_layer_type(t->word), t);
    LayerSpec l = default_layer(t->word);
    if (t->fit) t->fit(l, in);
    const std::string text = layer_to_string(l);
    ModelSpec parsed;
    SpecError e;
    ASSERT_TRUE(parse_spec(text, &parsed, &e)) << text << ": " << e.str();
    ASSERT_EQ(parsed.layers.size(), 1u);
    EXPECT_EQ(parsed.layers[0].type, t);
    EXPECT_EQ(layer_to_string(parsed.layers[0]), text);
    Sequence seq(in);
    size_t params = 0;
    EXPECT_TRUE(build_layers(parsed.layers, in, lim, &seq, &params, &e)) << text << ": " << e.str();
    EXPECT_FALSE(t->pytorch(parsed.layers[0], in).empty()) << text;
    for (const LayerSetting& f : t->settings) {
      if (!f.get) continue;
      for (double v : {f.min, f.max ? double(f.max(lim)) : f.max_value}) {
        LayerSpec edited = l;
        f.set(edited, v);
        EXPECT_FLOAT_EQ(static_cast<float>(f.get(edited)), static_cast<float>(v)) << t->word << " " << f.label;
        const std::string et = layer_to_string(edited);
        ASSERT_TRUE(parse_spec(et, &parsed, &e)) << et << ": " << e.str();
        EXPECT_EQ(layer_to_string(parsed.layers[0]), et);
      }
    }
  }
  ModelSpec s;
  SpecError e;
  ASSERT_TRUE(parse_spec("dropout0.5 residual(dense4 dropout0.2) dense10", &s, &e)) << e.str();
  float rate = 0;
  EXPECT_EQ(dropout_layers(s, &rate), 2);
  EXPECT_FLOAT_EQ(rate, 0.2f);
  set_dropout_rate(&s, 0.3f);
  EXPECT_EQ(spec_to_string(s), "dropout0.3 residual(dense4 dropout0.3) dense10");
}

TEST(LayerTypes, PyTorchExportNamesEveryLayer) {
  ModelSpec s;
  SpecError e;
  ASSERT_TRUE(parse_spec("conv3x3x8 batchnorm relu residual(conv3x3x8 relu conv3x3x8) maxpool2 dense10", &s, &e));
  const std::string py = pytorch_module_source(s, Shape{28, 28, 1}, 10, &e);
  for (const char* want : {"class Residual", "class BatchNorm", "BatchNorm(8)", "Residual(nn.Sequential(", "Conv(8, 8, (3, 3), 1, (1, 1, 1, 1))",
                           "Pool('max', 2, 2, None)", "Dense(1568, 10)"})
    EXPECT_NE(py.find(want), std::string::npos) << want << "\n" << py;
}
