#include "jsontreemodel.h"

#include <vector>

namespace Gatehouse::Core {

struct JsonTreeModel::Node
{
    QString key;   // an object member's name; empty for array items and the root
    QString kind;  // see KindRole
    QString text;  // a scalar's text: the string unescaped, a number as written
    int row = 0;
    bool inArray = false;
    bool marked = false;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
};

namespace {

using Node = JsonTreeModel::Node;

// A recursive-descent reader over the bytes (RFC 8259), kept small because the views it feeds
// show what a server sent; it builds nodes rather than values so order and text survive.
class Reader
{
public:
    explicit Reader(const QByteArray &text)
        : m_text(text)
    {
    }

    Result<std::unique_ptr<Node>> document()
    {
        // A UTF-8 byte order mark, which RFC 8259 lets a parser skip (saved samples have one).
        if (m_text.startsWith("\xEF\xBB\xBF"))
            m_at = 3;
        auto node = std::make_unique<Node>();
        if (!value(node.get(), 0))
            return makeError(ErrorCode::InvalidArgument, m_problem);
        skipSpace();
        if (m_at != m_text.size())
            return makeError(ErrorCode::InvalidArgument, problem(QStringLiteral("text after the JSON value")));
        return node;
    }

private:
    static constexpr int kMaximumDepth = 512;

    QString problem(const QString &what) const
    {
        return QStringLiteral("Not JSON at byte %1: %2.").arg(m_at).arg(what);
    }
    bool fail(const QString &what)
    {
        if (m_problem.isEmpty())
            m_problem = problem(what);
        return false;
    }
    void skipSpace()
    {
        while (m_at < m_text.size() && (m_text[m_at] == ' ' || m_text[m_at] == '\t' || m_text[m_at] == '\n' || m_text[m_at] == '\r'))
            ++m_at;
    }
    bool literal(const char *word, Node *node)
    {
        const QByteArray expected(word);
        if (m_text.mid(m_at, expected.size()) != expected)
            return fail(QStringLiteral("an unexpected character"));
        m_at += expected.size();
        node->kind = QString::fromLatin1(word);
        node->text = node->kind;
        return true;
    }

    bool value(Node *node, int depth)
    {
        if (depth > kMaximumDepth)
            return fail(QStringLiteral("nested more than %1 levels").arg(kMaximumDepth));
        skipSpace();
        if (m_at >= m_text.size())
            return fail(QStringLiteral("the text ends where a value should be"));
        switch (m_text[m_at]) {
        case '{':
            return object(node, depth);
        case '[':
            return array(node, depth);
        case '"':
            node->kind = QStringLiteral("string");
            return string(&node->text);
        case 't':
            return literal("true", node);
        case 'f':
            return literal("false", node);
        case 'n':
            return literal("null", node);
        default:
            return number(node);
        }
    }

    bool number(Node *node)
    {
        const qsizetype start = m_at;
        if (m_at < m_text.size() && m_text[m_at] == '-')
            ++m_at;
        const auto digits = [this] {
            const qsizetype from = m_at;
            while (m_at < m_text.size() && m_text[m_at] >= '0' && m_text[m_at] <= '9')
                ++m_at;
            return m_at - from;
        };
        const qsizetype intStart = m_at;
        if (digits() == 0 || (m_text[intStart] == '0' && m_at - intStart > 1))
            return fail(QStringLiteral("an unexpected character"));
        if (m_at < m_text.size() && m_text[m_at] == '.') {
            ++m_at;
            if (digits() == 0)
                return fail(QStringLiteral("a number without digits after its point"));
        }
        if (m_at < m_text.size() && (m_text[m_at] == 'e' || m_text[m_at] == 'E')) {
            ++m_at;
            if (m_at < m_text.size() && (m_text[m_at] == '+' || m_text[m_at] == '-'))
                ++m_at;
            if (digits() == 0)
                return fail(QStringLiteral("a number without digits in its exponent"));
        }
        node->kind = QStringLiteral("number");
        node->text = QString::fromLatin1(m_text.mid(start, m_at - start));
        return true;
    }

