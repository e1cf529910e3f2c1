// The token store: sets added and replaced by label, shown without their secrets, renewed a
// minute before expiry through the refresher, a failed refresh kept with its reason.
#include "core/tokenstore.h"

#include <QTest>

using namespace Gatehouse::Core;

class TestTokenStore : public QObject
{
    Q_OBJECT

private slots:
    void addReplaceRemove();
    void displayHidesTokens();
    void refreshesBeforeExpiry();
    void failedRefreshKeepsTheSet();
};

namespace {

TokenSet sample(const QString &label, int secondsLeft, const QString &refresh = QStringLiteral("r1"))
{
    TokenSet set;
    set.label = label;
    set.idToken = QStringLiteral("id.token.secret");
    set.accessToken = QStringLiteral("access.token.secret");
    set.refreshToken = refresh;
    set.obtainedAt = QDateTime::currentDateTimeUtc();
    set.expiresAt = set.obtainedAt.addSecs(secondsLeft);
    set.source = QStringLiteral("password");
    return set;
}

} // namespace

void TestTokenStore::addReplaceRemove()
{
    TokenStore store;
    const int a = store.add(sample(QStringLiteral("alice"), 3600));
    const int b = store.add(sample(QStringLiteral("bob"), 3600));
    QCOMPARE(store.rowCount(), 2);
    TokenSet again = sample(QStringLiteral("alice"), 7200);
    again.accessToken = QStringLiteral("newer");
    QCOMPARE(store.add(again), a); // same label: replaced, same id
    QCOMPARE(store.rowCount(), 2);
    QCOMPARE(store.find(a)->accessToken, QStringLiteral("newer"));
    store.remove(a);
    QCOMPARE(store.rowCount(), 1);
    QCOMPARE(store.idAt(0), b);
    QVERIFY(!store.find(a));
}

void TestTokenStore::displayHidesTokens()
{
    TokenStore store;
    store.add(sample(QStringLiteral("alice @ us-east-1_Bakery"), 600));
    const QModelIndex row = store.index(0);
    for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
        const QString text = row.data(role).toString();
        QVERIFY(!text.contains(QStringLiteral("secret")));
        QVERIFY(text.contains(QStringLiteral("alice")));
    }
    QVERIFY(row.data().toString().contains(QStringLiteral("expires in 10 min")));
}

void TestTokenStore::refreshesBeforeExpiry()
{
    TokenStore store;
    int calls = 0;
    store.setRefresher([&](const TokenSet &set, std::function<void(const Result<TokenSet> &)> done) {
        ++calls;
        QCOMPARE(set.refreshToken, QStringLiteral("r1"));
        TokenSet renewed = sample(QString(), 3600, QString()); // Cognito returns no new refresh token
        renewed.accessToken = QStringLiteral("renewed");
        renewed.source = QStringLiteral("refresh");
        done(renewed);
    });
    // 60.2 s left: the refresh is due in 0.2 s (a minute ahead).
    const int id = store.add(sample(QStringLiteral("alice"), 60));
    QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 5000);
    QCOMPARE(store.find(id)->accessToken, QStringLiteral("renewed"));
    QCOMPARE(store.find(id)->refreshToken, QStringLiteral("r1")); // kept
    QCOMPARE(store.find(id)->label, QStringLiteral("alice"));
    QTest::qWait(300);
    QCOMPARE(calls, 1); // the renewed set is good for an hour: no second refresh now

    // Without a refresh token there is nothing to renew.
    store.add(sample(QStringLiteral("m2m"), 1, QString()));
    QTest::qWait(300);
    QCOMPARE(calls, 1);
}

void TestTokenStore::failedRefreshKeepsTheSet()
{
    TokenStore store;
    store.setRefresher([](const TokenSet &, std::function<void(const Result<TokenSet> &)> done) {
        done(makeError(ErrorCode::Service, QStringLiteral("NotAuthorizedException: Refresh Token has expired")));
    });
    const int id = store.add(sample(QStringLiteral("alice"), 3600));
    store.refresh(id);
    QCOMPARE(store.find(id)->accessToken, QStringLiteral("access.token.secret"));
    QCOMPARE(store.lastError(id), QStringLiteral("Refresh failed: NotAuthorizedException: Refresh Token has expired"));
    QVERIFY(store.index(0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Refresh Token has expired")));
}

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
