// Access keys a lab declares in template.yaml (Metadata.Gatehouse.AccessKeys): read with
// file-and-line errors, and accepted by the running emulator's STS for the real AWS CLI.
#include "core/emulator/emulator.h"
#include "core/emulator/labaccesskeys.h"
#include "../common/awscli.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Emulator;

namespace {

const QByteArray Function = "Transform: AWS::Serverless-2016-10-31\n"
                            "Resources:\n"
                            "  Fn:\n"
                            "    Type: AWS::Serverless::Function\n"
                            "    Properties:\n"
                            "      Handler: app.handler\n"
                            "      Runtime: python3.12\n"
                            "      CodeUri: .\n";

QString writeLab(const QTemporaryDir &dir, const QByteArray &metadata)
{
    QFile file(dir.filePath(QStringLiteral("template.yaml")));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(Function + metadata);
    return file.fileName();
}

} // namespace

class tst_LabAccessKeys : public QObject
{
    Q_OBJECT

private slots:
    void read_data();
    void read();
    void awsCliUsesLabKey();
    void badDeclarationStopsTheLab();
};

void tst_LabAccessKeys::read_data()
{
    QTest::addColumn<QByteArray>("metadata");
    QTest::addColumn<QStringList>("keyIds");
    QTest::addColumn<QString>("diagnostic"); // empty: none

    QTest::newRow("none") << QByteArray() << QStringList() << QString();
    QTest::newRow("other metadata") << QByteArray("Metadata:\n  AWS::ServerlessRepo::Application: {}\n")
                                    << QStringList() << QString();
    QTest::newRow("two keys")
        << QByteArray("Metadata:\n  Gatehouse:\n    AccessKeys:\n"
                      "      - UserName: student\n        AccessKeyId: AKIAIOSFODNN7EXAMPLE\n"
                      "        SecretAccessKey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
                      "      - UserName: teacher\n        AccessKeyId: AKIAI44QH8DHBEXAMPLE\n"
                      "        SecretAccessKey: je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\n")
        << QStringList{QStringLiteral("AKIAIOSFODNN7EXAMPLE"), QStringLiteral("AKIAI44QH8DHBEXAMPLE")}
        << QString();
    QTest::newRow("missing secret")
        << QByteArray("Metadata:\n  Gatehouse:\n    AccessKeys:\n"
                      "      - UserName: student\n        AccessKeyId: AKIAIOSFODNN7EXAMPLE\n")
        << QStringList()
        << QStringLiteral(":12:9: error: Metadata.Gatehouse.AccessKeys[0].SecretAccessKey: "
                          "SecretAccessKey must be a non-empty string");
    QTest::newRow("misspelt property")
        << QByteArray("Metadata:\n  Gatehouse:\n    AccessKeys:\n"
                      "      - UserName: student\n        AccessKeyID: AKIAIOSFODNN7EXAMPLE\n"
                      "        SecretAccessKey: s\n")
        << QStringList()
        << QStringLiteral(":13:9: error: Metadata.Gatehouse.AccessKeys[0].AccessKeyID: unknown "
                          "property (expected UserName, AccessKeyId, SecretAccessKey)");
    QTest::newRow("short key id")
        << QByteArray("Metadata:\n  Gatehouse:\n    AccessKeys:\n"
                      "      - {UserName: me, AccessKeyId: test, SecretAccessKey: other}\n")
        << QStringList()
        << QStringLiteral(":12:37: error: Metadata.Gatehouse.AccessKeys[0].AccessKeyId: an access "
                          "key id has 16 to 128 letters and digits");
    QTest::newRow("declared twice")
        << QByteArray("Metadata:\n  Gatehouse:\n    AccessKeys:\n"
                      "      - {UserName: a, AccessKeyId: AKIAIOSFODNN7EXAMPLE, SecretAccessKey: x}\n"
                      "      - {UserName: b, AccessKeyId: AKIAIOSFODNN7EXAMPLE, SecretAccessKey: y}\n")
        << QStringList()
        << QStringLiteral(":13:36: error: Metadata.Gatehouse.AccessKeys[1].AccessKeyId: "
                          "AKIAIOSFODNN7EXAMPLE is declared twice or is the emulator's default key");
    QTest::newRow("not a list")
        << QByteArray("Metadata:\n  Gatehouse:\n    AccessKeys: AKIAIOSFODNN7EXAMPLE\n")
        << QStringList()
        << QStringLiteral(":11:17: error: Metadata.Gatehouse.AccessKeys: AccessKeys must be a list");
}

void tst_LabAccessKeys::read()
{
    QFETCH(QByteArray, metadata);
    QFETCH(QStringList, keyIds);
    QFETCH(QString, diagnostic);
    QTemporaryDir dir;
    const QString path = writeLab(dir, metadata);
    QList<LabDiagnostic> diagnostics;
    const QList<LabAccessKey> keys = LabAccessKeys::read(path, diagnostics);
    QStringList ids;
    for (const LabAccessKey &key : keys)
        ids.append(key.accessKeyId);
    QCOMPARE(ids, keyIds);
    if (diagnostic.isEmpty()) {
        QVERIFY(diagnostics.isEmpty());
        return;
    }
    QVERIFY(!diagnostics.isEmpty());
    QCOMPARE(diagnostics.first().toString(), path + diagnostic);
}

void tst_LabAccessKeys::awsCliUsesLabKey()
{
    if (!GatehouseTest::AwsCli::available())
        QSKIP(GatehouseTest::AwsCli::missing());
    QTemporaryDir dir;
    writeLab(dir, "Metadata:\n  Gatehouse:\n    AccessKeys:\n"
                  "      - UserName: student\n        AccessKeyId: AKIAIOSFODNN7EXAMPLE\n"
                  "        SecretAccessKey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
    EmulatorOptions options;
    options.port = 0;
    options.labDirectory = dir.path();
    Emulator::Emulator emulator(options);
    const auto started = emulator.start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));

    const GatehouseTest::AwsCli aws(started->baseUrl,
                                    {QStringLiteral("AKIAIOSFODNN7EXAMPLE"),
                                     QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")});
    const GatehouseTest::AwsCli::Run r =
        aws.run({QStringLiteral("sts"), QStringLiteral("get-caller-identity")});
    QVERIFY2(r.exitCode != -1, "the AWS CLI did not finish within 60 s");
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject who = r.json();
    QCOMPARE(who.value(QStringLiteral("Arn")).toString(),
             QStringLiteral("arn:aws:iam::123456789012:user/student"));
}

void tst_LabAccessKeys::badDeclarationStopsTheLab()
{
    QTemporaryDir dir;
    writeLab(dir, "Metadata:\n  Gatehouse:\n    AccessKeys:\n      - UserName: student\n");
    EmulatorOptions options;
    options.port = 0;
    options.labDirectory = dir.path();
    Emulator::Emulator emulator(options);
    const auto started = emulator.start();
    QVERIFY(!started.ok());
    QVERIFY2(started.error().message.contains(QStringLiteral("template.yaml:12:9")),
             qPrintable(started.error().message));
    QVERIFY(!emulator.isRunning());
}

QTEST_GUILESS_MAIN(tst_LabAccessKeys)
#include "tst_labaccesskeys.moc"
