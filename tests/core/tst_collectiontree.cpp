// The collections sidebar's model and the edits behind it: the tree of the bakery fixture,
// broken files shown as problem items, edits that keep files which did not load, one-file
// saves byte for byte, and an OpenAPI import (Petstore, copied unchanged) as a collection.
#include "core/collection/collectionedit.h"
#include "core/collection/collectionformat.h"
#include "core/collection/collectiontreemodel.h"
#include "core/import/openapiimport.h"

#include <QAbstractItemModelTester>
#include <QDirIterator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse::Core::Collection;
using Gatehouse::Core::AuthKind;
using Gatehouse::Core::Environment;
using Gatehouse::Core::RequestAuth;
using Gatehouse::Core::Result;
using Model = CollectionTreeModel;

namespace {

const QString Data = QStringLiteral(GATEHOUSE_TEST_DATA);

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Copies a fixture collection into dir, so edits never touch tests/data.
bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(path);
        if (!QDir().mkpath(QFileInfo(target).path()) || !QFile::copy(path, target))
            return false;
    }
    return true;
}

QStringList childNames(const QAbstractItemModel &model, const QModelIndex &parent)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names.append(model.index(row, 0, parent).data().toString());
    return names;
}

} // namespace

class tst_CollectionTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bakeryTree();
    void brokenFilesStayVisible();
    void editKeepsBrokenFiles();
    void editRefusedWhenFolderFileBroken();
    void saveRequestWritesOneFileByteForByte();
    void inheritedAuthAndVariableOrder();
    void petstoreImportAsCollection();
    void createCollectionNeedsEmptyFolder();
};

void tst_CollectionTree::bakeryTree()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.openCollection(Data + QStringLiteral("/collections/bakery")));
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex top = model.index(0, 0);
    QCOMPARE(top.data().toString(), QStringLiteral("Bakery"));
    QCOMPARE(childNames(model, top), (QStringList{QStringLiteral("GET  Get a snack"), QStringLiteral("Orders")}));
    const QModelIndex orders = model.index(1, 0, top);
    QCOMPARE(model.kind(orders), Model::Kind::Folder);
    QCOMPARE(orders.data(Model::FolderRole).toString(), QStringLiteral("orders"));
    QCOMPARE(model.rowCount(orders), 2);
    const QModelIndex create = model.index(0, 0, orders);
    const RequestLocation location = model.location(create);
    QCOMPARE(location.folder, QStringLiteral("orders"));
    QCOMPARE(location.fileStem, QStringLiteral("create-order"));
    QVERIFY(QFileInfo::exists(location.filePath()));
    QCOMPARE(model.indexFor(location), create);
    QVERIFY(requestAt(model.collection(location.collection)->collection, location));
    // Opening it again reloads instead of adding a second copy.
    QVERIFY(model.openCollection(Data + QStringLiteral("/collections/bakery/")));
    QCOMPARE(model.rowCount(), 1);
    model.closeCollection(location.collection);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.openCollection(Data + QStringLiteral("/collections")));
}

void tst_CollectionTree::brokenFilesStayVisible()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.openCollection(Data + QStringLiteral("/collections/broken")));
    const QModelIndex top = model.index(0, 0);
    QStringList problems;
    for (int row = 0; row < model.rowCount(top); ++row) {
        const QModelIndex item = model.index(row, 0, top);
        if (model.kind(item) == Model::Kind::Problem)
            problems.append(item.data().toString());
    }
    // Each broken request file is an item saying where and why, not a gap in the tree.
    QVERIFY2(problems.size() >= 4, qPrintable(problems.join(QLatin1Char('\n'))));
    QVERIFY2(std::any_of(problems.cbegin(), problems.cend(),
                         [](const QString &p) {
                             return p.startsWith(QStringLiteral("missing-comma.request.json \u2014 "))
                                 && p.contains(QRegularExpression(QStringLiteral("\\d+:\\d+: ")));
                         }),
             qPrintable(problems.join(QLatin1Char('\n'))));
}

void tst_CollectionTree::editKeepsBrokenFiles()
{
    QTemporaryDir dir;
    QVERIFY(copyTree(Data + QStringLiteral("/collections/broken"), dir.path()));
    const QByteArray brokenBefore = readFile(dir.filePath(QStringLiteral("missing-comma.request.json")));
    QVERIFY(!brokenBefore.isEmpty());
    const Result<Collection> edited = editCollection(dir.path(), [](Collection &collection) -> Result<void> {
        CollectionItem item;
        item.request.name = QStringLiteral("Added");
        item.request.spec.url = QStringLiteral("http://127.0.0.1:1/added");
        collection.root.items.push_back(item);
        return {};
    });
    QVERIFY2(edited, qPrintable(edited ? QString() : edited.error().message));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("added.request.json"))));
    // A save of the whole collection would have removed the files that did not load.
    QCOMPARE(readFile(dir.filePath(QStringLiteral("missing-comma.request.json"))), brokenBefore);
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("unknown-field.request.json"))));
}

