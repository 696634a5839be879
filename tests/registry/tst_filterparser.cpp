// Tests the parsing of MLflow's search filters, order_by entries and page tokens against what
// MLflow's server accepts and answers: trees for accepted input, MLflow's messages for rejected
// input, and the recorded answers of real MLflow servers in the shared fixtures.

#include "registry/filter/filter.h"
#include "registry/pagetoken.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QtTest>

using namespace ModelDesk;
using Filter::Target;

Q_DECLARE_METATYPE(ModelDesk::Filter::Target)
Q_DECLARE_METATYPE(ModelDesk::ErrorCode)

namespace {

QString operatorName(Filter::Operator op)
{
    switch (op) {
    case Filter::Operator::Equal:
        return QStringLiteral("=");
    case Filter::Operator::NotEqual:
        return QStringLiteral("!=");
    case Filter::Operator::Less:
        return QStringLiteral("<");
    case Filter::Operator::LessEqual:
        return QStringLiteral("<=");
    case Filter::Operator::Greater:
        return QStringLiteral(">");
    case Filter::Operator::GreaterEqual:
        return QStringLiteral(">=");
    case Filter::Operator::Like:
        return QStringLiteral("LIKE");
    case Filter::Operator::ILike:
        return QStringLiteral("ILIKE");
    case Filter::Operator::In:
        return QStringLiteral("IN");
    }
    return QString();
}

// One line per clause: "<attribute|tag> <key> <operator> [value] [value]...".
QStringList dump(const Filter::Expression &expression)
{
    QStringList lines;
    for (const Filter::Comparison &clause : expression.clauses) {
        const bool tag = clause.kind == Filter::Comparison::Kind::Tag;
        lines << QStringLiteral("%1 %2 %3 [%4]")
                     .arg(tag ? QStringLiteral("tag") : QStringLiteral("attribute"), clause.key,
                          operatorName(clause.op), clause.values.join(QStringLiteral("] [")));
    }
    return lines;
}

QStringList dump(const QList<Filter::OrderTerm> &terms)
{
    QStringList lines;
    for (const Filter::OrderTerm &term : terms)
        lines << term.key + (term.ascending ? QStringLiteral(" ASC") : QStringLiteral(" DESC"));
    return lines;
}

// MLflow prints Python sets, whose order changes with every server process; compare the sets'
// members, not their order.
QString withSortedSets(const QString &message)
{
    static const QRegularExpression set(QStringLiteral("\\{('[^']*'(, '[^']*')*)\\}"));
    QString result = message;
    QRegularExpressionMatchIterator it = set.globalMatch(message);
    QList<QRegularExpressionMatch> matches;
    while (it.hasNext())
        matches.prepend(it.next());
    for (const QRegularExpressionMatch &match : std::as_const(matches)) {
        QStringList members = match.captured(1).split(QStringLiteral(", "));
        members.sort();
        result.replace(match.capturedStart(), match.capturedLength(),
                       u'{' + members.join(QStringLiteral(", ")) + u'}');
    }
    return result;
}

QString fixturesDir()
{
    return qEnvironmentVariable("MODELDESK_FIXTURES");
}

} // namespace

class FilterParserTest : public QObject
{
    Q_OBJECT

private slots:
    void acceptsFilter_data();
    void acceptsFilter();
    void rejectsFilter_data();
    void rejectsFilter();
    void emptyFilterMatchesEverything();
    void answersLikeRecordedServers_data();
    void answersLikeRecordedServers();

    void acceptsOrderBy_data();
    void acceptsOrderBy();
    void rejectsOrderBy_data();
    void rejectsOrderBy();

    void encodesPageTokenAsMlflow_data();
    void encodesPageTokenAsMlflow();
    void roundTripsPageToken_data();
    void roundTripsPageToken();
    void decodesPageToken_data();
    void decodesPageToken();
    void rejectsPageToken_data();
    void rejectsPageToken();
};

