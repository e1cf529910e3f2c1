#include "graphqlschemaexplorer.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>

namespace Gatehouse::Ui {

using namespace Core::GraphQL;

namespace {

constexpr int kTypeRole = Qt::UserRole;       // the type's name (on types and members)
constexpr int kMemberRole = Qt::UserRole + 1; // the member's name (members only)

QString kindWord(TypeKind kind)
{
    switch (kind) {
    case TypeKind::Scalar:
        return QStringLiteral("scalar");
    case TypeKind::Object:
        return QStringLiteral("type");
    case TypeKind::Interface:
        return QStringLiteral("interface");
    case TypeKind::Union:
        return QStringLiteral("union");
    case TypeKind::Enum:
        return QStringLiteral("enum");
    case TypeKind::InputObject:
        return QStringLiteral("input");
    }
    return {};
}

// "[Repository!]!" with the named type as a link.
QString typeLink(const TypeExpr &type)
{
    const QString text = type.toString().toHtmlEscaped();
    const QString name = type.name.toHtmlEscaped();
    const QString link = QStringLiteral("<a href=\"type:%1\">%1</a>").arg(name);
    const qsizetype at = text.indexOf(name);
    return at < 0 ? text : text.left(at) + link + text.mid(at + name.size());
}

QString paragraph(const QString &text)
{
    return text.isEmpty() ? QString() : QStringLiteral("<p>%1</p>").arg(text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br/>")));
}

QString deprecation(bool deprecated, const QString &reason)
{
    if (!deprecated)
        return {};
    return QStringLiteral("<p style=\"color:#92400e\"><i>%1</i></p>")
        .arg(GraphQLSchemaExplorer::tr("Deprecated: %1").arg(reason.toHtmlEscaped()));
}

QString argumentsText(const std::vector<InputValue> &arguments)
{
    if (arguments.empty())
        return {};
    QStringList parts;
    for (const InputValue &argument : arguments)
        parts << argument.name + QStringLiteral(": ") + argument.type.toString();
    return QLatin1Char('(') + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
}

} // namespace

GraphQLSchemaExplorer::GraphQLSchemaExplorer(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
    , m_details(new QTextBrowser(this))
{
    m_search->setPlaceholderText(tr("Search types and fields"));
    m_search->setClearButtonEnabled(true);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Name"), tr("Type")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setUniformRowHeights(true);
    m_details->setOpenLinks(false);
    m_details->setPlaceholderText(tr("Pick a type or field to see its description."));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(splitter, 1);

    connect(m_search, &QLineEdit::textChanged, this, &GraphQLSchemaExplorer::setFilter);
    connect(m_tree, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *current) { showDetails(current); });
    connect(m_details, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("type"))
            showType(url.path());
    });
}

void GraphQLSchemaExplorer::setSchema(std::shared_ptr<const Schema> schema)
{
    m_schema = std::move(schema);
    m_tree->clear();
    m_details->clear();
    if (!m_schema)
        return;
    // Root types first, then the rest by name; built-in scalars and introspection types last
    // would only be noise, so they are left out.
    std::vector<const NamedType *> types;
    for (const NamedType &type : m_schema->types()) {
        if (!type.builtIn)
            types.push_back(&type);
    }
    auto rank = [&](const NamedType *type) {
        for (OperationType operation : {OperationType::Query, OperationType::Mutation, OperationType::Subscription}) {
            if (type->name == m_schema->rootTypeName(operation))
                return int(operation);
        }
        return 3;
    };
    std::stable_sort(types.begin(), types.end(), [&](const NamedType *a, const NamedType *b) {
        const int ra = rank(a), rb = rank(b);
        return ra != rb ? ra < rb : a->name.compare(b->name, Qt::CaseInsensitive) < 0;
    });
    QList<QTreeWidgetItem *> items;
    items.reserve(qsizetype(types.size()));
    for (const NamedType *type : types) {
        auto *item = new QTreeWidgetItem({type->name, kindWord(type->kind)});
        item->setData(0, kTypeRole, type->name);
        item->setToolTip(0, type->description);
        auto member = [&](const QString &name, const QString &signature, const QString &typeText, bool deprecated) {
            auto *child = new QTreeWidgetItem(item, {name + signature, typeText});
            child->setData(0, kTypeRole, type->name);
            child->setData(0, kMemberRole, name);
            if (deprecated) {
                QFont font = child->font(0);
                font.setStrikeOut(true);
                child->setFont(0, font);
            }
        };
        for (const FieldDef &field : type->fields)
            member(field.name, argumentsText(field.arguments), field.type.toString(), field.deprecated);
        for (const InputValue &field : type->inputFields)
            member(field.name, QString(), field.type.toString(), field.deprecated);
        for (const EnumValue &value : type->enumValues)
            member(value.name, QString(), QString(), value.deprecated);
        for (const QString &name : type->members)
            member(name, QString(), QString(), false);
        items.append(item);
    }
    m_tree->addTopLevelItems(items);
    setFilter(m_search->text());
}

