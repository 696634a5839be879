// Times MLflow filter parsing on hostile and oversized shapes: each of ~60 shapes filled to
// just under the filter length limit, plus the largest accepted IN list and AND chain. Prints
// every shape's time and size and the slowest; the target is 50 ms for any filter.
//   bench_filters [--repeat N]
#include "registry/filter/filter.h"
#include "registry/filter/filterlimits.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>

#include <cstdio>

using namespace ModelDesk;

namespace {

QString repeated(const QString &unit, int length)
{
    QString text;
    while (text.size() + unit.size() <= length)
        text += unit;
    return text;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const qsizetype repeatAt = arguments.indexOf(QStringLiteral("--repeat"));
    const int repeat
        = repeatAt > 0 && repeatAt + 1 < arguments.size() ? arguments.at(repeatAt + 1).toInt() : 3;
    const int length = Filter::Limits::MaxFilterLength - 10;

    QList<std::pair<QString, QString>> shapes;
    QStringList ids;
    for (int i = 0; i < Filter::Limits::MaxInValues; ++i)
        ids << QStringLiteral("'%1'").arg(i, 32, 16, QLatin1Char('0'));
    shapes.append({QStringLiteral("run_id IN (500 ids)"),
                   QStringLiteral("run_id IN (") + ids.join(QStringLiteral(", ")) + u')'});
    QStringList clauses;
    for (int i = 0; i < Filter::Limits::MaxClauses; ++i)
        clauses << QStringLiteral("tags.`k%1` != 'v%1'").arg(i);
    shapes.append({QStringLiteral("100 tag clauses"), clauses.join(QStringLiteral(" AND "))});
    const char *units[] = {"(",        ")",      "()",         "(a)",   "x",
                           " ",        ".",      "a.",         ",",     ", ",
                           "'",        "\"",     "`",          "'a' ",  "= ",
                           "1 ",       "1.5e3 ", "name ",      "-- ",   "/*",
                           "*/",       "%",      "%s ",        "$a$ ",  "?",
                           ":a ",      "\\x ",   "[a] ",       "NOT ",  "LIKE ",
                           "IN ",      "AND ",   "ANDAND",     "a=1 ",  "a = 'b' ",
                           "name IN ", "lower(", "f(x) ",      "é",     "😀",
                           ";",        "; ",     "CASE WHEN ", "::",    ":= ",
                           "@a ",      "#a ",    "0x1F ",      "'''' ", "\\'",
                           "''",       "'\\",    "`a`.",       "tags.", "run_id IN ('a') AND "};
    for (const char *unit : units) {
        const QString text = QString::fromUtf8(unit);
        shapes.append({QStringLiteral("repeated \"%1\"").arg(text), repeated(text, length)});
    }
    shapes.append({QStringLiteral("one long value"),
                   QStringLiteral("name = '") + QString(length - 10, u'x') + u'\''});
    shapes.append(
        {QStringLiteral("one long tag key"),
         QStringLiteral("tags.`") + QString(length - 20, u'k') + QStringLiteral("` = 'v'")});
    shapes.append({QStringLiteral("unclosed quote"),
                   QStringLiteral("name = '") + QString(length - 10, u'x')});
    shapes.append({QStringLiteral("100 kB of ("), QString(100000, u'(')});

    qint64 slowest = 0;
    QString slowestShape;
    for (const auto &[name, filter] : std::as_const(shapes)) {
        qint64 best = -1;
        bool accepted = false;
        for (int run = 0; run < repeat; ++run) {
            for (const Filter::Target target : {Filter::Target::Models, Filter::Target::Versions}) {
                QElapsedTimer timer;
                timer.start();
                accepted = Filter::parseFilter(filter, target).ok();
                const qint64 ns = timer.nsecsElapsed();
                best = best < 0 ? ns : std::min(best, ns);
            }
        }
        std::printf("%-34s %7lld chars  %8.2f ms  %s\n", qPrintable(name), qint64(filter.size()),
                    best / 1e6, accepted ? "accepted" : "refused");
        if (best > slowest) {
            slowest = best;
            slowestShape = name;
        }
    }
    std::printf("slowest of %lld shapes: %s, %.2f ms (target 50 ms)\n", qint64(shapes.size()),
                qPrintable(slowestShape), slowest / 1e6);
    return 0;
}
