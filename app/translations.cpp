// Loads RoPEScope's translations.
#include "app/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>

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

}  // namespace ropescope::app
