// Tests MLflow's validation rules for registry writes: tag keys and values, aliases, stages,
// version numbers and model names, with the messages MLflow answers (recorded ones where the
// shared transcripts have them).

#include "registry/validation.h"

#include <QtTest>

using namespace ModelDesk;

namespace {

const QString BadCharacters = QStringLiteral(
    "Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), "
    "colon(:) and slashes (/).");

QString badKey(const QString &quoted)
{
    return QStringLiteral("Invalid value %1 for parameter 'key' supplied: ").arg(quoted)
        + BadCharacters;
}

QString ambiguousKey(const QString &quoted, const QString &resolved)
{
    return QStringLiteral("Invalid value %1 for parameter 'key' supplied: Names may be treated as "
                          "files in certain cases, and must not resolve to other names when "
                          "treated as such. This name would resolve to '%2'")
        .arg(quoted, resolved);
}

QString badAlias(const QString &alias)
{
    return QStringLiteral("Invalid alias name: '%1'. Names may only contain alphanumerics, "
                          "underscores (_), and dashes (-).")
        .arg(alias);
}

QString missing(const QString &parameter)
{
    return QStringLiteral("Missing value for required parameter '%1'. See the API docs for more "
                          "information about request parameters.")
        .arg(parameter);
}

QString errorText(const Result<Done> &result)
{
    return result.ok() ? QStringLiteral("accepted") : result.error().message();
}

} // namespace

class ValidationTest : public QObject
{
    Q_OBJECT

private slots:
    void findsMalformedUtf8_data();
    void findsMalformedUtf8();
    void checksTagKey_data();
    void checksTagKey();
    void checksTagValue_data();
    void checksTagValue();
    void checksAliasToSet_data();
    void checksAliasToSet();
    void looksUpReservedAliases_data();
    void looksUpReservedAliases();
    void canonicalisesStage_data();
    void canonicalisesStage();
    void rejectsStage_data();
    void rejectsStage();
    void parsesVersion_data();
    void parsesVersion();
    void rejectsVersion_data();
    void rejectsVersion();
    void checksModelName_data();
    void checksModelName();
};

