// The link between a model version and the MLflow 3 logged model it registers, written as
// MLflow's registry store writes it (rest.md §3.13, sqlite-schema.md §5.5): a version whose
// source is models:/m-<id> stores the logged model's artifact location, and registering with
// a model id lists the version in the logged model's tag mlflow.modelVersions.
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlbackend_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>

namespace ModelDesk {

namespace {

const QString ModelVersionsTag = QStringLiteral("mlflow.modelVersions");

// Python's json.dumps layout (", " and ": "), which MLflow writes the tag with.
QString pythonJson(const QJsonArray &entries)
{
    QStringList items;
    for (const QJsonValue &entry : entries) {
        const QJsonObject object = entry.toObject();
        QStringList members;
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QByteArray key
                = QJsonDocument(QJsonArray {it.key()}).toJson(QJsonDocument::Compact);
            const QByteArray value
                = QJsonDocument(QJsonArray {it.value()}).toJson(QJsonDocument::Compact);
            members << QString::fromUtf8(key.mid(1, key.size() - 2)) + QStringLiteral(": ")
                    + QString::fromUtf8(value.mid(1, value.size() - 2));
        }
        items << u'{' + members.join(QStringLiteral(", ")) + u'}';
    }
    return u'[' + items.join(QStringLiteral(", ")) + u']';
}

} // namespace

std::optional<QString> SqlBackend::loggedModelId(const QString &source)
{
    static const QRegularExpression loggedModel(QStringLiteral("^models:/(m-[0-9a-f]{32})$"));
    const auto match = loggedModel.match(source);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1);
}

Result<std::optional<SqlBackend::LoggedModelRow>> SqlBackend::loggedModel(const QString &modelId)
{
    if (!m_layout.loggedModels)
        return std::optional<LoggedModelRow>();
    QSqlQuery query(database());
    // A logged model belongs to the workspace of its experiment: another workspace's is
    // not found, as in MLflow.
    query.prepare(QStringLiteral("SELECT artifact_location, source_run_id, experiment_id "
                                 "FROM %2logged_models WHERE model_id = ? AND experiment_id IN "
                                 "(SELECT experiment_id FROM experiments WHERE %1 1)")
                      .arg(scope(QStringLiteral("experiments")), m_layout.loggedModelPrefix));
    query.addBindValue(modelId);
    if (!query.exec())
        return sqlFailure(SqlText::tr("Could not read logged model %1.").arg(modelId),
                          query.lastError());
    if (!query.next())
        return std::optional<LoggedModelRow>();
    return std::optional<LoggedModelRow>(LoggedModelRow {
        query.value(0).toString(), query.value(1).toString(), query.value(2).toLongLong()});
}

Result<Done> SqlBackend::listVersionOnLoggedModel(const QString &modelId,
                                                  qint64 experimentId,
                                                  const QString &name,
                                                  qint64 version)
{
    const QString what = SqlText::tr("Could not link logged model %1 to version %2 of %3.")
                             .arg(modelId)
                             .arg(version)
                             .arg(name);
    QSqlQuery query(database());
    query.prepare(QStringLiteral("SELECT tag_value FROM logged_model_tags "
                                 "WHERE model_id = ? AND tag_key = ?"));
    query.addBindValue(modelId);
    query.addBindValue(ModelVersionsTag);
    if (!query.exec())
        return sqlFailure(what, query.lastError());
    // A value that is not a JSON list (another client's) is replaced rather than corrupted.
    QJsonArray entries;
    if (query.next())
        entries = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).array();
    query.finish();
    entries.append(
        QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("version"), version}});
    query.prepare(QStringLiteral("INSERT INTO logged_model_tags (model_id, experiment_id, tag_key, "
                                 "tag_value) VALUES (?, ?, ?, ?) ON CONFLICT (model_id, tag_key) "
                                 "DO UPDATE SET tag_value = excluded.tag_value"));
    query.addBindValue(modelId);
    query.addBindValue(experimentId);
    query.addBindValue(ModelVersionsTag);
    query.addBindValue(pythonJson(entries));
    if (!query.exec())
        return sqlFailure(what, query.lastError());
    return Done {};
}

} // namespace ModelDesk
