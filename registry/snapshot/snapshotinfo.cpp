#include "registry/snapshot/snapshotinfo.h"
#include "registry/snapshot/snapshottable.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace ModelDesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ModelDesk::Snapshot", text);
}

const QStringList CountOrder {
    QStringLiteral("models"),        QStringLiteral("prompts"),
    QStringLiteral("versions"),      QStringLiteral("deleted_versions"),
    QStringLiteral("experiments"),   QStringLiteral("runs"),
    QStringLiteral("metric_points"), QStringLiteral("logged_models"),
    QStringLiteral("audit_records"), QStringLiteral("artifacts"),
};

RegistryError sqlError(const QString &message, const QSqlError &error)
{
    return RegistryError(ErrorCode::InvalidState, message, error.text());
}

} // namespace

qint64 SnapshotInfo::count(const QString &name) const
{
    for (const auto &[key, value] : counts) {
        if (key == name)
            return value;
    }
    return 0;
}

void SnapshotInfo::setCount(const QString &name, qint64 value)
{
    for (auto &entry : counts) {
        if (entry.first == name) {
            entry.second = value;
            return;
        }
    }
    counts.append({name, value});
    std::stable_sort(counts.begin(), counts.end(), [](const auto &a, const auto &b) {
        const auto rank = [](const QString &key) {
            const qsizetype index = CountOrder.indexOf(key);
            return index < 0 ? CountOrder.size() : index;
        };
        return rank(a.first) < rank(b.first);
    });
}

namespace SnapshotTable {

Result<Done> write(QSqlDatabase &db, const SnapshotInfo &info)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS modeldesk_snapshot ("
                                   "source TEXT NOT NULL, "
                                   "taken BIGINT NOT NULL, "
                                   "taken_by TEXT NOT NULL, "
                                   "modeldesk_version TEXT NOT NULL, "
                                   "counts TEXT NOT NULL)"))
        || !query.exec(QStringLiteral("DELETE FROM modeldesk_snapshot"))) {
        return sqlError(tr("Could not write the snapshot's description."), query.lastError());
    }
    QJsonObject counts;
    for (const auto &[key, value] : info.counts)
        counts.insert(key, double(value));
    query.prepare(QStringLiteral("INSERT INTO modeldesk_snapshot (source, taken, taken_by, "
                                 "modeldesk_version, counts) VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(info.source);
    query.addBindValue(info.taken);
    query.addBindValue(info.takenBy);
    query.addBindValue(info.modeldeskVersion);
    query.addBindValue(QString::fromUtf8(QJsonDocument(counts).toJson(QJsonDocument::Compact)));
    if (!query.exec())
        return sqlError(tr("Could not write the snapshot's description."), query.lastError());
    return Done {};
}

Result<std::optional<SnapshotInfo>> read(QSqlDatabase &db)
{
    if (!db.tables().contains(Name))
        return std::optional<SnapshotInfo>();
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT source, taken, taken_by, modeldesk_version, counts "
                                   "FROM modeldesk_snapshot"))) {
        return sqlError(tr("Could not read the snapshot's description."), query.lastError());
    }
    if (!query.next()) {
        return RegistryError(ErrorCode::InvalidState,
                             tr("The snapshot's description is empty: the file was not "
                                "written completely by ModelDesk."));
    }
    SnapshotInfo info;
    info.source = query.value(0).toString();
    info.taken = query.value(1).toLongLong();
    info.takenBy = query.value(2).toString();
    info.modeldeskVersion = query.value(3).toString();
    const QJsonObject counts = QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object();
    for (auto it = counts.begin(); it != counts.end(); ++it)
        info.setCount(it.key(), qint64(it.value().toDouble()));
    return std::optional<SnapshotInfo>(info);
}

} // namespace SnapshotTable

QString snapshotSummary(const SnapshotInfo &info)
{
    const QString when = QDateTime::fromMSecsSinceEpoch(info.taken)
                             .toLocalTime()
                             .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    return tr("Snapshot of %1 taken %2 by %3").arg(info.source, when, info.takenBy);
}

} // namespace ModelDesk