void FilterParserTest::acceptsFilter_data()
{
    QTest::addColumn<Target>("target");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("models: name = 'a'") << Target::Models << QStringLiteral("name = 'a'")
                                        << QStringList {QStringLiteral("attribute name = [a]")};
    QTest::addRow("models: name='a'") << Target::Models << QStringLiteral("name='a'")
                                      << QStringList {QStringLiteral("attribute name = [a]")};
    QTest::addRow("models: attribute.name = 'a'")
        << Target::Models << QStringLiteral("attribute.name = 'a'")
        << QStringList {QStringLiteral("attribute name = [a]")};
    QTest::addRow("models: name LIKE '%%churn%%'")
        << Target::Models << QStringLiteral("name LIKE '%churn%'")
        << QStringList {QStringLiteral("attribute name LIKE [%churn%]")};
    QTest::addRow("models: name like '%%churn%%'")
        << Target::Models << QStringLiteral("name like '%churn%'")
        << QStringList {QStringLiteral("attribute name LIKE [%churn%]")};
    QTest::addRow("models: name ILIKE '%%FRAUD%%'")
        << Target::Models << QStringLiteral("name ILIKE '%FRAUD%'")
        << QStringList {QStringLiteral("attribute name ILIKE [%FRAUD%]")};
    QTest::addRow("models: name != 'x'") << Target::Models << QStringLiteral("name != 'x'")
                                         << QStringList {QStringLiteral("attribute name != [x]")};
    QTest::addRow("models: tags.team = 'risk'")
        << Target::Models << QStringLiteral("tags.team = 'risk'")
        << QStringList {QStringLiteral("tag team = [risk]")};
    QTest::addRow("models: tag.team = 'risk'")
        << Target::Models << QStringLiteral("tag.team = 'risk'")
        << QStringList {QStringLiteral("tag team = [risk]")};
    QTest::addRow("models: tags.`mlflow.prompt.is_prompt` = 'true'")
        << Target::Models << QStringLiteral("tags.`mlflow.prompt.is_prompt` = 'true'")
        << QStringList {QStringLiteral("tag mlflow.prompt.is_prompt = [true]")};
    QTest::addRow("models: tags.\"a b\" = 'x'")
        << Target::Models << QStringLiteral("tags.\"a b\" = 'x'")
        << QStringList {QStringLiteral("tag a b = [x]")};
    QTest::addRow("models: tags.'a b' = 'x'")
        << Target::Models << QStringLiteral("tags.'a b' = 'x'")
        << QStringList {QStringLiteral("tag a b = [x]")};
    QTest::addRow("models: tags.mlflow.prompt.is_prompt = 'true'")
        << Target::Models << QStringLiteral("tags.mlflow.prompt.is_prompt = 'true'")
        << QStringList {QStringLiteral("tag mlflow.prompt.is_prompt = [true]")};
    QTest::addRow("models: name = \"double\"")
        << Target::Models << QStringLiteral("name = \"double\"")
        << QStringList {QStringLiteral("attribute name = [double]")};
    QTest::addRow("models: name = 'it''s'")
        << Target::Models << QStringLiteral("name = 'it''s'")
        << QStringList {QStringLiteral("attribute name = [it''s]")};
    QTest::addRow("models: name = 'a\\'b'")
        << Target::Models << QStringLiteral("name = 'a\\'b'")
        << QStringList {QStringLiteral("attribute name = [a\\'b]")};
    QTest::addRow("models: name = 'a' AND tags.x = 'b'")
        << Target::Models << QStringLiteral("name = 'a' AND tags.x = 'b'")
        << QStringList {QStringLiteral("attribute name = [a]"), QStringLiteral("tag x = [b]")};
    QTest::addRow("models: name = 'a' and tags.x = 'b'")
        << Target::Models << QStringLiteral("name = 'a' and tags.x = 'b'")
        << QStringList {QStringLiteral("attribute name = [a]"), QStringLiteral("tag x = [b]")};
    QTest::addRow("models: name = 'a' AnD tags.x = 'b'")
        << Target::Models << QStringLiteral("name = 'a' AnD tags.x = 'b'")
        << QStringList {QStringLiteral("attribute name = [a]"), QStringLiteral("tag x = [b]")};
    QTest::addRow("models: name = 'a' name = 'b'")
        << Target::Models << QStringLiteral("name = 'a' name = 'b'")
        << QStringList {QStringLiteral("attribute name = [a]"),
                        QStringLiteral("attribute name = [b]")};
    QTest::addRow("models: name = 'a' AND") << Target::Models << QStringLiteral("name = 'a' AND")
                                            << QStringList {QStringLiteral("attribute name = [a]")};
    QTest::addRow("models: AND name = 'a'") << Target::Models << QStringLiteral("AND name = 'a'")
                                            << QStringList {QStringLiteral("attribute name = [a]")};
    QTest::addRow("models: name = 'a' AND AND name = 'b'")
        << Target::Models << QStringLiteral("name = 'a' AND AND name = 'b'")
        << QStringList {QStringLiteral("attribute name = [a]"),
                        QStringLiteral("attribute name = [b]")};
    QTest::addRow("versions: name = 'm' AND version_number = 3")
        << Target::Versions << QStringLiteral("name = 'm' AND version_number = 3")
        << QStringList {QStringLiteral("attribute name = [m]"),
                        QStringLiteral("attribute version_number = [3]")};
    QTest::addRow("versions: version_number >= 2")
        << Target::Versions << QStringLiteral("version_number >= 2")
        << QStringList {QStringLiteral("attribute version_number >= [2]")};
    QTest::addRow("versions: version_number < '3'")
        << Target::Versions << QStringLiteral("version_number < '3'")
        << QStringList {QStringLiteral("attribute version_number < [3]")};
    QTest::addRow("versions: version_number = -1")
        << Target::Versions << QStringLiteral("version_number = -1")
        << QStringList {QStringLiteral("attribute version_number = [-1]")};
    QTest::addRow("versions: version_number > 2.5")
        << Target::Versions << QStringLiteral("version_number > 2.5")
        << QStringList {QStringLiteral("attribute version_number > [2.5]")};
    QTest::addRow("versions: run_id = 'abc'")
        << Target::Versions << QStringLiteral("run_id = 'abc'")
        << QStringList {QStringLiteral("attribute run_id = [abc]")};
    QTest::addRow("versions: run_id IN ('abc', 'def')")
        << Target::Versions << QStringLiteral("run_id IN ('abc', 'def')")
        << QStringList {QStringLiteral("attribute run_id IN [abc] [def]")};
    QTest::addRow("versions: run_id in ('abc','DEF','123','x1')")
        << Target::Versions << QStringLiteral("run_id in ('abc','DEF','123','x1')")
        << QStringList {QStringLiteral("attribute run_id IN [abc] [x1]")};
    QTest::addRow("versions: run_id IN ('abc')")
        << Target::Versions << QStringLiteral("run_id IN ('abc')")
        << QStringList {QStringLiteral("attribute run_id IN [abc]")};
    QTest::addRow("versions: run_id IN ('ABC')")
        << Target::Versions << QStringLiteral("run_id IN ('ABC')")
        << QStringList {QStringLiteral("attribute run_id IN []")};
    QTest::addRow("versions: source_path = 's3://b/k'")
        << Target::Versions << QStringLiteral("source_path = 's3://b/k'")
        << QStringList {QStringLiteral("attribute source_path = [s3://b/k]")};
    QTest::addRow("versions: source_path LIKE 's3://%%'")
        << Target::Versions << QStringLiteral("source_path LIKE 's3://%'")
        << QStringList {QStringLiteral("attribute source_path LIKE [s3://%]")};
    QTest::addRow("versions: tags.data_version = 'v2.1'")
        << Target::Versions << QStringLiteral("tags.data_version = 'v2.1'")
        << QStringList {QStringLiteral("tag data_version = [v2.1]")};
    QTest::addRow("versions: run_id IN ('a', 'b' )")
        << Target::Versions << QStringLiteral("run_id IN ('a', 'b' )")
        << QStringList {QStringLiteral("attribute run_id IN [a] [b]")};
    QTest::addRow("versions: run_id IN ('a', 'b' 'c')")
        << Target::Versions << QStringLiteral("run_id IN ('a', 'b' 'c')")
        << QStringList {QStringLiteral("attribute run_id IN [a] [bc]")};
    QTest::addRow("versions: run_id IN ('it''s', 'x\\'y')")
        << Target::Versions << QStringLiteral("run_id IN ('it''s', 'x\\'y')")
        << QStringList {QStringLiteral("attribute run_id IN [its] [x'y]")};
    QTest::addRow("models: tags. = 'a'") << Target::Models << QStringLiteral("tags. = 'a'")
                                         << QStringList {QStringLiteral("tag  = [a]")};
    QTest::addRow("models: name = 'a'\\nAND name = 'b'")
        << Target::Models << QStringLiteral("name = 'a'\nAND name = 'b'")
        << QStringList {QStringLiteral("attribute name = [a]"),
                        QStringLiteral("attribute name = [b]")};
    QTest::addRow("models: name\\t=\\t'a'") << Target::Models << QStringLiteral("name\t=\t'a'")
                                            << QStringList {QStringLiteral("attribute name = [a]")};
    QTest::addRow("versions: run_id IN ('a') AND name = 'x'")
        << Target::Versions << QStringLiteral("run_id IN ('a') AND name = 'x'")
        << QStringList {QStringLiteral("attribute run_id IN [a]"),
                        QStringLiteral("attribute name = [x]")};
    QTest::addRow("versions: name = 'x' AND run_id IN ('a')")
        << Target::Versions << QStringLiteral("name = 'x' AND run_id IN ('a')")
        << QStringList {QStringLiteral("attribute name = [x]"),
                        QStringLiteral("attribute run_id IN [a]")};
    QTest::addRow("models: name = 'é'") << Target::Models << QStringLiteral("name = 'é'")
                                        << QStringList {QStringLiteral("attribute name = [é]")};
    QTest::addRow("models: name = '情感分析-sentiment ✨'")
        << Target::Models << QStringLiteral("name = '情感分析-sentiment ✨'")
        << QStringList {QStringLiteral("attribute name = [情感分析-sentiment ✨]")};
    QTest::addRow("models: tags.`ключ` = 'v'")
        << Target::Models << QStringLiteral("tags.`ключ` = 'v'")
        << QStringList {QStringLiteral("tag ключ = [v]")};
    QTest::addRow("models: tags.ключ = 'v'") << Target::Models << QStringLiteral("tags.ключ = 'v'")
                                             << QStringList {QStringLiteral("tag ключ = [v]")};
    QTest::addRow("versions: version_number = '3' AND version_number != 4")
        << Target::Versions << QStringLiteral("version_number = '3' AND version_number != 4")
        << QStringList {QStringLiteral("attribute version_number = [3]"),
                        QStringLiteral("attribute version_number != [4]")};
    QTest::addRow("models: name = 'x'''") << Target::Models << QStringLiteral("name = 'x'''")
                                          << QStringList {QStringLiteral("attribute name = [x'']")};
    QTest::addRow("models: name = ''") << Target::Models << QStringLiteral("name = ''")
                                       << QStringList {QStringLiteral("attribute name = []")};
    QTest::addRow("models: tags.x = ''") << Target::Models << QStringLiteral("tags.x = ''")
                                         << QStringList {QStringLiteral("tag x = []")};
    QTest::addRow("models: name = \"\"") << Target::Models << QStringLiteral("name = \"\"")
                                         << QStringList {QStringLiteral("attribute name = []")};
    QTest::addRow("models: tags.`` = 'a'") << Target::Models << QStringLiteral("tags.`` = 'a'")
                                           << QStringList {QStringLiteral("tag  = [a]")};
    QTest::addRow("models: name LIKE 'a' AND name ILIKE 'b' AND name != 'c'")
        << Target::Models << QStringLiteral("name LIKE 'a' AND name ILIKE 'b' AND name != 'c'")
        << QStringList {QStringLiteral("attribute name LIKE [a]"),
                        QStringLiteral("attribute name ILIKE [b]"),
                        QStringLiteral("attribute name != [c]")};
    QTest::addRow("versions: run_id IN ('\\x41bc', 'de\\x66')")
        << Target::Versions << QStringLiteral("run_id IN ('\\x41bc', 'de\\x66')")
        << QStringList {QStringLiteral("attribute run_id IN [def]")};
    QTest::addRow("versions: run_id IN ('''abc''')")
        << Target::Versions << QStringLiteral("run_id IN ('''abc''')")
        << QStringList {QStringLiteral("attribute run_id IN [abc]")};
    QTest::addRow("versions: tags.x = 'a' AND tags.x != 'b' AND tags.y LIKE 'c%%'")
        << Target::Versions << QStringLiteral("tags.x = 'a' AND tags.x != 'b' AND tags.y LIKE 'c%'")
        << QStringList {QStringLiteral("tag x = [a]"), QStringLiteral("tag x != [b]"),
                        QStringLiteral("tag y LIKE [c%]")};
    QTest::addRow("versions: attribute.version_number = 2")
        << Target::Versions << QStringLiteral("attribute.version_number = 2")
        << QStringList {QStringLiteral("attribute version_number = [2]")};
    QTest::addRow("models: name='a'AND name='b'")
        << Target::Models << QStringLiteral("name='a'AND name='b'")
        << QStringList {QStringLiteral("attribute name = [a]"),
                        QStringLiteral("attribute name = [b]")};
    QTest::addRow("models: tags.x.y = 'a'") << Target::Models << QStringLiteral("tags.x.y = 'a'")
                                            << QStringList {QStringLiteral("tag x.y = [a]")};
    QTest::addRow("models: tags.1x = 'a'") << Target::Models << QStringLiteral("tags.1x = 'a'")
                                           << QStringList {QStringLiteral("tag 1x = [a]")};
    QTest::addRow("models: tags.x_1 = 'a'") << Target::Models << QStringLiteral("tags.x_1 = 'a'")
                                            << QStringList {QStringLiteral("tag x_1 = [a]")};
    QTest::addRow("versions: version_number = -3.5")
        << Target::Versions << QStringLiteral("version_number = -3.5")
        << QStringList {QStringLiteral("attribute version_number = [-3.5]")};
    // Python reads 1e3 as the float 1000.0; SQLite compares it with the integer column alike.
    QTest::addRow("versions: version_number = 1e3")
        << Target::Versions << QStringLiteral("version_number = 1e3")
        << QStringList {QStringLiteral("attribute version_number = [1000]")};
}

