// The evaluator alone: the quick estimate's schedule and its budget, a measurement's place in the
// run's figures, and the whole test set's confusion matrix agreeing with its accuracy.
#include "session/evaluator.h"

#include <gtest/gtest.h>

#include "models.h"
#include "paths.h"

using namespace dlp;

TEST(Evaluator, TheQuickEstimateEveryFiftyStepsThenEveryTwoHundred) {
  for (size_t s = 50; s <= 1000; s += 50) EXPECT_TRUE(Evaluator::quick_test_due(s)) << s;
  EXPECT_FALSE(Evaluator::quick_test_due(1));
  EXPECT_FALSE(Evaluator::quick_test_due(75));
  EXPECT_FALSE(Evaluator::quick_test_due(1050));
  EXPECT_FALSE(Evaluator::quick_test_due(1100));
  EXPECT_TRUE(Evaluator::quick_test_due(1200));
  EXPECT_TRUE(Evaluator::quick_test_due(5000));
}

TEST(Evaluator, AQuickEstimateFitsUpToTwoGigaflops) {
  EXPECT_TRUE(Evaluator::quick_fits(4e6));   // 500 x 4 MFLOPs = 2 GFLOPs
  EXPECT_FALSE(Evaluator::quick_fits(4.1e6));
}

TEST(Evaluator, AMeasurementIsTheLastFigureAndAPointOfTheTestCurve) {
  RunMetrics m;
  m.last_test_acc = -1;
  EXPECT_FALSE(Evaluator::has_figure(m, 0)) << "nothing measured yet, at no step";
  Evaluator::record(&m, 100, 0.9f, 500);
  EXPECT_EQ(m.last_test_acc, 0.9f);
  EXPECT_EQ(m.last_test_count, 500u);
  EXPECT_EQ(m.last_test_step, 100u);
  EXPECT_EQ(m.test_acc.x, std::vector<float>{100.0f});
  EXPECT_EQ(m.test_acc.y, std::vector<float>{0.9f});
  EXPECT_TRUE(Evaluator::has_figure(m, 100));
  EXPECT_FALSE(Evaluator::has_figure(m, 101));
  Evaluator::record(&m, 200, 0.95f, 10000);
  EXPECT_EQ(m.test_acc.x.size(), 2u);
  EXPECT_EQ(m.last_test_count, 10000u);
}

TEST(Evaluator, TheWholeTestSetsConfusionMatrixAgreesWithItsAccuracy) {
  Dataset train, test;
  std::string err;
  ASSERT_TRUE(load_dataset("mnist", dlp::test::data_dir(), &train, &test, &err)) << err;
  auto model = dlp::test::make_model("dense10", {InitKind::Gaussian, 0.01f, 1});
  Trainer t(model.get(), &train, Normalization::Centered, Seeds{});
  TrainConfig cfg;
  for (int i = 0; i < 30; ++i) t.step(32, cfg);
  const FullTest f = Evaluator::measure_full(t, test);
  ASSERT_EQ(f.predictions.size(), test.size());
  EXPECT_EQ(f.step, 30u);
  long all = 0, right = 0;
  for (int a = 0; a < 10; ++a)
    for (int b = 0; b < 10; ++b) {
      all += f.confusion[a][b];
      if (a == b) right += f.confusion[a][b];
    }
  EXPECT_EQ(all, static_cast<long>(test.size()));
  EXPECT_FLOAT_EQ(f.accuracy, static_cast<float>(right) / static_cast<float>(all));
  EXPECT_GT(f.accuracy, 0.5f) << "30 steps of a linear model already read most digits";
  size_t row7 = 0;
  for (size_t i = 0; i < test.size(); ++i) row7 += test.labels[i] == 7;
  long in_row7 = 0;
  for (int b = 0; b < 10; ++b) in_row7 += f.confusion[7][b];
  EXPECT_EQ(in_row7, static_cast<long>(row7)) << "rows are the true class";
}
