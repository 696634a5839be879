#pragma once

#include "registry/error.h"
#include "registry/types.h"

#include <QString>
#include <QStringList>

#include <optional>

// An approval request and its decision, as ModelDesk keeps them in the registry itself: one
// version tag per request, so the workflow travels to every MLflow backend (design.md).
//
//   modeldesk.request.<id>   on the version: the request as compact JSON (below)
//   modeldesk.approval       on the version: "pending" while one of its requests waits for a
//                            decision or for its approved action to be applied, "done" after;
//                            the marker the registry-wide queue searches for
//   modeldesk.approvers      on the model: the user names that may decide, comma-separated;
//                            a model naming approvers is protected
//
// A request's tag value stays within MLflow's 5,000-character limit for tag values on
// servers with a database other than SQLite (RequestTagLimit).
namespace ModelDesk::Approval {

inline const QString RequestPrefix = QStringLiteral("modeldesk.request.");
inline const QString MarkerKey = QStringLiteral("modeldesk.approval");
inline const QString ApproversKey = QStringLiteral("modeldesk.approvers");
inline const QString MarkerPending = QStringLiteral("pending");
inline const QString MarkerDone = QStringLiteral("done");

constexpr int RequestTagLimit = 5000;
constexpr int CommentLimit = 2000;

enum class Action { Stage, Alias };
enum class State { Pending, Approved, Rejected, Withdrawn };

struct Request
{
    QString id; // 10 lower-case hex digits
    QString model;
    qint64 version = 0;
    Action action = Action::Stage;
    QString target; // the stage (canonical) or the alias
    bool archiveExisting = false;
    QString requester;
    QString comment;
    qint64 created = 0; // ms since epoch
    State state = State::Pending;
    QString decidedBy;
    QString decisionComment;
    qint64 decided = 0;
    // Approved and its action carried out. Only an approval interrupted on a server (the
    // decision written, the transition or alias not) is approved and not applied.
    bool applied = false;
    // Set by the one deciding, to tell on a server whether their decision is the one stored.
    QString nonce;

    bool operator==(const Request &) const = default;

    QString tagKey() const { return RequestPrefix + id; }
    bool isOpen() const { return state == State::Pending || (state == State::Approved && !applied); }
};

QString actionName(Action action);  // "stage", "alias"
QString stateName(State state);     // "pending", "approved", "rejected", "withdrawn"
// What the request asks for, for people: "Production (archiving the others)", "alias champion".
QString describe(const Request &request);

// A new request id: 10 random lower-case hex digits.
QString newRequestId();

// The tag value: compact JSON of the fields the tag's place does not already say.
QString encode(const Request &request);
// The request a tag holds, or nothing when the tag is not a well-formed request (another
// client's edit): such tags are left alone, never acted on.
std::optional<Request> decode(const QString &model, qint64 version, const Tag &tag);
// Every well-formed request among a version's tags, oldest first.
QList<Request> requestsOf(const ModelVersion &version);
std::optional<Request> findRequest(const ModelVersion &version, const QString &id);

// The model's approvers (its modeldesk.approvers tag), trimmed, without duplicates.
QStringList approvers(const RegisteredModel &model);
QString approversValue(const QStringList &users);

// Refuses a comment that does not fit a request's tag.
Result<Done> checkComment(const QString &comment);

} // namespace ModelDesk::Approval