void FilterParserTest::acceptsFilter()
{
    QFETCH(Target, target);
    QFETCH(QString, filter);
    QFETCH(QStringList, expected);

    const Result<Filter::Expression> parsed = Filter::parseFilter(filter, target);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message()));
    QCOMPARE(dump(*parsed), expected);
}

void FilterParserTest::rejectsFilter_data()
{
    QTest::addColumn<Target>("target");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("message");

    // Recorded answers (registered-models/search and model-versions/search "bad filter" and
    // "bad filter key", MLflow 2.22 and 3.6).
    QTest::addRow("recorded: name = ")
        << Target::Models << QStringLiteral("name = ")
        << QStringLiteral("Invalid clause(s) in filter string: name, =");
    QTest::addRow("recorded: foo = 'bar'")
        << Target::Models << QStringLiteral("foo = 'bar'")
        << QStringLiteral("Invalid attribute key 'foo' specified. Valid keys are '{'name'}'");
    QTest::addRow("recorded: version_number >> 3")
        << Target::Versions << QStringLiteral("version_number >> 3")
        << QStringLiteral("Invalid comparator for attribute version_number: >>");
    QTest::addRow("recorded: stage = 'Production'")
        << Target::Versions << QStringLiteral("stage = 'Production'")
        << QStringLiteral("Invalid attribute key 'stage' specified. Valid keys are "
                          "'{'version_number', 'run_id', 'source_path', 'name'}'");
    // MLflow would hand the list to SQLAlchemy and fail with a database error.
    QTest::addRow("versions: run_id = ('a', 'b')")
        << Target::Versions << QStringLiteral("run_id = ('a', 'b')")
        << QStringLiteral("Only the 'IN' comparator supports comparison with a list of quoted "
                          "string values.");

    QTest::addRow("models:    ") << Target::Models << QStringLiteral("   ")
                                 << QStringLiteral("Invalid filter '   '. Could not be parsed.");
    QTest::addRow("models: name = 'a';") << Target::Models << QStringLiteral("name = 'a';")
                                         << QStringLiteral("Invalid clause(s) in filter string: ;");
    QTest::addRow("models: name = 'a'; name = 'b'")
        << Target::Models << QStringLiteral("name = 'a'; name = 'b'")
        << QStringLiteral("Search filter contained multiple expression \"name = 'a'; name = 'b'\". "
                          "Provide AND-ed expression list.");
    QTest::addRow("models: name = 'a'; ")
        << Target::Models << QStringLiteral("name = 'a'; ")
        << QStringLiteral("Invalid clause(s) in filter string: ;");
    QTest::addRow("versions: run_id IN ( 'a' )")
        << Target::Versions << QStringLiteral("run_id IN ( 'a' )")
        << QStringLiteral("While parsing a list in the query, expected a non-empty list of string "
                          "values, but got ill-formed list.");
    QTest::addRow("versions: run_id IN ()")
        << Target::Versions << QStringLiteral("run_id IN ()")
        << QStringLiteral("While parsing a list in the query, expected a non-empty list of string "
                          "values, but got empty list");
    QTest::addRow("versions: run_id IN (1, 2)")
        << Target::Versions << QStringLiteral("run_id IN (1, 2)")
        << QStringLiteral("While parsing a list in the query, expected string value, punctuation, "
                          "or whitespace, but got different type in list: (1, 2)");
    QTest::addRow("versions: run_id IN (\"a\", \"b\")")
        << Target::Versions << QStringLiteral("run_id IN (\"a\", \"b\")")
        << QStringLiteral("While parsing a list in the query, expected string value, punctuation, "
                          "or whitespace, but got different type in list: (\"a\", \"b\")");
    QTest::addRow("versions: run_id NOT IN ('a')")
        << Target::Versions << QStringLiteral("run_id NOT IN ('a')")
        << QStringLiteral("Invalid comparator for attribute: NOT IN");
    QTest::addRow("versions: name IN ('a')")
        << Target::Versions << QStringLiteral("name IN ('a')")
        << QStringLiteral("Only the 'run_id' attribute supports comparison with a list of quoted "
                          "string values.");
    QTest::addRow("versions: version_number IN ('1')")
        << Target::Versions << QStringLiteral("version_number IN ('1')")
        << QStringLiteral("Only the 'run_id' attribute supports comparison with a list of quoted "
                          "string values.");
    QTest::addRow("versions: run_id IN ('a',)")
        << Target::Versions << QStringLiteral("run_id IN ('a',)")
        << QStringLiteral("While parsing a list in the query, expected a non-empty list of string "
                          "values, but got ill-formed list.");
    QTest::addRow("versions: run_id IN 'abc'")
        << Target::Versions << QStringLiteral("run_id IN 'abc'")
        << QStringLiteral("Invalid clause(s) in filter string: run_id, IN, 'abc'");
    QTest::addRow("models: name = 'a' OR name = 'b'")
        << Target::Models << QStringLiteral("name = 'a' OR name = 'b'")
        << QStringLiteral("Invalid clause(s) in filter string: OR");
    QTest::addRow("models: (name = 'a')")
        << Target::Models << QStringLiteral("(name = 'a')")
        << QStringLiteral("Invalid clause(s) in filter string: (name = 'a')");
    QTest::addRow("models: NOT name = 'a'")
        << Target::Models << QStringLiteral("NOT name = 'a'")
        << QStringLiteral("Invalid clause(s) in filter string: NOT");
    QTest::addRow("models: name IS NULL")
        << Target::Models << QStringLiteral("name IS NULL")
        << QStringLiteral("Invalid clause(s) in filter string: name, IS, NULL");
    QTest::addRow("models: name IS NOT NULL")
        << Target::Models << QStringLiteral("name IS NOT NULL")
        << QStringLiteral("Invalid clause(s) in filter string: name, IS, NOT NULL");
    QTest::addRow("models: name = a")
        << Target::Models << QStringLiteral("name = a")
        << QStringLiteral("Parameter value is either not quoted or unidentified quote types used "
                          "for string value a. Use either single or double quotes.");
    QTest::addRow("models: name = `a`")
        << Target::Models << QStringLiteral("name = `a`")
        << QStringLiteral("Parameter value is either not quoted or unidentified quote types used "
                          "for string value `a`. Use either single or double quotes.");
    QTest::addRow("models: name = 3")
        << Target::Models << QStringLiteral("name = 3")
        << QStringLiteral("Expected a quoted string value or a list of quoted string values for "
                          "attributes. Got value 3");
    QTest::addRow("versions: name = 3")
        << Target::Versions << QStringLiteral("name = 3")
        << QStringLiteral(
               "Only the '{'version_number', 'creation_timestamp', 'last_updated_timestamp'}' "
               "attributes support comparison with numeric values.");
    QTest::addRow("models: tags.x = 3")
        << Target::Models << QStringLiteral("tags.x = 3")
        << QStringLiteral("Expected a quoted string value for tag (e.g. 'my-value'). Got value 3");
    QTest::addRow("models: tags.x = true")
        << Target::Models << QStringLiteral("tags.x = true")
        << QStringLiteral("Invalid clause(s) in filter string: tags.x, =, true");
    QTest::addRow("models: creation_timestamp > 0")
        << Target::Models << QStringLiteral("creation_timestamp > 0")
        << QStringLiteral(
               "Invalid attribute key 'creation_timestamp' specified. Valid keys are '{'name'}'");
    QTest::addRow("models: last_updated_timestamp > 0")
        << Target::Models << QStringLiteral("last_updated_timestamp > 0")
        << QStringLiteral("Invalid attribute key 'last_updated_timestamp' specified. Valid keys "
                          "are '{'name'}'");
    QTest::addRow("models: timestamp = 'x'")
        << Target::Models << QStringLiteral("timestamp = 'x'")
        << QStringLiteral("Invalid clause(s) in filter string: timestamp, =, 'x'");
    QTest::addRow("models: version = '3'")
        << Target::Models << QStringLiteral("version = '3'")
        << QStringLiteral("Invalid clause(s) in filter string: version, =, '3'");
    QTest::addRow("versions: current_stage = 'Production'")
        << Target::Versions << QStringLiteral("current_stage = 'Production'")
        << QStringLiteral("Invalid attribute key 'current_stage' specified. Valid keys are "
                          "'{'version_number', 'run_id', 'source_path', 'name'}'");
    QTest::addRow("versions: status = 'READY'")
        << Target::Versions << QStringLiteral("status = 'READY'")
        << QStringLiteral("Invalid attribute key 'status' specified. Valid keys are "
                          "'{'version_number', 'run_id', 'source_path', 'name'}'");
    QTest::addRow("versions: description = 'x'")
        << Target::Versions << QStringLiteral("description = 'x'")
        << QStringLiteral("Invalid attribute key 'description' specified. Valid keys are "
                          "'{'version_number', 'run_id', 'source_path', 'name'}'");
    QTest::addRow("versions: user_id = 'x'")
        << Target::Versions << QStringLiteral("user_id = 'x'")
        << QStringLiteral("Invalid attribute key 'user_id' specified. Valid keys are "
                          "'{'version_number', 'run_id', 'source_path', 'name'}'");
    QTest::addRow("models: Tags.x = 'a'")
        << Target::Models << QStringLiteral("Tags.x = 'a'")
        << QStringLiteral(
               "Invalid entity type 'Tags'. Valid entity types are ('attribute', 'tag', 'tags')");
    QTest::addRow("models: param.x = 'a'")
        << Target::Models << QStringLiteral("param.x = 'a'")
        << QStringLiteral(
               "Invalid entity type 'param'. Valid entity types are ('attribute', 'tag', 'tags')");
    QTest::addRow("models: metrics.x > 1")
        << Target::Models << QStringLiteral("metrics.x > 1")
        << QStringLiteral("Invalid entity type 'metrics'. Valid entity types are ('attribute', "
                          "'tag', 'tags')");
    QTest::addRow("models: `name` = 'a'")
        << Target::Models << QStringLiteral("`name` = 'a'")
        << QStringLiteral("Invalid attribute key '`name`' specified. Valid keys are '{'name'}'");
    QTest::addRow("models: \"name\" = 'a'")
        << Target::Models << QStringLiteral("\"name\" = 'a'")
        << QStringLiteral("Invalid attribute key '\"name\"' specified. Valid keys are '{'name'}'");
    QTest::addRow("models: name === 'x'")
        << Target::Models << QStringLiteral("name === 'x'")
        << QStringLiteral("Invalid comparator for attribute: ===");
    QTest::addRow("models: name == 'x'") << Target::Models << QStringLiteral("name == 'x'")
                                         << QStringLiteral("Invalid comparator for attribute: ==");
    QTest::addRow("models: name <> 'x'") << Target::Models << QStringLiteral("name <> 'x'")
                                         << QStringLiteral("Invalid comparator for attribute: <>");
    QTest::addRow("models: name > 'x'") << Target::Models << QStringLiteral("name > 'x'")
                                        << QStringLiteral("Invalid comparator for attribute: >");
    QTest::addRow("models: name NOT LIKE 'x'")
        << Target::Models << QStringLiteral("name NOT LIKE 'x'")
        << QStringLiteral("Invalid comparator for attribute: NOT LIKE");
    QTest::addRow("models: name RLIKE 'x'")
        << Target::Models << QStringLiteral("name RLIKE 'x'")
        << QStringLiteral("Invalid comparator for attribute: RLIKE");
    QTest::addRow("models: tags.x > 'a'") << Target::Models << QStringLiteral("tags.x > 'a'")
                                          << QStringLiteral("Invalid comparator for tag: >");
    QTest::addRow("models: tags.x IN ('a')")
        << Target::Models << QStringLiteral("tags.x IN ('a')")
        << QStringLiteral(
               "Expected a quoted string value for tag (e.g. 'my-value'). Got value ('a')");
    QTest::addRow("versions: tags.x IN ('a')")
        << Target::Versions << QStringLiteral("tags.x IN ('a')")
        << QStringLiteral(
               "Expected a quoted string value for tag (e.g. 'my-value'). Got value ('a')");
    QTest::addRow("versions: version_number LIKE '1%%'")
        << Target::Versions << QStringLiteral("version_number LIKE '1%'")
        << QStringLiteral("Invalid comparator for attribute version_number: LIKE");
    QTest::addRow("versions: run_id > 'a'")
        << Target::Versions << QStringLiteral("run_id > 'a'")
        << QStringLiteral("Invalid comparator for attribute: >");
    QTest::addRow("versions: name ILIKE 'a' AND version_number ~ 3")
        << Target::Versions << QStringLiteral("name ILIKE 'a' AND version_number ~ 3")
        << QStringLiteral("Invalid comparator for attribute version_number: ~");
    QTest::addRow("models: name = 'a' = 'b'")
        << Target::Models << QStringLiteral("name = 'a' = 'b'")
        << QStringLiteral("Invalid comparison clause. Expected 'Identifier' found 'name = 'a''");
    QTest::addRow("models: 'a' = name")
        << Target::Models << QStringLiteral("'a' = name")
        << QStringLiteral("Invalid comparison clause. Expected 'Identifier' found ''a''");
    QTest::addRow("models: 1 = 1")
        << Target::Models << QStringLiteral("1 = 1")
        << QStringLiteral("Invalid comparison clause. Expected 'Identifier' found '1'");
    QTest::addRow("models: name") << Target::Models << QStringLiteral("name")
                                  << QStringLiteral("Invalid clause(s) in filter string: name");
    QTest::addRow("models: =") << Target::Models << QStringLiteral("=")
                               << QStringLiteral("Invalid clause(s) in filter string: =");
    QTest::addRow("models: name =")
        << Target::Models << QStringLiteral("name =")
        << QStringLiteral("Invalid clause(s) in filter string: name, =");
    QTest::addRow("models: = 'a'") << Target::Models << QStringLiteral("= 'a'")
                                   << QStringLiteral("Invalid clause(s) in filter string: =, 'a'");
    QTest::addRow("models: tags.my-key = 'x'")
        << Target::Models << QStringLiteral("tags.my-key = 'x'")
        << QStringLiteral("Invalid clause(s) in filter string: tags.my, -, key, =, 'x'");
    QTest::addRow("models: tags.in = 'a'")
        << Target::Models << QStringLiteral("tags.in = 'a'")
        << QStringLiteral("Invalid clause(s) in filter string: tags., in, =, 'a'");
    QTest::addRow("models: key = 'x'")
        << Target::Models << QStringLiteral("key = 'x'")
        << QStringLiteral("Invalid clause(s) in filter string: key, =, 'x'");
    QTest::addRow("models: name = 'a' -- c")
        << Target::Models << QStringLiteral("name = 'a' -- c")
        << QStringLiteral("Invalid clause(s) in filter string: -- c");
    QTest::addRow("models: name = 'a' /* c */ AND name = 'b'")
        << Target::Models << QStringLiteral("name = 'a' /* c */ AND name = 'b'")
        << QStringLiteral("Invalid comparison clause. Expected 3 tokens found 4");
    QTest::addRow("models: tags.x = \"a\" \"b\"")
        << Target::Models << QStringLiteral("tags.x = \"a\" \"b\"")
        << QStringLiteral("Invalid clause(s) in filter string: tags.x = \"a\" \"b\"");
    QTest::addRow("models: name = lower('A')")
        << Target::Models << QStringLiteral("name = lower('A')")
        << QStringLiteral("Expected a quoted string value or a list of quoted string values for "
                          "attributes. Got value lower('A')");
    QTest::addRow("models: name ('a')")
        << Target::Models << QStringLiteral("name ('a')")
        << QStringLiteral("Invalid clause(s) in filter string: name ('a')");
    QTest::addRow("models: name = date '2020'")
        << Target::Models << QStringLiteral("name = date '2020'")
        << QStringLiteral("Expected a quoted string value or a list of quoted string values for "
                          "attributes. Got value date '2020'");
    QTest::addRow("models: name = 'unterminated")
        << Target::Models << QStringLiteral("name = 'unterminated")
        << QStringLiteral("Invalid clause(s) in filter string: name, =, ', unterminated");
    QTest::addRow("models: name = 'a' AND (tags.x = 'b')")
        << Target::Models << QStringLiteral("name = 'a' AND (tags.x = 'b')")
        << QStringLiteral("Invalid clause(s) in filter string: (tags.x = 'b')");
    QTest::addRow("models: name = 'a' && name = 'b'")
        << Target::Models << QStringLiteral("name = 'a' && name = 'b'")
        << QStringLiteral(
               "Invalid comparison clause. Expected 'Identifier' found 'name = 'a' && name'");
    QTest::addRow("models: name = 'a' || name = 'b'")
        << Target::Models << QStringLiteral("name = 'a' || name = 'b'")
        << QStringLiteral(
               "Invalid comparison clause. Expected 'Identifier' found 'name = 'a' || name'");
    QTest::addRow("models: tags . x = 'a'")
        << Target::Models << QStringLiteral("tags . x = 'a'")
        << QStringLiteral(
               "Invalid entity type 'tags '. Valid entity types are ('attribute', 'tag', 'tags')");
    QTest::addRow("models: name = NULL")
        << Target::Models << QStringLiteral("name = NULL")
        << QStringLiteral("Expected a quoted string value or a list of quoted string values for "
                          "attributes. Got value NULL");
    QTest::addRow("models: name = ?")
        << Target::Models << QStringLiteral("name = ?")
        << QStringLiteral("Expected a quoted string value or a list of quoted string values for "
                          "attributes. Got value ?");
    QTest::addRow("models: name = :p")
        << Target::Models << QStringLiteral("name = :p")
        << QStringLiteral("Expected a quoted string value or a list of quoted string values for "
                          "attributes. Got value :p");
    QTest::addRow("versions: version_number = 0x10")
        << Target::Versions << QStringLiteral("version_number = 0x10")
        << QStringLiteral("Invalid clause(s) in filter string: version_number, =, 0x10");
    QTest::addRow("versions: version_number = abc")
        << Target::Versions << QStringLiteral("version_number = abc")
        << QStringLiteral("Parameter value is either not quoted or unidentified quote types used "
                          "for string value abc. Use either single or double quotes.");
    QTest::addRow("models: name LIKE")
        << Target::Models << QStringLiteral("name LIKE")
        << QStringLiteral("Invalid clause(s) in filter string: name, LIKE");
    QTest::addRow("versions: name AND run_id IN ('a')")
        << Target::Versions << QStringLiteral("name AND run_id IN ('a')")
        << QStringLiteral("Invalid clause(s) in filter string: name, run_id, IN, ('a')");
    QTest::addRow("models: name = 'a' x")
        << Target::Models << QStringLiteral("name = 'a' x")
        << QStringLiteral("Invalid clause(s) in filter string: name = 'a' x");
    QTest::addRow("models: SELECT * FROM t")
        << Target::Models << QStringLiteral("SELECT * FROM t")
        << QStringLiteral("Invalid clause(s) in filter string: SELECT, *, FROM, t");
    QTest::addRow("models: name = 'a';;")
        << Target::Models << QStringLiteral("name = 'a';;")
        << QStringLiteral("Search filter contained multiple expression \"name = 'a';;\". Provide "
                          "AND-ed expression list.");
    QTest::addRow("models: name = 'a' ; name = 'b'")
        << Target::Models << QStringLiteral("name = 'a' ; name = 'b'")
        << QStringLiteral("Search filter contained multiple expression \"name = 'a' ; name = "
                          "'b'\". Provide AND-ed expression list.");
    QTest::addRow("models: (name = 'a'; name='b')")
        << Target::Models << QStringLiteral("(name = 'a'; name='b')")
        << QStringLiteral("Invalid clause(s) in filter string: (name = 'a'; name='b')");
    QTest::addRow("models: tags.`a`b` = 'x'")
        << Target::Models << QStringLiteral("tags.`a`b` = 'x'")
        << QStringLiteral("Invalid clause(s) in filter string: tags.`a`b, `, =, 'x'");
    QTest::addRow("versions: run_id IN ('a'\\n, 'b')")
        << Target::Versions << QStringLiteral("run_id IN ('a'\n, 'b')")
        << QStringLiteral("While parsing a list in the query, expected string value, punctuation, "
                          "or whitespace, but got different type in list: ('a'\n, 'b')");
    QTest::addRow("versions: run_id IN ('a',\\n'b')")
        << Target::Versions << QStringLiteral("run_id IN ('a',\n'b')")
        << QStringLiteral("While parsing a list in the query, expected string value, punctuation, "
                          "or whitespace, but got different type in list: ('a',\n'b')");
    QTest::addRow("models: attribute.`name` = 'a'")
        << Target::Models << QStringLiteral("attribute.`name` = 'a'")
        << QStringLiteral("Invalid attribute key '`name`' specified. Valid keys are '{'name'}'");
    QTest::addRow("models: attribute.foo = 'a'")
        << Target::Models << QStringLiteral("attribute.foo = 'a'")
        << QStringLiteral("Invalid attribute key 'foo' specified. Valid keys are '{'name'}'");
    QTest::addRow("versions: version_number = 2 3")
        << Target::Versions << QStringLiteral("version_number = 2 3")
        << QStringLiteral("Invalid clause(s) in filter string: 3");
    QTest::addRow("models: name = 'a' 'b'")
        << Target::Models << QStringLiteral("name = 'a' 'b'")
        << QStringLiteral("Invalid clause(s) in filter string: 'b'");
    QTest::addRow("models: name = 'a'ANDx")
        << Target::Models << QStringLiteral("name = 'a'ANDx")
        << QStringLiteral("Invalid clause(s) in filter string: name = 'a'ANDx");
    QTest::addRow("models: tags.x.in = 'a'")
        << Target::Models << QStringLiteral("tags.x.in = 'a'")
        << QStringLiteral("Invalid clause(s) in filter string: tags.x., in, =, 'a'");
    QTest::addRow("models: tags.$x = 'a'")
        << Target::Models << QStringLiteral("tags.$x = 'a'")
        << QStringLiteral("Invalid clause(s) in filter string: tags.");
    QTest::addRow("models: name = $$x$$")
        << Target::Models << QStringLiteral("name = $$x$$")
        << QStringLiteral("Invalid clause(s) in filter string: name, =, $$x$$");
}

