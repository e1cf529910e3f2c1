#include "requesthistory.h"

#include "core/collection/collectionformat.h"
#include "core/urlquery.h"

#include <QDir>
#include <QFile>
#include <QThread>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

namespace Gatehouse::Core::History {

namespace {

// Fills in the environment's enabled, non-secret variables and keeps every other {{name}}.
QString fillPublicVariables(const QString &text, const Environment &environment)
{
    static const QRegularExpression reference(QStringLiteral("\\{\\{\\s*([\\w.-]+)\\s*\\}\\}"));
    QString result;
    qsizetype at = 0;
    QRegularExpressionMatchIterator it = reference.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        result += text.mid(at, match.capturedStart() - at);
        const EnvironmentVariable *found = nullptr;
        for (const EnvironmentVariable &variable : environment.variables) {
            if (variable.enabled && variable.key == match.captured(1))
                found = &variable;
        }
        result += found && !found->secret ? found->value : match.captured(0);
        at = match.capturedEnd();
    }
    return result + text.mid(at);
}

QString redactQuery(const QString &url)
{
    QList<QueryParam> params = UrlQuery::paramsFromUrl(url);
    bool changed = false;
    for (QueryParam &param : params) {
        if (param.hasValue && isSecretQueryParameter(param.key)) {
            param.value = Redacted;
            changed = true;
        }
    }
    return changed ? UrlQuery::replaceQuery(url, params) : url;
}

// A secret that withoutSecrets() dropped becomes the {{variable}} the collection format asks
// for, so the request can be written and, opened again, names what to fill in.
RequestAuth authForKeeping(const RequestAuth &auth)
{
    RequestAuth kept = auth.withoutSecrets();
    const auto hole = [](QString &field, const char *name) {
        if (field.trimmed().isEmpty())
            field = QStringLiteral("{{%1}}").arg(QLatin1String(name));
    };
    switch (kept.kind) {
    case AuthKind::Bearer:
        hole(kept.bearerToken, "token");
        break;
    case AuthKind::ApiKey:
        hole(kept.apiKeyValue, "apiKey");
        break;
    case AuthKind::AwsSigV4:
        hole(kept.secretAccessKey, "awsSecretAccessKey");
        hole(kept.sessionToken, "awsSessionToken");
        break;
    case AuthKind::Basic: // an empty password may be written
    case AuthKind::OAuth2: // secrets in clear were dropped; an empty one may be written
    case AuthKind::None:
        break;
    }
    return kept;
}

bool isUtf8(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

QJsonObject requestObject(const RequestSpec &spec)
{
    Collection::CollectionRequest request;
    request.spec = spec;
    request.inheritAuth = false;
    const Result<QByteArray> text = Collection::requestFileText(request);
    return text ? QJsonDocument::fromJson(*text).object() : QJsonObject();
}

std::optional<RequestSpec> parseRequestObject(const QJsonObject &object)
{
    QList<Collection::LoadProblem> problems;
    const std::optional<Collection::CollectionRequest> request =
        Collection::parseRequestFile(QJsonDocument(object).toJson(), problems);
    if (!request)
        return std::nullopt;
    return request->spec;
}

QJsonObject summaryObject(const HistoryEntry &entry)
{
    QJsonObject object;
    object.insert(QStringLiteral("id"), entry.id);
    object.insert(QStringLiteral("sentAt"), entry.sentAt.toUTC().toString(Qt::ISODateWithMs));
    object.insert(QStringLiteral("request"), requestObject(entry.request));
    if (!entry.answered) {
        object.insert(QStringLiteral("error"), entry.error);
        return object;
    }
    object.insert(QStringLiteral("status"), entry.status);
    object.insert(QStringLiteral("reason"), entry.reason);
    object.insert(QStringLiteral("elapsedMs"), entry.elapsedMs);
    object.insert(QStringLiteral("bodySize"), entry.bodySize);
    object.insert(QStringLiteral("bodyTruncated"), entry.bodyTruncated);
    return object;
}

} // namespace

bool isSecretHeader(const QString &name)
{
    static const QStringList names = {
        QStringLiteral("authorization"),        QStringLiteral("proxy-authorization"),
        QStringLiteral("cookie"),               QStringLiteral("set-cookie"),
        QStringLiteral("x-amz-security-token"), QStringLiteral("x-api-key")};
    const QString lower = name.trimmed().toLower();
    return names.contains(lower) || lower.contains(QLatin1String("token")) ||
           lower.contains(QLatin1String("secret")) || lower.contains(QLatin1String("password"));
}

bool isSecretQueryParameter(const QString &name)
{
    static const QStringList names = {
        QStringLiteral("x-amz-signature"),      QStringLiteral("x-amz-credential"),
        QStringLiteral("x-amz-security-token"), QStringLiteral("api_key"),
        QStringLiteral("apikey"),               QStringLiteral("token"),
        QStringLiteral("access_token")};
    return names.contains(name.trimmed().toLower());
}

RequestSpec redactedRequest(const RequestSpec &spec, const Environment &environment)
{
    RequestSpec kept = spec;
    kept.auth = authForKeeping(spec.auth);
    kept.url = redactQuery(fillPublicVariables(spec.url, environment));
    kept.body = fillPublicVariables(spec.body, environment);
    for (HeaderEntry &header : kept.headers) {
        header.name = fillPublicVariables(header.name, environment);
        header.value = isSecretHeader(header.name) ? QString(Redacted)
                                                   : fillPublicVariables(header.value, environment);
    }
    return kept;
}

HistoryEntry makeEntry(const RequestSpec &spec, const Environment &environment,
                       const Result<HttpClientResponse> &result, const QDateTime &sentAt)
{
    HistoryEntry entry;
    entry.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    entry.sentAt = sentAt.toUTC();
    entry.request = redactedRequest(spec, environment);
    if (!result) {
        entry.error = maskSecretValues(result.error().message, environment);
        return entry;
    }
    entry.answered = true;
    entry.status = result->status;
    entry.reason = QString::fromUtf8(result->reason);
    entry.elapsedMs = result->elapsedMs;
    for (const HttpHeaders::Field &field : result->headers.fields()) {
        const QString name = QString::fromLatin1(field.first);
        entry.responseHeaders.append(
            {name, isSecretHeader(name) ? QString(Redacted)
                                        : maskSecretValues(QString::fromUtf8(field.second), environment)});
    }
    entry.bodySize = result->body.size();
    entry.bodyTruncated = entry.bodySize > BodyCap;
    // A server that echoes the request (httpbin, a debug endpoint) hands the secret back.
    entry.body = maskSecretValues(result->body.left(BodyCap), environment);
    return entry;
}

QString HistoryEntry::summary() const
{
    const QString time = sentAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    const QString what = request.method + QLatin1Char(' ') + request.url.trimmed();
    if (!answered)
        return QStringLiteral("%1 \u2014 %2 \u00b7 %3").arg(what, error, time);
    return QStringLiteral("%1 \u2014 %2 \u00b7 %3 ms \u00b7 %4")
        .arg(what, QString::number(status), QString::number(elapsedMs), time);
}

Result<HttpClientResponse> HistoryEntry::answer() const
{
    if (!answered)
        return makeError(ErrorCode::Internal, error);
    HttpClientResponse response;
    response.status = status;
    response.reason = reason.toUtf8();
    for (const auto &[name, value] : responseHeaders)
        response.headers.add(name.toLatin1(), value.toUtf8());
    response.body = body;
    response.bytes = bodySize;
    response.elapsedMs = elapsedMs;
    response.timing.totalMs = elapsedMs;
    response.httpVersion = "HTTP/1.1";
    return response;
}

QByteArray entryLine(const HistoryEntry &entry)
{
    QJsonObject object = summaryObject(entry);
    if (object.value(QStringLiteral("request")).toObject().isEmpty())
        return {};
    if (entry.answered) {
        QJsonArray headers;
        for (const auto &[name, value] : entry.responseHeaders)
            headers.append(QJsonArray{name, value});
        object.insert(QStringLiteral("headers"), headers);
        if (isUtf8(entry.body))
            object.insert(QStringLiteral("body"), QString::fromUtf8(entry.body));
        else
            object.insert(QStringLiteral("bodyBase64"), QString::fromLatin1(entry.body.toBase64()));
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray summaryLine(const HistoryEntry &entry)
{
    return QJsonDocument(summaryObject(entry)).toJson(QJsonDocument::Compact);
}

std::optional<HistoryEntry> parseEntryLine(const QByteArray &line)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    HistoryEntry entry;
    entry.id = object.value(QStringLiteral("id")).toString();
    entry.sentAt = QDateTime::fromString(object.value(QStringLiteral("sentAt")).toString(),
                                         Qt::ISODateWithMs);
    const std::optional<RequestSpec> request =
        parseRequestObject(object.value(QStringLiteral("request")).toObject());
    if (entry.id.isEmpty() || !entry.sentAt.isValid() || !request)
        return std::nullopt;
    entry.request = *request;
    if (object.contains(QStringLiteral("error"))) {
        entry.error = object.value(QStringLiteral("error")).toString();
        return entry;
    }
    entry.answered = true;
    entry.status = object.value(QStringLiteral("status")).toInt();
    entry.reason = object.value(QStringLiteral("reason")).toString();
    entry.elapsedMs = object.value(QStringLiteral("elapsedMs")).toInteger();
    for (const QJsonValue &header : object.value(QStringLiteral("headers")).toArray()) {
        const QJsonArray pair = header.toArray();
        entry.responseHeaders.append({pair.at(0).toString(), pair.at(1).toString()});
    }
    if (object.contains(QStringLiteral("bodyBase64")))
        entry.body = QByteArray::fromBase64(
            object.value(QStringLiteral("bodyBase64")).toString().toLatin1());
    else
        entry.body = object.value(QStringLiteral("body")).toString().toUtf8();
    entry.bodySize = object.value(QStringLiteral("bodySize")).toInteger();
    entry.bodyTruncated = object.value(QStringLiteral("bodyTruncated")).toBool();
    return entry;
}

bool matches(const HistoryEntry &entry, const QString &text)
{
    if (text.isEmpty())
        return true;
    const auto has = [&text](const QString &haystack) {
        return haystack.contains(text, Qt::CaseInsensitive);
    };
    if (has(entry.request.method) || has(entry.request.url) ||
        (entry.answered && has(QString::number(entry.status))))
        return true;
    // An ASCII needle is found in the UTF-8 bytes as they are: no byte of a multi-byte
    // sequence folds to ASCII, and 500 bodies of 256 KB are not decoded per keystroke.
    bool ascii = true;
    for (const QChar c : text)
        ascii = ascii && c.unicode() < 0x80;
    if (ascii)
        return QLatin1String(entry.body).contains(text, Qt::CaseInsensitive);
    return has(QString::fromUtf8(entry.body));
}

RequestHistory::RequestHistory(const QString &path, QObject *parent)
    : RequestHistory(path, Limits{}, parent)
{
}

RequestHistory::RequestHistory(const QString &path, Limits limits, QObject *parent)
    : RequestHistory(path, limits, Loading::Now, parent)
{
}

RequestHistory::RequestHistory(const QString &path, Limits limits, Loading loading, QObject *parent)
    : QAbstractListModel(parent)
    , m_path(path)
    , m_limits(limits)
{
    if (loading == Loading::Now) {
        load();
        return;
    }
    m_loaded = std::make_shared<FileContents>();
    m_loader = QThread::create([path, result = m_loaded] { *result = readFile(path); });
    connect(m_loader, &QThread::finished, this, [this] { waitForLoaded(); });
    m_loader->start();
}

RequestHistory::~RequestHistory()
{
    if (m_loader) {
        m_loader->wait();
        delete m_loader;
    }
}

void RequestHistory::waitForLoaded()
{
    if (!m_loader)
        return;
    m_loader->wait();
    delete std::exchange(m_loader, nullptr);
    beginResetModel();
    apply(std::move(*std::exchange(m_loaded, nullptr)));
    endResetModel();
    Q_EMIT loaded();
}

QString RequestHistory::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/history.jsonl");
}

RequestHistory::FileContents RequestHistory::readFile(const QString &path)
{
    FileContents contents;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return contents;
    const QByteArray all = file.readAll();
    contents.fileBytes = all.size();
    for (const QByteArray &line : all.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        if (std::optional<HistoryEntry> entry = parseEntryLine(line)) {
            contents.entries.append(std::move(*entry));
            contents.lineBytes.append(line.size() + 1);
        } else {
            ++contents.skipped;
        }
    }
    return contents;
}

void RequestHistory::apply(FileContents contents)
{
    m_entries = std::move(contents.entries);
    m_lineBytes = std::move(contents.lineBytes);
    m_fileBytes = contents.fileBytes;
    m_skipped = contents.skipped;
    if (overLimits()) {
        dropOldest();
        (void)rewrite(); // a read-only disk still gives the history in memory
    }
    refilter();
}

void RequestHistory::load()
{
    apply(readFile(m_path));
}

bool RequestHistory::overLimits(int slack) const
{
    qint64 bytes = 0;
    for (const qint64 size : m_lineBytes)
        bytes += size;
    return m_entries.size() > m_limits.maxEntries - m_limits.maxEntries * slack / 100 ||
           bytes > m_limits.maxBytes - m_limits.maxBytes * slack / 100;
}

void RequestHistory::dropOldest()
{
    // A tenth below the limits, so a full history is rewritten every ~50 sends, not every send.
    while (overLimits(10) && m_entries.size() > 1) {
        m_entries.removeFirst();
        m_lineBytes.removeFirst();
    }
}

Result<void> RequestHistory::rewrite()
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, QStringLiteral("Cannot write the history to %1: %2")
                                            .arg(m_path, file.errorString()));
    qint64 bytes = 0;
    m_lineBytes.clear();
    for (const HistoryEntry &entry : std::as_const(m_entries)) {
        const QByteArray line = entryLine(entry) + '\n';
        file.write(line);
        m_lineBytes.append(line.size());
        bytes += line.size();
    }
    if (!file.commit())
        return makeError(ErrorCode::Io, QStringLiteral("Cannot write the history to %1: %2")
                                            .arg(m_path, file.errorString()));
    m_fileBytes = bytes;
    return {};
}