void ValidationTest::checksTagKey_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected"); // "accepted" or MLflow's message

    QTest::addRow("plain") << QStringLiteral("owner") << QStringLiteral("accepted");
    QTest::addRow("dotted") << QStringLiteral("mlflow.prompt.is_prompt")
                            << QStringLiteral("accepted");
    QTest::addRow("slash") << QStringLiteral("team/owner") << QStringLiteral("accepted");
    QTest::addRow("space") << QStringLiteral("data version") << QStringLiteral("accepted");
    QTest::addRow("colon") << QStringLiteral("a:b") << QStringLiteral("accepted");
    QTest::addRow("dash underscore digits")
        << QStringLiteral("x_1-2.3") << QStringLiteral("accepted");
    QTest::addRow("cyrillic") << QStringLiteral("ключ") << QStringLiteral("accepted");
    QTest::addRow("chinese") << QStringLiteral("情感") << QStringLiteral("accepted");
    // Python's `$` also matches before a final newline, so MLflow accepts this key.
    QTest::addRow("trailing newline") << QStringLiteral("abc\n") << QStringLiteral("accepted");
    QTest::addRow("250 characters") << QString(250, u'k') << QStringLiteral("accepted");

    // Recorded: registered-models/set-tag "invalid key".
    QTest::addRow("empty") << QString() << missing(QStringLiteral("key"));
    QTest::addRow("exclamation") << QStringLiteral("bad!") << badKey(QStringLiteral("\"bad!\""));
    QTest::addRow("non-ascii in message")
        << QStringLiteral("é!") << badKey(QStringLiteral("\"\\u00e9!\""));
    QTest::addRow("tab") << QStringLiteral("a\tb") << badKey(QStringLiteral("\"a\\tb\""));
    QTest::addRow("emoji") << QStringLiteral("😀") << badKey(QStringLiteral("\"\\ud83d\\ude00\""));
    QTest::addRow("apostrophe") << QStringLiteral("a'b") << badKey(QStringLiteral("\"a'b\""));
    QTest::addRow("double quote") << QStringLiteral("a\"b") << badKey(QStringLiteral("\"a\\\"b\""));
    QTest::addRow("parent segment")
        << QStringLiteral("bad/../key")
        << ambiguousKey(QStringLiteral("\"bad/../key\""), QStringLiteral("key"));
    QTest::addRow("dot dot") << QStringLiteral("..")
                             << ambiguousKey(QStringLiteral("\"..\""), QStringLiteral(".."));
    QTest::addRow("dot") << QStringLiteral(".")
                         << ambiguousKey(QStringLiteral("\".\""), QStringLiteral("."));
    QTest::addRow("leading slash")
        << QStringLiteral("/abs")
        << ambiguousKey(QStringLiteral("\"/abs\""), QStringLiteral("/abs"));
    QTest::addRow("double slash") << QStringLiteral(
        "a//b") << ambiguousKey(QStringLiteral("\"a//b\""), QStringLiteral("a/b"));
    QTest::addRow("trailing slash")
        << QStringLiteral("a/") << ambiguousKey(QStringLiteral("\"a/\""), QStringLiteral("a"));
    QTest::addRow("dot segment") << QStringLiteral(
        "a/./b") << ambiguousKey(QStringLiteral("\"a/./b\""), QStringLiteral("a/b"));
    QTest::addRow("leading dot segment")
        << QStringLiteral("./a") << ambiguousKey(QStringLiteral("\"./a\""), QStringLiteral("a"));
    QTest::addRow("dot dot prefix")
        << QStringLiteral("..foo")
        << ambiguousKey(QStringLiteral("\"..foo\""), QStringLiteral("..foo"));
    QTest::addRow("up to nothing")
        << QStringLiteral("a/..") << ambiguousKey(QStringLiteral("\"a/..\""), QStringLiteral("."));
    QTest::addRow("two leading slashes")
        << QStringLiteral("//x") << ambiguousKey(QStringLiteral("\"//x\""), QStringLiteral("//x"));
    QTest::addRow("251 characters") << QString(251, u'k')
                                    << QStringLiteral("'key' exceeds the maximum length of 250 "
                                                      "characters");
}

void ValidationTest::checksTagKey()
{
    QFETCH(QString, key);
    QFETCH(QString, expected);

    const Result<Done> result = Validation::checkTagKey(key);
    QCOMPARE(errorText(result), expected);
    if (!result.ok())
        QCOMPARE(result.error().code(), ErrorCode::InvalidParameterValue);
}

void ValidationTest::checksTagValue_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    QTest::addRow("empty") << QString() << QStringLiteral("accepted");
    QTest::addRow("100000 characters") << QString(100000, u'x') << QStringLiteral("accepted");
    // Python counts code points: 100000 emoji are 200000 UTF-16 units but within the limit.
    QString emoji;
    for (int i = 0; i < 100000; ++i)
        emoji += QStringLiteral("😀");
    QTest::addRow("100000 emoji") << emoji << QStringLiteral("accepted");
    QTest::addRow("100001 characters")
        << QString(100001, u'x')
        << QStringLiteral("'value' exceeds the maximum length of 100000 characters");
}

void ValidationTest::checksTagValue()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);

    QCOMPARE(errorText(Validation::checkTagValue(value)), expected);
}