    bool string(QString *out)
    {
        ++m_at; // the opening quote
        QByteArray bytes;
        while (m_at < m_text.size()) {
            const char c = m_text[m_at++];
            if (c == '"') {
                *out = QString::fromUtf8(bytes);
                return true;
            }
            if (uchar(c) < 0x20)
                return fail(QStringLiteral("a control character inside a string"));
            if (c != '\\') {
                bytes.append(c);
                continue;
            }
            if (m_at >= m_text.size())
                break;
            const char escape = m_text[m_at++];
            switch (escape) {
            case '"': bytes.append('"'); break;
            case '\\': bytes.append('\\'); break;
            case '/': bytes.append('/'); break;
            case 'b': bytes.append('\b'); break;
            case 'f': bytes.append('\f'); break;
            case 'n': bytes.append('\n'); break;
            case 'r': bytes.append('\r'); break;
            case 't': bytes.append('\t'); break;
            case 'u': {
                char32_t unit = 0;
                if (!hex4(&unit))
                    return fail(QStringLiteral("a \\u escape without four hex digits"));
                // A surrogate pair is two escapes.
                if (unit >= 0xD800 && unit <= 0xDBFF && m_text.mid(m_at, 2) == "\\u") {
                    m_at += 2;
                    char32_t low = 0;
                    if (!hex4(&low) || low < 0xDC00 || low > 0xDFFF)
                        return fail(QStringLiteral("a broken surrogate pair"));
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                }
                bytes.append(QString::fromUcs4(&unit, 1).toUtf8());
                break;
            }
            default:
                return fail(QStringLiteral("an unknown escape \\%1").arg(QLatin1Char(escape)));
            }
        }
        return fail(QStringLiteral("a string that is not closed"));
    }

    bool hex4(char32_t *unit)
    {
        if (m_at + 4 > m_text.size())
            return false;
        bool ok = false;
        *unit = char32_t(m_text.mid(m_at, 4).toUInt(&ok, 16));
        m_at += 4;
        return ok;
    }

    Node *child(Node *parent, bool inArray)
    {
        auto node = std::make_unique<Node>();
        node->parent = parent;
        node->row = int(parent->children.size());
        node->inArray = inArray;
        parent->children.push_back(std::move(node));
        return parent->children.back().get();
    }

    bool object(Node *node, int depth)
    {
        node->kind = QStringLiteral("object");
        ++m_at;
        skipSpace();
        if (m_at < m_text.size() && m_text[m_at] == '}') {
            ++m_at;
            return true;
        }
        while (true) {
            skipSpace();
            if (m_at >= m_text.size() || m_text[m_at] != '"')
                return fail(QStringLiteral("a member name should be a string"));
            QString key;
            if (!string(&key))
                return false;
            skipSpace();
            if (m_at >= m_text.size() || m_text[m_at] != ':')
                return fail(QStringLiteral("':' should follow a member name"));
            ++m_at;
            Node *member = child(node, false);
            member->key = key;
            if (!value(member, depth + 1))
                return false;
            skipSpace();
            if (m_at < m_text.size() && m_text[m_at] == ',') {
                ++m_at;
                continue;
            }
            if (m_at < m_text.size() && m_text[m_at] == '}') {
                ++m_at;
                return true;
            }
            return fail(QStringLiteral("',' or '}' should follow a member"));
        }
    }

    bool array(Node *node, int depth)
    {
        node->kind = QStringLiteral("array");
        ++m_at;
        skipSpace();
        if (m_at < m_text.size() && m_text[m_at] == ']') {
            ++m_at;
            return true;
        }
        while (true) {
            if (!value(child(node, true), depth + 1))
                return false;
            skipSpace();
            if (m_at < m_text.size() && m_text[m_at] == ',') {
                ++m_at;
                continue;
            }
            if (m_at < m_text.size() && m_text[m_at] == ']') {
                ++m_at;
                return true;
            }
            return fail(QStringLiteral("',' or ']' should follow an item"));
        }
    }

