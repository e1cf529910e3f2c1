// The emulator dock lists the lab's DynamoDB tables with their keys, indexes and item count,
// and the count follows writes made from outside (the AWS CLI), through EmulatorHost's signal.

#include "../common/awscli.h"
#include "../common/guiemulator.h"
#include "core/emulator/dynamodbtablereader.h"
#include "ui/emulator/emulatorpanel.h"
#include "ui/mainwindow.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Gatehouse;

namespace {

const QString kLab = QStringLiteral(GATEHOUSE_TEST_DATA "/labs/dynamodb");

QTreeWidgetItem *topLevel(const QTreeWidget *tree, const QString &text)
{
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        if (tree->topLevelItem(i)->text(0) == text)
            return tree->topLevelItem(i);
    return nullptr;
}

} // namespace

class tst_EmulatorTables : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void tablesListedAndCounted();

private:
    QTemporaryDir m_home;
};

void tst_EmulatorTables::initTestCase()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    QVERIFY(m_home.isValid());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
    QCoreApplication::setOrganizationName(QStringLiteral("Gatehouse"));
    QCoreApplication::setApplicationName(QStringLiteral("Gatehouse"));
}

void tst_EmulatorTables::tablesListedAndCounted()
{
    GatehouseTest::GuiEmulator gui(kLab);
    Ui::EmulatorPanel *panel = gui.panel();
    const bool running = gui.startAndWait();
    QVERIFY2(running, qPrintable(panel->stateText()));

    QTreeWidget *tree = panel->routeTree();
    QTreeWidgetItem *orders = topLevel(tree, QStringLiteral("orders"));
    QVERIFY(orders);
    QCOMPARE(orders->text(1), QStringLiteral("DynamoDB table, 0 item(s)"));
    QCOMPARE(orders->childCount(), 3);
    QCOMPARE(orders->child(0)->text(1), QStringLiteral("customer (S), orderNo (N)"));
    QCOMPARE(orders->child(1)->text(1), QStringLiteral("byStatus: status (S), orderNo (N) [GSI, KEYS_ONLY]"));
    const QString notes = Emulator::DynamoTableReader::tableNameFor(QStringLiteral("dynamodb"), QStringLiteral("NotesTable"));
    QVERIFY(topLevel(tree, notes));

    GatehouseTest::AwsCli cli(panel->baseUrl().toString());
    for (int i = 1; i <= 2; ++i) {
        const auto r = cli.run({QStringLiteral("dynamodb"), QStringLiteral("put-item"), QStringLiteral("--table-name"),
                                QStringLiteral("orders"), QStringLiteral("--item"),
                                QStringLiteral("{\"customer\":{\"S\":\"ada\"},\"orderNo\":{\"N\":\"%1\"}}").arg(i)});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    QTRY_COMPARE_WITH_TIMEOUT(orders->text(1), QStringLiteral("DynamoDB table, 2 item(s)"), 10000);
    QCOMPARE(topLevel(tree, notes)->text(1), QStringLiteral("DynamoDB table, 0 item(s)"));

    // For a person to look at: the dock as it is now.
    const QString shot = qEnvironmentVariable("GATEHOUSE_SCREENSHOT_DIR");
    if (!shot.isEmpty()) {
        panel->resize(520, 640);
        panel->grab().save(shot + QStringLiteral("/emulator-tables.png"));
    }
}

QTEST_MAIN(tst_EmulatorTables)
#include "tst_emulatortables.moc"
