// The approval workflow end to end, on a local store and through the fake MLflow server: who
// may file, decide and withdraw; protected models; decisions at the same moment; an approval
// interrupted on a server and finished later; the audit of unapproved stages and aliases; the
// history; and tags a real MLflow server accepts.
#include "registry/approval/approvals.h"
#include "registry/demo/demogenerator.h"
#include "registry/history/history.h"
#include "registry/rest/restregistry.h"
#include "registry/sql/sqlregistry.h"
#include "tests/fakeserver/fakeserverthread.h"
#include "tests/approval/actingas.h"
#include "tests/rest/awaitresult.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;
using namespace ModelDesk::Approval;
using TestSupport::ActingAs;
using TestSupport::await;

namespace {

const QString Model = QStringLiteral("churn-predictor");

NewRequest stageRequest(qint64 version, const QString &stage, bool archive = false)
{
    NewRequest spec;
    spec.model = Model;
    spec.version = version;
    spec.action = Action::Stage;
    spec.target = stage;
    spec.archiveExisting = archive;
    spec.comment = QStringLiteral("AUC 0.91 on the holdout, up from 0.89");
    return spec;
}

NewRequest aliasRequest(qint64 version, const QString &alias)
{
    NewRequest spec = stageRequest(version, {});
    spec.action = Action::Alias;
    spec.target = alias;
    return spec;
}

} // namespace

