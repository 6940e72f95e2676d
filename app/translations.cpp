// Loads RoPEScope's translations.
#include "app/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QSettings>

namespace ropescope::app {

std::unique_ptr<QTranslator> loadTranslator(const QLocale& locale) {
  auto translator = std::make_unique<QTranslator>();
  if (!translator->load(locale, QStringLiteral("ropescope"), QStringLiteral("_"), QStringLiteral(":/i18n")))
    return nullptr;
  return translator;
}

void installTranslations(const QLocale& locale) {
  if (auto own = loadTranslator(locale)) QCoreApplication::installTranslator(own.release());
  auto qt = std::make_unique<QTranslator>();
  if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QCoreApplication::installTranslator(qt.release());
}

namespace {
constexpr auto kLanguageKey = "ui/language";
}  // namespace

QStringList uiLanguages() { return {QString(), QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("zh_CN")}; }

QString languageName(const QString& code) {
  if (code == QLatin1String("en")) return QStringLiteral("English");
  if (code == QLatin1String("de")) return QStringLiteral("Deutsch");
  if (code == QLatin1String("zh_CN")) return QStringLiteral("简体中文");
  return QCoreApplication::translate("ropescope::app::MainWindow", "System Language");
}

QString chosenLanguage() {
  const QString code = QSettings().value(kLanguageKey).toString();
  return uiLanguages().contains(code) ? code : QString();
}

void setChosenLanguage(const QString& code) {
  if (code.isEmpty())
    QSettings().remove(kLanguageKey);
  else
    QSettings().setValue(kLanguageKey, code);
}

QLocale startupLocale() {
  const QString code = chosenLanguage();
  return code.isEmpty() ? QLocale() : QLocale(code);
}

}  // namespace ropescope::app
