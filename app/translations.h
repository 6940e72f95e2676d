// Loads RoPEScope's translations (compiled into the app as :/i18n/ropescope_<locale>.qm). GUI thread.
#pragma once

#include <QLocale>
#include <QTranslator>
#include <memory>

namespace ropescope::app {

// The translator for `locale`, or null when RoPEScope has no translation for it (English).
std::unique_ptr<QTranslator> loadTranslator(const QLocale& locale);

// Installs RoPEScope's and Qt's own translations for `locale` into the running application.
void installTranslations(const QLocale& locale);

}  // namespace ropescope::app