Result<void> RequestHistory::add(const HistoryEntry &entry)
{
    waitForLoaded(); // the file is appended to only once the worker has read it
    const QByteArray line = entryLine(entry) + '\n';
    if (line.size() == 1)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The request could not be written to the history."));
    m_entries.append(entry);
    m_lineBytes.append(line.size());
    if (overLimits()) {
        beginResetModel();
        dropOldest();
        refilter();
        endResetModel();
        return rewrite();
    }
    if (matches(entry, m_filter)) {
        beginInsertRows({}, 0, 0);
        m_rows.prepend(int(m_entries.size() - 1));
        endInsertRows();
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append) || file.write(line) != line.size())
        return makeError(ErrorCode::Io, QStringLiteral("Cannot add to the history at %1: %2")
                                            .arg(m_path, file.errorString()));
    m_fileBytes += line.size();
    return {};
}

Result<void> RequestHistory::clear()
{
    waitForLoaded();
    beginResetModel();
    m_entries.clear();
    m_lineBytes.clear();
    m_rows.clear();
    m_skipped = 0;
    endResetModel();
    if (QFile::exists(m_path) && !QFile::remove(m_path))
        return makeError(ErrorCode::Io, QStringLiteral("Cannot remove %1.").arg(m_path));
    m_fileBytes = 0;
    return {};
}

QList<HistoryEntry> RequestHistory::search(const QString &text) const
{
    QList<HistoryEntry> found;
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it) {
        if (matches(*it, text))
            found.append(*it);
    }
    return found;
}

void RequestHistory::setFilter(const QString &text)
{
    if (text == m_filter)
        return;
    beginResetModel();
    m_filter = text;
    refilter();
    endResetModel();
}

void RequestHistory::refilter()
{
    m_rows.clear();
    for (qsizetype i = m_entries.size() - 1; i >= 0; --i) {
        if (matches(m_entries.at(i), m_filter))
            m_rows.append(int(i));
    }
}

std::optional<HistoryEntry> RequestHistory::entryAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return std::nullopt;
    return m_entries.at(m_rows.at(row));
}

int RequestHistory::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant RequestHistory::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryEntry &entry = m_entries.at(m_rows.at(index.row()));
    switch (role) {
    case Qt::DisplayRole:
        return entry.summary();
    case Qt::ToolTipRole:
        return QString(entry.request.method + QLatin1Char(' ') + entry.request.url);
    case IdRole:
        return entry.id;
    default:
        return {};
    }
}

} // namespace Gatehouse::Core::History
