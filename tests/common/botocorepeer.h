#pragma once

// botocore is the independent peer several tests compare with. The behaviours they check
// (service-specific endpoint configuration, regional STS by default, the standard retry
// formula) are those of botocore 1.40 and later; Debian 12's python3-botocore is 1.29, so the
// first interpreter with a new enough botocore is used: Debian's /usr/bin/python3, then the
// python3 on PATH. Without one, the comparison is skipped with the reason.
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <optional>

namespace GatehouseTest {

struct BotocorePeer
{
    QString interpreter;  // empty when none qualifies
    QString whyNot;       // for QSKIP
};

inline BotocorePeer findBotocorePeer(int minMajor = 1, int minMinor = 40)
{
    static std::optional<BotocorePeer> found;
    if (found)
        return *found;
    QStringList seen;
    QStringList candidates{QStringLiteral("/usr/bin/python3"),
                           QStandardPaths::findExecutable(QStringLiteral("python3"))};
    for (const QString &candidate : candidates) {
        if (candidate.isEmpty() || !QFileInfo::exists(candidate))
            continue;
        QProcess probe;
        probe.start(candidate, {QStringLiteral("-c"),
                                QStringLiteral("import botocore; print(botocore.__version__)")});
        // A test may block here: it is not a GUI thread, and the probe runs once.
        if (!probe.waitForFinished(20000) || probe.exitCode() != 0) {
            seen.append(candidate + QStringLiteral(": no botocore"));
            continue;
        }
        const QString version = QString::fromUtf8(probe.readAllStandardOutput()).trimmed();
        const QStringList parts = version.split(QLatin1Char('.'));
        const int major = parts.value(0).toInt();
        const int minor = parts.value(1).toInt();
        if (major > minMajor || (major == minMajor && minor >= minMinor)) {
            found = BotocorePeer{candidate, QString()};
            return *found;
        }
        seen.append(candidate + QStringLiteral(": botocore ") + version);
    }
    found = BotocorePeer{QString(),
                         QStringLiteral("needs a python3 with botocore >= %1.%2 as a peer (%3)")
                             .arg(minMajor)
                             .arg(minMinor)
                             .arg(seen.isEmpty() ? QStringLiteral("no python3 found")
                                                 : seen.join(QStringLiteral("; ")))};
    return *found;
}

} // namespace GatehouseTest

// Use inside a test function: skips it when there is no suitable peer.
#define GATEHOUSE_REQUIRE_BOTOCORE(variable)                                                      \
    const GatehouseTest::BotocorePeer variable##Peer = GatehouseTest::findBotocorePeer();        \
    if (variable##Peer.interpreter.isEmpty())                                                     \
        QSKIP(qPrintable(variable##Peer.whyNot));                                                 \
    const QString variable = variable##Peer.interpreter
