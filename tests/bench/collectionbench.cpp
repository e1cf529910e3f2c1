#include "benches.h"
#include "core/collection/collectionstore.h"
#include "ui/collections/collectionspanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QTreeView>
#include <QTemporaryDir>
#include <algorithm>

using namespace Gatehouse::Core::Collection;

namespace {

// A request as people write them: a few headers, a JSON body, bearer auth by variable, tests.
CollectionItem benchRequest(int n)
{
    CollectionItem item;
    CollectionRequest &request = item.request;
    request.name = QStringLiteral("Order %1: create and check").arg(n);
    request.spec.method = QStringLiteral("POST");
    request.spec.url = QStringLiteral("{{base}}/orders/%1?expand=items&limit=10").arg(n);
    request.spec.headers = {{true, QStringLiteral("Accept"), QStringLiteral("application/json")},
                            {true, QStringLiteral("X-Request-Id"), QStringLiteral("{{$guid}}")},
                            {false, QStringLiteral("X-Debug"), QStringLiteral("1")}};
    request.spec.bodyKind = Gatehouse::Core::BodyKind::Json;
    request.spec.body =
        QStringLiteral(
            "{\n  \"item\": \"rye sourdough\",\n  \"count\": %1,\n  \"note\": \"ring twice\"\n}")
            .arg(n);
    request.inheritAuth = false;
    request.spec.auth.kind = Gatehouse::Core::AuthKind::Bearer;
    request.spec.auth.bearerToken = QStringLiteral("{{token}}");
    Assertion status;
    status.status = 201;
    Assertion path;
    path.kind = Assertion::Kind::JsonPath;
    path.subject = QStringLiteral("$.order.items[0].count");
    path.expected = QString::number(n);
    Assertion header;
    header.kind = Assertion::Kind::Header;
    header.check = Assertion::Check::Contains;
    header.subject = QStringLiteral("Content-Type");
    header.expected = QStringLiteral("json");
    request.tests = {status, path, header};
    return item;
}

// Opens the same 1,000 requests in the GUI's Collections sidebar (Ui::CollectionsPanel, shown):
// open (load + tree model + first layout and paint), every folder expanded and painted, and one
// filter keystroke; best of three each.
void benchCollectionSidebar(const Collection &collection)
{
    qint64 open = -1, expand = -1, filter = -1;
    const auto minimum = [](qint64 best, qint64 now) { return best < 0 ? now : std::min(best, now); };
    for (int round = 0; round < 3; ++round) {
        QTemporaryDir dir;
        if (!saveCollection(collection, dir.path()).ok())
            return;
        Gatehouse::Ui::CollectionsPanel panel;
        panel.resize(320, 800);
        panel.show();
        QApplication::processEvents();
        QElapsedTimer clock;
        clock.start();
        if (!panel.openCollection(dir.path()).ok())
            return;
        panel.treeView()->repaint();
        QApplication::processEvents();
        open = minimum(open, clock.nsecsElapsed());
        clock.restart();
        panel.treeView()->expandAll();
        panel.treeView()->repaint();
        QApplication::processEvents();
        expand = minimum(expand, clock.nsecsElapsed());
        clock.restart();
        panel.filterField()->setText(QStringLiteral("Order 99"));
        panel.treeView()->repaint();
        QApplication::processEvents();
        filter = minimum(filter, clock.nsecsElapsed());
    }
    figure(QStringLiteral("collection.sidebar_open_1000_requests"), open / 1e6, QStringLiteral("ms"),
           QStringLiteral("< 1000"), open < 1000 * 1000000LL);
    figure(QStringLiteral("collection.sidebar_expand_all"), expand / 1e6, QStringLiteral("ms"),
           QStringLiteral("< 100"), expand < 100 * 1000000LL);
    figure(QStringLiteral("collection.sidebar_filter_keystroke"), filter / 1e6, QStringLiteral("ms"),
           QStringLiteral("< 50"), filter < 50 * 1000000LL);
}

} // namespace

// Saves a collection of 1,000 requests (ten folders of 100) to a temporary folder, saves it
// again unchanged, and loads it; best of three each. Issue 6 asks < 1 s to open.
void benchCollection()
{
    Collection collection;
    collection.name = QStringLiteral("Bench");
    for (int f = 0; f < 10; ++f) {
        CollectionItem folder;
        folder.kind = CollectionItem::Kind::Folder;
        folder.folder.name = QStringLiteral("Folder %1").arg(f);
        for (int r = 0; r < 100; ++r)
            folder.folder.items.push_back(benchRequest(f * 100 + r));
        collection.root.items.push_back(folder);
    }
    qint64 firstSave = -1, unchangedSave = -1, load = -1;
    qint64 bytes = 0;
    for (int round = 0; round < 3; ++round) {
        QTemporaryDir dir;
        QElapsedTimer clock;
        clock.start();
        if (!saveCollection(collection, dir.path()).ok())
            return;
        const qint64 saved = clock.nsecsElapsed();
        clock.restart();
        saveCollection(collection, dir.path());
        const qint64 resaved = clock.nsecsElapsed();
        clock.restart();
        const auto loaded = loadCollection(dir.path());
        const qint64 read = clock.nsecsElapsed();
        if (!loaded.ok() || !loaded->problems.isEmpty() ||
            requestsInOrder(loaded->collection.root).size() != 1000)
            return;
        const auto minimum = [](qint64 best, qint64 now) {
            return best < 0 ? now : std::min(best, now);
        };
        firstSave = minimum(firstSave, saved);
        unchangedSave = minimum(unchangedSave, resaved);
        load = minimum(load, read);
        bytes = 0;
        for (const RequestRef &ref : requestsInOrder(loaded->collection.root))
            bytes += requestFileText(*ref.request)->size();
    }
    figure(QStringLiteral("collection.load_1000_requests"), load / 1e6, QStringLiteral("ms"),
           QStringLiteral("< 1000"), load < 1000 * 1000000LL);
    figure(QStringLiteral("collection.save_1000_requests"), firstSave / 1e6, QStringLiteral("ms"),
           QStringLiteral("-"), true);
    figure(QStringLiteral("collection.save_unchanged"), unchangedSave / 1e6, QStringLiteral("ms"),
           QStringLiteral("-"), true);
    figure(QStringLiteral("collection.request_file_bytes"), bytes / 1000.0, QStringLiteral("B"),
           QStringLiteral("-"), true);
    benchCollectionSidebar(collection);
}
