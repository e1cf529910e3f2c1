#pragma once

#include "result.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QTimer>

#include <functional>

namespace Gatehouse::Core {

// The tokens of one sign-in (ID, access, refresh), where they came from and when they expire.
struct TokenSet
{
    QString label;        // "alice @ us-east-1_Bakery (bakery-app)"
    QString idToken;
    QString accessToken;
    QString refreshToken; // empty: cannot be refreshed
    QDateTime obtainedAt; // UTC
    QDateTime expiresAt;  // UTC; of the ID and access tokens
    QString source;       // "SRP", "password", "hosted UI", "client credentials", "refresh"
};

// Tokens obtained in this run, for every tool to use as Bearer. Tokens are secrets: they live
// in memory only, are never written to settings, history or workspace files, and the model
// shows them masked. With a refresher, a set with a refresh token is renewed a minute before it
// expires; a failed refresh keeps the old set and says why.
class TokenStore : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        ExpiresAtRole,
        LastErrorRole,
    };
    // Renews `set` with its refresh token and reports the new set (or why not) exactly once.
    using Refresher = std::function<void(const TokenSet &set, std::function<void(const Result<TokenSet> &)> done)>;

    explicit TokenStore(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    // Adds a set and returns its id; a set with the same label replaces the old one.
    int add(const TokenSet &set);
    void remove(int id);
    const TokenSet *find(int id) const;
    int idAt(int row) const;
    QList<int> ids() const { return m_order; }

    void setRefresher(Refresher refresher) { m_refresher = std::move(refresher); }
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    // Renews now (also what the timer calls); no-op without a refresher or refresh token.
    void refresh(int id);
    QString lastError(int id) const { return m_errors.value(id); }
    static constexpr int RefreshLeadSeconds = 60;

signals:
    void refreshed(int id);
    void refreshFailed(int id, const QString &reason);

private:
    void schedule(int id);
    QDateTime now() const;

    QHash<int, TokenSet> m_sets;
    QHash<int, QTimer *> m_timers;
    QHash<int, QString> m_errors;
    QList<int> m_order;
    int m_nextId = 1;
    Refresher m_refresher;
    std::function<QDateTime()> m_clock;
};

} // namespace Gatehouse::Core
