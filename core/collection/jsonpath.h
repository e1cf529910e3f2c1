#pragma once

#include "core/result.h"
#include "jsonvalue.h"

#include <QList>
#include <QString>

namespace Gatehouse::Core::Collection {

// The part of JSONPath that assertions need: the root $, members by .name or ['name'] and
// array elements by [index]. Enough to point at one value; no filters, wildcards or slices.
class JsonPath
{
public:
    struct Step
    {
        QString name; // a member, when index < 0
        qsizetype index = -1;
    };

    // "$.items[0]['first name']"; an error says which character is wrong and why.
    static Result<JsonPath> parse(const QString &text);

    QString text() const { return m_text; }
    const QList<Step> &steps() const { return m_steps; }

    // The value the path names in document, or an error saying where the path left it
    // ("$.items has 2 elements; [5] is past the end").
    Result<const JsonValue *> find(const JsonValue &document) const;

private:
    QString m_text;
    QList<Step> m_steps;
};

} // namespace Gatehouse::Core::Collection
