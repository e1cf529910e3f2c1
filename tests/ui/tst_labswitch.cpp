// Switching the GUI's emulator to another lab folder: the panel, the request builder's target
// and the open tabs follow, a broken lab says so and leaves nothing running under an old name,
// and the chosen lab is the one the next start uses. The AWS CLI checks what the port serves.

#include "../common/guiemulator.h"
#include "app/emulatorwiring.h"
#include "core/settings.h"
#include "ui/emulator/emulatorpanel.h"
#include "ui/mainwindow.h"
#include "ui/requestbuilder/requestbuilderwidget.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Gatehouse;

namespace {

const QString LabsFolder = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs");
const QString BakeryLab = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/bakery");
const QString TravelLab = QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/labs/travel");

QStringList topLevelTexts(const QTreeWidget *tree)
{
    QStringList texts;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        texts.append(tree->topLevelItem(i)->text(0) + QStringLiteral(" | ") + tree->topLevelItem(i)->text(1));
    return texts;
}

} // namespace

class tst_LabSwitch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void switchesToTravelAndBack();
    void brokenLabSaysSoAndNothingRuns();
    void rememberedLabIsUsedAtNextStart_data();
    void rememberedLabIsUsedAtNextStart();

private:
    // Function names the AWS CLI lists at baseUrl (ListFunctions on the emulator's port).
    QStringList functionsAt(const QUrl &baseUrl);
    void choose(Ui::EmulatorPanel *panel, const QString &directory);

    QTemporaryDir m_home;
};

void tst_LabSwitch::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
    QCoreApplication::setOrganizationName(QStringLiteral("Gatehouse"));
    QCoreApplication::setApplicationName(QStringLiteral("Gatehouse"));
}

QStringList tst_LabSwitch::functionsAt(const QUrl &baseUrl)
{
    QProcess aws;
    QProcessEnvironment env;
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("test"));
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("test"));
    env.insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("us-east-1"));
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), m_home.filePath(QStringLiteral("no-config")));
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), m_home.filePath(QStringLiteral("no-credentials")));
    env.insert(QStringLiteral("HOME"), m_home.path());
    aws.setProcessEnvironment(env);
    aws.start(QStringLiteral("/usr/bin/aws"), {QStringLiteral("lambda"), QStringLiteral("list-functions"),
                                              QStringLiteral("--endpoint-url"), baseUrl.toString(),
                                              QStringLiteral("--output"), QStringLiteral("json")});
    if (!aws.waitForFinished(60000) || aws.exitCode() != 0) {
        qWarning() << aws.readAllStandardError();
        return {QStringLiteral("(aws failed)")};
    }
    QStringList names;
    const QJsonArray functions = QJsonDocument::fromJson(aws.readAllStandardOutput()).object().value(QStringLiteral("Functions")).toArray();
    for (const QJsonValue &function : functions)
        names.append(function.toObject().value(QStringLiteral("FunctionName")).toString());
    names.sort();
    return names;
}

// As a person does it: pick the lab in the panel's chooser.
void tst_LabSwitch::choose(Ui::EmulatorPanel *panel, const QString &directory)
{
    QComboBox *chooser = panel->labChooser();
    const int index = chooser->findData(QDir::cleanPath(directory));
    QVERIFY2(index >= 0, qPrintable(directory));
    chooser->setCurrentIndex(index);
    emit chooser->activated(index);
}

void tst_LabSwitch::switchesToTravelAndBack()
{
    GatehouseTest::GuiEmulator gui(BakeryLab, LabsFolder);
    Ui::EmulatorPanel *panel = gui.panel();
    QSignalSpy infos(panel, &Ui::EmulatorPanel::infoChanged);
    const bool running = gui.startAndWait();
    QVERIFY2(running, qPrintable(panel->stateText()));
    const QUrl firstUrl = panel->baseUrl();
    QVERIFY(firstUrl.port() > 0);

    // The chooser offers the bundled labs and shows the one that runs.
    QComboBox *chooser = panel->labChooser();
    QVERIFY(chooser->findData(QDir::cleanPath(TravelLab)) >= 0);
    QCOMPARE(chooser->currentData().toString(), QDir::cleanPath(BakeryLab));
    QVERIFY(functionsAt(firstUrl).contains(QStringLiteral("bakeryFunction")));

    // Something typed in the request builder must outlive the switch.
    gui.window.requestBuilder()->openRequest(QStringLiteral("PUT"), QStringLiteral("https://example.test/typed-by-hand"));

    infos.clear();
    choose(panel, TravelLab);
    QTRY_VERIFY_WITH_TIMEOUT(panel->stateText().startsWith(QStringLiteral("Running")), 30000);
    QCOMPARE(panel->baseUrl(), firstUrl); // same port as the first start chose
    QVERIFY(!infos.isEmpty());
    const Core::EmulatorInfo travel = infos.constLast().constFirst().value<Core::EmulatorInfo>();
    QCOMPARE(travel.labName, QStringLiteral("travel"));
    const QStringList rows = topLevelTexts(panel->routeTree());
    QVERIFY2(rows.filter(QStringLiteral("GraphQL API")).size() == 1 && rows.constFirst().startsWith(QStringLiteral("travel")),
             qPrintable(rows.join(QLatin1Char('\n'))));
    QVERIFY2(rows.filter(QStringLiteral("travellers")).size() == 1, qPrintable(rows.join(QLatin1Char('\n'))));
    QCOMPARE(functionsAt(firstUrl), (QStringList{QStringLiteral("travelFunction"), QStringLiteral("travelWeatherFunction")}));
    QCOMPARE(chooser->currentData().toString(), QDir::cleanPath(TravelLab));
    QCOMPARE(gui.window.requestBuilder()->requestSpec().url, QStringLiteral("https://example.test/typed-by-hand"));
    QCOMPARE(gui.window.requestBuilder()->requestSpec().method, QStringLiteral("PUT"));
    QCOMPARE(Core::Settings().value(Core::SettingsKeys::EmulatorLab), QDir::cleanPath(TravelLab));

    choose(panel, BakeryLab);
    QTRY_VERIFY_WITH_TIMEOUT(panel->stateText().startsWith(QStringLiteral("Running")), 30000);
    QCOMPARE(panel->baseUrl(), firstUrl);
    QVERIFY(topLevelTexts(panel->routeTree()).filter(QStringLiteral("GraphQL API")).isEmpty());
    const QStringList bakery = functionsAt(firstUrl);
    QVERIFY2(bakery.contains(QStringLiteral("bakeryFunction")) && !bakery.contains(QStringLiteral("travelFunction")),
             qPrintable(bakery.join(QLatin1Char(' '))));
    QCOMPARE(Core::Settings().value(Core::SettingsKeys::EmulatorLab), QDir::cleanPath(BakeryLab));
    // Bundled labs are not repeated as recent ones.
    QVERIFY(Core::Settings().value(Core::SettingsKeys::RecentLabs).isEmpty());
}