void GraphQLSchemaExplorer::setFilter(const QString &text)
{
    const QString needle = text.trimmed();
    m_tree->setUpdatesEnabled(false);
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *type = m_tree->topLevelItem(i);
        const bool typeMatches = needle.isEmpty() || type->text(0).contains(needle, Qt::CaseInsensitive);
        bool memberMatches = false;
        for (int j = 0; j < type->childCount(); ++j) {
            QTreeWidgetItem *member = type->child(j);
            const bool matches = !needle.isEmpty() && member->data(0, kMemberRole).toString().contains(needle, Qt::CaseInsensitive);
            memberMatches = memberMatches || matches;
            member->setHidden(!typeMatches && !matches);
        }
        type->setHidden(!typeMatches && !memberMatches);
        type->setExpanded(memberMatches && !typeMatches);
    }
    m_tree->setUpdatesEnabled(true);
}

bool GraphQLSchemaExplorer::showType(const QString &name)
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        if (item->data(0, kTypeRole).toString() != name)
            continue;
        if (item->isHidden()) // navigating leaves the search
            m_search->clear();
        m_tree->setCurrentItem(item);
        m_tree->scrollToItem(item, QAbstractItemView::PositionAtTop);
        return true;
    }
    // Built-in scalars are not listed, but their description is worth showing.
    if (const NamedType *type = m_schema ? m_schema->type(name) : nullptr) {
        m_details->setHtml(typeHtml(*type));
        return true;
    }
    return false;
}

void GraphQLSchemaExplorer::showDetails(QTreeWidgetItem *item)
{
    if (!item || !m_schema) {
        m_details->clear();
        return;
    }
    const NamedType *type = m_schema->type(item->data(0, kTypeRole).toString());
    if (!type)
        return;
    const QString member = item->data(0, kMemberRole).toString();
    m_details->setHtml(member.isEmpty() ? typeHtml(*type) : fieldHtml(*type, member));
}

QString GraphQLSchemaExplorer::typeHtml(const NamedType &type) const
{
    QString html = QStringLiteral("<h3>%1 %2</h3>").arg(kindWord(type.kind), type.name.toHtmlEscaped());
    if (!type.interfaces.empty()) {
        QStringList links;
        for (const QString &name : type.interfaces)
            links << QStringLiteral("<a href=\"type:%1\">%1</a>").arg(name.toHtmlEscaped());
        html += QStringLiteral("<p>%1 %2</p>").arg(tr("implements"), links.join(QStringLiteral(", ")));
    }
    html += paragraph(type.description);
    auto list = [&](const QString &title, const QStringList &rows) {
        if (!rows.isEmpty())
            html += QStringLiteral("<p><b>%1</b></p><ul>%2</ul>").arg(title, rows.join(QString()));
    };
    QStringList rows;
    for (const FieldDef &field : type.fields)
        rows << QStringLiteral("<li>%1%2: %3</li>").arg(field.name.toHtmlEscaped(), argumentsText(field.arguments).toHtmlEscaped(), typeLink(field.type));
    list(tr("Fields"), rows);
    rows.clear();
    for (const InputValue &field : type.inputFields)
        rows << QStringLiteral("<li>%1: %2</li>").arg(field.name.toHtmlEscaped(), typeLink(field.type));
    list(tr("Input fields"), rows);
    rows.clear();
    for (const EnumValue &value : type.enumValues)
        rows << QStringLiteral("<li>%1%2</li>").arg(value.name.toHtmlEscaped(), value.deprecated ? tr(" (deprecated)") : QString());
    list(tr("Values"), rows);
    rows.clear();
    for (const QString &name : type.members)
        rows << QStringLiteral("<li><a href=\"type:%1\">%1</a></li>").arg(name.toHtmlEscaped());
    list(tr("Possible types"), rows);
    return html;
}

QString GraphQLSchemaExplorer::fieldHtml(const NamedType &owner, const QString &member) const
{
    QString html;
    auto inputs = [&](const std::vector<InputValue> &arguments) {
        if (arguments.empty())
            return;
        html += QStringLiteral("<p><b>%1</b></p><ul>").arg(tr("Arguments"));
        for (const InputValue &argument : arguments) {
            html += QStringLiteral("<li>%1: %2%3%4</li>")
                        .arg(argument.name.toHtmlEscaped(), typeLink(argument.type),
                             argument.defaultValue ? QStringLiteral(" = ") + argument.defaultValue->toHtmlEscaped() : QString(),
                             argument.description.isEmpty() ? QString() : QStringLiteral("<br/><small>%1</small>").arg(argument.description.toHtmlEscaped()));
        }
        html += QStringLiteral("</ul>");
    };
    const QString ownerLink = QStringLiteral("<a href=\"type:%1\">%1</a>").arg(owner.name.toHtmlEscaped());
    if (const FieldDef *field = owner.field(member)) {
        html = QStringLiteral("<h3>%1.%2: %3</h3>").arg(ownerLink, field->name.toHtmlEscaped(), typeLink(field->type));
        html += paragraph(field->description) + deprecation(field->deprecated, field->deprecationReason);
        inputs(field->arguments);
    } else if (const InputValue *field = owner.inputField(member)) {
        html = QStringLiteral("<h3>%1.%2: %3</h3>").arg(ownerLink, field->name.toHtmlEscaped(), typeLink(field->type));
        html += paragraph(field->description) + deprecation(field->deprecated, field->deprecationReason);
    } else if (const EnumValue *value = owner.enumValue(member)) {
        html = QStringLiteral("<h3>%1.%2</h3>").arg(ownerLink, value->name.toHtmlEscaped());
        html += paragraph(value->description) + deprecation(value->deprecated, value->deprecationReason);
    } else if (const NamedType *possible = m_schema->type(member)) {
        html = typeHtml(*possible);
    }
    return html;
}

} // namespace Gatehouse::Ui
