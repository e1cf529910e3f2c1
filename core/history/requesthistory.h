#pragma once

#include "core/httpjob.h"
#include "core/requestspec.h"
#include "core/result.h"
#include "core/variables.h"

#include <QAbstractListModel>
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>
#include <optional>

class QThread;

namespace Gatehouse::Core::History {

// One exchange of the request builder as it is kept on disk: the request with every secret
// replaced, and the answer (headers, a capped body) or the transport error.
struct HistoryEntry
{
    QString id;
    QDateTime sentAt; // UTC
    RequestSpec request;
    bool answered = false; // false: error holds why no answer came
    QString error;
    int status = 0;
    QString reason;
    qint64 elapsedMs = 0;
    QList<QPair<QString, QString>> responseHeaders;
    QByteArray body;       // at most BodyCap bytes
    qint64 bodySize = 0;   // as received
    bool bodyTruncated = false;

    // "GET https://… — 200 · 123 ms · 12:04:05" (local time)
    QString summary() const;
    // The answer as the request builder shows it (body as kept), or the error.
    Result<HttpClientResponse> answer() const;
};

inline constexpr qint64 BodyCap = 256 * 1024;
inline constexpr QLatin1String Redacted("(redacted)");

// Authorization, Proxy-Authorization, Cookie, Set-Cookie, X-Amz-Security-Token, X-Api-Key and any
// name containing "token", "secret" or "password", regardless of case.
bool isSecretHeader(const QString &name);
// X-Amz-Signature, X-Amz-Credential, X-Amz-Security-Token, api_key, apikey, token, access_token.
bool isSecretQueryParameter(const QString &name);

// The request fit for keeping: non-secret {{variables}} filled in (secret ones stay references),
// auth without secrets (RequestAuth::withoutSecrets; a dropped bearer token, API key, secret key
// or session token becomes {{token}}, {{apiKey}}, … as the collection format asks) and secret header values and query
// parameters replaced by "(redacted)".
RequestSpec redactedRequest(const RequestSpec &spec, const Environment &environment);
HistoryEntry makeEntry(const RequestSpec &spec, const Environment &environment,
                       const Result<HttpClientResponse> &result, const QDateTime &sentAt);

// One JSON line (no newline) and back; nothing when the line is not an entry.
QByteArray entryLine(const HistoryEntry &entry);
std::optional<HistoryEntry> parseEntryLine(const QByteArray &line);
// The request and the answer without headers and body, for `gatehouse history --json`.
QByteArray summaryLine(const HistoryEntry &entry);

// Every request the GUI sent, newest first, so an answer from an hour ago can be found and the
// request sent again. Kept as JSON Lines, appended per exchange; bounded in entries and bytes.
class RequestHistory : public QAbstractListModel
{
    Q_OBJECT

public:
    struct Limits
    {
        int maxEntries = 500;
        qint64 maxBytes = 50 * 1024 * 1024;
    };
    enum Role { IdRole = Qt::UserRole + 1 };
    // InBackground: the model starts empty and fills when a worker thread has read the file
    // (loaded() then), so a 50 MB history does not hold up the window; whatever changes the
    // history meanwhile waits for the worker first.
    enum class Loading { Now, InBackground };

    // Loads the file at path (a missing file is an empty history; broken lines are skipped).
    explicit RequestHistory(const QString &path, QObject *parent = nullptr);
    RequestHistory(const QString &path, Limits limits, QObject *parent = nullptr);
    RequestHistory(const QString &path, Limits limits, Loading loading, QObject *parent = nullptr);
    ~RequestHistory() override;

    bool isLoading() const { return m_loader != nullptr; }
    // Blocks until a background load is applied; at once when there is none.
    void waitForLoaded();

    // history.jsonl in the application data folder (QStandardPaths::AppDataLocation).
    static QString defaultPath();

    QString path() const { return m_path; }
    int skippedLines() const { return m_skipped; }
    qint64 fileBytes() const { return m_fileBytes; }
    // Oldest first.
    const QList<HistoryEntry> &entries() const { return m_entries; }
    // Newest first: every entry whose method, URL, status or body text holds text (any case).
    QList<HistoryEntry> search(const QString &text) const;

    Result<void> add(const HistoryEntry &entry);
    Result<void> clear();

    // The rows of the model are the entries matching the filter, newest first.
    void setFilter(const QString &text);
    QString filter() const { return m_filter; }
    std::optional<HistoryEntry> entryAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();

private:
    struct FileContents
    {
        QList<HistoryEntry> entries;
        QList<qint64> lineBytes;
        qint64 fileBytes = 0;
        int skipped = 0;
    };
    static FileContents readFile(const QString &path); // thread-safe
    void apply(FileContents contents);
    void load();
    bool overLimits(int slackPercent = 0) const;
    void dropOldest();
    Result<void> rewrite();
    void refilter();

    QString m_path;
    Limits m_limits;
    QList<HistoryEntry> m_entries;
    QList<qint64> m_lineBytes; // per entry, with its newline
    qint64 m_fileBytes = 0;
    int m_skipped = 0;
    QString m_filter;
    QList<int> m_rows; // indices into m_entries, newest first
    QThread *m_loader = nullptr;
    std::shared_ptr<FileContents> m_loaded; // the worker's result
};

bool matches(const HistoryEntry &entry, const QString &text);

} // namespace Gatehouse::Core::History
