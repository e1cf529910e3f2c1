// Which SigV4 service and region a URL implies, for AWS hosts and the emulator's addresses.
#include "core/aws/serviceguess.h"

#include <QTest>

using namespace Gatehouse::Core::Aws;

class tst_ServiceGuess : public QObject
{
    Q_OBJECT

private slots:
    void guess_data();
    void guess();
    void regions_data();
    void regions();
};

void tst_ServiceGuess::guess_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("emulator");

    QTest::newRow("execute-api") << "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/items"
                                 << "execute-api" << "eu-west-1" << false;
    QTest::newRow("execute-api upper case host") << "https://A1B2C3D4E5.EXECUTE-API.US-EAST-2.AMAZONAWS.COM/"
                                                 << "execute-api" << "us-east-2" << false;
    QTest::newRow("lambda") << "https://lambda.us-west-2.amazonaws.com/2015-03-31/functions"
                            << "lambda" << "us-west-2" << false;
    QTest::newRow("lambda fips") << "https://lambda-fips.us-gov-west-1.amazonaws.com/"
                                 << "lambda" << "us-gov-west-1" << false;
    QTest::newRow("appsync api") << "https://abcdefghijklmnopqrstuvwxyz.appsync-api.ap-southeast-2.amazonaws.com/graphql"
                                 << "appsync" << "ap-southeast-2" << false;
    QTest::newRow("appsync realtime") << "wss://abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.eu-central-1.amazonaws.com/graphql"
                                      << "appsync" << "eu-central-1" << false;
    QTest::newRow("cognito-idp") << "https://cognito-idp.eu-north-1.amazonaws.com/"
                                 << "cognito-idp" << "eu-north-1" << false;
    QTest::newRow("sts regional") << "https://sts.ap-northeast-1.amazonaws.com/" << "sts" << "ap-northeast-1" << false;
    QTest::newRow("sts global") << "https://sts.amazonaws.com/" << "sts" << "us-east-1" << false;
    QTest::newRow("china partition") << "https://lambda.cn-north-1.amazonaws.com.cn/" << "lambda" << "cn-north-1" << false;
    QTest::newRow("dualstack") << "https://lambda.us-east-1.api.aws/" << "lambda" << "us-east-1" << false;
    QTest::newRow("other service") << "https://dynamodb.sa-east-1.amazonaws.com/" << "dynamodb" << "sa-east-1" << false;
    QTest::newRow("emulator path style") << "http://127.0.0.1:4577/_aws/execute-api/abcdefghij/snack"
                                         << "execute-api" << "us-east-1" << true;
    QTest::newRow("emulator host style") << "http://abcdefghij.execute-api.localhost:4577/snack"
                                         << "execute-api" << "us-east-1" << true;
    QTest::newRow("emulator lambda") << "http://localhost:4577/2015-03-31/functions/hello/invocations"
                                     << "lambda" << "us-east-1" << true;
    QTest::newRow("emulator ipv6") << "http://[::1]:4577/_aws/execute-api/abcdefghij/"
                                   << "execute-api" << "us-east-1" << true;
    QTest::newRow("emulator root: region only") << "http://127.0.0.1:4577/" << "" << "us-east-1" << true;
    QTest::newRow("not aws") << "https://api.example.com/items" << "" << "" << false;
    QTest::newRow("amazonaws without region") << "https://foo.amazonaws.com/" << "" << "" << false;
    QTest::newRow("look-alike host") << "https://lambda.us-east-1.amazonaws.com.evil.example/" << "" << "" << false;
}

void tst_ServiceGuess::guess()
{
    QFETCH(QString, url);
    QFETCH(QString, service);
    QFETCH(QString, region);
    QFETCH(bool, emulator);
    const ServiceGuess guess = guessService(QUrl(url));
    QCOMPARE(guess.service, service);
    QCOMPARE(guess.region, region);
    QCOMPARE(guess.emulator, emulator);
    QCOMPARE(guess.isKnown(), !service.isEmpty());
}

void tst_ServiceGuess::regions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("region");
    QTest::newRow("us-east-1") << "us-east-1" << true;
    QTest::newRow("us-gov-west-1") << "us-gov-west-1" << true;
    QTest::newRow("ap-southeast-5") << "ap-southeast-5" << true;
    QTest::newRow("no number") << "us-east" << false;
    QTest::newRow("word") << "execute-api" << false;
    QTest::newRow("empty") << "" << false;
}

void tst_ServiceGuess::regions()
{
    QFETCH(QString, text);
    QFETCH(bool, region);
    QCOMPARE(looksLikeRegion(text), region);
}

QTEST_GUILESS_MAIN(tst_ServiceGuess)
#include "tst_serviceguess.moc"