void tst_CollectionTree::editRefusedWhenFolderFileBroken()
{
    QTemporaryDir dir;
    QVERIFY(copyTree(Data + QStringLiteral("/collections/bakery"), dir.path()));
    const QString folderFile = dir.filePath(QStringLiteral("orders/folder.json"));
    QFile file(folderFile);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("{\"name\": \"Orders\", \"order\": [\"list-orders.request.json\" \"x\"]}\n");
    file.close();
    const QByteArray before = readFile(folderFile);
    const Result<Collection> edited = editCollection(dir.path(), [](Collection &) -> Result<void> { return {}; });
    QVERIFY(!edited);
    QVERIFY2(edited.error().message.contains(QLatin1String("folder.json")), qPrintable(edited.error().message));
    QCOMPARE(readFile(folderFile), before);
}

void tst_CollectionTree::saveRequestWritesOneFileByteForByte()
{
    QTemporaryDir dir;
    QVERIFY(copyTree(Data + QStringLiteral("/collections/bakery"), dir.path()));
    const Result<LoadedCollection> loaded = loadCollection(dir.path());
    QVERIFY(loaded);
    const RequestLocation location{QDir::cleanPath(dir.path()), QStringLiteral("orders"),
                                   QStringLiteral("list-orders")};
    const CollectionRequest *request = requestAt(loaded->collection, location);
    QVERIFY(request);
    const QByteArray before = readFile(location.filePath());
    QVERIFY(saveRequest(location, *request));
    QCOMPARE(readFile(location.filePath()), before); // unchanged request, same bytes

    CollectionRequest changed = *request;
    changed.spec.url = QStringLiteral("{{base}}/orders?limit=5");
    QVERIFY(saveRequest(location, changed));
    QByteArray expected = before;
    expected.replace("\"url\": \"{{base}}/orders?limit=10\"", "\"url\": \"{{base}}/orders?limit=5\"");
    QVERIFY(expected != before);
    QCOMPARE(readFile(location.filePath()), expected);

    changed.spec.auth.kind = AuthKind::Bearer;
    changed.inheritAuth = false;
    changed.spec.auth.bearerToken = QStringLiteral("eyJ.secret.token");
    QVERIFY(!saveRequest(location, changed)); // a secret in clear is never written
    QCOMPARE(readFile(location.filePath()), expected);
}

void tst_CollectionTree::inheritedAuthAndVariableOrder()
{
    RequestAuth collectionAuth;
    collectionAuth.kind = AuthKind::Bearer;
    collectionAuth.bearerToken = QStringLiteral("{{token}}");
    RequestAuth own;
    own.kind = AuthKind::Basic;
    QStringList missing;
    QCOMPARE(effectiveAuth(true, own, collectionAuth, {}, missing).kind, AuthKind::Bearer);
    QCOMPARE(effectiveAuth(false, own, collectionAuth, {}, missing).kind, AuthKind::Basic);

    Environment environment;
    environment.name = QStringLiteral("dev");
    environment.variables = {{QStringLiteral("base"), QStringLiteral("http://env")},
                             {QStringLiteral("local"), QStringLiteral("tab")}};
    const Environment merged = variablesFor({{QStringLiteral("base"), QStringLiteral("http://collection")},
                                             {QStringLiteral("only"), QStringLiteral("collection")}},
                                            environment);
    QCOMPARE(merged.name, QStringLiteral("dev"));
    QCOMPARE(merged.value(QStringLiteral("base")), QStringLiteral("http://env")); // environment wins
    QCOMPARE(merged.value(QStringLiteral("only")), QStringLiteral("collection"));
    QCOMPARE(merged.value(QStringLiteral("local")), QStringLiteral("tab"));
}

void tst_CollectionTree::petstoreImportAsCollection()
{
    const QString file = Data + QStringLiteral("/import/petstore-v3.0.yaml");
    const auto result = Gatehouse::Core::Import::importOpenApi(readFile(file), file);
    QCOMPARE(result.requests.size(), 3);
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("petstore"));
    const Result<Collection> created = createCollection(target, collectionFromImport(result));
    QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
    const Result<LoadedCollection> loaded = loadCollection(target);
    QVERIFY(loaded);
    QVERIFY(loaded->problems.isEmpty());
    QCOMPARE(loaded->collection.name, QStringLiteral("Swagger Petstore"));
    const QList<RequestRef> requests = requestsInOrder(loaded->collection.root);
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests.at(0).path, QStringLiteral("pets / listPets"));
    QCOMPARE(requests.at(0).request->spec.url, QStringLiteral("{{baseUrl}}/pets"));
    Environment variables;
    variables.variables = loaded->collection.variables;
    QCOMPARE(variables.value(QStringLiteral("baseUrl")), QStringLiteral("http://petstore.swagger.io/v1"));
}

void tst_CollectionTree::createCollectionNeedsEmptyFolder()
{
    QTemporaryDir dir;
    QFile stray(dir.filePath(QStringLiteral("notes.txt")));
    QVERIFY(stray.open(QIODevice::WriteOnly));
    stray.close();
    Collection collection;
    collection.name = QStringLiteral("New");
    const Result<Collection> created = createCollection(dir.path(), collection);
    QVERIFY(!created);
    QVERIFY2(created.error().message.contains(QLatin1String("not empty")), qPrintable(created.error().message));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("collection.json"))));
}

QTEST_GUILESS_MAIN(tst_CollectionTree)
#include "tst_collectiontree.moc"
