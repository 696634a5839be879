// The approval workflow and history on the command line: request, approvals, approve,
// reject, withdraw, approvers, history.
#include "app/cli/cli.h"
#include "registry/approval/approvals.h"
#include "registry/history/history.h"

#include <QDateTime>

namespace Cli {

namespace {

using MlflowJson::Value;
using namespace ModelDesk::Approval;

Value optionalText(const QString &text, bool set)
{
    return set ? Value(text) : Value();
}

Value::Object requestJson(const Request &request)
{
    const bool decided = request.state != State::Pending;
    return {
        {QStringLiteral("id"), request.id},
        {QStringLiteral("model"), request.model},
        {QStringLiteral("version"), QString::number(request.version)},
        {QStringLiteral("action"), actionName(request.action)},
        {QStringLiteral("target"), request.target},
        {QStringLiteral("archive_existing"), request.archiveExisting},
        {QStringLiteral("requester"), request.requester},
        {QStringLiteral("comment"), request.comment},
        {QStringLiteral("created"), request.created},
        {QStringLiteral("state"), stateName(request.state)},
        {QStringLiteral("decided_by"), optionalText(request.decidedBy, decided)},
        {QStringLiteral("decision_comment"), optionalText(request.decisionComment, decided)},
        {QStringLiteral("decided"), decided ? Value(request.decided) : Value()},
    };
}

QString ageText(qint64 created)
{
    const qint64 seconds = std::max<qint64>(0, (QDateTime::currentMSecsSinceEpoch() - created) / 1000);
    if (seconds < 3600)
        return tr("%1 min").arg(seconds / 60);
    if (seconds < 86400 * 2)
        return tr("%1 h").arg(seconds / 3600);
    return tr("%1 d").arg(seconds / 86400);
}

QString stateText(const Request &request)
{
    if (request.state == State::Approved && !request.applied)
        return tr("approved, not applied");
    return stateName(request.state);
}

int printRequests(const QList<Request> &requests, bool json)
{
    if (json) {
        Value::Array items;
        for (const Request &request : requests)
            items.append(requestJson(request));
        return printJson({{QStringLiteral("requests"), items}});
    }
    if (requests.isEmpty()) {
        out() << tr("No requests.") << Qt::endl;
        return 0;
    }
    QList<QStringList> rows;
    for (const Request &request : requests) {
        rows.append({request.id, request.model, QString::number(request.version),
                     describe(request), request.requester, ageText(request.created),
                     stateText(request), firstLine(request.comment, 50)});
    }
    printTable({tr("ID"), tr("MODEL"), tr("VERSION"), tr("ASKS FOR"), tr("REQUESTER"), tr("AGE"),
                tr("STATE"), tr("COMMENT")},
               rows);
    return 0;
}

int commandRequest(Registry &registry, const Options &options)
{
    const auto version = versionArgument(options.args.at(2));
    if (!version)
        return registryError(version.error());
    const QStringList stages = options.parser.values(QStringLiteral("stage"));
    const bool alias = options.isSet(QStringLiteral("alias"));
    if ((stages.size() == 1) == alias || stages.size() > 1)
        return usageError(tr("request takes one --stage STAGE or one --alias ALIAS."));
    if (alias && options.isSet(QStringLiteral("archive-existing")))
        return usageError(tr("--archive-existing goes with --stage."));
    NewRequest spec;
    spec.model = options.args.at(1);
    spec.version = *version;
    spec.action = alias ? Action::Alias : Action::Stage;
    spec.target = alias ? options.value(QStringLiteral("alias")) : stages.first();
    spec.archiveExisting = options.isSet(QStringLiteral("archive-existing"));
    spec.comment = options.value(QStringLiteral("comment"));
    const auto request = await(file(&registry, spec));
    if (!request)
        return registryError(request.error());
    if (options.isSet(QStringLiteral("json")))
        return printJson({{QStringLiteral("request"), requestJson(*request)}});
    out() << tr("Filed request %1: version %2 of %3 to %4.")
                 .arg(request->id)
                 .arg(request->version)
                 .arg(request->model, describe(*request))
          << Qt::endl;
    return 0;
}

int printUnapproved(const QList<Unapproved> &found, bool json)
{
    if (json) {
        Value::Array items;
        for (const Unapproved &item : found) {
            items.append(Value::Object{
                {QStringLiteral("model"), item.model},
                {QStringLiteral("version"), QString::number(item.version)},
                {QStringLiteral("kind"), actionName(item.kind)},
                {QStringLiteral("target"), item.target},
            });
        }
        return printJson({{QStringLiteral("unapproved"), items}});
    }
    if (found.isEmpty()) {
        out() << tr("Every protected stage and alias has an approved request behind it.")
              << Qt::endl;
        return 0;
    }
    QList<QStringList> rows;
    for (const Unapproved &item : found) {
        rows.append({item.model, QString::number(item.version),
                     item.kind == Action::Stage ? tr("stage %1").arg(item.target)
                                                : tr("alias %1").arg(item.target)});
    }
    printTable({tr("MODEL"), tr("VERSION"), tr("UNAPPROVED")}, rows);
    return 0;
}

int commandApprovals(Registry &registry, const Options &options)
{
    const QString model = options.args.value(1);
    const bool json = options.isSet(QStringLiteral("json"));
    if (options.isSet(QStringLiteral("audit"))) {
        if (options.isSet(QStringLiteral("all")))
            return usageError(tr("--audit and --all cannot be used together."));
        const auto found = await(audit(&registry, model));
        if (!found)
            return registryError(found.error());
        return printUnapproved(*found, json);
    }
    const auto found = await(requests(&registry, model, options.isSet(QStringLiteral("all"))));
    if (!found)
        return registryError(found.error());
    return printRequests(*found, json);
}

int commandDecide(const QString &command, Registry &registry, const Options &options)
{
    const auto version = versionArgument(options.args.at(2));
    if (!version)
        return registryError(version.error());
    const Decision decision = command == QLatin1String("approve")  ? Decision::Approve
                              : command == QLatin1String("reject") ? Decision::Reject
                                                                   : Decision::Withdraw;
    if (decision == Decision::Reject && !options.isSet(QStringLiteral("comment")))
        return registryError(RegistryError(ErrorCode::InvalidParameterValue,
                                           tr("A rejection needs a comment saying why.")));
    const auto request = await(decide(&registry, options.args.at(1), *version, options.args.at(3),
                                      decision, options.value(QStringLiteral("comment"))));
    if (!request)
        return registryError(request.error());
    if (options.isSet(QStringLiteral("json")))
        return printJson({{QStringLiteral("request"), requestJson(*request)}});
    out() << tr("Request %1 is %2.").arg(request->id, stateText(*request)) << Qt::endl;
    return 0;
}

int commandApprovers(Registry &registry, const Options &options)
{
    const QString model = options.args.at(1);
    const QStringList users = options.args.mid(2);
    QStringList approverList;
    if (options.isSet(QStringLiteral("set"))) {
        const auto set = await(setApprovers(&registry, model, users));
        if (!set)
            return registryError(set.error());
        approverList = *set;
    } else {
        if (!users.isEmpty())
            return usageError(tr("user names go after --set."));
        const auto current = await(registry.model(model));
        if (!current)
            return registryError(current.error());
        approverList = approvers(*current);
    }
    if (options.isSet(QStringLiteral("json"))) {
        Value::Array items;
        for (const QString &user : std::as_const(approverList))
            items.append(Value(user));
        return printJson({{QStringLiteral("approvers"), items}});
    }
    if (approverList.isEmpty())
        out() << tr("%1 names no approvers: it is not protected.").arg(model) << Qt::endl;
    else
        out() << tr("Approvers of %1: %2").arg(model, approverList.join(QStringLiteral(", ")))
              << Qt::endl;
    return 0;
}

Value textOrNull(const std::optional<QString> &text)
{
    return text ? Value(*text) : Value();
}

int commandHistory(Registry &registry, const Options &options)
{
    std::optional<qint64> version;
    if (options.isSet(QStringLiteral("version"))) {
        const auto number = versionArgument(options.value(QStringLiteral("version")));
        if (!number)
            return registryError(number.error());
        version = *number;
    }
    const auto log = await(History::read(&registry, options.args.at(1), version));
    if (!log)
        return registryError(log.error());
    if (options.isSet(QStringLiteral("json"))) {
        Value::Array items;
        for (const History::Event &event : log->events) {
            items.append(Value::Object{
                {QStringLiteral("time"), event.time},
                {QStringLiteral("user"), event.user},
                {QStringLiteral("kind"), event.kind},
                {QStringLiteral("version"), event.version},
                {QStringLiteral("old"), textOrNull(event.old)},
                {QStringLiteral("new"), textOrNull(event.now)},
                {QStringLiteral("comment"), event.comment},
            });
        }
        return printJson({{QStringLiteral("events"), items}});
    }
    if (!log->complete) {
        err() << tr("Note: the server keeps no history; this is what the approval requests and "
                    "the versions themselves record.")
              << Qt::endl;
    }
    QList<QStringList> rows;
    for (const History::Event &event : log->events) {
        QString change = firstLine(event.now.value_or(QString()), 40);
        if (event.old)
            change = firstLine(*event.old, 40) + QStringLiteral(" → ") + change;
        rows.append({timeText(event.time), event.user, event.kind, event.version, change,
                     firstLine(event.comment, 50)});
    }
    printTable({tr("TIME"), tr("USER"), tr("KIND"), tr("VERSION"), tr("CHANGE"), tr("COMMENT")},
               rows);
    return 0;
}

} // namespace

bool isApprovalCommand(const QString &command)
{
    static const QStringList commands{
        QStringLiteral("request"), QStringLiteral("approvals"), QStringLiteral("approve"),
        QStringLiteral("reject"),  QStringLiteral("withdraw"),  QStringLiteral("approvers"),
        QStringLiteral("history"),
    };
    return commands.contains(command);
}

int commandApproval(const QString &command, Registry &registry, const Options &options)
{
    if (command == QLatin1String("request"))
        return commandRequest(registry, options);
    if (command == QLatin1String("approvals"))
        return commandApprovals(registry, options);
    if (command == QLatin1String("approvers"))
        return commandApprovers(registry, options);
    if (command == QLatin1String("history"))
        return commandHistory(registry, options);
    return commandDecide(command, registry, options);
}

} // namespace Cli
