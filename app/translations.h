// Loads RoPEScope's translations (compiled into the app as :/i18n/ropescope_<locale>.qm). GUI thread.
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>
#include <QTranslator>
#include <memory>

namespace ropescope::app {

// The translator for `locale`, or null when RoPEScope has no translation for it (English).
std::unique_ptr<QTranslator> loadTranslator(const QLocale& locale);

// Installs RoPEScope's and Qt's own translations for `locale` into the running application.
void installTranslations(const QLocale& locale);

// The languages of View ▸ Language: "" (the system's), "en", "de", "zh_CN".
QStringList uiLanguages();
// Each language in its own words ("Deutsch", "简体中文"); "" gives "System".
QString languageName(const QString& code);
// The language chosen in View ▸ Language (QSettings "ui/language"), "" for the system's.
QString chosenLanguage();
void setChosenLanguage(const QString& code);
// The locale the app starts in: the chosen language, else the system's.
QLocale startupLocale();

}  // namespace ropescope::app
