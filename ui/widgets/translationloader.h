#pragma once

class QLocale;
class QTranslator;

namespace Gatehouse::Ui {

// Loads Gatehouse's own translation for locale from the embedded :/i18n into translator. The
// sources are English, but English still needs its file: tr("%n item(s)", nullptr, n) only
// turns into "1 item" / "2 items" through a translation, so every locale without a file of
// its own (C/POSIX, French, …) gets gatehouse_en, which holds just the plural forms.
// False only when not even the English file is embedded.
bool loadTranslation(QTranslator &translator, const QLocale &locale);

} // namespace Gatehouse::Ui
