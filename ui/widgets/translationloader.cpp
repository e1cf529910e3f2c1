#include "translationloader.h"

#include <QLocale>
#include <QTranslator>

namespace Gatehouse::Ui {

bool loadTranslation(QTranslator &translator, const QLocale &locale)
{
    const QString directory = QStringLiteral(":/i18n");
    // Walks the locale's UI languages (de-CH, then de); the C locale names none that matches.
    if (translator.load(locale, QStringLiteral("gatehouse"), QStringLiteral("_"), directory))
        return true;
    return translator.load(QStringLiteral("gatehouse_en"), directory);
}

} // namespace Gatehouse::Ui
