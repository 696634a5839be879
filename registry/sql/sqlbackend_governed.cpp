// Governance on the SQL store: a planned change (the approval workflow's decisions) as one
// transaction, and the audit table read back for History.
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlbackend_p.h"
#include "registry/sql/sqltransaction_p.h"

#include <QSet>
#include <QSqlQuery>

namespace ModelDesk {

Result<ModelVersion> SqlBackend::applyGoverned(const QString &name, qint64 number,
                                               const GovernedPlanner &planner)
{
    MD_TRY(checkWritable());
    // The write lock is taken before anything is read, so what the planner sees is what the
    // change is applied to: of two decisions at once, the second sees the first.
    Transaction transaction(this);
    MD_TRY(transaction.begin());
    auto current = model(name);
    if (!current)
        return current.error();
    auto row = version(name, number);
    if (!row)
        return row.error();
    auto change = planner(*current, *row);
    if (!change)
        return change.error();
    for (const Tag &tag : std::as_const(change->tags))
        MD_TRY(writeTag(name, number, tag.key, tag.value));
    for (const QString &key : std::as_const(change->removedTags))
        MD_TRY(writeTag(name, number, key, std::nullopt));
    if (const auto &action = change->action) {
        if (action->kind == GovernedAction::Kind::Stage)
            MD_TRY(transitionStage(name, number, action->target, action->archive));
        else
            MD_TRY(setAlias(name, action->target, number));
    }
    for (const Tag &tag : std::as_const(change->tagsAfter))
        MD_TRY(writeTag(name, number, tag.key, tag.value));
    MD_TRY(transaction.commit());
    return version(name, number);
}

Result<QList<AuditRecord>> SqlBackend::auditLog(const QString &name)
{
    QSqlQuery exists(database());
    if (!exists.exec(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                    "name = 'modeldesk_audit'")))
        return sqlFailure(SqlText::tr("Could not read the history."), exists.lastError());
    if (!exists.next())
        return QList<AuditRecord>{};
    const bool workspaces = m_layout.workspaces;
    const QString scoped = workspaces ? QStringLiteral(" AND (workspace IS NULL OR workspace = ?)")
                                      : QString();

    // The names the model had: each rename's entry names the model as it was renamed to and
    // keeps the old name.
    QStringList names{name};
    QSet<QString> seen{name};
    for (qsizetype i = 0; i < names.size(); ++i) {
        QSqlQuery renames(database());
        renames.prepare(QStringLiteral("SELECT old_value FROM modeldesk_audit WHERE action = "
                                       "'rename_model' AND model_name = ?%1")
                            .arg(scoped));
        renames.addBindValue(names.at(i));
        if (workspaces)
            renames.addBindValue(m_workspace);
        if (!renames.exec())
            return sqlFailure(SqlText::tr("Could not read the history."), renames.lastError());
        while (renames.next()) {
            const QString old = renames.value(0).toString();
            if (!old.isEmpty() && !seen.contains(old)) {
                seen.insert(old);
                names.append(old);
            }
        }
    }

    QList<AuditRecord> records;
    for (qsizetype from = 0; from < names.size(); from += NameBatch) {
        const QStringList batch = names.mid(from, NameBatch);
        QSqlQuery query(database());
        query.prepare(QStringLiteral("SELECT timestamp, user_name, action, model_name, version, "
                                     "field, old_value, new_value, id FROM modeldesk_audit "
                                     "WHERE model_name IN (%1)%2 ORDER BY timestamp, id")
                          .arg(placeholders(batch.size()), scoped));
        for (const QString &batchName : batch)
            query.addBindValue(batchName);
        if (workspaces)
            query.addBindValue(m_workspace);
        if (!query.exec())
            return sqlFailure(SqlText::tr("Could not read the history."), query.lastError());
        while (query.next()) {
            AuditRecord record;
            record.timestamp = query.value(0).toLongLong();
            record.user = query.value(1).toString();
            record.action = query.value(2).toString();
            record.model = query.value(3).toString();
            if (!query.value(4).isNull())
                record.version = query.value(4).toLongLong();
            record.field = query.value(5).toString();
            if (!query.value(6).isNull())
                record.oldValue = query.value(6).toString();
            if (!query.value(7).isNull())
                record.newValue = query.value(7).toString();
            records.append(std::move(record));
        }
    }
    if (names.size() > NameBatch) {
        std::stable_sort(records.begin(), records.end(),
                         [](const AuditRecord &a, const AuditRecord &b) {
                             return a.timestamp < b.timestamp;
                         });
    }
    return records;
}

} // namespace ModelDesk