void ValidationTest::checksAliasToSet_data()
{
    QTest::addColumn<QString>("alias");
    QTest::addColumn<QString>("expected");

    QTest::addRow("plain") << QStringLiteral("champion") << QStringLiteral("accepted");
    QTest::addRow("case and dash") << QStringLiteral("Champion-2") << QStringLiteral("accepted");
    QTest::addRow("letter after digits") << QStringLiteral("v1a") << QStringLiteral("accepted");
    QTest::addRow("double v") << QStringLiteral("vv1") << QStringLiteral("accepted");
    QTest::addRow("accented") << QStringLiteral("é") << QStringLiteral("accepted");
    QTest::addRow("255 characters") << QString(255, u'x') << QStringLiteral("accepted");
    // Recorded: registered-models/alias POST "reserved 'latest'", "reserved v1", "invalid chars".
    QTest::addRow("latest") << QStringLiteral(
        "latest") << QStringLiteral("'latest' alias name (case insensitive) is reserved.");
    QTest::addRow("latest mixed case")
        << QStringLiteral("LaTeSt")
        << QStringLiteral("'latest' alias name (case insensitive) is reserved.");
    QTest::addRow("v1") << QStringLiteral("v1")
                        << QStringLiteral("Version alias name 'v1' is reserved.");
    QTest::addRow("V12") << QStringLiteral("V12")
                         << QStringLiteral("Version alias name 'V12' is reserved.");
    QTest::addRow("arabic-indic digit")
        << QStringLiteral("v١") << QStringLiteral("Version alias name 'v١' is reserved.");
    QTest::addRow("space and bang")
        << QStringLiteral("bad alias!") << badAlias(QStringLiteral("bad alias!"));
    QTest::addRow("dot") << QStringLiteral("a.b") << badAlias(QStringLiteral("a.b"));
    QTest::addRow("slash") << QStringLiteral("a/b") << badAlias(QStringLiteral("a/b"));
    QTest::addRow("empty") << QString() << missing(QStringLiteral("alias"));
    QTest::addRow("256 characters")
        << QString(256, u'x')
        << QStringLiteral("'Registered model alias name' exceeds the maximum length of 255 "
                          "characters");
}

void ValidationTest::checksAliasToSet()
{
    QFETCH(QString, alias);
    QFETCH(QString, expected);

    const Result<Done> result = Validation::checkAliasToSet(alias);
    QCOMPARE(errorText(result), expected);
    if (!result.ok())
        QCOMPARE(result.error().code(), ErrorCode::InvalidParameterValue);
}

void ValidationTest::looksUpReservedAliases_data()
{
    QTest::addColumn<QString>("alias");
    QTest::addColumn<QString>("expected");

    // Reserved names are refused only when setting; looking them up or deleting them is allowed.
    QTest::addRow("latest") << QStringLiteral("latest") << QStringLiteral("accepted");
    QTest::addRow("v1") << QStringLiteral("v1") << QStringLiteral("accepted");
    QTest::addRow("bad characters")
        << QStringLiteral("bad alias!") << badAlias(QStringLiteral("bad alias!"));
    QTest::addRow("empty") << QString() << missing(QStringLiteral("alias"));
}

void ValidationTest::looksUpReservedAliases()
{
    QFETCH(QString, alias);
    QFETCH(QString, expected);

    QCOMPARE(errorText(Validation::checkAliasName(alias)), expected);
}

void ValidationTest::canonicalisesStage_data()
{
    QTest::addColumn<QString>("stage");
    QTest::addColumn<QString>("canonical");

    QTest::addRow("None") << QStringLiteral("None") << QStringLiteral("None");
    QTest::addRow("none") << QStringLiteral("none") << QStringLiteral("None");
    QTest::addRow("staging") << QStringLiteral("staging") << QStringLiteral("Staging");
    QTest::addRow("PRODUCTION") << QStringLiteral("PRODUCTION") << QStringLiteral("Production");
    QTest::addRow("aRcHiVeD") << QStringLiteral("aRcHiVeD") << QStringLiteral("Archived");
}

void ValidationTest::canonicalisesStage()
{
    QFETCH(QString, stage);
    QFETCH(QString, canonical);

    const Result<QString> result = Validation::canonicalStage(stage);
    QVERIFY(result.ok());
    QCOMPARE(*result, canonical);
}

void ValidationTest::rejectsStage_data()
{
    QTest::addColumn<QString>("stage");

    // Recorded: transition-stage and get-latest-versions "bad stage".
    QTest::addRow("Prod") << QStringLiteral("Prod");
    QTest::addRow("internal soft-delete marker") << QStringLiteral("Deleted_Internal");
    QTest::addRow("padded") << QStringLiteral(" Staging");
    QTest::addRow("empty") << QString();
}

void ValidationTest::rejectsStage()
{
    QFETCH(QString, stage);

    const Result<QString> result = Validation::canonicalStage(stage);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message(),
             QStringLiteral("Invalid Model Version stage: %1. Value must be one of None, Staging, "
                            "Production, Archived.")
                 .arg(stage));
    QCOMPARE(result.error().code(), ErrorCode::InvalidParameterValue);
}

