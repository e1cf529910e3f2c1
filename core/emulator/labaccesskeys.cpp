#include "labaccesskeys.h"

#include "awsauthenticator.h"

#include <QRegularExpression>
#include <QSet>
#include <yaml-cpp/yaml.h>

namespace Gatehouse::Emulator {

namespace {

const QString Field = QStringLiteral("Metadata.Gatehouse.AccessKeys");

struct Reader
{
    const QString &path;
    QList<LabDiagnostic> &diagnostics;

    void error(const YAML::Node &node, const QString &field, const QString &message) const
    {
        LabDiagnostic d;
        d.file = path;
        d.line = node.Mark().is_null() ? 0 : node.Mark().line + 1;
        d.column = node.Mark().is_null() ? 0 : node.Mark().column + 1;
        d.field = field;
        d.message = message;
        diagnostics.append(d);
    }

    QString text(const YAML::Node &entry, const char *key, const QString &field) const
    {
        const YAML::Node value = entry[key];
        if (!value.IsDefined() || !value.IsScalar() || value.Scalar().empty()) {
            error(value.IsDefined() ? value : entry, field + QLatin1Char('.') + QLatin1String(key),
                  QStringLiteral("%1 must be a non-empty string").arg(QLatin1String(key)));
            return {};
        }
        return QString::fromStdString(value.Scalar());
    }

    std::optional<LabAccessKey> entry(const YAML::Node &node, const QString &field) const;
};

std::optional<LabAccessKey> Reader::entry(const YAML::Node &node, const QString &field) const
{
    static const QRegularExpression keyIdPattern(QStringLiteral("^[A-Za-z0-9]{16,128}$"));
    static const QRegularExpression userPattern(QStringLiteral("^[\\w+=,.@-]{1,64}$"));
    if (!node.IsMap()) {
        error(node, field, QStringLiteral("each access key is a map of UserName, AccessKeyId and "
                                          "SecretAccessKey"));
        return std::nullopt;
    }
    for (const auto &pair : node) {
        const QString key = QString::fromStdString(pair.first.as<std::string>(std::string()));
        if (key != QLatin1String("UserName") && key != QLatin1String("AccessKeyId") &&
            key != QLatin1String("SecretAccessKey"))
            error(pair.first, field + QLatin1Char('.') + key,
                  QStringLiteral("unknown property (expected UserName, AccessKeyId, "
                                 "SecretAccessKey)"));
    }
    LabAccessKey key;
    key.userName = text(node, "UserName", field);
    key.accessKeyId = text(node, "AccessKeyId", field);
    key.secretAccessKey = text(node, "SecretAccessKey", field);
    if (!key.userName.isEmpty() && !userPattern.match(key.userName).hasMatch())
        error(node["UserName"], field + QLatin1String(".UserName"),
              QStringLiteral("an IAM user name has 1 to 64 letters, digits and +=,.@_-"));
    if (!key.accessKeyId.isEmpty() && !keyIdPattern.match(key.accessKeyId).hasMatch())
        error(node["AccessKeyId"], field + QLatin1String(".AccessKeyId"),
              QStringLiteral("an access key id has 16 to 128 letters and digits"));
    if (key.userName.isEmpty() || key.accessKeyId.isEmpty() || key.secretAccessKey.isEmpty())
        return std::nullopt;
    return key;
}

} // namespace

QList<LabAccessKey> LabAccessKeys::read(const QString &templatePath,
                                        QList<LabDiagnostic> &diagnostics)
{
    const qsizetype before = diagnostics.size();
    const Reader reader{templatePath, diagnostics};
    QList<LabAccessKey> keys;
    try {
        const YAML::Node root = YAML::LoadFile(templatePath.toStdString());
        // A missing key yields an invalid node, which only IsDefined() may be asked about.
        const auto isMap = [](const YAML::Node &n) { return n.IsDefined() && n.IsMap(); };
        const YAML::Node metadata = isMap(root) ? root["Metadata"] : YAML::Node();
        const YAML::Node ours = isMap(metadata) ? metadata["Gatehouse"] : YAML::Node();
        const YAML::Node list = isMap(ours) ? ours["AccessKeys"] : YAML::Node();
        if (!list.IsDefined() || list.IsNull())
            return keys;
        if (!list.IsSequence()) {
            reader.error(list, Field, QStringLiteral("AccessKeys must be a list"));
            return keys;
        }
        QSet<QString> seen{QLatin1String(AwsAuthenticator::DefaultAccessKeyId)};
        for (std::size_t i = 0; i < list.size(); ++i) {
            const QString field = Field + QStringLiteral("[%1]").arg(i);
            const std::optional<LabAccessKey> key = reader.entry(list[i], field);
            if (key && seen.contains(key->accessKeyId))
                reader.error(list[i]["AccessKeyId"], field + QLatin1String(".AccessKeyId"),
                             QStringLiteral("%1 is declared twice or is the emulator's default "
                                            "key").arg(key->accessKeyId));
            else if (key)
                keys.append(*key);
            if (key)
                seen.insert(key->accessKeyId);
        }
    } catch (const YAML::Exception &e) {
        LabDiagnostic d;
        d.file = templatePath;
        d.line = e.mark.is_null() ? 0 : e.mark.line + 1;
        d.column = e.mark.is_null() ? 0 : e.mark.column + 1;
        d.field = Field;
        d.message = QString::fromStdString(e.msg);
        diagnostics.append(d);
    }
    return diagnostics.size() == before ? keys : QList<LabAccessKey>();
}

} // namespace Gatehouse::Emulator