class TestApprovals : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestSupport::FakeServerThread> m_server;
    std::unique_ptr<Registry> m_registry;
    std::unique_ptr<Registry> m_second; // another client of the same registry
    QString m_store;

    std::unique_ptr<Registry> openRegistry(bool server)
    {
        std::unique_ptr<Registry> registry;
        if (server) {
            ServerOptions options;
            options.url = m_server->url();
            registry = std::make_unique<RestRegistry>(options);
        } else {
            registry = std::make_unique<SqlRegistry>(m_store);
        }
        const auto opened = await(registry->open());
        if (!opened)
            qWarning() << opened.error().message();
        return registry;
    }

    ModelVersion versionNow(qint64 number)
    {
        const auto version = await(m_registry->version(Model, number));
        if (!version)
            qWarning() << version.error().message();
        return version ? *version : ModelVersion{};
    }

    Request fileAs(const QString &user, const NewRequest &spec)
    {
        ActingAs as(user);
        const auto request = await(file(m_registry.get(), spec));
        if (!request)
            qWarning() << request.error().message();
        return request ? *request : Request{};
    }

    Result<Request> decideAs(const QString &user, const Request &request, Decision decision,
                             const QString &comment = {})
    {
        ActingAs as(user);
        return await(decide(m_registry.get(), request.model, request.version, request.id,
                            decision, comment));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
    }

    // A fresh demo store for each test, served by a fresh fake server; `server` picks the
    // client.
    void init()
    {
        m_registry.reset();
        m_second.reset();
        m_server.reset();
        static int count = 0;
        m_store = m_dir.filePath(QStringLiteral("approvals-%1.db").arg(++count));
        DemoOptions demo;
        demo.models = 3;
        demo.versionsPerModel = 4;
        demo.metricSteps = 2;
        VERIFY_OK(createDemoStore(m_store, demo));
        m_server = std::make_unique<TestSupport::FakeServerThread>(m_store);
        QVERIFY2(m_server->start().isValid(), qPrintable(m_server->errorString()));
        const bool server = QString::fromLatin1(QTest::currentDataTag()) == QLatin1String("server");
        m_registry = openRegistry(server);
        m_second = openRegistry(server);
        ActingAs as(QStringLiteral("carol"));
        VERIFY_OK(await(setApprovers(m_registry.get(), Model,
                                     {QStringLiteral("carol"), QStringLiteral("dave")})));
    }

    void cleanup()
    {
        qunsetenv("MODELDESK_USER");
    }

    void backends_data()
    {
        QTest::addColumn<bool>("server");
        QTest::newRow("local") << false;
        QTest::newRow("server") << true;
    }

    void approvedRequestMovesTheVersion_data() { backends_data(); }
    void approvedRequestMovesTheVersion()
    {
        const QString before = versionNow(3).currentStage;
        const Request request = fileAs(QStringLiteral("alice"),
                                       stageRequest(3, QStringLiteral("production"), true));
        QCOMPARE(request.state, State::Pending);
        QCOMPARE(request.target, QStringLiteral("Production"));
        QCOMPARE(request.requester, QStringLiteral("alice"));
        // Filing changes nothing but the tags.
        QCOMPARE(versionNow(3).currentStage, before);
        auto queue = await(requests(m_registry.get(), {}, false));
        VERIFY_OK(queue);
        QCOMPARE(queue->size(), 1);
        QCOMPARE(queue->first().id, request.id);

        // The requester never approves their own request; only the model's approvers decide.
        auto own = decideAs(QStringLiteral("alice"), request, Decision::Approve);
        QVERIFY(!own);
        QCOMPARE(own.error().code(), ErrorCode::PermissionDenied);
        QVERIFY(own.error().message().contains(QLatin1String("someone else")));
        auto outsider = decideAs(QStringLiteral("bob"), request, Decision::Approve);
        QVERIFY(!outsider);
        QVERIFY(outsider.error().message().contains(QLatin1String("carol, dave")));
        QCOMPARE(versionNow(3).currentStage, before);

        auto approved = decideAs(QStringLiteral("carol"), request, Decision::Approve,
                                 QStringLiteral("Holdout checked"));
        VERIFY_OK(approved);
        QCOMPARE(approved->state, State::Approved);
        QVERIFY(approved->applied);
        QCOMPARE(approved->decidedBy, QStringLiteral("carol"));
        QCOMPARE(approved->decisionComment, QStringLiteral("Holdout checked"));
        QCOMPARE(versionNow(3).currentStage, Stage::Production);
        // Archiving the others, as asked.
        QCOMPARE(versionNow(2).currentStage, Stage::Archived);
        queue = await(requests(m_registry.get(), {}, false));
        VERIFY_OK(queue);
        QVERIFY(queue->isEmpty());
        auto all = await(requests(m_registry.get(), Model, true));
        VERIFY_OK(all);
        QCOMPARE(all->size(), 1);
        QCOMPARE(all->first().state, State::Approved);

        // Decided already: the second decision is refused and changes nothing.
        auto again = decideAs(QStringLiteral("dave"), request, Decision::Reject,
                              QStringLiteral("too late"));
        QVERIFY(!again);
        QCOMPARE(again.error().code(), ErrorCode::Conflict);
        QVERIFY(again.error().message().contains(QLatin1String("carol")));
    }

    void rejectionNeedsAComment_data() { backends_data(); }
    void rejectionNeedsAComment()
    {
        const Request request = fileAs(QStringLiteral("alice"),
                                       aliasRequest(4, QStringLiteral("champion")));
        auto bare = decideAs(QStringLiteral("carol"), request, Decision::Reject, QStringLiteral("  "));
        QVERIFY(!bare);
        QCOMPARE(bare.error().code(), ErrorCode::InvalidParameterValue);
        auto rejected = decideAs(QStringLiteral("carol"), request, Decision::Reject,
                                 QStringLiteral("Drift on the March data"));
        VERIFY_OK(rejected);
        QCOMPARE(rejected->state, State::Rejected);
        // The alias did not move.
        QVERIFY(!versionNow(4).aliases.contains(QStringLiteral("champion")));
        QVERIFY(versionNow(2).aliases.contains(QStringLiteral("champion")));
        // The version is off the queue: its marker says so.
        bool done = false;
        for (const Tag &tag : versionNow(4).tags)
            done |= tag.key == MarkerKey && tag.value == MarkerDone;
        QVERIFY(done);
    }

    void onlyTheRequesterWithdraws_data() { backends_data(); }
    void onlyTheRequesterWithdraws()
    {
        const Request request = fileAs(QStringLiteral("alice"),
                                       stageRequest(4, QStringLiteral("Staging")));
        auto other = decideAs(QStringLiteral("carol"), request, Decision::Withdraw);
        QVERIFY(!other);
        QCOMPARE(other.error().code(), ErrorCode::PermissionDenied);
        auto withdrawn = decideAs(QStringLiteral("alice"), request, Decision::Withdraw);
        VERIFY_OK(withdrawn);
        QCOMPARE(withdrawn->state, State::Withdrawn);
        QCOMPARE(withdrawn->decidedBy, QStringLiteral("alice"));
        QCOMPARE(versionNow(4).currentStage, Stage::None);
    }

    void duplicateAndPointlessRequestsAreRefused_data() { backends_data(); }
    void duplicateAndPointlessRequestsAreRefused()
    {
        fileAs(QStringLiteral("alice"), stageRequest(4, QStringLiteral("Staging")));
        ActingAs as(QStringLiteral("bob"));
        auto twice = await(file(m_registry.get(), stageRequest(4, QStringLiteral("staging"))));
        QVERIFY(!twice);
        QCOMPARE(twice.error().code(), ErrorCode::ResourceAlreadyExists);
        auto already = await(file(m_registry.get(), aliasRequest(2, QStringLiteral("champion"))));
        QVERIFY(!already);
        QVERIFY(already.error().message().contains(QLatin1String("already")));
        auto badStage = await(file(m_registry.get(), stageRequest(4, QStringLiteral("Live"))));
        QVERIFY(!badStage);
        QCOMPARE(badStage.error().code(), ErrorCode::InvalidParameterValue);
    }

    void protectedModelRefusesDirectChanges_data() { backends_data(); }
    void protectedModelRefusesDirectChanges()
    {
        {
            ActingAs as(QStringLiteral("alice"));
            auto promote = await(transition(m_registry.get(), Model, 4,
                                            QStringLiteral("Production"), ArchiveExisting::No));
            QVERIFY(!promote);
            QCOMPARE(promote.error().code(), ErrorCode::PermissionDenied);
            QVERIFY(promote.error().message().contains(QLatin1String("request")));
            auto alias = await(setAlias(m_registry.get(), Model, QStringLiteral("champion"), 4));
            QVERIFY(!alias);
            auto removal = await(deleteAlias(m_registry.get(), Model, QStringLiteral("champion")));
            QVERIFY(!removal);
            QCOMPARE(versionNow(4).currentStage, Stage::None);
            QVERIFY(versionNow(2).aliases.contains(QStringLiteral("champion")));
            // Archiving is not a promotion.
            VERIFY_OK(await(transition(m_registry.get(), Model, 1, QStringLiteral("Archived"),
                                       ArchiveExisting::No)));
            // Nor may a non-approver change who approves.
            auto approversChange
                = await(setApprovers(m_registry.get(), Model, {QStringLiteral("alice")}));
            QVERIFY(!approversChange);
        }
        {
            // An approver changes it directly; the change is recorded as approved by them,
            // so the audit does not flag it.
            ActingAs as(QStringLiteral("dave"));
            VERIFY_OK(await(transition(m_registry.get(), Model, 4, QStringLiteral("Staging"),
                                       ArchiveExisting::No)));
            const QList<Request> recorded = requestsOf(versionNow(4));
            QCOMPARE(recorded.size(), 1);
            QCOMPARE(recorded.first().decidedBy, QStringLiteral("dave"));
            QVERIFY(recorded.first().applied);
            auto flagged = await(audit(m_registry.get(), Model));
            VERIFY_OK(flagged);
            for (const Unapproved &item : *flagged)
                QVERIFY(item.version != 4);
        }
        // Another model names nobody: anyone changes it.
        ActingAs as(QStringLiteral("alice"));
        VERIFY_OK(await(transition(m_registry.get(), QStringLiteral("fraud-detector"), 4,
                                   QStringLiteral("Production"), ArchiveExisting::No)));
        // The workflow's own tags are not edited by hand.
        QVERIFY(!checkTagEdit(QStringLiteral("modeldesk.request.0123456789")));
        QVERIFY(!checkTagEdit(MarkerKey));
        QVERIFY(!checkTagEdit(ApproversKey));
        QVERIFY(checkTagEdit(QStringLiteral("team")));
    }

    void auditFindsUnapprovedStagesAndAliases_data() { backends_data(); }
    void auditFindsUnapprovedStagesAndAliases()
    {
        // The demo's Production 2, Staging 3 and both aliases predate the approvers.
        auto found = await(audit(m_registry.get(), {}));
        VERIFY_OK(found);
        const QList<Unapproved> expected{
            {Model, 2, Action::Stage, Stage::Production},
            {Model, 2, Action::Alias, QStringLiteral("champion")},
            {Model, 3, Action::Stage, Stage::Staging},
            {Model, 3, Action::Alias, QStringLiteral("challenger")},
        };
        QCOMPARE(*found, expected);
        // Approved moves are no longer flagged; a change around the workflow is.
        const Request request = fileAs(QStringLiteral("alice"),
                                       stageRequest(3, QStringLiteral("Production"), true));
        VERIFY_OK(decideAs(QStringLiteral("carol"), request, Decision::Approve));
        // Another client, ignoring the workflow, points the alias at version 4.
        VERIFY_OK(await(m_second->setAlias(Model, QStringLiteral("champion"), 4)));
        found = await(audit(m_registry.get(), Model));
        VERIFY_OK(found);
        const QList<Unapproved> after{
            {Model, 3, Action::Alias, QStringLiteral("challenger")},
            {Model, 4, Action::Alias, QStringLiteral("champion")},
        };
        QCOMPARE(*found, after);
    }

    void concurrentDecisionsHaveOneWinner_data() { backends_data(); }
    void concurrentDecisionsHaveOneWinner()
    {
        const Request request = fileAs(QStringLiteral("alice"),
                                       stageRequest(4, QStringLiteral("Production"), true));
        // carol approves on one client while dave rejects on another, at the same moment.
        QFuture<Result<Request>> first;
        QFuture<Result<Request>> second;
        {
            ActingAs as(QStringLiteral("carol"));
            first = decide(m_registry.get(), Model, 4, request.id, Decision::Approve, {});
        }
        {
            ActingAs as(QStringLiteral("dave"));
            second = decide(m_second.get(), Model, 4, request.id, Decision::Reject,
                            QStringLiteral("not yet"));
        }
        const auto a = await(first);
        const auto b = await(second);
        QVERIFY2(bool(a) != bool(b), "exactly one decision wins");
        const auto &loser = a ? b : a;
        QCOMPARE(loser.error().code(), ErrorCode::Conflict);
        const auto stored = findRequest(versionNow(4), request.id);
        QVERIFY(stored);
        QCOMPARE(stored->state, a ? State::Approved : State::Rejected);
        QCOMPARE(versionNow(4).currentStage, a ? Stage::Production : Stage::None);
    }

    void interruptedApprovalIsFinishedLater()
    {
        // Only a server can fail between the decision and its action.
        m_registry.reset();
        ServerOptions options;
        options.url = m_server->url();
        m_registry = std::make_unique<RestRegistry>(options);
        VERIFY_OK(await(m_registry->open()));
        const Request request = fileAs(QStringLiteral("alice"),
                                       stageRequest(4, QStringLiteral("Production"), true));
        m_server->setFault(QStringLiteral("model-versions/transition-stage"),
                           TestSupport::Fault::httpStatus(500));
        auto failed = decideAs(QStringLiteral("carol"), request, Decision::Approve,
                               QStringLiteral("ship it"));
        QVERIFY(!failed);
        m_server->clearFaults();
        // Approved, not applied: visible, still on the queue, the version unmoved.
        auto stored = findRequest(versionNow(4), request.id);
        QVERIFY(stored);
        QCOMPARE(stored->state, State::Approved);
        QVERIFY(!stored->applied);
        QCOMPARE(versionNow(4).currentStage, Stage::None);
        auto queue = await(requests(m_registry.get(), {}, false));
        VERIFY_OK(queue);
        QCOMPARE(queue->size(), 1);
        QVERIFY(queue->first().isOpen());
        // The requester still cannot finish it; an approver can.
        QVERIFY(!decideAs(QStringLiteral("alice"), *stored, Decision::Approve));
        auto finished = decideAs(QStringLiteral("dave"), *stored, Decision::Approve);
        VERIFY_OK(finished);
        QVERIFY(finished->applied);
        QCOMPARE(finished->decidedBy, QStringLiteral("carol"));
        QCOMPARE(finished->decisionComment, QStringLiteral("ship it"));
        QCOMPARE(versionNow(4).currentStage, Stage::Production);
        queue = await(requests(m_registry.get(), {}, false));
        VERIFY_OK(queue);
        QVERIFY(queue->isEmpty());

        // An approval that keeps failing can be rejected instead, and leaves the queue.
        const Request second = fileAs(QStringLiteral("alice"), aliasRequest(3, QStringLiteral("gold")));
        m_server->setFault(QStringLiteral("registered-models/alias"), TestSupport::Fault::httpStatus(500));
        QVERIFY(!decideAs(QStringLiteral("carol"), second, Decision::Approve));
        m_server->clearFaults();
        const auto stuck = findRequest(versionNow(3), second.id);
        QVERIFY(stuck && stuck->isOpen());
        auto rejected = decideAs(QStringLiteral("dave"), *stuck, Decision::Reject,
                                 QStringLiteral("gold is retired"));
        VERIFY_OK(rejected);
        QCOMPARE(rejected->state, State::Rejected);
        queue = await(requests(m_registry.get(), {}, false));
        VERIFY_OK(queue);
        QVERIFY(queue->isEmpty());
    }

    // Finishing an approval whose action did reach the server only records it.
    void finishingDoesNotRepeatTheAction()
    {
        m_registry.reset();
        ServerOptions options;
        options.url = m_server->url();
        m_registry = std::make_unique<RestRegistry>(options);
        VERIFY_OK(await(m_registry->open()));
        const Request request = fileAs(QStringLiteral("alice"),
                                       stageRequest(4, QStringLiteral("Production"), true));
        // As after an approval whose transition went through and whose last tag did not:
        // the decision written, the version moved, "applied" not recorded.
        auto stored = findRequest(versionNow(4), request.id);
        QVERIFY(stored);
        Request decided = *stored;
        decided.state = State::Approved;
        decided.decidedBy = QStringLiteral("carol");
        decided.decided = decided.created + 1;
        decided.applied = false;
        VERIFY_OK(await(m_registry->setVersionTag(Model, 4, decided.tagKey(), encode(decided))));
        VERIFY_OK(await(m_registry->transitionStage(Model, 4, QStringLiteral("Production"),
                                                    ArchiveExisting::Yes)));
        // Version 3 reaches Production afterwards through another client.
        VERIFY_OK(await(m_second->transitionStage(Model, 3, QStringLiteral("Production"),
                                                  ArchiveExisting::No)));
        m_server->clearRequests();
        auto finished = decideAs(QStringLiteral("dave"), decided, Decision::Approve);
        VERIFY_OK(finished);
        QVERIFY(finished->applied);
        QCOMPARE(m_server->hitCount(QStringLiteral("model-versions/transition-stage")), 0);
        QCOMPARE(versionNow(3).currentStage, Stage::Production); // not archived again
    }

    void historyTellsWhoDidWhat_data() { backends_data(); }
    void historyTellsWhoDidWhat()
    {
        QFETCH(bool, server);
        const Request request = fileAs(QStringLiteral("alice"),
                                       stageRequest(4, QStringLiteral("Staging")));
        VERIFY_OK(decideAs(QStringLiteral("carol"), request, Decision::Approve,
                           QStringLiteral("fine")));
        {
            ActingAs as(QStringLiteral("erin"));
            VERIFY_OK(await(m_registry->setVersionTag(Model, 4, QStringLiteral("team"),
                                                      QStringLiteral("growth"))));
            VERIFY_OK(await(m_registry->updateVersionDescription(Model, 4, QStringLiteral("v4"))));
        }
        const auto log = await(History::read(m_registry.get(), Model, 4));
        VERIFY_OK(log);
        QCOMPARE(log->complete, !server);
        const auto find = [&log](const QString &kind) -> std::optional<History::Event> {
            for (const History::Event &event : log->events) {
                if (event.kind == kind)
                    return event;
            }
            return std::nullopt;
        };
        const auto requested = find(QStringLiteral("requested"));
        QVERIFY(requested);
        QCOMPARE(requested->user, QStringLiteral("alice"));
        QCOMPARE(requested->comment, request.comment);
        QCOMPARE(requested->version, QStringLiteral("4"));
        const auto approved = find(QStringLiteral("approved"));
        QVERIFY(approved);
        QCOMPARE(approved->user, QStringLiteral("carol"));
        QCOMPARE(approved->comment, QStringLiteral("fine"));
        for (const History::Event &event : log->events)
            QCOMPARE(event.version, QStringLiteral("4"));
        // Newest first.
        for (qsizetype i = 1; i < log->events.size(); ++i)
            QVERIFY(log->events.at(i - 1).time >= log->events.at(i).time);
        if (server) {
            // The server keeps no history: only what requests and versions say.
            QVERIFY(!find(QStringLiteral("stage_changed")));
            QVERIFY(find(QStringLiteral("version_created")));
            return;
        }
        const auto moved = find(QStringLiteral("stage_changed"));
        QVERIFY(moved);
        QCOMPARE(moved->user, QStringLiteral("carol"));
        QCOMPARE(moved->old, Stage::None);
        QCOMPARE(moved->now, Stage::Staging);
        const auto tag = find(QStringLiteral("tag_set"));
        QVERIFY(tag);
        QCOMPARE(tag->user, QStringLiteral("erin"));
        QCOMPARE(tag->now, QStringLiteral("team=growth"));
        const auto described = find(QStringLiteral("description_changed"));
        QVERIFY(described);
        QCOMPARE(described->now, QStringLiteral("v4"));
        // The workflow's own tags are told as requests and decisions, not as tag edits.
        for (const History::Event &event : log->events)
            QVERIFY(!event.now.value_or(QString()).startsWith(QLatin1String("modeldesk.")));
        // The model's log holds the approvers change too.
        const auto modelLog = await(History::read(m_registry.get(), Model));
        VERIFY_OK(modelLog);
        bool approvers = false;
        for (const History::Event &event : modelLog->events)
            approvers |= event.kind == QLatin1String("approvers_changed")
                         && event.now == QStringLiteral("carol, dave");
        QVERIFY(approvers);
        const QByteArray csv = History::toCsv(log->events);
        QVERIFY(csv.startsWith("time,user,kind,version,old,new,comment\r\n"));
        QVERIFY(csv.contains(",alice,requested,4,"));
    }

    // Keys and sizes within what a real MLflow server accepts (summary.md §18): keys match
    // ^[/\w.\- :]*$ and have at most 250 characters; request values fit 5,000 characters.
    void tagsFitMlflowLimits()
    {
        Request request;
        request.id = newRequestId();
        QCOMPARE(request.id.size(), 10);
        request.requester = QStringLiteral("a-very-long-user-name@example.com");
        request.target = QStringLiteral("Production");
        request.created = 1'700'000'000'000;
        request.comment = QString(CommentLimit, QLatin1Char('x'));
        request.state = State::Approved;
        request.decidedBy = request.requester;
        request.decisionComment = QString(CommentLimit, QChar(0x00e9));
        request.decided = request.created;
        request.nonce = newRequestId();
        const QString value = encode(request);
        QVERIFY2(value.size() <= RequestTagLimit, qPrintable(QString::number(value.size())));
        const QRegularExpression keyRule(QStringLiteral("^[/\\w.\\- :]*$"));
        for (const QString &key : {request.tagKey(), MarkerKey, ApproversKey}) {
            QVERIFY(keyRule.match(key).hasMatch());
            QVERIFY(key.size() <= 250);
        }
        const auto back = decode(QStringLiteral("m"), 1, {request.tagKey(), value});
        QVERIFY(back);
        request.model = QStringLiteral("m");
        request.version = 1;
        QCOMPARE(*back, request);
        // A comment over the limit is refused before anything is written; one made of
        // characters JSON escapes (quotes) that would not fit is refused too.
        QVERIFY(!checkComment(QString(CommentLimit + 1, QLatin1Char('x'))));
        ModelVersion version;
        version.name = QStringLiteral("m");
        version.version = 1;
        version.currentStage = Stage::None;
        NewRequest spec;
        spec.target = QStringLiteral("Staging");
        spec.comment = QString(CommentLimit, QLatin1Char('"'));
        auto quoted = planRequest({}, version, spec, newRequestId(), QStringLiteral("u"), 1);
        VERIFY_OK(quoted); // 4,000 characters escaped still fit
        version.tags = quoted->tags;
        const QString id = quoted->tags.first().key.mid(RequestPrefix.size());
        auto tooLong = planDecision({}, version, id, Decision::Reject, QStringLiteral("v"),
                                    QString(CommentLimit, QLatin1Char('"')), 2, newRequestId());
        QVERIFY(!tooLong);
        QVERIFY(tooLong.error().message().contains(QLatin1String("5000")));
        // A tag of another client's that is not a request is never taken for one.
        QVERIFY(!decode(QStringLiteral("m"), 1, {QStringLiteral("modeldesk.request.x"), QStringLiteral("{")}));
    }
};

QTEST_GUILESS_MAIN(TestApprovals)
#include "tst_approvals.moc"
