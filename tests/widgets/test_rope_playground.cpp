// Tests of the RoPE playground: its frequencies against hand-worked values and Hugging Face's
// yarn, what each figure holds, p-RoPE, presets, bad settings and export. GUI thread.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QSpinBox>
#include <QTemporaryDir>
#include <cmath>
#include <numbers>

#include "widget_test_support.h"
#include "widgets/rope_playground.h"

namespace ropescope::widgets {
namespace {

using engine::RopeScalingKind;
using engine::RopeSpec;

constexpr double kTurn = 2.0 * std::numbers::pi;

RopeSpec plain(double theta, int headDim) {
  RopeSpec s;
  s.theta = theta;
  s.headDim = headDim;
  return s;
}

// θ = 10⁴, D = 128: pair 0 turns once every 2π tokens, pair 63 every 2π·10⁴^(126/128) ≈ 54,400.
TEST(RopeFrequencies, HandWorkedLlama2Values) {
  const auto theta = engine::ropeInverseFrequencies(plain(1e4, 128));
  ASSERT_EQ(theta.size(), 64u);
  EXPECT_DOUBLE_EQ(theta[0], 1.0);
  EXPECT_NEAR(engine::ropeWavelength(theta[0]), 6.2832, 1e-4);
  EXPECT_NEAR(engine::ropeWavelength(theta[63]), kTurn * std::pow(1e4, 126.0 / 128.0), 1e-6);
  EXPECT_NEAR(engine::ropeWavelength(theta[63]), 54410.0, 10.0);
  // Over 4,096 tokens pair i wraps iff its wavelength is below 4,095 tokens.
  int wrapping = 0;
  for (const double t : theta) wrapping += engine::ropeTurns(t, 4096) >= 1.0;
  int expected = 0;
  for (int i = 0; i < 64; ++i) expected += kTurn * std::pow(1e4, 2.0 * i / 128.0) <= 4095.0;
  EXPECT_EQ(wrapping, expected);
  EXPECT_EQ(expected, 46);
  EXPECT_DOUBLE_EQ(engine::fractionWithinOneTurn(theta, 4096), 18.0 / 64.0);
}

// Hugging Face transformers 4.52.4's rope_inv_freq of its llama_yarn test model (θ 10⁴, head_dim
// 16, yarn factor 4 from 32 tokens): the ramp keeps pair 0, blends pair 1 and interpolates the rest.
TEST(RopeFrequencies, YarnEqualsHuggingFace) {
  auto s = plain(1e4, 16);
  s.scaling = RopeScalingKind::Yarn;
  s.factor = 4.0;
  s.originalContext = 32;
  const double reference[] = {1.0,
                              0.19764235615730286,
                              0.02500000037252903,
                              0.007905694656074047,
                              0.0024999999441206455,
                              0.0007905694656074047,
                              0.0002500000118743628,
                              7.905694656074047e-05};
  const auto theta = engine::ropeInverseFrequencies(s);
  ASSERT_EQ(theta.size(), 8u);
  for (int i = 0; i < 8; ++i) EXPECT_NEAR(theta[i], reference[i], 1e-7 * reference[i] + 1e-12) << "pair " << i;
}

// llama3 (Llama-3.1's numbers): fast pairs kept, slow pairs divided by the factor, the middle
// blended as Hugging Face writes it.
TEST(RopeFrequencies, Llama3KeepsFastPairsAndScalesSlowOnes) {
  auto s = plain(5e5, 128);
  const auto base = engine::ropeInverseFrequencies(s);
  s.scaling = RopeScalingKind::Llama3;
  s.factor = 8.0;
  s.originalContext = 8192;
  const auto scaled = engine::ropeInverseFrequencies(s);
  for (std::size_t i = 0; i < base.size(); ++i) {
    const double wavelength = kTurn / base[i];
    if (wavelength < 8192.0 / 4.0) {
      EXPECT_DOUBLE_EQ(scaled[i], base[i]) << i;
    } else if (wavelength > 8192.0) {
      EXPECT_DOUBLE_EQ(scaled[i], base[i] / 8.0) << i;
    } else {
      const double smooth = (8192.0 / wavelength - 1.0) / 3.0;
      EXPECT_NEAR(scaled[i], (1 - smooth) * base[i] / 8.0 + smooth * base[i], 1e-15) << i;
    }
  }
}

TEST(RopeFrequencies, PRopeStopsTheSlowestPairsAndBadSpecsSaySo) {
  auto s = plain(1e4, 32);
  s.pRope = 0.75;
  const auto theta = engine::ropeInverseFrequencies(s);
  ASSERT_EQ(theta.size(), 16u);
  for (int i = 0; i < 12; ++i) EXPECT_GT(theta[i], 0.0) << i;
  for (int i = 12; i < 16; ++i) EXPECT_EQ(theta[i], 0.0) << i;
  EXPECT_TRUE(std::isinf(engine::ropeWavelength(theta[15])));
  s.headDim = 31;
  EXPECT_TRUE(engine::ropeInverseFrequencies(s).empty());
  EXPECT_NE(engine::ropeSpecProblem(s).find("even"), std::string::npos);
  auto y = plain(1e4, 32);
  y.scaling = RopeScalingKind::Yarn;
  y.factor = 4;
  y.betaFast = 1;
  y.betaSlow = 32;
  EXPECT_NE(engine::ropeSpecProblem(y).find("beta"), std::string::npos);
}

TEST(RopePlayground, FiguresHoldTheFrequenciesOfTheSettings) {
  RopePlayground view;
  ASSERT_TRUE(test::layOut(view, QSize(1200, 800)));
  view.setSpec(plain(1e4, 128), 4096);
  const auto& theta = view.inverseFrequencies();
  ASSERT_EQ(theta.size(), 64u);
  EXPECT_EQ(theta, engine::ropeInverseFrequencies(plain(1e4, 128)));
  EXPECT_TRUE(view.problem().isEmpty());
  // Heatmap: cos(θ_i·Δ) at each column's distance, the last column at the end of the context.
  ASSERT_EQ(view.heatmapColumns(), 512);
  EXPECT_EQ(view.heatmapDistance(0), 0.0);
  EXPECT_EQ(view.heatmapDistance(511), 4095.0);
  for (const int pair : {0, 17, 63})
    for (const int col : {0, 100, 511})
      EXPECT_DOUBLE_EQ(view.heatmapValue(pair, col), std::cos(theta[pair] * view.heatmapDistance(col)));
  // Wavelengths and wrapping as worked out by hand above.
  EXPECT_NEAR(view.wavelength(0), kTurn, 1e-12);
  EXPECT_TRUE(view.wraps(45));
  EXPECT_FALSE(view.wraps(46));
  EXPECT_DOUBLE_EQ(view.fractionWithinOneTurn(), 18.0 / 64.0);
  auto* summary = view.findChild<QLabel*>("summary");
  ASSERT_NE(summary, nullptr);
  EXPECT_TRUE(summary->text().startsWith("46 of 64 pairs turn past 2π within 4,096 tokens"))
      << summary->text().toStdString();
  // The rotation: q·k of unit vectors rotated apart by Δ·θ_pair.
  view.setPair(10);
  view.setDistance(300);
  EXPECT_EQ(view.pair(), 10);
  EXPECT_DOUBLE_EQ(view.dotProduct(), std::cos(theta[10] * 300));
  view.setPair(1000);  // clamped
  EXPECT_EQ(view.pair(), 63);
}

TEST(RopePlayground, ControlsPresetsAndPRopeRecompute) {
  RopePlayground view;
  ASSERT_TRUE(test::layOut(view, QSize(1200, 800)));
  const auto presets = RopePlayground::presets();
  ASSERT_EQ(presets.size(), 5u);
  view.applyPreset(1);  // Llama-3.1
  EXPECT_EQ(view.context(), 131072);
  EXPECT_EQ(view.spec().scaling, RopeScalingKind::Llama3);
  EXPECT_EQ(view.inverseFrequencies(), engine::ropeInverseFrequencies(presets[1].spec));
  // Typing in a control recomputes at once.
  auto* headDim = view.findChild<QSpinBox*>("headDim");
  ASSERT_NE(headDim, nullptr);
  headDim->setValue(64);
  EXPECT_EQ(view.inverseFrequencies().size(), 32u);
  auto* pRope = view.findChild<QDoubleSpinBox*>("pRope");
  ASSERT_NE(pRope, nullptr);
  pRope->setValue(0.5);
  const auto& theta = view.inverseFrequencies();
  EXPECT_GT(theta[15], 0.0);
  EXPECT_EQ(theta[16], 0.0);
  EXPECT_FALSE(view.wraps(31));
  EXPECT_TRUE(std::isinf(view.wavelength(31)));
  // Settings that cannot be computed: the figures empty, the summary says why, nothing breaks.
  auto s = view.spec();
  s.scaling = RopeScalingKind::Yarn;
  s.betaFast = 0.5;
  s.betaSlow = 2.0;
  view.setSpec(s, 1000);
  EXPECT_FALSE(view.problem().isEmpty());
  EXPECT_TRUE(view.inverseFrequencies().empty());
  EXPECT_EQ(view.heatmapColumns(), 0);
  EXPECT_TRUE(std::isnan(view.dotProduct()));
  view.applyPreset(0);
  EXPECT_TRUE(view.problem().isEmpty());
  EXPECT_EQ(view.inverseFrequencies().size(), 64u);
}

TEST(RopePlayground, EveryFigureExportsAsPngAndSvg) {
  RopePlayground view;
  ASSERT_TRUE(test::layOut(view, QSize(1200, 800)));
  QTemporaryDir dir;
  using F = RopePlayground::Figure;
  for (const auto figure : {F::Heatmap, F::Curves, F::Wavelengths, F::Rotation}) {
    for (const auto format : {ExportFormat::Png, ExportFormat::Svg}) {
      const QString path = dir.filePath(
          QStringLiteral("f%1.%2").arg(static_cast<int>(figure)).arg(format == ExportFormat::Png ? "png" : "svg"));
      QString error;
      ASSERT_TRUE(view.exportFigure(figure, path, format, QSize(500, 350), 1.0, &error)) << error.toStdString();
      EXPECT_GT(QFile(path).size(), 1000) << path.toStdString();
    }
  }
}

}  // namespace
}  // namespace ropescope::widgets
