#include "registry/history/history.h"

#include "registry/approval/approvalrequest.h"
#include "registry/csvtext.h"
#include "registry/searchall.h"
#include "registry/whenfinished.h"

#include <QDateTime>
#include <QPromise>
#include <QTimeZone>

#include <algorithm>
#include <memory>

namespace ModelDesk::History {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ModelDesk::History", text);
}

std::optional<QString> keyed(const QString &key, const std::optional<QString> &value)
{
    if (!value)
        return std::nullopt;
    return key + QLatin1Char('=') + *value;
}

bool workflowTag(const QString &key)
{
    return key == Approval::MarkerKey || key.startsWith(Approval::RequestPrefix);
}

// The event an audit entry records, or nothing for the workflow's own bookkeeping (requests
// are told from their tags, with their comments).
std::optional<Event> fromRecord(const AuditRecord &record)
{
    Event event;
    event.time = record.timestamp;
    event.user = record.user;
    event.version = record.version ? QString::number(*record.version) : QString();
    event.old = record.oldValue;
    event.now = record.newValue;
    const QString &action = record.action;
    if (action == QLatin1String("transition_stage")) {
        event.kind = QStringLiteral("stage_changed");
    } else if (action == QLatin1String("set_alias") || action == QLatin1String("delete_alias")) {
        event.kind = action == QLatin1String("set_alias") ? QStringLiteral("alias_set")
                                                          : QStringLiteral("alias_removed");
        event.old = keyed(record.field, record.oldValue);
        event.now = keyed(record.field, record.newValue);
    } else if (action.endsWith(QLatin1String("_tag"))) {
        if (workflowTag(record.field))
            return std::nullopt;
        const bool set = action.startsWith(QLatin1String("set_"));
        if (record.field == Approval::ApproversKey) {
            event.kind = QStringLiteral("approvers_changed");
        } else {
            event.kind = set ? QStringLiteral("tag_set") : QStringLiteral("tag_removed");
            event.old = keyed(record.field, record.oldValue);
            event.now = keyed(record.field, record.newValue);
        }
    } else if (action.endsWith(QLatin1String("_description"))) {
        event.kind = QStringLiteral("description_changed");
    } else if (action == QLatin1String("create_version")) {
        event.kind = QStringLiteral("version_created");
    } else if (action == QLatin1String("delete_version")) {
        event.kind = QStringLiteral("version_deleted");
    } else if (action == QLatin1String("create_model")) {
        event.kind = QStringLiteral("model_created");
    } else if (action == QLatin1String("rename_model")) {
        event.kind = QStringLiteral("model_renamed");
    } else if (action == QLatin1String("delete_model")) {
        event.kind = QStringLiteral("model_deleted");
    } else {
        event.kind = action;
    }
    return event;
}

void addRequestEvents(QList<Event> &events, const ModelVersion &version)
{
    for (const Approval::Request &request : Approval::requestsOf(version)) {
        Event filed;
        filed.time = request.created;
        filed.user = request.requester;
        filed.kind = QStringLiteral("requested");
        filed.version = QString::number(request.version);
        filed.now = Approval::describe(request);
        filed.comment = request.comment;
        events.append(filed);
        if (request.state == Approval::State::Pending)
            continue;
        Event decided = filed;
        decided.time = request.decided;
        decided.user = request.decidedBy;
        decided.kind = Approval::stateName(request.state);
        decided.comment = request.decisionComment;
        events.append(decided);
    }
}

} // namespace

const QStringList &kinds()
{
    static const QStringList all{
        QStringLiteral("requested"),     QStringLiteral("approved"),
        QStringLiteral("rejected"),      QStringLiteral("withdrawn"),
        QStringLiteral("stage_changed"), QStringLiteral("alias_set"),
        QStringLiteral("alias_removed"), QStringLiteral("tag_set"),
        QStringLiteral("tag_removed"),   QStringLiteral("description_changed"),
        QStringLiteral("version_created"), QStringLiteral("version_deleted"),
        QStringLiteral("model_created"), QStringLiteral("model_renamed"),
        QStringLiteral("model_deleted"), QStringLiteral("approvers_changed"),
    };
    return all;
}

Log build(const QList<AuditRecord> &records, const QList<ModelVersion> &versions,
          bool complete, std::optional<qint64> version)
{
    Log log;
    log.complete = complete;
    const QString wanted = version ? QString::number(*version) : QString();
    for (const AuditRecord &record : records) {
        if (auto event = fromRecord(record); event && (!version || event->version == wanted))
            log.events.append(std::move(*event));
    }
    for (const ModelVersion &row : versions) {
        if (version && row.version != *version)
            continue;
        addRequestEvents(log.events, row);
        if (!complete) {
            // A server keeps no history, but each version says when and by whom it came.
            Event created;
            created.time = row.creationTimestamp;
            created.user = row.userId.value_or(QString());
            created.kind = QStringLiteral("version_created");
            created.version = QString::number(row.version);
            created.now = row.source;
            log.events.append(created);
        }
    }
    std::stable_sort(log.events.begin(), log.events.end(),
                     [](const Event &a, const Event &b) { return a.time > b.time; });
    return log;
}

QFuture<Result<Log>> read(Registry *registry, const QString &model,
                          std::optional<qint64> version)
{
    auto promise = std::make_shared<QPromise<Result<Log>>>();
    promise->start();
    QFuture<Result<Log>> future = promise->future();
    const bool complete = registry->capabilities().auditLog;
    const auto quoted = filterValue(model);
    if (!quoted) {
        promise->addResult(RegistryError(ErrorCode::InvalidParameterValue,
                                         tr("The versions of %1 cannot be searched: MLflow's "
                                            "filters take no name with both kinds of quotes.")
                                             .arg(model)));
        promise->finish();
        return future;
    }
    QString filter = QStringLiteral("name = %1").arg(*quoted);
    if (version)
        filter += QStringLiteral(" AND version_number = %1").arg(*version);
    QPointer<Registry> guard(registry);
    whenFinished(registry->auditLog(model), registry,
                 [promise, guard, filter, complete, version](Result<QList<AuditRecord>> records) {
                     if (!records) {
                         promise->addResult(records.error());
                         promise->finish();
                         return;
                     }
                     whenFinished(searchAllVersions(guard.data(), filter), guard.data(),
                                  [promise, records = *records, complete,
                                   version](Result<QList<ModelVersion>> versions) {
                                      if (!versions)
                                          promise->addResult(versions.error());
                                      else
                                          promise->addResult(
                                              build(records, *versions, complete, version));
                                      promise->finish();
                                  });
                 });
    return future;
}

QByteArray toCsv(const QList<Event> &events)
{
    QByteArray out = "time,user,kind,version,old,new,comment\r\n";
    for (const Event &event : events) {
        out += csvLine({
            QDateTime::fromMSecsSinceEpoch(event.time, Qt::UTC).toString(Qt::ISODateWithMs),
            event.user,
            event.kind,
            event.version,
            event.old.value_or(QString()),
            event.now.value_or(QString()),
            event.comment,
        });
    }
    return out;
}

} // namespace ModelDesk::History
