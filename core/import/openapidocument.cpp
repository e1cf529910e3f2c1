#include "openapidocument.h"

#include <QRegularExpression>
#include <QUrl>

namespace Gatehouse::Core::Import {

namespace {

constexpr int kMaxDepth = 12;

QString stringFormatExample(const QString &format)
{
    if (format == QLatin1String("date-time"))
        return QStringLiteral("2024-01-01T00:00:00Z");
    if (format == QLatin1String("date"))
        return QStringLiteral("2024-01-01");
    if (format == QLatin1String("email"))
        return QStringLiteral("user@example.com");
    if (format == QLatin1String("uuid"))
        return QStringLiteral("00000000-0000-0000-0000-000000000000");
    if (format == QLatin1String("uri") || format == QLatin1String("url"))
        return QStringLiteral("https://example.com/");
    return QStringLiteral("string");
}

} // namespace

YAML::Node yamlChild(const YAML::Node &map, const char *key)
{
    if (!map.IsDefined() || !map.IsMap())
        return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node constMap = map;
    const YAML::Node value = constMap[key];
    return value.IsDefined() ? value : YAML::Node(YAML::NodeType::Undefined);
}

QString yamlText(const YAML::Node &node)
{
    return node.IsDefined() && node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
}

OpenApiDocument::OpenApiDocument(YAML::Node root, QString source, ImportResult *result)
    : m_root(std::move(root))
    , m_source(std::move(source))
    , m_result(result)
{}

void OpenApiDocument::report(const YAML::Node &at, const QString &message,
                             ImportProblem::Severity severity) const
{
    const YAML::Mark mark = at.IsDefined() ? at.Mark() : YAML::Mark::null_mark();
    const bool known = !mark.is_null();
    m_result->problems.append(
        {m_source, known ? mark.line + 1 : 0, known ? mark.column + 1 : 0, message, severity});
}

YAML::Node OpenApiDocument::pointer(const QString &ref) const
{
    // "#/components/schemas/Pet": JSON Pointer segments, ~1 = '/', ~0 = '~', percent-encoded.
    const QStringList segments = ref.mid(2).split(QLatin1Char('/'));
    std::vector<YAML::Node> path{m_root};
    for (const QString &raw : segments) {
        QString segment = QUrl::fromPercentEncoding(raw.toUtf8());
        segment.replace(QLatin1String("~1"), QLatin1String("/"))
            .replace(QLatin1String("~0"), QLatin1String("~"));
        const YAML::Node &here = path.back();
        if (here.IsSequence()) {
            bool ok = false;
            const int index = segment.toInt(&ok);
            if (!ok || index < 0 || std::size_t(index) >= here.size())
                return YAML::Node(YAML::NodeType::Undefined);
            path.push_back(here[std::size_t(index)]);
            continue;
        }
        const YAML::Node next = yamlChild(here, segment.toStdString().c_str());
        if (!next.IsDefined())
            return next;
        path.push_back(next);
    }
    return path.back();
}

YAML::Node OpenApiDocument::resolve(const YAML::Node &node) const
{
    std::vector<YAML::Node> chain{node};
    QStringList seen;
    for (;;) {
        const YAML::Node refNode = yamlChild(chain.back(), "$ref");
        if (!refNode.IsDefined())
            return chain.back();
        const QString ref = yamlText(refNode);
        const auto fail = [&](const QString &message) {
            if (!m_reportedRefs.contains(ref)) {
                m_reportedRefs.insert(ref);
                report(refNode, message);
            }
            return YAML::Node(YAML::NodeType::Undefined);
        };
        if (!ref.startsWith(QLatin1String("#/")))
            return fail(
                QStringLiteral("$ref '%1' points outside this document; that part is skipped")
                    .arg(ref));
        if (seen.contains(ref))
            return fail(QStringLiteral("$ref '%1' refers to itself in a loop; that part is skipped")
                            .arg(ref));
        seen << ref;
        const YAML::Node target = pointer(ref);
        if (!target.IsDefined())
            return fail(
                QStringLiteral("$ref '%1' points at nothing in this document; that part is skipped")
                    .arg(ref));
        chain.push_back(target);
    }
}

OpenApiDocument::Json OpenApiDocument::toJson(const YAML::Node &node, int depth)
{
    if (!node.IsDefined() || node.IsNull() || depth > 64)
        return nullptr;
    if (node.IsMap()) {
        Json object = Json::object();
        for (const auto &entry : node)
            object[entry.first.Scalar()] = toJson(entry.second, depth + 1);
        return object;
    }
    if (node.IsSequence()) {
        Json array = Json::array();
        for (const auto &item : node)
            array.push_back(toJson(item, depth + 1));
        return array;
    }
    const std::string &scalar = node.Scalar();
    if (node.Tag() == "!") // quoted
        return scalar;
    const QString text = QString::fromStdString(scalar);
    if (text == QLatin1String("true") || text == QLatin1String("True") ||
        text == QLatin1String("TRUE"))
        return true;
    if (text == QLatin1String("false") || text == QLatin1String("False") ||
        text == QLatin1String("FALSE"))
        return false;
    if (text == QLatin1String("~") || text.compare(QLatin1String("null"), Qt::CaseInsensitive) == 0)
        return nullptr;
    static const QRegularExpression integer(QStringLiteral("^[-+]?[0-9]+$"));
    static const QRegularExpression number(
        QStringLiteral("^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$"));
    bool ok = false;
    if (integer.match(text).hasMatch()) {
        const qlonglong value = text.toLongLong(&ok);
        if (ok)
            return value;
    }
    if (number.match(text).hasMatch()) {
        const double value = text.toDouble(&ok);
        if (ok)
            return value;
    }
    return scalar;
}

OpenApiDocument::Json OpenApiDocument::exampleFor(const YAML::Node &schema) const
{
    QStringList refs;
    return example(schema, refs, 0);
}

OpenApiDocument::Json OpenApiDocument::example(const YAML::Node &schema, QStringList &refs,
                                               int depth) const
{
    if (!schema.IsDefined() || !schema.IsMap() || depth > kMaxDepth)
        return nullptr;
    if (const YAML::Node refNode = yamlChild(schema, "$ref"); refNode.IsDefined()) {
        const QString ref = yamlText(refNode);
        if (refs.contains(ref)) // a recursive schema: stop at the second visit
            return nullptr;
        refs.push_back(ref);
        const Json value = example(resolve(schema), refs, depth + 1);
        refs.pop_back();
        return value;
    }
    for (const char *key : {"example", "default"}) {
        if (const YAML::Node given = yamlChild(schema, key); given.IsDefined())
            return toJson(given);
    }
    if (const YAML::Node values = yamlChild(schema, "enum");
        values.IsSequence() && values.size() > 0)
        return toJson(values[0]);
    if (const YAML::Node all = yamlChild(schema, "allOf"); all.IsSequence()) {
        Json merged = Json::object();
        for (const auto &part : all) {
            const Json value = example(part, refs, depth + 1);
            if (value.is_object())
                merged.update(value);
        }
        return merged;
    }
    for (const char *key : {"oneOf", "anyOf"}) {
        if (const YAML::Node choices = yamlChild(schema, key);
            choices.IsSequence() && choices.size() > 0)
            return example(choices[0], refs, depth + 1);
    }
    QString type = yamlText(yamlChild(schema, "type"));
    if (const YAML::Node types = yamlChild(schema, "type");
        types.IsSequence()) { // 3.1: [string, "null"]
        for (const auto &t : types) {
            if (t.Scalar() != "null") {
                type = QString::fromStdString(t.Scalar());
                break;
            }
        }
    }
    if (type.isEmpty())
        type = yamlChild(schema, "items").IsDefined() ? QStringLiteral("array")
                                                      : QStringLiteral("object");
    if (type == QLatin1String("object")) {
        Json object = Json::object();
        const YAML::Node properties = yamlChild(schema, "properties");
        if (properties.IsMap()) {
            for (const auto &property : properties)
                object[property.first.Scalar()] = example(property.second, refs, depth + 1);
        }
        return object;
    }
    if (type == QLatin1String("array")) {
        Json array = Json::array();
        const Json item = example(yamlChild(schema, "items"), refs, depth + 1);
        if (!item.is_null())
            array.push_back(item);
        return array;
    }
    if (type == QLatin1String("integer") || type == QLatin1String("number"))
        return 0;
    if (type == QLatin1String("boolean"))
        return false;
    if (type == QLatin1String("string"))
        return stringFormatExample(yamlText(yamlChild(schema, "format"))).toStdString();
    return nullptr;
}

} // namespace Gatehouse::Core::Import