void ValidationTest::parsesVersion_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("version");

    // Python's int() rules.
    QTest::addRow("plain") << QStringLiteral("3") << qint64(3);
    QTest::addRow("spaces") << QStringLiteral(" 3 ") << qint64(3);
    QTest::addRow("plus") << QStringLiteral("+3") << qint64(3);
    QTest::addRow("negative") << QStringLiteral("-1") << qint64(-1);
    QTest::addRow("leading zeros") << QStringLiteral("007") << qint64(7);
    QTest::addRow("underscore") << QStringLiteral("1_0") << qint64(10);
    QTest::addRow("arabic-indic digit") << QStringLiteral("٣") << qint64(3);
    QTest::addRow("largest") << QStringLiteral("9223372036854775807")
                             << std::numeric_limits<qint64>::max();
}

void ValidationTest::parsesVersion()
{
    QFETCH(QString, text);
    QFETCH(qint64, version);

    const Result<qint64> result = Validation::parseVersion(text);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message()));
    QCOMPARE(*result, version);
}

void ValidationTest::rejectsVersion_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    const auto notInteger = [](const QString &text) {
        return QStringLiteral("Parameter 'version' must be an integer, got '%1'.").arg(text);
    };
    // Recorded: model-versions/get "non-integer version", model-versions/set-tag "bad version".
    for (const QString &text : {QStringLiteral("abc"), QStringLiteral("one"), QStringLiteral("3.0"),
                                QStringLiteral("1__0"), QStringLiteral("_1"), QStringLiteral("1_"),
                                QStringLiteral("0x10"), QStringLiteral("1e3"), QStringLiteral("²"),
                                QStringLiteral("9223372036854775808")}) {
        QTest::addRow("%s", qPrintable(text)) << text << notInteger(text);
    }
    QTest::addRow("empty") << QString() << missing(QStringLiteral("version"));
}

void ValidationTest::rejectsVersion()
{
    QFETCH(QString, text);
    QFETCH(QString, message);

    const Result<qint64> result = Validation::parseVersion(text);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message(), message);
    QCOMPARE(result.error().code(), ErrorCode::InvalidParameterValue);
}

void ValidationTest::checksModelName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");

    QTest::addRow("plain") << QStringLiteral("customer_churn_predictor")
                           << QStringLiteral("accepted");
    // Names are barely validated: spaces, slashes and any script are accepted.
    QTest::addRow("spaces") << QStringLiteral("Fraud Detection Model")
                            << QStringLiteral("accepted");
    QTest::addRow("slashes") << QStringLiteral("team-a/fraud/gbm") << QStringLiteral("accepted");
    QTest::addRow("unicode") << QStringLiteral("情感分析-sentiment ✨")
                             << QStringLiteral("accepted");
    // Recorded: registered-models/create "empty name".
    QTest::addRow("empty") << QString() << missing(QStringLiteral("name"));
}

void ValidationTest::checksModelName()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);

    QCOMPARE(errorText(Validation::checkModelName(name)), expected);
}

void ValidationTest::findsMalformedUtf8_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("offset");
    QTest::newRow("ASCII") << QByteArray("model-1") << -1;
    QTest::newRow("2, 3 and 4 bytes") << QByteArray("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80") << -1;
    QTest::newRow("U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf") << -1;
    QTest::newRow("cut sequence") << QByteArray("ab\xc3(") << 2;
    QTest::newRow("truncated at end") << QByteArray("ab\xe2\x82") << 2;
    QTest::newRow("lone continuation") << QByteArray("\x80") << 0;
    QTest::newRow("overlong /") << QByteArray("x\xc0\xaf") << 1;
    QTest::newRow("overlong 3-byte") << QByteArray("\xe0\x80\xaf") << 0;
    QTest::newRow("surrogate D800") << QByteArray("a\xed\xa0\x80") << 1;
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << 0;
    QTest::newRow("0xff") << QByteArray("/tmp/\xff") << 5;
}

void ValidationTest::findsMalformedUtf8()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, offset);
    QCOMPARE(Validation::invalidUtf8Offset(bytes), qsizetype(offset));
}

QTEST_GUILESS_MAIN(ValidationTest)
#include "tst_validation.moc"
