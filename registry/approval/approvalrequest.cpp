#include "registry/approval/approvalrequest.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

namespace ModelDesk::Approval {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ModelDesk::Approval", text);
}

const QRegularExpression &idPattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9a-z]{1,32}$"));
    return pattern;
}

std::optional<State> stateFromName(const QString &name)
{
    for (State state : {State::Pending, State::Approved, State::Rejected, State::Withdrawn}) {
        if (stateName(state) == name)
            return state;
    }
    return std::nullopt;
}

} // namespace

QString actionName(Action action)
{
    return action == Action::Stage ? QStringLiteral("stage") : QStringLiteral("alias");
}

QString stateName(State state)
{
    switch (state) {
    case State::Pending:
        return QStringLiteral("pending");
    case State::Approved:
        return QStringLiteral("approved");
    case State::Rejected:
        return QStringLiteral("rejected");
    case State::Withdrawn:
        return QStringLiteral("withdrawn");
    }
    return {};
}

QString describe(const Request &request)
{
    if (request.action == Action::Alias)
        return tr("alias %1").arg(request.target);
    return request.archiveExisting ? tr("%1 (archiving the others)").arg(request.target)
                                   : request.target;
}

QString newRequestId()
{
    const quint64 bits = QRandomGenerator::system()->generate64() & 0xffffffffffULL;
    return QStringLiteral("%1").arg(bits, 10, 16, QLatin1Char('0'));
}

QString encode(const Request &request)
{
    QJsonObject object{
        {QStringLiteral("action"), actionName(request.action)},
        {QStringLiteral("target"), request.target},
        {QStringLiteral("requester"), request.requester},
        {QStringLiteral("created"), request.created},
        {QStringLiteral("state"), stateName(request.state)},
    };
    if (request.archiveExisting)
        object.insert(QStringLiteral("archive_existing"), true);
    if (!request.comment.isEmpty())
        object.insert(QStringLiteral("comment"), request.comment);
    if (request.state != State::Pending) {
        object.insert(QStringLiteral("decided_by"), request.decidedBy);
        object.insert(QStringLiteral("decided"), request.decided);
        if (!request.decisionComment.isEmpty())
            object.insert(QStringLiteral("decision_comment"), request.decisionComment);
    }
    if (request.state == State::Approved)
        object.insert(QStringLiteral("applied"), request.applied);
    if (!request.nonce.isEmpty())
        object.insert(QStringLiteral("nonce"), request.nonce);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

std::optional<Request> decode(const QString &model, qint64 version, const Tag &tag)
{
    if (!tag.key.startsWith(RequestPrefix))
        return std::nullopt;
    Request request;
    request.id = tag.key.mid(RequestPrefix.size());
    if (!idPattern().match(request.id).hasMatch())
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(tag.value.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    const QString action = object.value(QStringLiteral("action")).toString();
    if (action == QLatin1String("stage"))
        request.action = Action::Stage;
    else if (action == QLatin1String("alias"))
        request.action = Action::Alias;
    else
        return std::nullopt;
    const auto state = stateFromName(object.value(QStringLiteral("state")).toString());
    if (!state)
        return std::nullopt;
    request.model = model;
    request.version = version;
    request.state = *state;
    request.target = object.value(QStringLiteral("target")).toString();
    request.requester = object.value(QStringLiteral("requester")).toString();
    if (request.target.isEmpty() || request.requester.isEmpty())
        return std::nullopt;
    request.archiveExisting = object.value(QStringLiteral("archive_existing")).toBool();
    request.comment = object.value(QStringLiteral("comment")).toString();
    request.created = qint64(object.value(QStringLiteral("created")).toDouble());
    request.decidedBy = object.value(QStringLiteral("decided_by")).toString();
    request.decisionComment = object.value(QStringLiteral("decision_comment")).toString();
    request.decided = qint64(object.value(QStringLiteral("decided")).toDouble());
    request.applied = object.value(QStringLiteral("applied")).toBool();
    request.nonce = object.value(QStringLiteral("nonce")).toString();
    return request;
}

QList<Request> requestsOf(const ModelVersion &version)
{
    QList<Request> requests;
    for (const Tag &tag : version.tags) {
        if (auto request = decode(version.name, version.version, tag))
            requests.append(std::move(*request));
    }
    std::stable_sort(requests.begin(), requests.end(), [](const Request &a, const Request &b) {
        return a.created != b.created ? a.created < b.created : a.id < b.id;
    });
    return requests;
}

std::optional<Request> findRequest(const ModelVersion &version, const QString &id)
{
    for (const Tag &tag : version.tags) {
        if (tag.key == RequestPrefix + id)
            return decode(version.name, version.version, tag);
    }
    return std::nullopt;
}

QStringList approvers(const RegisteredModel &model)
{
    QStringList users;
    for (const Tag &tag : model.tags) {
        if (tag.key != ApproversKey)
            continue;
        for (const QString &part : tag.value.split(QLatin1Char(','))) {
            const QString user = part.trimmed();
            if (!user.isEmpty() && !users.contains(user))
                users.append(user);
        }
    }
    return users;
}

QString approversValue(const QStringList &users)
{
    QStringList unique;
    for (const QString &user : users) {
        const QString trimmed = user.trimmed();
        if (!trimmed.isEmpty() && !unique.contains(trimmed))
            unique.append(trimmed);
    }
    return unique.join(QStringLiteral(", "));
}

Result<Done> checkComment(const QString &comment)
{
    if (comment.size() > CommentLimit) {
        return RegistryError(ErrorCode::InvalidParameterValue,
                             tr("The comment is %1 characters long; at most %2 fit in the "
                                "registry.")
                                 .arg(comment.size())
                                 .arg(CommentLimit));
    }
    return Done{};
}

} // namespace ModelDesk::Approval