void FilterParserTest::rejectsFilter()
{
    QFETCH(Target, target);
    QFETCH(QString, filter);
    QFETCH(QString, message);

    const Result<Filter::Expression> parsed = Filter::parseFilter(filter, target);
    QVERIFY2(!parsed.ok(), qPrintable(parsed.ok() ? dump(*parsed).join(u'\n') : QString()));
    QCOMPARE(parsed.error().message(), message);
    QCOMPARE(parsed.error().code(), ErrorCode::InvalidParameterValue);
}

void FilterParserTest::emptyFilterMatchesEverything()
{
    for (const Target target : {Target::Models, Target::Versions}) {
        const Result<Filter::Expression> parsed = Filter::parseFilter(QString(), target);
        QVERIFY(parsed.ok());
        QVERIFY(parsed->isEmpty());
    }
}

void FilterParserTest::answersLikeRecordedServers_data()
{
    QTest::addColumn<Target>("target");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("orderBy");
    QTest::addColumn<QString>("pageToken");
    QTest::addColumn<QString>("message");

    if (fixturesDir().isEmpty())
        QSKIP("MODELDESK_FIXTURES is not set");
    for (const QString &version : {QStringLiteral("mlflow-2.22"), QStringLiteral("mlflow-3.6")}) {
        QFile file(fixturesDir() + u'/' + version + QStringLiteral("/transcripts.jsonl"));
        if (!file.open(QIODevice::ReadOnly))
            QSKIP("the recorded transcripts are missing");
        int line = 0;
        while (!file.atEnd()) {
            ++line;
            const QJsonObject exchange = QJsonDocument::fromJson(file.readLine()).object();
            const QString path = exchange.value(QStringLiteral("path")).toString();
            const bool models = path == u"/api/2.0/mlflow/registered-models/search";
            const bool versions = path == u"/api/2.0/mlflow/model-versions/search";
            const int status = exchange.value(QStringLiteral("status")).toInt();
            if ((!models && !versions) || (status != 200 && status != 400))
                continue;
            QString message;
            if (status == 400) {
                const QJsonObject body
                    = QJsonDocument::fromJson(
                          exchange.value(QStringLiteral("response_body")).toString().toUtf8())
                          .object();
                message = body.value(QStringLiteral("message")).toString();
                // max_results is checked by the REST layer, not by the parsers tested here.
                if (message.contains(QStringLiteral("'max_results'")))
                    continue;
            }
            QString query = exchange.value(QStringLiteral("query")).toString();
            query.replace(u'+', QStringLiteral("%20"));
            const QUrlQuery items(query);
            QTest::addRow("%s line %d: %s", qPrintable(version), line,
                          qPrintable(exchange.value(QStringLiteral("label")).toString()))
                << (models ? Target::Models : Target::Versions)
                << items.queryItemValue(QStringLiteral("filter"), QUrl::FullyDecoded)
                << items.allQueryItemValues(QStringLiteral("order_by"), QUrl::FullyDecoded)
                << items.queryItemValue(QStringLiteral("page_token"), QUrl::FullyDecoded)
                << message;
        }
    }
}

