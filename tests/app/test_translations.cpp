// Translations are compiled in and load by locale.
#include <gtest/gtest.h>

#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QXmlStreamReader>

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

// Every message of both languages is finished, keeps the source's placeholders and, where the
// source has a mnemonic (&X), has exactly one.
TEST(Translations, EveryMessageIsFinishedWithItsPlaceholdersAndMnemonic) {
  for (const char* name : {"ropescope_de.ts", "ropescope_zh_CN.ts"}) {
    QFile file(QStringLiteral(ROPESCOPE_TRANSLATIONS_DIR "/") + QLatin1String(name));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << name;
    QXmlStreamReader xml(&file);
    QString source, translation;
    bool unfinished = false;
    bool numerus = false;  // plural forms: each form holds the placeholders
    int messages = 0;
    static const QRegularExpression placeholder(QStringLiteral("%L?[0-9n]"));
    static const QRegularExpression mnemonic(QStringLiteral("&(?!&)[^ ]"));
    const auto sorted = [](const QString& text, const QRegularExpression& re) {
      QStringList found;
      for (auto it = re.globalMatch(text); it.hasNext();) found << it.next().captured(0);
      found.sort();
      return found;
    };
    while (!xml.atEnd()) {
      xml.readNext();
      if (xml.isStartElement() && xml.name() == QLatin1String("message"))
        numerus = xml.attributes().value("numerus") == QLatin1String("yes");
      if (xml.isStartElement() && xml.name() == QLatin1String("source")) source = xml.readElementText();
      if (xml.isStartElement() && xml.name() == QLatin1String("translation")) {
        unfinished = xml.attributes().value("type") == QLatin1String("unfinished");
        translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
      }
      if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
        ++messages;
        EXPECT_FALSE(unfinished) << name << ": " << source.toStdString();
        EXPECT_FALSE(translation.isEmpty()) << name << ": " << source.toStdString();
        if (!numerus)
          EXPECT_EQ(sorted(translation, placeholder), sorted(source, placeholder))
              << name << ": " << source.toStdString() << " -> " << translation.toStdString();
        const bool sourceHasMnemonic = mnemonic.match(QString(source).remove(QStringLiteral("&&"))).hasMatch();
        if (sourceHasMnemonic)
          EXPECT_EQ(QString(translation).remove(QStringLiteral("&&")).count(QLatin1Char('&')), 1)
              << name << ": " << source.toStdString() << " -> " << translation.toStdString();
      }
    }
    EXPECT_FALSE(xml.hasError()) << name << ": " << xml.errorString().toStdString();
    EXPECT_GT(messages, 500) << name;
  }
}

TEST(Translations, ViewLanguageIsRememberedAndChosenAtStart) {
  setChosenLanguage(QStringLiteral("zh_CN"));
  EXPECT_EQ(chosenLanguage(), "zh_CN");
  EXPECT_EQ(startupLocale().name(), "zh_CN");
  EXPECT_NE(loadTranslator(startupLocale()), nullptr);
  QSettings().setValue("ui/language", "xx");  // not one of ours: the system's language
  EXPECT_EQ(chosenLanguage(), QString());
  setChosenLanguage(QString());
  EXPECT_EQ(chosenLanguage(), QString());
  EXPECT_EQ(startupLocale(), QLocale());
  EXPECT_EQ(uiLanguages().size(), 4);
  EXPECT_EQ(languageName("zh_CN"), QStringLiteral("简体中文"));
}

TEST(Translations, EnglishNeedsNone) { EXPECT_EQ(loadTranslator(QLocale(QStringLiteral("en_US"))), nullptr); }

}  // namespace
}  // namespace ropescope::app
