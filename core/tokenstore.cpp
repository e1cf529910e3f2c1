#include "tokenstore.h"

#include <QCoreApplication>

#include <algorithm>

namespace Gatehouse::Core {

TokenStore::TokenStore(QObject *parent)
    : QAbstractListModel(parent)
{
}

QDateTime TokenStore::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

int TokenStore::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

QVariant TokenStore::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int id = m_order.at(index.row());
    const TokenSet &set = m_sets[id];
    switch (role) {
    case Qt::DisplayRole: {
        const qint64 left = now().secsTo(set.expiresAt);
        const QString expiry = !set.expiresAt.isValid() ? QString()
                               : left > 0 ? QCoreApplication::translate("TokenStore", "expires in %1 min").arg((left + 59) / 60)
                                          : QCoreApplication::translate("TokenStore", "expired");
        return expiry.isEmpty() ? set.label : QStringLiteral("%1 · %2").arg(set.label, expiry);
    }
    case Qt::ToolTipRole:
        return QCoreApplication::translate("TokenStore", "%1\nObtained by %2 at %3 UTC%4")
            .arg(set.label, set.source, set.obtainedAt.toString(QStringLiteral("HH:mm:ss")),
                 m_errors.contains(id) ? QStringLiteral("\n") + m_errors.value(id) : QString());
    case IdRole:
        return id;
    case ExpiresAtRole:
        return set.expiresAt;
    case LastErrorRole:
        return m_errors.value(id);
    default:
        return {};
    }
}

int TokenStore::add(const TokenSet &set)
{
    for (int id : std::as_const(m_order)) {
        if (m_sets[id].label != set.label)
            continue;
        m_sets[id] = set;
        m_errors.remove(id);
        const int row = int(m_order.indexOf(id));
        emit dataChanged(index(row), index(row));
        schedule(id);
        return id;
    }
    const int id = m_nextId++;
    beginInsertRows({}, int(m_order.size()), int(m_order.size()));
    m_sets.insert(id, set);
    m_order.append(id);
    endInsertRows();
    schedule(id);
    return id;
}

void TokenStore::remove(int id)
{
    const qsizetype row = m_order.indexOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, int(row), int(row));
    m_order.removeAt(row);
    m_sets.remove(id);
    m_errors.remove(id);
    delete m_timers.take(id);
    endRemoveRows();
}

const TokenSet *TokenStore::find(int id) const
{
    const auto it = m_sets.constFind(id);
    return it == m_sets.cend() ? nullptr : &it.value();
}

int TokenStore::idAt(int row) const
{
    return row >= 0 && row < m_order.size() ? m_order.at(row) : 0;
}

void TokenStore::schedule(int id)
{
    delete m_timers.take(id);
    const TokenSet &set = m_sets[id];
    if (!m_refresher || set.refreshToken.isEmpty() || !set.expiresAt.isValid())
        return;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    const qint64 due = now().msecsTo(set.expiresAt) - RefreshLeadSeconds * 1000;
    timer->start(int(std::clamp<qint64>(due, 0, 24LL * 3600 * 1000)));
    connect(timer, &QTimer::timeout, this, [this, id] { refresh(id); });
    m_timers.insert(id, timer);
}

void TokenStore::refresh(int id)
{
    const TokenSet *set = find(id);
    if (!set || !m_refresher || set->refreshToken.isEmpty())
        return;
    m_refresher(*set, [this, id, refreshToken = set->refreshToken](const Result<TokenSet> &renewed) {
        if (!m_sets.contains(id))
            return;
        const int row = int(m_order.indexOf(id));
        if (!renewed) {
            m_errors.insert(id, QCoreApplication::translate("TokenStore", "Refresh failed: %1").arg(renewed.error().message));
            emit dataChanged(index(row), index(row));
            emit refreshFailed(id, renewed.error().message);
            return;
        }
        TokenSet next = *renewed;
        if (next.refreshToken.isEmpty())
            next.refreshToken = refreshToken; // Cognito's REFRESH_TOKEN_AUTH keeps the refresh token
        if (next.label.isEmpty())
            next.label = m_sets[id].label;
        m_sets[id] = next;
        m_errors.remove(id);
        emit dataChanged(index(row), index(row));
        schedule(id);
        emit refreshed(id);
    });
}

} // namespace Gatehouse::Core