void FilterParserTest::answersLikeRecordedServers()
{
    QFETCH(Target, target);
    QFETCH(QString, filter);
    QFETCH(QStringList, orderBy);
    QFETCH(QString, pageToken);
    QFETCH(QString, message);

    // The SQL store's order: filter, order_by, page token.
    QString answer;
    if (const auto parsed = Filter::parseFilter(filter, target); !parsed)
        answer = parsed.error().message();
    else if (const auto order = Filter::parseOrderBy(orderBy, target); !order)
        answer = order.error().message();
    else if (const auto offset = PageToken::decode(pageToken); !offset)
        answer = offset.error().message();
    QCOMPARE(withSortedSets(answer), withSortedSets(message));
}

void FilterParserTest::acceptsOrderBy_data()
{
    QTest::addColumn<Target>("target");
    QTest::addColumn<QStringList>("orderBy");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("models: none") << Target::Models << QStringList() << QStringList();
    QTest::addRow("versions: none") << Target::Versions << QStringList() << QStringList();
    QTest::addRow("models: name") << Target::Models << QStringList {QStringLiteral("name")}
                                  << QStringList {QStringLiteral("name ASC")};
    QTest::addRow("models: name DESC")
        << Target::Models << QStringList {QStringLiteral("name DESC")}
        << QStringList {QStringLiteral("name DESC")};
    QTest::addRow("models: name desc")
        << Target::Models << QStringList {QStringLiteral("name desc")}
        << QStringList {QStringLiteral("name DESC")};
    QTest::addRow("models: name ASC") << Target::Models << QStringList {QStringLiteral("name ASC")}
                                      << QStringList {QStringLiteral("name ASC")};
    QTest::addRow("models: timestamp")
        << Target::Models << QStringList {QStringLiteral("timestamp")}
        << QStringList {QStringLiteral("last_updated_timestamp ASC")};
    QTest::addRow("models: timestamp DESC")
        << Target::Models << QStringList {QStringLiteral("timestamp DESC")}
        << QStringList {QStringLiteral("last_updated_timestamp DESC")};
    QTest::addRow("models: timestamp   desc")
        << Target::Models << QStringList {QStringLiteral("timestamp   desc")}
        << QStringList {QStringLiteral("last_updated_timestamp DESC")};
    QTest::addRow("models: last_updated_timestamp DESC | name ASC")
        << Target::Models
        << QStringList {QStringLiteral("last_updated_timestamp DESC"), QStringLiteral("name ASC")}
        << QStringList {QStringLiteral("last_updated_timestamp DESC"), QStringLiteral("name ASC")};
    QTest::addRow("models: `name` DESC")
        << Target::Models << QStringList {QStringLiteral("`name` DESC")}
        << QStringList {QStringLiteral("name DESC")};
    QTest::addRow("versions: name") << Target::Versions << QStringList {QStringLiteral("name")}
                                    << QStringList {QStringLiteral("name ASC")};
    QTest::addRow("versions: version_number DESC")
        << Target::Versions << QStringList {QStringLiteral("version_number DESC")}
        << QStringList {QStringLiteral("version_number DESC")};
    QTest::addRow("versions: `version_number` asc")
        << Target::Versions << QStringList {QStringLiteral("`version_number` asc")}
        << QStringList {QStringLiteral("version_number ASC")};
    QTest::addRow("versions: `version_number`")
        << Target::Versions << QStringList {QStringLiteral("`version_number`")}
        << QStringList {QStringLiteral("version_number ASC")};
    QTest::addRow("versions: creation_timestamp")
        << Target::Versions << QStringList {QStringLiteral("creation_timestamp")}
        << QStringList {QStringLiteral("creation_timestamp ASC")};
    QTest::addRow("versions: last_updated_timestamp DESC")
        << Target::Versions << QStringList {QStringLiteral("last_updated_timestamp DESC")}
        << QStringList {QStringLiteral("last_updated_timestamp DESC")};
    QTest::addRow("versions: attribute.name DESC")
        << Target::Versions << QStringList {QStringLiteral("attribute.name DESC")}
        << QStringList {QStringLiteral("name DESC")};
    QTest::addRow("versions: \"name\" DESC")
        << Target::Versions << QStringList {QStringLiteral("\"name\" DESC")}
        << QStringList {QStringLiteral("name DESC")};
}

