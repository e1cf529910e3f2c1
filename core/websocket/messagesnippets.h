#pragma once

#include "core/result.h"

#include <QAbstractListModel>
#include <QList>
#include <QString>

namespace Gatehouse::Core {

// How a snippet's body is sent: the WebSocket composer's modes.
enum class SnippetKind
{
    Text,
    Json,
    Hex,
};

struct MessageSnippet
{
    QString name;
    SnippetKind kind = SnippetKind::Text;
    QString body;

    bool operator==(const MessageSnippet &other) const = default;
};

QString snippetKindName(SnippetKind kind); // "text", "json", "hex": the file's words

// The WebSocket composer's saved messages (Postman's "saved messages"), kept per user in one
// JSON file written atomically, so a message typed once can be sent again in any connection.
// Snippets are message bodies as the person typed them; nothing else goes into the file.
// A file that cannot be read is never overwritten: changes stay in memory and saving reports
// why, so nothing saved earlier is lost to a bad edit of the file.
class MessageSnippets : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        KindRole = Qt::UserRole + 1, // int: SnippetKind
        BodyRole,                    // QString
    };

    explicit MessageSnippets(QObject *parent = nullptr);

    // websocket-snippets.json in the application data folder.
    static QString defaultPath();

    // Reads path; a missing file is an empty list. On error the list is empty, the file is
    // left alone and every later change reports loadError() instead of saving.
    Result<void> load(const QString &path);
    QString path() const { return m_path; }
    const Error &loadError() const { return m_loadError; }

    const MessageSnippet &snippet(int row) const { return m_snippets.at(row); }
    int find(const QString &name) const;
    // Adds snippet, or replaces the body and kind of the one with the same name; saves.
    // Returns the snippet's row in the error-free case.
    Result<int> save(const MessageSnippet &snippet);
    Result<void> rename(int row, const QString &name);
    Result<void> remove(int row);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    // Qt::EditRole on a row renames it (so a list view can rename in place); a refused name
    // or a failed write is reported by problemOccurred.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

signals:
    void problemOccurred(const QString &message);

private:
    Result<void> write();
    Result<QString> checkedName(const QString &name, int exceptRow) const;

    QList<MessageSnippet> m_snippets;
    QString m_path;
    Error m_loadError;
};

} // namespace Gatehouse::Core
