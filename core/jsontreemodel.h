#pragma once

#include "core/result.h"

#include <QAbstractItemModel>
#include <QByteArray>
#include <QList>
#include <QVariantList>

#include <memory>

namespace Gatehouse::Core {

// A JSON document as a collapsible tree for result panes, read from the bytes as the server sent
// them: object keys keep their order and numbers their text (a 64-bit id or 1.50 stays as
// written), which a QJsonDocument round trip would lose. Values can be marked by path (a GraphQL
// error's), so a view can show where an error points without parsing JSON itself.
class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        KeyColumn,
        ValueColumn,
        ColumnCount
    };
    enum Role
    {
        PathRole = Qt::UserRole + 1, // QVariantList: QString keys and int indexes from the root
        KindRole,                    // "object", "array", "string", "number", "true", "false", "null"
        MarkedRole,                  // bool: a marked path ends here
    };
    Q_ENUM(Role)

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    // Replaces the tree; an error in words (and an empty tree) when json is not one JSON value.
    Result<void> setJson(const QByteArray &json);
    void clear();
    // The values these paths lead to are marked; a path through a missing key or a null marks
    // the deepest value that exists, as an error's field is often null or nulled with its parent.
    void setMarkedPaths(const QList<QVariantList> &paths);
    // The deepest existing value along segments (invalid for an empty tree).
    QModelIndex indexForPath(const QVariantList &segments) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    struct Node;

private:
    Node *nodeAt(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node, int column = 0) const;
    Node *deepest(const QVariantList &segments) const;
    void setMarked(Node *node, bool marked);

    std::unique_ptr<Node> m_root; // a synthetic parent of the document's value
};

} // namespace Gatehouse::Core