void FilterParserTest::acceptsOrderBy()
{
    QFETCH(Target, target);
    QFETCH(QStringList, orderBy);
    QFETCH(QStringList, expected);

    const Result<QList<Filter::OrderTerm>> parsed = Filter::parseOrderBy(orderBy, target);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message()));
    QCOMPARE(dump(*parsed), expected);
}

void FilterParserTest::rejectsOrderBy_data()
{
    QTest::addColumn<Target>("target");
    QTest::addColumn<QStringList>("orderBy");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("message");

    QTest::addRow("models: colour DESC")
        << Target::Models << QStringList {QStringLiteral("colour DESC")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral(
               "Invalid order by key 'colour' specified. Valid keys are '{'timestamp', 'name'}'");
    QTest::addRow("models: creation_timestamp")
        << Target::Models << QStringList {QStringLiteral("creation_timestamp")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral("Invalid order by key 'creation_timestamp' specified. Valid keys are "
                          "'{'timestamp', 'name'}'");
    QTest::addRow("models: TIMESTAMP")
        << Target::Models << QStringList {QStringLiteral("TIMESTAMP")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral("Invalid order_by clause 'TIMESTAMP'. Could not be parsed.");
    QTest::addRow("models: `name`")
        << Target::Models << QStringList {QStringLiteral("`name`")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral(
               "Invalid order by key '`name`' specified. Valid keys are '{'timestamp', 'name'}'");
    QTest::addRow("models: name | name DESC")
        << Target::Models << QStringList {QStringLiteral("name"), QStringLiteral("name DESC")}
        << ErrorCode::InternalError
        << QStringLiteral("`order_by` contains duplicate fields: ['name', 'name DESC']");
    QTest::addRow("models: timestamp | last_updated_timestamp")
        << Target::Models
        << QStringList {QStringLiteral("timestamp"), QStringLiteral("last_updated_timestamp")}
        << ErrorCode::InternalError
        << QStringLiteral(
               "`order_by` contains duplicate fields: ['timestamp', 'last_updated_timestamp']");
    QTest::addRow("models: ") << Target::Models << QStringList {QStringLiteral("")}
                              << ErrorCode::InvalidParameterValue
                              << QStringLiteral("Invalid order_by clause ''. Could not be parsed.");
    QTest::addRow("models:  name")
        << Target::Models << QStringList {QStringLiteral(" name")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral("Invalid order_by clause ' name'. Could not be parsed.");
    QTest::addRow("models: name ")
        << Target::Models << QStringList {QStringLiteral("name ")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral("Invalid order_by clause 'name '. Could not be parsed.");
    QTest::addRow("models: name foo")
        << Target::Models << QStringList {QStringLiteral("name foo")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral("Invalid ordering key in order_by clause 'name foo'.");
    QTest::addRow("models: name DESC DESC")
        << Target::Models << QStringList {QStringLiteral("name DESC DESC")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral("Invalid order_by clause 'name DESC DESC'. Could not be parsed.");
    QTest::addRow("models: name DESC, timestamp")
        << Target::Models << QStringList {QStringLiteral("name DESC, timestamp")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral("Invalid order_by clause 'name DESC, timestamp'. Could not be parsed.");
    QTest::addRow("models: tags.x DESC")
        << Target::Models << QStringList {QStringLiteral("tags.x DESC")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral(
               "Invalid order by key 'tags.x' specified. Valid keys are '{'timestamp', 'name'}'");
    QTest::addRow("versions: colour")
        << Target::Versions << QStringList {QStringLiteral("colour")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral("Invalid attribute key 'colour' specified. Valid keys are '{'name', "
                          "'version_number', 'creation_timestamp', 'last_updated_timestamp'}'");
    QTest::addRow("versions: timestamp")
        << Target::Versions << QStringList {QStringLiteral("timestamp")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral("Invalid attribute key 'timestamp' specified. Valid keys are '{'name', "
                          "'version_number', 'creation_timestamp', 'last_updated_timestamp'}'");
    QTest::addRow("versions: tags.x")
        << Target::Versions << QStringList {QStringLiteral("tags.x")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral("Invalid order by key 'x' specified. Valid keys are {'name', "
                          "'version_number', 'creation_timestamp', 'last_updated_timestamp'}");
    QTest::addRow("versions: params.x")
        << Target::Versions << QStringList {QStringLiteral("params.x")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral(
               "Invalid entity type 'params'. Valid entity types are ('attribute', 'tag', 'tags')");
    QTest::addRow("versions: name | name")
        << Target::Versions << QStringList {QStringLiteral("name"), QStringLiteral("name")}
        << ErrorCode::InternalError
        << QStringLiteral("`order_by` contains duplicate fields: ['name', 'name']");
    QTest::addRow("versions: name ASC | version_number DESC | name DESC")
        << Target::Versions
        << QStringList {QStringLiteral("name ASC"), QStringLiteral("version_number DESC"),
                        QStringLiteral("name DESC")}
        << ErrorCode::InternalError
        << QStringLiteral("`order_by` contains duplicate fields: ['name ASC', 'version_number "
                          "DESC', 'name DESC']");
    QTest::addRow("versions: 'name' DESC")
        << Target::Versions << QStringList {QStringLiteral("'name' DESC")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral("Invalid order_by clause ''name' DESC'. Could not be parsed.");
    QTest::addRow("versions: version_number DESC | colour")
        << Target::Versions
        << QStringList {QStringLiteral("version_number DESC"), QStringLiteral("colour")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral("Invalid attribute key 'colour' specified. Valid keys are '{'name', "
                          "'version_number', 'creation_timestamp', 'last_updated_timestamp'}'");
    QTest::addRow("models: name;")
        << Target::Models << QStringList {QStringLiteral("name;")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral("Invalid order_by clause 'name;'. Could not be parsed.");
    QTest::addRow("models: name; x")
        << Target::Models << QStringList {QStringLiteral("name; x")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral("Invalid order_by clause 'name; x'. Could not be parsed.");
    QTest::addRow("versions: name DESC |  colour")
        << Target::Versions << QStringList {QStringLiteral("name DESC"), QStringLiteral(" colour")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral("Invalid order_by clause ' colour'. Could not be parsed.");
    QTest::addRow("models: it's") << Target::Models << QStringList {QStringLiteral("it's")}
                                  << ErrorCode::InvalidParameterValue
                                  << QStringLiteral(
                                         "Invalid order_by clause 'it's'. Could not be parsed.");
    QTest::addRow("versions: \"it's\" DESC")
        << Target::Versions << QStringList {QStringLiteral("\"it's\" DESC")}
        << ErrorCode::InvalidParameterValue
        << QStringLiteral("Invalid attribute key 'it's' specified. Valid keys are '{'name', "
                          "'version_number', 'creation_timestamp', 'last_updated_timestamp'}'");
    QTest::addRow("models: name DESC | name ASC")
        << Target::Models << QStringList {QStringLiteral("name DESC"), QStringLiteral("name ASC")}
        << ErrorCode::InternalError
        << QStringLiteral("`order_by` contains duplicate fields: ['name DESC', 'name ASC']");
}

void FilterParserTest::rejectsOrderBy()
{
    QFETCH(Target, target);
    QFETCH(QStringList, orderBy);
    QFETCH(ErrorCode, code);
    QFETCH(QString, message);

    const Result<QList<Filter::OrderTerm>> parsed = Filter::parseOrderBy(orderBy, target);
    QVERIFY2(!parsed.ok(), qPrintable(parsed.ok() ? dump(*parsed).join(u'\n') : QString()));
    QCOMPARE(parsed.error().message(), message);
    QCOMPARE(parsed.error().code(), code);
}

void FilterParserTest::encodesPageTokenAsMlflow_data()
{
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<QString>("token");

    // Tokens an MLflow server handed out (see the paging transcripts) and a large offset.
    QTest::addRow("1") << qint64(1) << QStringLiteral("eyJvZmZzZXQiOiAxfQ==");
    QTest::addRow("2") << qint64(2) << QStringLiteral("eyJvZmZzZXQiOiAyfQ==");
    QTest::addRow("100") << qint64(100) << QStringLiteral("eyJvZmZzZXQiOiAxMDB9");
    QTest::addRow("12345678901") << qint64(12345678901)
                                 << QStringLiteral("eyJvZmZzZXQiOiAxMjM0NTY3ODkwMX0=");
}

void FilterParserTest::encodesPageTokenAsMlflow()
{
    QFETCH(qint64, offset);
    QFETCH(QString, token);

    QCOMPARE(PageToken::encode(offset), token);
}

void FilterParserTest::roundTripsPageToken_data()
{
    QTest::addColumn<qint64>("offset");

    for (const qint64 offset : {qint64(1), qint64(99), qint64(1000), qint64(200000),
                                std::numeric_limits<qint64>::max()}) {
        QTest::addRow("%lld", offset) << offset;
    }
}

void FilterParserTest::roundTripsPageToken()
{
    QFETCH(qint64, offset);

    const Result<qint64> decoded = PageToken::decode(PageToken::encode(offset));
    QVERIFY(decoded.ok());
    QCOMPARE(*decoded, offset);
}

void FilterParserTest::decodesPageToken_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<qint64>("offset");

    QTest::addRow("empty is the first page") << QString() << qint64(0);
    QTest::addRow("padded") << QStringLiteral("eyJvZmZzZXQiOiAxfQ==") << qint64(1);
    // Python's decoder skips characters outside the alphabet and stops at the padding.
    QTest::addRow("space inside") << QStringLiteral("eyJvZmZz ZXQiOiAxfQ==") << qint64(1);
    QTest::addRow("data after padding")
        << QStringLiteral("eyJvZmZzZXQiOiAxfQ==garbage") << qint64(1);
    QTest::addRow("extra padding") << QStringLiteral("eyJvZmZzZXQiOiA3fQ====") << qint64(7);
    // int() of the offset: a numeric string, a float (truncated), true, a negative number.
    QTest::addRow("offset as string") << QStringLiteral("eyJvZmZzZXQiOiAiNSJ9") << qint64(5);
    QTest::addRow("offset as spaced string")
        << QStringLiteral("eyJvZmZzZXQiOiAiIDcgIn0=") << qint64(7);
    QTest::addRow("offset with underscore")
        << QStringLiteral("eyJvZmZzZXQiOiAiMV8wMDAifQ==") << qint64(1000);
    QTest::addRow("offset as float") << QStringLiteral("eyJvZmZzZXQiOiAyLjl9") << qint64(2);
    QTest::addRow("offset true") << QStringLiteral("eyJvZmZzZXQiOiB0cnVlfQ==") << qint64(1);
    QTest::addRow("negative offset") << QStringLiteral("eyJvZmZzZXQiOiAtM30=") << qint64(-3);
}

void FilterParserTest::decodesPageToken()
{
    QFETCH(QString, token);
    QFETCH(qint64, offset);

    const Result<qint64> decoded = PageToken::decode(token);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message()));
    QCOMPARE(*decoded, offset);
}

void FilterParserTest::rejectsPageToken_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("message");

    // Recorded: registered-models/search "garbage page_token".
    QTest::addRow("garbage") << QStringLiteral("not-a-token")
                             << QStringLiteral("Invalid page token, could not base64-decode");
    // What a server answers to the token it gave for max_results=0.
    QTest::addRow("offset 0") << QStringLiteral("eyJvZmZzZXQiOiAwfQ==")
                              << QStringLiteral("Invalid page token, parsed value={'offset': 0}");
    QTest::addRow("missing padding")
        << QStringLiteral("eyJvZmZzZXQiOiAxfQ")
        << QStringLiteral("Invalid page token, could not base64-decode");
    QTest::addRow("one character")
        << QStringLiteral("e") << QStringLiteral("Invalid page token, could not base64-decode");
    QTest::addRow("not json") << QStringLiteral("aGVsbG8=")
                              << QStringLiteral("Invalid page token, decoded value=b'hello'");
    QTest::addRow("not json with quote")
        << QStringLiteral("aXQncw==")
        << QStringLiteral("Invalid page token, decoded value=b\"it's\"");
    QTest::addRow("binary") << QStringLiteral("AP8=")
                            << QStringLiteral("Invalid page token, decoded value=b'\\x00\\xff'");
    QTest::addRow("only padding") << QStringLiteral("====")
                                  << QStringLiteral("Invalid page token, decoded value=b''");
    QTest::addRow("empty object") << QStringLiteral("e30=")
                                  << QStringLiteral("Invalid page token, parsed value={}");
    QTest::addRow("null offset") << QStringLiteral("eyJvZmZzZXQiOiBudWxsfQ==")
                                 << QStringLiteral(
                                        "Invalid page token, parsed value={'offset': None}");
    QTest::addRow("empty string offset")
        << QStringLiteral("eyJvZmZzZXQiOiAiIn0=")
        << QStringLiteral("Invalid page token, parsed value={'offset': ''}");
    QTest::addRow("offset not a number")
        << QStringLiteral("eyJvZmZzZXQiOiAiYWJjIn0=")
        << QStringLiteral("Invalid page token, not stringable abc");
}

void FilterParserTest::rejectsPageToken()
{
    QFETCH(QString, token);
    QFETCH(QString, message);

    const Result<qint64> decoded = PageToken::decode(token);
    QVERIFY2(!decoded.ok(), qPrintable(QString::number(decoded.ok() ? *decoded : 0)));
    QCOMPARE(decoded.error().message(), message);
    QCOMPARE(decoded.error().code(), ErrorCode::InvalidParameterValue);
}

QTEST_GUILESS_MAIN(FilterParserTest)
#include "tst_filterparser.moc"
