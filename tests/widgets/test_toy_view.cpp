// The Toy page: its curves are the /toy datasets; Train asks for a run with the page's settings. GUI thread.
#include <gtest/gtest.h>

#include <QSignalSpy>

#include "engine/results/schema.h"
#include "widgets/toy_view.h"

namespace ropescope::widgets {
namespace {

engine::NdArray line(std::vector<float> values, const char* axis) {
  auto a = engine::NdArray::zeros({static_cast<std::int64_t>(values.size())}, {axis});
  a.values = std::move(values);
  return a;
}

engine::ResultsFile toyFile() {
  engine::ResultsFile file;
  using engine::schema::toyPath;
  file.arrays[toyPath("rope", engine::schema::kToyQAbsMean)] = line({0.6f, 0.7f, 1.0f, 1.1f}, "dim");
  file.arrays[toyPath("rope", engine::schema::kToyLossRemoveFirst)] = line({0.1f, 0.1f, 0.2f, 3.f, 7.f}, "removed");
  file.arrays[toyPath("rope", engine::schema::kToyLossRemoveLast)] = line({0.1f, 5.f, 7.f, 7.f, 7.f}, "removed");
  file.arrays[toyPath("rope", engine::schema::kToyEvalLoss)] = line({2.f, 0.5f}, "epoch");
  file.groupAttributes["/toy/rope"]["options"] = R"({"epochs": 10, "epochs_done": 2})";
  file.arrays[toyPath("nope", engine::schema::kToyQAbsMean)] = line({0.8f, 0.8f, 0.79f, 0.81f}, "dim");
  file.arrays[toyPath("nope", engine::schema::kToyLossRemoveFirst)] = line({0.f, 1.f, 3.f, 5.f, 7.f}, "removed");
  file.arrays[toyPath("nope", engine::schema::kToyLossRemoveLast)] = line({0.f, 1.1f, 3.1f, 5.1f, 7.f}, "removed");
  return file;
}

std::vector<float> ys(const std::vector<QPointF>& points) {
  std::vector<float> out;
  for (const auto& p : points) out.push_back(static_cast<float>(p.y()));
  return out;
}

TEST(ToyView, TheCurvesAreTheToyDatasets) {
  ToyView view;
  const auto file = toyFile();
  ASSERT_TRUE(view.setResults(file));
  using engine::schema::toyPath;
  EXPECT_EQ(ys(view.line("q", "RoPE")), file.arrays.at(toyPath("rope", "q_abs_mean")).values);
  EXPECT_EQ(ys(view.line("q", "no PE")), file.arrays.at(toyPath("nope", "q_abs_mean")).values);
  EXPECT_EQ(ys(view.line("removal", "RoPE: first r dims removed")),
            file.arrays.at(toyPath("rope", "loss_remove_first")).values);
  EXPECT_EQ(ys(view.line("removal", "no PE: last r dims removed")),
            file.arrays.at(toyPath("nope", "loss_remove_last")).values);
  EXPECT_EQ(view.line("removal", "RoPE: last r dims removed").back().x(), 4.0);  // x = dims removed
  EXPECT_TRUE(view.statusText().contains("RoPE epoch 2/10")) << view.statusText().toStdString();
  EXPECT_TRUE(view.statusText().contains("0.500")) << view.statusText().toStdString();
  EXPECT_EQ(view.figureIds(), (QStringList{"q", "removal"}));
}

TEST(ToyView, MalformedOrMissingRunsAreLeftOut) {
  ToyView view;
  auto file = toyFile();
  file.arrays[engine::schema::toyPath("nope", "loss_remove_first")] = line({1.f, 2.f}, "removed");  // not dims + 1
  ASSERT_TRUE(view.setResults(file));
  EXPECT_TRUE(view.line("q", "no PE").empty());
  EXPECT_FALSE(view.line("q", "RoPE").empty());
  EXPECT_FALSE(view.setResults(engine::ResultsFile{}));
  EXPECT_FALSE(view.hasData());
}

TEST(ToyView, TrainAsksForARunWithTheSettingsOnce) {
  ToyView view;
  QSignalSpy spy(&view, &ToyView::runRequested);
  ToySettings settings;
  settings.epochs = 3;
  settings.tuples = 64;
  settings.dims = 16;
  settings.learningRate = 0.01;
  settings.withoutRope = false;
  view.setSettings(settings);
  view.run();
  ASSERT_EQ(spy.count(), 1);
  const auto asked = spy.at(0).at(0).value<ToySettings>();
  EXPECT_EQ(asked.epochs, 3);
  EXPECT_EQ(asked.tuples, 64);
  EXPECT_EQ(asked.dims, 16);
  EXPECT_DOUBLE_EQ(asked.learningRate, 0.01);
  EXPECT_TRUE(asked.withRope);
  EXPECT_FALSE(asked.withoutRope);
  view.setRunning(true);
  view.run();  // a double click while it trains starts nothing
  EXPECT_EQ(spy.count(), 1);
  view.setRunning(false);
  view.run();
  EXPECT_EQ(spy.count(), 2);
}

}  // namespace
}  // namespace ropescope::widgets