void tst_LabSwitch::brokenLabSaysSoAndNothingRuns()
{
    QTemporaryDir labs;
    QVERIFY(labs.isValid());
    const QString broken = QDir::cleanPath(labs.filePath(QStringLiteral("broken")));
    QVERIFY(QDir().mkpath(broken));
    QFile yaml(broken + QStringLiteral("/template.yaml"));
    QVERIFY(yaml.open(QIODevice::WriteOnly));
    yaml.write("AWSTemplateFormatVersion: '2010-09-09'\nResources: [unclosed\n");
    yaml.close();
    Core::Settings().setValue(Core::SettingsKeys::RecentLabs, QStringList{broken});
    Core::Settings().setValue(Core::SettingsKeys::EmulatorLab, QDir::cleanPath(BakeryLab));

    GatehouseTest::GuiEmulator gui(BakeryLab, LabsFolder);
    Ui::EmulatorPanel *panel = gui.panel();
    const bool running = gui.startAndWait();
    QVERIFY2(running, qPrintable(panel->stateText()));
    const QUrl firstUrl = panel->baseUrl();

    choose(panel, broken); // offered as a recent lab
    QTRY_VERIFY_WITH_TIMEOUT(panel->stateText().startsWith(QStringLiteral("Failed")), 30000);
    const QString state = panel->stateText();
    QVERIFY2(state.contains(broken) && state.contains(QStringLiteral("YAML")) &&
                 state.contains(QStringLiteral("No lab is running")),
             qPrintable(state));
    QVERIFY(panel->baseUrl().isEmpty());
    QCOMPARE(panel->routeTree()->topLevelItemCount(), 0);
    QCOMPARE(panel->labChooser()->currentData().toString(), broken); // what was asked for, beside the failure
    // The bakery is not kept running under the broken lab's name.
    QCOMPARE(functionsAt(firstUrl), QStringList{QStringLiteral("(aws failed)")});
    QCOMPARE(Core::Settings().value(Core::SettingsKeys::EmulatorLab), QDir::cleanPath(BakeryLab));

    // Fixed or not, another lab starts again on the same port.
    choose(panel, TravelLab);
    QTRY_VERIFY_WITH_TIMEOUT(panel->stateText().startsWith(QStringLiteral("Running")), 30000);
    QCOMPARE(panel->baseUrl(), firstUrl);
}

void tst_LabSwitch::rememberedLabIsUsedAtNextStart_data()
{
    QTest::addColumn<QString>("remembered");
    QTest::addColumn<QString>("commandLine");
    QTest::addColumn<QString>("expected");
    const QString defaultLab = QDir::cleanPath(BakeryLab);
    QTest::newRow("remembered, no --lab") << QDir::cleanPath(TravelLab) << QString() << QDir::cleanPath(TravelLab);
    QTest::newRow("--lab wins") << QDir::cleanPath(TravelLab) << defaultLab << defaultLab;
    QTest::newRow("nothing remembered") << QString() << QString() << defaultLab;
    QTest::newRow("remembered folder gone") << m_home.filePath(QStringLiteral("gone")) << QString() << defaultLab;
}

void tst_LabSwitch::rememberedLabIsUsedAtNextStart()
{
    QFETCH(QString, remembered);
    QFETCH(QString, commandLine);
    QFETCH(QString, expected);
    Core::Settings().setValue(Core::SettingsKeys::EmulatorLab, remembered);
    const QString lab = App::EmulatorWiring::startupLab(commandLine, QDir::cleanPath(BakeryLab));
    QCOMPARE(QDir::cleanPath(lab), expected);

    // And the emulator the GUI starts with it serves that lab.
    GatehouseTest::GuiEmulator gui(lab, LabsFolder);
    const bool running = gui.startAndWait();
    QVERIFY2(running, qPrintable(gui.panel()->stateText()));
    QCOMPARE(gui.panel()->labChooser()->currentData().toString(), expected);
}

QTEST_MAIN(tst_LabSwitch)
#include "tst_labswitch.moc"
