// The embedded translations by locale: English plural forms ("1 member", "2 members") for
// English, C and any language without a file of its own, German for German. The numerus
// strings checked for completeness are the ones lupdate found in the sources (gatehouse_de.ts).
#include "core/jsontreemodel.h"
#include "ui/widgets/translationloader.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QScopeGuard>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Gatehouse;

namespace {

// What the model shows in the value column for the document's root.
QString rootValue(Core::JsonTreeModel &model, const QByteArray &json)
{
    const auto set = model.setJson(json);
    if (!set)
        return QStringLiteral("<not JSON: %1>").arg(QString::fromUtf8(json));
    return model.index(0, Core::JsonTreeModel::ValueColumn).data().toString();
}

struct NumerusMessage
{
    QString context;
    QString source;
};

// Every numerus message of a .ts file, with the context it is looked up in.
QList<NumerusMessage> numerusMessages(const QString &tsPath, QString *error)
{
    QFile file(tsPath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<NumerusMessage> found;
    QXmlStreamReader xml(&file);
    QString context;
    bool numerus = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("message"))
            numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        else if (xml.name() == QLatin1String("source") && numerus)
            found.append({context, xml.readElementText()});
    }
    if (xml.hasError()) {
        *error = QStringLiteral("line %1: %2").arg(xml.lineNumber()).arg(xml.errorString());
        return {};
    }
    return found;
}

} // namespace

class TranslationsTest : public QObject
{
    Q_OBJECT

private slots:
    void pluralsByLocale_data();
    void pluralsByLocale();
    void englishCoversEveryNumerusString();
};

void TranslationsTest::pluralsByLocale_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("expected"); // 1 member, 2 members, 1 item, 2 items, table 1, table 2

    const QString english = QStringLiteral(":/i18n/gatehouse_en.qm");
    const QStringList englishForms{QStringLiteral("{1 member}"), QStringLiteral("{2 members}"),
                                   QStringLiteral("[1 item]"), QStringLiteral("[2 items]"),
                                   QStringLiteral("DynamoDB table, 1 item"),
                                   QStringLiteral("DynamoDB table, 2 items")};
    QTest::newRow("en_US") << QLocale(QStringLiteral("en_US")) << english << englishForms;
    QTest::newRow("en_GB") << QLocale(QStringLiteral("en_GB")) << english << englishForms;
    QTest::newRow("C") << QLocale::c() << english << englishForms;
    // ctest runs the tests with LC_ALL=C.UTF-8: the system locale the GUI would start with.
    QTest::newRow("system (C.UTF-8)") << QLocale::system() << english << englishForms;
    QTest::newRow("fr_FR, no file of its own") << QLocale(QStringLiteral("fr_FR")) << english << englishForms;

    const QString german = QStringLiteral(":/i18n/gatehouse_de.qm");
    const QStringList germanForms{QStringLiteral("{1 Eintrag}"), QStringLiteral("{2 Einträge}"),
                                  QStringLiteral("[1 Element]"), QStringLiteral("[2 Elemente]"),
                                  QStringLiteral("DynamoDB-Tabelle, 1 Element"),
                                  QStringLiteral("DynamoDB-Tabelle, 2 Elemente")};
    QTest::newRow("de_DE") << QLocale(QStringLiteral("de_DE")) << german << germanForms;
    QTest::newRow("de_AT") << QLocale(QStringLiteral("de_AT")) << german << germanForms;
}

void TranslationsTest::pluralsByLocale()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, file);
    QFETCH(QStringList, expected);

    QTranslator translator;
    QVERIFY(Ui::loadTranslation(translator, locale));
    QCOMPARE(translator.filePath(), file);
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const auto uninstall = qScopeGuard([&translator] { QCoreApplication::removeTranslator(&translator); });

    // Rendered by the model, as the GraphQL result tree and the response view show them.
    Core::JsonTreeModel model;
    QCOMPARE(rootValue(model, "{\"a\": 1}"), expected.at(0));
    QCOMPARE(rootValue(model, "{\"a\": 1, \"b\": 2}"), expected.at(1));
    QCOMPARE(rootValue(model, "[true]"), expected.at(2));
    QCOMPARE(rootValue(model, "[true, false]"), expected.at(3));
    // A second context: the emulator dock's line for a DynamoDB table.
    const char *panel = "Gatehouse::Ui::EmulatorPanel";
    QCOMPARE(QCoreApplication::translate(panel, "DynamoDB table, %n item(s)", nullptr, 1), expected.at(4));
    QCOMPARE(QCoreApplication::translate(panel, "DynamoDB table, %n item(s)", nullptr, 2), expected.at(5));
}

void TranslationsTest::englishCoversEveryNumerusString()
{
    QString error;
    const QList<NumerusMessage> messages =
        numerusMessages(QStringLiteral(GATEHOUSE_SOURCE_DIR "/translations/gatehouse_de.ts"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // 16 when this test was written; more only as the sources gain plural strings.
    QVERIFY2(messages.size() >= 16, qPrintable(QStringLiteral("%1 numerus strings").arg(messages.size())));

    QTranslator english;
    QVERIFY(english.load(QStringLiteral(":/i18n/gatehouse_en.qm")));
    for (const NumerusMessage &message : messages) {
        for (const int n : {0, 1, 2, 21}) {
            const QString text = english.translate(message.context.toUtf8().constData(),
                                                   message.source.toUtf8().constData(), nullptr, n);
            // translate() does not put the number in; %n must be there for QCoreApplication to.
            const QString what = message.context + QStringLiteral(": ") + message.source
                                 + QStringLiteral(" (n=%1) gave '%2'").arg(n).arg(text);
            QVERIFY2(!text.isEmpty(), qPrintable(what));
            QVERIFY2(text.contains(QLatin1String("%n")), qPrintable(what));
            QVERIFY2(!text.contains(QLatin1String("(s)")), qPrintable(what));
        }
    }
}

QTEST_GUILESS_MAIN(TranslationsTest)
#include "tst_translations.moc"