    const QByteArray &m_text;
    qsizetype m_at = 0;
    QString m_problem;
};

} // namespace

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

JsonTreeModel::~JsonTreeModel() = default;

Result<void> JsonTreeModel::setJson(const QByteArray &json)
{
    Reader reader(json);
    Result<std::unique_ptr<Node>> document = reader.document();
    beginResetModel();
    m_root = std::make_unique<Node>();
    if (document) {
        std::unique_ptr<Node> value = std::move(document).value();
        value->parent = m_root.get();
        m_root->children.push_back(std::move(value));
    }
    endResetModel();
    if (!document)
        return document.error();
    return {};
}

void JsonTreeModel::clear()
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    endResetModel();
}

JsonTreeModel::Node *JsonTreeModel::nodeAt(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex JsonTreeModel::indexOf(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *node = nodeAt(parent);
    if (row < 0 || column < 0 || column >= ColumnCount || row >= int(node->children.size()))
        return {};
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeAt(child)->parent);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeAt(parent)->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeAt(index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        break;
    case PathRole: {
        QVariantList path;
        for (const Node *at = node; at && at->parent; at = at->parent) {
            if (at->parent == m_root.get())
                break;
            path.prepend(at->inArray ? QVariant(at->row) : QVariant(at->key));
        }
        return path;
    }
    case KindRole:
        return node->kind;
    case MarkedRole:
        return node->marked;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case KeyColumn:
        if (node->parent == m_root.get())
            return tr("(document)");
        return node->inArray ? QStringLiteral("[%1]").arg(node->row) : node->key;
    case ValueColumn:
        if (node->kind == QLatin1String("object"))
            return tr("{%n member(s)}", nullptr, int(node->children.size()));
        if (node->kind == QLatin1String("array"))
            return tr("[%n item(s)]", nullptr, int(node->children.size()));
        if (node->kind == QLatin1String("string"))
            return role == Qt::ToolTipRole ? node->text : QLatin1Char('"') + node->text + QLatin1Char('"');
        return node->text;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case ColumnCount:
        break;
    }
    return {};
}

JsonTreeModel::Node *JsonTreeModel::deepest(const QVariantList &segments) const
{
    if (m_root->children.empty())
        return nullptr;
    Node *at = m_root->children.front().get();
    for (const QVariant &segment : segments) {
        Node *next = nullptr;
        if (segment.typeId() == QMetaType::Int && at->kind == QLatin1String("array")) {
            const int i = segment.toInt();
            if (i >= 0 && i < int(at->children.size()))
                next = at->children[size_t(i)].get();
        } else if (segment.typeId() == QMetaType::QString && at->kind == QLatin1String("object")) {
            for (const auto &member : at->children) {
                if (member->key == segment.toString())
                    next = member.get();
            }
        }
        if (!next)
            break;
        at = next;
    }
    return at;
}

QModelIndex JsonTreeModel::indexForPath(const QVariantList &segments) const
{
    return indexOf(deepest(segments));
}

void JsonTreeModel::setMarked(Node *node, bool marked)
{
    if (node->marked == marked)
        return;
    node->marked = marked;
    emit dataChanged(indexOf(node, KeyColumn), indexOf(node, ValueColumn), {MarkedRole});
}

void JsonTreeModel::setMarkedPaths(const QList<QVariantList> &paths)
{
    std::vector<Node *> stack{m_root.get()};
    while (!stack.empty()) {
        Node *node = stack.back();
        stack.pop_back();
        if (node != m_root.get())
            setMarked(node, false);
        for (const auto &child : node->children)
            stack.push_back(child.get());
    }
    for (const QVariantList &path : paths) {
        if (Node *node = deepest(path))
            setMarked(node, true);
    }
}

} // namespace Gatehouse::Core
