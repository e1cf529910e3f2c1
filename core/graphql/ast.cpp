#include "ast.h"

#include <algorithm>

namespace Gatehouse::Core::GraphQL {

Span definitionSpan(const Definition &definition)
{
    return std::visit([](const auto &d) { return d.span; }, definition);
}

QString operationTypeName(OperationType type)
{
    switch (type) {
    case OperationType::Query:
        return QStringLiteral("query");
    case OperationType::Mutation:
        return QStringLiteral("mutation");
    case OperationType::Subscription:
        return QStringLiteral("subscription");
    }
    return {};
}

void Document::indexLines()
{
    m_lineStarts.clear();
    m_lineStarts.push_back(0);
    const char *data = source.constData();
    const int size = int(source.size());
    for (int i = 0; i < size; ++i) {
        if (data[i] == '\n') {
            m_lineStarts.push_back(i + 1);
        } else if (data[i] == '\r') {
            if (i + 1 < size && data[i + 1] == '\n')
                ++i;
            m_lineStarts.push_back(i + 1);
        }
    }
}

SourcePosition Document::position(int offset) const
{
    offset = std::clamp(offset, 0, int(source.size()));
    if (m_lineStarts.empty())
        return SourcePosition{1, offset + 1};
    const auto it = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
    const int line = int(it - m_lineStarts.begin());
    const int lineStart = *(it - 1);
    // Columns count UTF-16 code units: one per UTF-8 lead byte, two for a 4-byte sequence.
    int column = 1;
    const char *data = source.constData();
    for (int i = lineStart; i < offset; ++i) {
        const auto b = uchar(data[i]);
        if ((b & 0xC0) != 0x80)
            column += (b & 0xF8) == 0xF0 ? 2 : 1;
    }
    return SourcePosition{line, column};
}

QString Document::text(Span span) const
{
    const int start = std::clamp(span.start, 0, int(source.size()));
    const int end = std::clamp(span.end, start, int(source.size()));
    return QString::fromUtf8(source.constData() + start, end - start);
}

} // namespace Gatehouse::Core::GraphQL
