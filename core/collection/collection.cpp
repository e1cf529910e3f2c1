#include "collection.h"

#include <QSet>

namespace Gatehouse::Core::Collection {

namespace {

QString uniqueStem(const QString &base, QSet<QString> &taken)
{
    QString stem = base;
    for (int n = 2; taken.contains(stem.toLower()); ++n)
        stem = QStringLiteral("%1-%2").arg(base).arg(n);
    taken.insert(stem.toLower());
    return stem;
}

} // namespace

QString slugFor(const QString &name)
{
    constexpr qsizetype MaximumLength = 60;
    QString slug;
    bool dash = false;
    for (const QChar c : name.normalized(QString::NormalizationForm_KD)) {
        if (c.unicode() < 0x80 && c.isLetterOrNumber()) {
            if (dash && !slug.isEmpty())
                slug += QLatin1Char('-');
            slug += c.toLower();
            dash = false;
        } else if (c.category() != QChar::Mark_NonSpacing) {
            dash = true;
        }
        if (slug.size() >= MaximumLength)
            break;
    }
    return slug.isEmpty() ? QStringLiteral("request") : slug;
}

void assignFileNames(CollectionFolder &folder)
{
    QSet<QString> requestStems;
    QSet<QString> directories;
    struct Pending
    {
        QString *stem;
        QString name;
        QSet<QString> *taken;
    };
    QList<Pending> pending;
    // Keep the names items have, unless unsafe or already taken by an earlier item.
    for (CollectionItem &item : folder.items) {
        const bool isRequest = item.kind == CollectionItem::Kind::Request;
        QString &stem = isRequest ? item.request.fileStem : item.folder.directory;
        QSet<QString> &taken = isRequest ? requestStems : directories;
        if (isSafeFileName(stem) && !taken.contains(stem.toLower()))
            taken.insert(stem.toLower());
        else
            pending.append({&stem, isRequest ? item.request.name : item.folder.name, &taken});
    }
    for (const Pending &item : std::as_const(pending))
        *item.stem = uniqueStem(slugFor(item.name), *item.taken);
    for (CollectionItem &item : folder.items) {
        if (item.kind == CollectionItem::Kind::Folder)
            assignFileNames(item.folder);
    }
}

bool isSafeFileName(const QString &name)
{
    if (name.isEmpty() || name.size() > 200 || name.startsWith(QLatin1Char('.')))
        return false;
    for (const QChar c : name) {
        if (c == QLatin1Char('/') || c == QLatin1Char('\\') || c.unicode() < 0x20)
            return false;
    }
    return true;
}

const CollectionFolder *findFolder(const CollectionFolder &root, const QString &path)
{
    const CollectionFolder *folder = &root;
    for (const QString &part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        const QString wanted = part.trimmed();
        const CollectionFolder *next = nullptr;
        for (const CollectionItem &item : folder->items) {
            if (item.kind == CollectionItem::Kind::Folder &&
                (item.folder.name == wanted || item.folder.directory == wanted)) {
                next = &item.folder;
                break;
            }
        }
        if (!next)
            return nullptr;
        folder = next;
    }
    return folder;
}

QList<RequestRef> requestsInOrder(const CollectionFolder &folder, const QString &prefix)
{
    QList<RequestRef> refs;
    for (const CollectionItem &item : folder.items) {
        if (item.kind == CollectionItem::Kind::Request)
            refs.append({&item.request, prefix + item.request.name});
        else
            refs += requestsInOrder(item.folder, prefix + item.folder.name + QStringLiteral(" / "));
    }
    return refs;
}

QString folderPrefix(const CollectionFolder &root, const CollectionFolder *folder)
{
    for (const CollectionItem &item : root.items) {
        if (item.kind != CollectionItem::Kind::Folder)
            continue;
        const QString own = item.folder.name + QStringLiteral(" / ");
        if (&item.folder == folder)
            return own;
        if (const QString below = folderPrefix(item.folder, folder); !below.isEmpty())
            return own + below;
    }
    return {};
}

Environment variablesFor(const QList<EnvironmentVariable> &collectionVariables,
                         const Environment &environment)
{
    Environment merged;
    merged.name = environment.name;
    merged.variables = collectionVariables + environment.variables;
    return merged;
}

RequestAuth effectiveAuth(bool inheritAuth, const RequestAuth &own,
                          const RequestAuth &collectionAuth, const Environment &environment,
                          QStringList &missing)
{
    RequestAuth auth = inheritAuth ? collectionAuth : own;
    if (auth.kind != AuthKind::AwsSigV4)
        return auth;
    for (QString *field : {&auth.accessKeyId, &auth.secretAccessKey, &auth.sessionToken,
                           &auth.profile, &auth.service, &auth.region}) {
        for (const QString &name : unresolvedVariables(*field, environment)) {
            if (!missing.contains(name))
                missing.append(name);
        }
        if (const Result<QString> value = substitute(*field, environment))
            *field = *value;
    }
    return auth;
}

} // namespace Gatehouse::Core::Collection
