// Hostile and oversized filters and order_by entries: each is answered at once (a generous
// hang guard here; benchmarks/bench_filters measures the real times), refused with a message
// that names the limit and quotes only a short excerpt, and never reaches SQLite as an
// internal error. Input within the limits is still answered as MLflow answers it.
#include "registry/filter/filter.h"
#include "registry/filter/filterlimits.h"
#include "registry/sql/sqlbackend.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;
using Filter::Target;

namespace {

QString repeated(const QString &unit, int length)
{
    QString text;
    while (text.size() + unit.size() <= length)
        text += unit;
    return text;
}

QString runIdList(int count)
{
    QStringList ids;
    for (int i = 0; i < count; ++i)
        ids << QStringLiteral("'%1'").arg(i, 32, 16, QLatin1Char('0'));
    return QStringLiteral("run_id IN (") + ids.join(QStringLiteral(", ")) + u')';
}

QString clauses(int count)
{
    QStringList parts;
    for (int i = 0; i < count; ++i)
        parts << QStringLiteral("tags.`k%1` != 'v%1'").arg(i);
    return parts.join(QStringLiteral(" AND "));
}

const qint64 HangGuardMs = 1000;

} // namespace

class TestHostileFilters : public QObject
{
    Q_OBJECT

private slots:
    void refused_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("message");
        QTest::newRow("100 kB of (")
            << QString(100000, u'(') << QStringLiteral("at most 20000 characters");
        QTest::newRow("100 kB of )")
            << QString(100000, u')') << QStringLiteral("at most 20000 characters");
        QTest::newRow("nested ((")
            << QStringLiteral("((name = 'a'))") << QStringLiteral("Parentheses group nothing");
        QTest::newRow("19 kB of (")
            << QString(19000, u'(') << QStringLiteral("Parentheses group nothing");
        QTest::newRow("19 kB of )")
            << QString(19000, u')') << QStringLiteral("closes no parenthesis");
        QTest::newRow("repeated groups") << repeated(QStringLiteral("(a)"), 19000)
                                         << QStringLiteral("Parentheses group nothing");
        QTest::newRow("IN list in a list")
            << QStringLiteral("run_id IN (('a'))") << QStringLiteral("Parentheses group nothing");
        QTest::newRow("20,000 run ids")
            << runIdList(20000) << QStringLiteral("at most 20000 characters");
        QTest::newRow("501 run ids") << runIdList(501) << QStringLiteral("at most 500 values");
        QTest::newRow("6,000 clauses")
            << clauses(6000) << QStringLiteral("at most 20000 characters");
        QTest::newRow("101 clauses") << clauses(101) << QStringLiteral("at most 100 clauses");
        QTest::newRow("trailing ANDs")
            << QStringLiteral("name = 'a'") + repeated(QStringLiteral(" AND"), 19000)
            << QStringLiteral("at most 100 clauses");
        QTest::newRow("19 kB of dots")
            << QString(19000, u'.') << QStringLiteral("at most 4000 words");
        QTest::newRow("19 kB of spaces")
            << QString(19000, u' ') << QStringLiteral("at most 4000 words");
        QTest::newRow("19 kB of a=1")
            << repeated(QStringLiteral("a=1 "), 19000) << QStringLiteral("at most 4000 words");
    }

    void refused()
    {
        QFETCH(QString, filter);
        QFETCH(QString, message);
        for (const Target target : {Target::Models, Target::Versions}) {
            QElapsedTimer timer;
            timer.start();
            const auto parsed = Filter::parseFilter(filter, target);
            QVERIFY(timer.elapsed() < HangGuardMs);
            QVERIFY(!parsed.ok());
            QCOMPARE(parsed.error().code(), ErrorCode::InvalidParameterValue);
            QVERIFY2(parsed.error().message().contains(message),
                     qPrintable(parsed.error().message()));
            QVERIFY2(parsed.error().message().size() < 500,
                     qPrintable(parsed.error().message().left(600)));
        }
    }

    // Within the limits: answered, MLflow's messages kept, and cut short when they quote a lot.
    void withinLimits_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("message");
        QTest::newRow("500 run ids") << runIdList(500) << true << QString();
        QTest::newRow("100 tag clauses") << clauses(100) << true << QString();
        QTest::newRow("19 kB value")
            << QStringLiteral("name = '") + QString(19000, u'x') + u'\'' << true << QString();
        QTest::newRow("19 kB tag key")
            << QStringLiteral("tags.`") + QString(19000, u'k') + QStringLiteral("` = 'v'") << true
            << QString();
        QTest::newRow("19 kB unclosed quote")
            << QStringLiteral("name = '") + QString(19000, u'x') << false
            << QStringLiteral("Invalid clause(s) in filter string: name, =, '");
        QTest::newRow("19 kB word") << QString(19000, u'x') << false
                                    << QStringLiteral("Invalid clause(s) in filter string: xxx");
        QTest::newRow("one grouped clause")
            << QStringLiteral("(name = 'a')") << false
            << QStringLiteral("Invalid clause(s) in filter string: (name = 'a')");
    }

    void withinLimits()
    {
        QFETCH(QString, filter);
        QFETCH(bool, accepted);
        QFETCH(QString, message);
        QElapsedTimer timer;
        timer.start();
        const auto parsed = Filter::parseFilter(filter, Target::Versions);
        QVERIFY(timer.elapsed() < HangGuardMs);
        QCOMPARE(parsed.ok(), accepted);
        if (!accepted) {
            QVERIFY2(parsed.error().message().startsWith(message),
                     qPrintable(parsed.error().message().left(200)));
            QVERIFY(parsed.error().message().size() < 500);
        }
    }

    void orderByRefused()
    {
        QStringList many;
        for (int i = 0; i < 11; ++i)
            many << QStringLiteral("name");
        auto parsed = Filter::parseOrderBy(many, Target::Models);
        QVERIFY(!parsed.ok());
        QVERIFY(parsed.error().message().contains(QLatin1String("at most 10 entries")));
        parsed = Filter::parseOrderBy({QString(100000, u'(')}, Target::Versions);
        QVERIFY(!parsed.ok());
        QVERIFY(parsed.error().message().contains(QLatin1String("at most 500 characters")));
        QVERIFY(parsed.error().message().size() < 500);
        parsed = Filter::parseOrderBy({QStringLiteral("name ") + QString(400, u'x')},
                                      Target::Versions);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().message().size() < 700, qPrintable(parsed.error().message()));
    }

    // The store answers the largest accepted filters; SQLite's own limits are never reached.
    void storeAnswersLargestFilters()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("store.db"));
        QVERIFY(SqlBackend::initialize(path).ok());
        auto backend = SqlBackend::open(path, SqlBackend::OpenMode::ReadWrite);
        QVERIFY(backend.ok());
        QVERIFY((*backend)->createModel(QStringLiteral("m"), {}, {}).ok());
        SearchRequest request;
        request.filter = clauses(100);
        QVERIFY((*backend)->searchModels(request).ok());
        QVERIFY((*backend)->searchVersions(request).ok());
        request.filter = runIdList(400) + QStringLiteral(" AND ") + clauses(99);
        const auto versions = (*backend)->searchVersions(request);
        QVERIFY2(versions.ok(), versions.ok() ? "" : qPrintable(versions.error().message()));
        request.filter = runIdList(501);
        QCOMPARE((*backend)->searchVersions(request).error().code(),
                 ErrorCode::InvalidParameterValue);
    }
};

QTEST_GUILESS_MAIN(TestHostileFilters)
#include "tst_hostilefilters.moc"
