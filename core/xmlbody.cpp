#include "xmlbody.h"

#include <QXmlStreamReader>

namespace Gatehouse::Core {

Result<void> XmlBody::validate(const QByteArray &xml)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd())
        reader.readNext();
    if (!reader.hasError())
        return {};
    // columnNumber() counts the characters read on the line, so as a column counted from 1 it
    // is the last character of the token Qt refused (the '>' of a mismatched end tag).
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("Line %1, column %2: %3")
                                                     .arg(reader.lineNumber())
                                                     .arg(reader.columnNumber())
                                                     .arg(reader.errorString()));
}

bool XmlBody::isXmlContentType(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    return type == "application/xml" || type == "text/xml" || type.endsWith("+xml");
}

} // namespace Gatehouse::Core
