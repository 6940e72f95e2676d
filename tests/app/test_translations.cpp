// Translations are compiled in and load by locale.
#include <gtest/gtest.h>

#include "app/translations.h"

namespace ropescope::app {
namespace {

TEST(Translations, GermanAndChineseAreBuiltIn) {
  const auto de = loadTranslator(QLocale(QStringLiteral("de_DE")));
  ASSERT_NE(de, nullptr);
  EXPECT_EQ(de->translate("ropescope::app::MainWindow", "&File"), QStringLiteral("&Datei"));
  EXPECT_EQ(de->translate("ropescope::widgets::LayerSliceView", "Mean over heads"),
            QStringLiteral("Mittel über alle Köpfe"));
  EXPECT_EQ(de->translate("ropescope::widgets::WeightNormsView", "&Projection:"), QStringLiteral("&Projektion:"));
  EXPECT_EQ(de->translate("ropescope::app::MainWindow", "Sample"), QStringLiteral("Beispiel"));
  EXPECT_EQ(de->translate("ropescope::widgets::QaSampleView", "&Run"), QStringLiteral("&Ausführen"));
  const auto zh = loadTranslator(QLocale(QStringLiteral("zh_CN")));
  ASSERT_NE(zh, nullptr);
  EXPECT_EQ(zh->translate("ropescope::app::MainWindow", "&File"), QStringLiteral("文件(&F)"));
  EXPECT_EQ(zh->translate("ropescope::widgets::QaSampleView", "Correct answer: %1"), QStringLiteral("正确答案：%1"));
}

TEST(Translations, EnglishNeedsNone) { EXPECT_EQ(loadTranslator(QLocale(QStringLiteral("en_US"))), nullptr); }

}  // namespace
}  // namespace ropescope::app
