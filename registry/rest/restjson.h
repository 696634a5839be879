#pragma once

#include "registry/error.h"
#include "registry/types.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

// MLflow's REST answers read into the registry's value types, accepting the wire as servers
// really write it (rest.md §1.3-§1.4): int64 as JSON numbers or decimal strings, versions as
// strings (or numbers), doubles as numbers or "NaN"/"Infinity"/"-Infinity", unset fields and
// empty lists omitted. Omitted and empty stay distinct where MLflow distinguishes them
// (a version's description, run_id, run_link, user_id).
namespace ModelDesk::RestJson {

// Tracks what an answer got wrong, so one malformed field fails the call instead of showing
// made-up values. The first problem is kept.
class Reader
{
public:
    QString problem() const { return m_problem; }
    bool ok() const { return m_problem.isEmpty(); }

    QString string(const QJsonObject &object, const QString &key);
    std::optional<QString> optionalString(const QJsonObject &object, const QString &key);
    qint64 int64(const QJsonObject &object, const QString &key);
    std::optional<qint64> optionalInt64(const QJsonObject &object, const QString &key);
    double real(const QJsonObject &object, const QString &key);
    bool boolean(const QJsonObject &object, const QString &key);
    QJsonObject object(const QJsonObject &object, const QString &key);
    QJsonArray array(const QJsonObject &object, const QString &key);
    QList<QJsonObject> objects(const QJsonObject &object, const QString &key);

    QList<Tag> tags(const QJsonObject &object, const QString &key = QStringLiteral("tags"));
    ModelVersion modelVersion(const QJsonObject &object);
    RegisteredModel registeredModel(const QJsonObject &object);
    Metric metric(const QJsonObject &object);
    Run run(const QJsonObject &object);
    ArtifactListing artifactListing(const QJsonObject &object);
    // restjson_lineage.cpp
    Experiment experiment(const QJsonObject &object);
    LoggedModel loggedModel(const QJsonObject &object); // {"info": ..., "data": ...}

    void fail(const QString &problem);

private:
    QString m_problem;
};

// The body as a JSON object, or a description of why it is not one.
Result<QJsonObject> parseObject(const QByteArray &body);

// Whole search answers read straight from the bytes, without building a QJsonDocument: a page
// of 10,000 versions is some 5 MB of JSON, and the document and its lookups cost more than
// fetching it. They give exactly what parseObject() and Reader give (registeredModel() or
// modelVersion() on each entry, then "next_page_token"), and fail with the same message on the
// same answers (ErrorCode::InternalError; the caller says what it was doing).
Result<Page<ModelVersion>> readVersionPage(const QByteArray &body);
Result<Page<RegisteredModel>> readModelPage(const QByteArray &body);

// The same pages through parseObject() and Reader: the reference the fast readers are
// checked (tst_restjson) and measured (bench_restjson) against.
Result<Page<ModelVersion>> readVersionPageWithDocument(const QByteArray &body);
Result<Page<RegisteredModel>> readModelPageWithDocument(const QByteArray &body);

} // namespace ModelDesk::RestJson
