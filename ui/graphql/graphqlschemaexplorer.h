#pragma once

#include "core/graphql/schema.h"

#include <QWidget>
#include <memory>

class QLineEdit;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;

namespace Gatehouse::Ui {

// Browses a schema (from SDL or introspection): every type with its fields, arguments, input
// fields and enum values, searchable by name; the details pane shows descriptions, signatures
// and deprecations, and a type named there is a link that navigates to it.
class GraphQLSchemaExplorer : public QWidget
{
    Q_OBJECT

public:
    explicit GraphQLSchemaExplorer(QWidget *parent = nullptr);

    void setSchema(std::shared_ptr<const Core::GraphQL::Schema> schema);
    // Shows only the types and members whose name contains `text` (case-insensitive).
    void setFilter(const QString &text);
    // Selects a type and shows its details; false when the schema has no such type.
    bool showType(const QString &name);

    QTreeWidget *tree() const { return m_tree; }
    QTextBrowser *details() const { return m_details; }
    QLineEdit *searchField() const { return m_search; }

private:
    void showDetails(QTreeWidgetItem *item);
    QString typeHtml(const Core::GraphQL::NamedType &type) const;
    QString fieldHtml(const Core::GraphQL::NamedType &owner, const QString &member) const;

    std::shared_ptr<const Core::GraphQL::Schema> m_schema;
    QLineEdit *m_search;
    QTreeWidget *m_tree;
    QTextBrowser *m_details;
};

} // namespace Gatehouse::Ui
