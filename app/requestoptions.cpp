#include "commands.h"

#include "core/jsonpretty.h"

#include <QFile>

namespace Gatehouse::App {

Core::Error usageError(const QString &message)
{
    return Core::makeError(Core::ErrorCode::InvalidArgument, message);
}

namespace {

// A -d argument: the text itself, or the contents of FILE for "@FILE".
Core::Result<QString> readBodyArgument(const QString &value)
{
    if (!value.startsWith(QLatin1Char('@')))
        return value;
    QFile file(value.mid(1));
    if (!file.open(QIODevice::ReadOnly))
        return Core::makeError(Core::ErrorCode::Io, QStringLiteral("cannot read the body file '%1': %2.")
                                                        .arg(value.mid(1), file.errorString()));
    return QString::fromUtf8(file.readAll());
}

} // namespace

Core::Result<bool> applyContentOption(Core::RequestSpec &spec, const QString &option,
                                      const QString &value)
{
    if (option == QLatin1String("-H") || option == QLatin1String("--header")) {
        const qsizetype colon = value.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            return usageError(QStringLiteral("header '%1' is not 'Name: value'.").arg(value));
        spec.headers.append({true, value.left(colon).trimmed(), value.mid(colon + 1).trimmed()});
        return true;
    }
    if (option == QLatin1String("-d") || option == QLatin1String("--data")) {
        if (spec.bodyKind == Core::BodyKind::Multipart)
            return usageError(QStringLiteral("-F and -d do not go together: a body is either a form or data."));
        const Core::Result<QString> body = readBodyArgument(value);
        if (!body)
            return body.error();
        spec.body = *body;
        spec.bodyKind = Core::validateJson(body->toUtf8()) ? Core::BodyKind::Json : Core::BodyKind::Text;
        return true;
    }
    return false;
}

} // namespace Gatehouse::App
