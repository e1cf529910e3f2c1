#include "variables.h"

#include "jsonpretty.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <algorithm>

#include <nlohmann/json.hpp>

namespace Gatehouse::Core {

namespace {

using Json = nlohmann::ordered_json;

// Calls visit(start, end, name) for each {{name}}; start/end span the braces.
template<typename Visit>
void forEachPlaceholder(const QString &text, Visit visit)
{
    qsizetype from = 0;
    for (;;) {
        const qsizetype open = text.indexOf(QLatin1String("{{"), from);
        if (open < 0)
            return;
        const qsizetype close = text.indexOf(QLatin1String("}}"), open + 2);
        if (close < 0)
            return;
        const QString name = text.mid(open + 2, close - open - 2).trimmed();
        visit(open, close + 2, name);
        from = close + 2;
    }
}

QString jsonText(const Json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_null())
        return {};
    return QString::fromStdString(value.dump());
}

Result<Environment> fromPostman(const Json &root, const QString &fallbackName)
{
    Environment env;
    const auto name = root.find("name");
    env.name = name != root.end() && name->is_string() ? jsonText(*name) : fallbackName;
    const Json &values = root.at("values");
    if (!values.is_array())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("\"values\" must be an array of {\"key\", \"value\"} objects."));
    for (const Json &item : values) {
        if (!item.is_object() || !item.contains("key"))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("Every entry of \"values\" needs a \"key\"."));
        EnvironmentVariable var;
        var.key = jsonText(item.at("key"));
        var.value = item.contains("value") ? jsonText(item.at("value")) : QString();
        var.enabled = !item.contains("enabled") || !item.at("enabled").is_boolean() || item.at("enabled").get<bool>();
        var.secret = item.contains("type") && item.at("type") == "secret";
        env.variables.append(var);
    }
    return env;
}

} // namespace

QString Environment::value(const QString &key) const
{
    for (auto it = variables.crbegin(); it != variables.crend(); ++it) {
        if (it->enabled && it->key == key)
            return it->value;
    }
    return {};
}

bool Environment::contains(const QString &key) const
{
    return std::any_of(variables.cbegin(), variables.cend(),
                       [&key](const EnvironmentVariable &var) { return var.enabled && var.key == key; });
}

QStringList unresolvedVariables(const QString &text, const Environment &environment)
{
    QStringList names;
    forEachPlaceholder(text, [&](qsizetype, qsizetype, const QString &name) {
        if (!environment.contains(name) && !names.contains(name))
            names.append(name);
    });
    return names;
}

Error undefinedVariablesError(const QStringList &names, const Environment &environment)
{
    QStringList quoted;
    for (const QString &name : names)
        quoted.append(QStringLiteral("{{%1}}").arg(name));
    QString list = quoted.join(QStringLiteral(", "));
    if (quoted.size() > 1)
        list = QStringList(quoted.mid(0, quoted.size() - 1)).join(QStringLiteral(", "))
               + QStringLiteral(" and ") + quoted.constLast();
    const QString verb = quoted.size() > 1 ? QStringLiteral("are") : QStringLiteral("is");
    const QString where = environment.name.isEmpty()
                              ? QStringLiteral("the current environment")
                              : QStringLiteral("environment '%1'").arg(environment.name);
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("%1 %2 not defined in %3.").arg(list, verb, where));
}

QString maskSecretValues(const QString &text, const Environment &environment)
{
    QString masked = text;
    for (const EnvironmentVariable &var : environment.variables) {
        if (!var.enabled || !var.secret || var.value.isEmpty())
            continue;
        // As typed, and as it appears in a URL once encoded.
        masked.replace(var.value, QStringLiteral("{{%1}}").arg(var.key));
        masked.replace(QString::fromLatin1(QUrl::toPercentEncoding(var.value)), QStringLiteral("{{%1}}").arg(var.key));
    }
    return masked;
}

QByteArray maskSecretValues(const QByteArray &bytes, const Environment &environment)
{
    QByteArray masked = bytes;
    for (const EnvironmentVariable &var : environment.variables) {
        if (!var.enabled || !var.secret || var.value.isEmpty())
            continue;
        const QByteArray reference = QStringLiteral("{{%1}}").arg(var.key).toUtf8();
        masked.replace(var.value.toUtf8(), reference);
        masked.replace(QUrl::toPercentEncoding(var.value), reference);
    }
    return masked;
}

Result<QString> substitute(const QString &text, const Environment &environment)
{
    const QStringList missing = unresolvedVariables(text, environment);
    if (!missing.isEmpty())
        return undefinedVariablesError(missing, environment);
    QString out;
    out.reserve(text.size());
    qsizetype copied = 0;
    forEachPlaceholder(text, [&](qsizetype start, qsizetype end, const QString &name) {
        out += QStringView(text).mid(copied, start - copied);
        out += environment.value(name);
        copied = end;
    });
    out += QStringView(text).mid(copied);
    return out;
}

Result<Environment> parseEnvironment(const QByteArray &json, const QString &fallbackName)
{
    if (const Result<void> valid = validateJson(json); !valid)
        return valid.error();
    try {
        const Json root = Json::parse(json.constData(), json.constData() + json.size());
        if (!root.is_object())
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("An environment file must hold a JSON object."));
        if (root.contains("values"))
            return fromPostman(root, fallbackName);
        Environment env;
        env.name = fallbackName;
        for (auto it = root.begin(); it != root.end(); ++it)
            env.variables.append({QString::fromStdString(it.key()), jsonText(it.value()), true, false});
        return env;
    } catch (const Json::exception &e) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The environment file could not be read: %1").arg(QString::fromUtf8(e.what())));
    }
}

Result<Environment> loadEnvironmentFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io,
                         QStringLiteral("Could not open '%1': %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    Result<Environment> env = parseEnvironment(bytes, QFileInfo(path).completeBaseName());
    if (!env)
        return makeError(env.error().code, QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), env.error().message));
    return env;
}

} // namespace Gatehouse::Core
