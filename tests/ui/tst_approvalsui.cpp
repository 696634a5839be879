// The approval screens offscreen: the queue's item model (under QAbstractItemModelTester), the
// Request Promotion dialog, the decision dialog's required comment, the Overview's request
// panel as the requester and as an approver, the version table's approval marks, and the
// window's Approvals dock with its badge: approve from the queue and the version moves.
#include "models/approvals/approvalqueuemodel.h"
#include "models/roles.h"
#include "models/versiontablemodel.h"
#include "registry/approval/approvals.h"
#include "registry/demo/demogenerator.h"
#include "registry/sql/sqlregistry.h"
#include "tests/approval/actingas.h"
#include "tests/rest/awaitresult.h"
#include "ui/approvals/approvalsdock.h"
#include "ui/approvals/decisiondialog.h"
#include "ui/approvals/requestdialog.h"
#include "ui/approvals/requestpanel.h"
#include "ui/details/detailspane.h"
#include "ui/history/historypage.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "models/history/historymodel.h"
#include "registry/rest/restregistry.h"
#include "tests/fakeserver/fakeserverthread.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLineEdit>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace ModelDesk;
using TestSupport::ActingAs;
using TestSupport::await;

namespace {

const QString Model = QStringLiteral("churn-predictor");

QPushButton *okButton(QDialog *dialog)
{
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    return buttons ? buttons->button(QDialogButtonBox::Ok) : nullptr;
}

} // namespace

class TestApprovalsUi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_store;
    std::unique_ptr<SqlRegistry> m_registry;

    Approval::Request file(const QString &user, qint64 version, const QString &stage)
    {
        ActingAs as(user);
        Approval::NewRequest spec;
        spec.model = Model;
        spec.version = version;
        spec.target = stage;
        spec.archiveExisting = true;
        spec.comment = QStringLiteral("AUC 0.91 on the holdout");
        const auto request = await(Approval::file(m_registry.get(), spec));
        return request ? *request : Approval::Request{};
    }

    RegisteredModel model()
    {
        const auto read = await(m_registry->model(Model));
        return read ? *read : RegisteredModel{};
    }
    ModelVersion version(qint64 number)
    {
        const auto read = await(m_registry->version(Model, number));
        return read ? *read : ModelVersion{};
    }

private slots:
    void init()
    {
        static int count = 0;
        m_registry.reset();
        m_store = m_dir.filePath(QStringLiteral("ui-%1.db").arg(++count));
        DemoOptions demo;
        demo.models = 3;
        demo.versionsPerModel = 4;
        demo.metricSteps = 2;
        VERIFY_OK(createDemoStore(m_store, demo));
        m_registry = std::make_unique<SqlRegistry>(m_store);
        VERIFY_OK(await(m_registry->open()));
        ActingAs as(QStringLiteral("carol"));
        VERIFY_OK(await(Approval::setApprovers(m_registry.get(), Model,
                                               {QStringLiteral("carol"), QStringLiteral("dave")})));
    }

    void cleanup()
    {
        qunsetenv("MODELDESK_USER");
    }

    void queueModelShowsOpenRequests()
    {
        ApprovalQueueModel queue;
        QAbstractItemModelTester tester(&queue, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(queue.rowCount(), 0);
        const Approval::Request first = file(QStringLiteral("alice"), 4, QStringLiteral("Production"));
        const auto found = await(Approval::requests(m_registry.get(), {}, false));
        VERIFY_OK(found);
        queue.setNow(first.created + 3 * 3'600'000);
        queue.setRequests(*found);
        QCOMPARE(queue.rowCount(), 1);
        const auto cell = [&queue](int column) {
            return queue.index(0, column).data().toString();
        };
        QCOMPARE(cell(ApprovalQueueModel::ModelColumn), Model);
        QCOMPARE(cell(ApprovalQueueModel::VersionColumn), QStringLiteral("4"));
        QCOMPARE(cell(ApprovalQueueModel::ActionColumn),
                 QStringLiteral("Production (archiving the others)"));
        QCOMPARE(cell(ApprovalQueueModel::RequesterColumn), QStringLiteral("alice"));
        QCOMPARE(cell(ApprovalQueueModel::AgeColumn), QStringLiteral("3 h"));
        QCOMPARE(cell(ApprovalQueueModel::StateColumn), QStringLiteral("Pending"));
        QCOMPARE(queue.index(0, 0).data(RawValueRole).toString(), first.id);
        queue.setRequests({});
        QCOMPARE(queue.rowCount(), 0);
    }

    void requestDialogFilesWhatWasChosen()
    {
        RequestDialog dialog(model(), version(4));
        auto *ok = okButton(&dialog);
        QVERIFY(ok);
        auto *stage = dialog.findChild<QComboBox *>(QStringLiteral("requestStage"));
        auto *archive = dialog.findChild<QCheckBox *>(QStringLiteral("requestArchive"));
        auto *summary = dialog.findChild<QLabel *>(QStringLiteral("requestSummary"));
        QVERIFY(stage && archive && summary);
        QCOMPARE(stage->currentText(), QStringLiteral("Production"));
        archive->setChecked(true);
        QVERIFY(summary->text().contains(QLatin1String("once approved")));
        QVERIFY(ok->isEnabled());
        stage->setCurrentText(QStringLiteral("Archived"));
        QVERIFY(!archive->isEnabled()); // archiving goes with Staging and Production only
        QVERIFY(!dialog.request().archiveExisting);
        // Another version's alias can be asked for; one that points here already cannot.
        RequestDialog onTwo(model(), version(2));
        onTwo.setAlias(QStringLiteral("champion"));
        QVERIFY(!okButton(&onTwo)->isEnabled());
        QVERIFY(onTwo.findChild<QLabel *>(QStringLiteral("requestSummary"))->text().contains(
            QLatin1String("already points")));
        dialog.setAlias(QStringLiteral("champion"));
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.request().action, Approval::Action::Alias);
        QVERIFY(summary->text().contains(QLatin1String("now at version 2")));
        dialog.setAlias(QStringLiteral("bad alias!"));
        QVERIFY(!ok->isEnabled());
        dialog.setStage(QStringLiteral("Staging"));
        dialog.setComment(QStringLiteral("ready"));
        QVERIFY(ok->isEnabled());
        const Approval::NewRequest spec = dialog.request();
        QCOMPARE(spec.target, QStringLiteral("Staging"));
        QCOMPARE(spec.comment, QStringLiteral("ready"));
        QCOMPARE(spec.version, 4);
    }

    void rejectionAsksForAComment()
    {
        const Approval::Request request = file(QStringLiteral("alice"), 4, QStringLiteral("Production"));
        DecisionDialog reject(request, Approval::Decision::Reject);
        auto *ok = okButton(&reject);
        auto *comment = reject.findChild<QPlainTextEdit *>(QStringLiteral("decisionComment"));
        QVERIFY(ok && comment);
        QVERIFY(!ok->isEnabled());
        QCOMPARE(ok->text(), QStringLiteral("&Reject"));
        QTest::keyClicks(comment, QStringLiteral("drift"));
        QVERIFY(ok->isEnabled());
        QCOMPARE(reject.comment(), QStringLiteral("drift"));
        DecisionDialog approve(request, Approval::Decision::Approve);
        QVERIFY(okButton(&approve)->isEnabled());
        QVERIFY(approve.findChild<QLabel *>(QStringLiteral("requestComment")));
    }

    void overviewPanelActsForWhoIsLooking()
    {
        const Approval::Request request = file(QStringLiteral("alice"), 4, QStringLiteral("Production"));
        {
            // The requester sees the request, can withdraw it and cannot approve it.
            ActingAs as(QStringLiteral("alice"));
            RequestPanel panel(m_registry.get());
            panel.showVersion(model(), version(4));
            QVERIFY(!panel.isHidden());
            auto *approve = panel.findChild<QPushButton *>(QStringLiteral("approveButton"));
            auto *withdraw = panel.findChild<QPushButton *>(QStringLiteral("withdrawButton"));
            QVERIFY(approve && withdraw);
            QVERIFY(!approve->isEnabled());
            QVERIFY(approve->toolTip().contains(QLatin1String("someone else")));
            QVERIFY(withdraw->isEnabled());
            auto *protection = panel.findChild<QLabel *>(QStringLiteral("protectionLabel"));
            QVERIFY(protection->text().contains(QLatin1String("carol, dave")));
        }
        ActingAs as(QStringLiteral("carol"));
        QWidget window;
        auto *panel = new RequestPanel(m_registry.get(), &window);
        panel->showVersion(model(), version(4));
        window.show();
        QVERIFY(!panel->findChild<QPushButton *>(QStringLiteral("withdrawButton")));
        auto *approve = panel->findChild<QPushButton *>(QStringLiteral("approveButton"));
        QVERIFY(approve && approve->isEnabled());
        QSignalSpy done(panel, &RequestPanel::statusMessage);
        approve->click();
        QTRY_VERIFY(window.findChild<DecisionDialog *>());
        auto *dialog = window.findChild<DecisionDialog *>();
        okButton(dialog)->click();
        QTRY_COMPARE(done.size(), 1);
        QVERIFY(done.first().first().toString().startsWith(QLatin1String("Approved")));
        QCOMPARE(version(4).currentStage, Stage::Production);
        // Version 2, in Production without a request before the approvers came, is flagged.
        panel->showVersion(model(), version(2));
        QTRY_VERIFY(panel->findChild<QLabel *>(QStringLiteral("protectionLabel"))->text().contains(
            QLatin1String("Unapproved")));
    }

    void versionTableMarksApprovals()
    {
        file(QStringLiteral("alice"), 4, QStringLiteral("Production"));
        VersionTableModel table;
        QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        table.setRegistry(m_registry.get());
        table.setModel(model());
        QTRY_COMPARE(table.rowCount(), 4);
        QHash<qint64, QString> marks;
        for (int row = 0; row < table.rowCount(); ++row) {
            const QModelIndex stage = table.index(row, VersionTableModel::StageColumn);
            marks.insert(table.versionAt(row), stage.data(ApprovalRole).toString());
            if (marks.value(table.versionAt(row)) == QLatin1String("unapproved"))
                QVERIFY(stage.data(Qt::ToolTipRole).toString().contains(QLatin1String("Unapproved")));
        }
        QCOMPARE(marks.value(4), QStringLiteral("requested"));
        QCOMPARE(marks.value(2), QStringLiteral("unapproved")); // Production, @champion
        QCOMPARE(marks.value(3), QStringLiteral("unapproved")); // Staging, @challenger
        QCOMPARE(marks.value(1), QString());
        // The workflow's tags stay out of the Tags column.
        for (int row = 0; row < table.rowCount(); ++row)
            QVERIFY(!table.index(row, VersionTableModel::TagsColumn).data().toString().contains(
                QLatin1String("modeldesk.request")));
    }

    void historyPageFiltersAndExports_data()
    {
        QTest::addColumn<bool>("server");
        QTest::newRow("file") << false;
        QTest::newRow("server") << true;
    }

    void historyPageFiltersAndExports()
    {
        QFETCH(bool, server);
        const Approval::Request request = file(QStringLiteral("alice"), 4, QStringLiteral("Staging"));
        {
            ActingAs as(QStringLiteral("carol"));
            VERIFY_OK(await(Approval::decide(m_registry.get(), Model, 4, request.id,
                                             Approval::Decision::Approve,
                                             QStringLiteral("looks right"))));
        }
        std::unique_ptr<TestSupport::FakeServerThread> fake;
        std::unique_ptr<RestRegistry> rest;
        Registry *registry = m_registry.get();
        if (server) {
            fake = std::make_unique<TestSupport::FakeServerThread>(m_store);
            ServerOptions options;
            options.url = fake->start();
            rest = std::make_unique<RestRegistry>(options);
            VERIFY_OK(await(rest->open()));
            registry = rest.get();
        }
        HistoryPage page(registry);
        QAbstractItemModelTester tester(page.historyModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filtered(page.filterModel(),
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(700, 400);
        page.show();
        page.setTarget(Model, 4);
        QCOMPARE(page.historyModel()->rowCount(), 0); // read only when shown
        page.setActive(true);
        QTRY_VERIFY(!page.isLoading());
        auto *note = page.findChild<QLabel *>(QStringLiteral("historyNote"));
        QCOMPARE(note->isVisible(), server);
        const int all = page.filterModel()->rowCount();
        QVERIFY(all >= 3); // requested, approved, and created (server) or stage changed (file)
        auto *kind = page.findChild<QComboBox *>(QStringLiteral("historyKind"));
        kind->setCurrentIndex(kind->findData(QStringLiteral("approved")));
        QCOMPARE(page.filterModel()->rowCount(), 1);
        QCOMPARE(page.filterModel()->index(0, HistoryModel::UserColumn).data().toString(),
                 QStringLiteral("carol"));
        QCOMPARE(page.filterModel()->index(0, HistoryModel::CommentColumn).data().toString(),
                 QStringLiteral("looks right"));
        kind->setCurrentIndex(0);
        auto *search = page.findChild<QLineEdit *>(QStringLiteral("historySearch"));
        QTest::keyClicks(search, QStringLiteral("holdout"));
        QCOMPARE(page.filterModel()->rowCount(), 1); // the request's comment
        QCOMPARE(page.filterModel()->index(0, HistoryModel::KindColumn).data().toString(),
                 QStringLiteral("Requested"));
        const QString path = m_dir.filePath(QStringLiteral("history-%1.csv").arg(server));
        QString error;
        QVERIFY(page.exportCsv(path, &error));
        QFile csv(path);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray text = csv.readAll();
        QCOMPARE(text.count("\r\n"), 2); // the header and the one row shown
        QVERIFY(text.contains(",alice,requested,4,"));
        QVERIFY(!page.exportCsv(m_dir.filePath(QStringLiteral("missing/dir/h.csv")), &error));
        QVERIFY(error.contains(QLatin1String("Could not write")));
        search->clear();
        QCOMPARE(page.filterModel()->rowCount(), all);
    }

    void windowQueueApprovesAndOpens()
    {
        file(QStringLiteral("alice"), 4, QStringLiteral("Production"));
        m_registry.reset(); // the window opens the file itself
        ActingAs as(QStringLiteral("carol"));
        Settings().setApprovalsShown(false);
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QSignalSpy opened(&window, &MainWindow::registryOpened);
        window.openRegistry(m_store);
        QTRY_VERIFY_WITH_TIMEOUT(window.isIdle(), 10000);
        auto *badge = window.findChild<QToolButton *>(QStringLiteral("approvalsBadge"));
        auto *user = window.findChild<QLabel *>(QStringLiteral("actingUser"));
        QVERIFY(badge && user);
        QTRY_COMPARE(badge->text(), QStringLiteral("1 pending approval"));
        QCOMPARE(user->text(), QStringLiteral("Acting as carol"));
        auto *dock = window.findChild<ApprovalsDock *>();
        QVERIFY(dock);
        QVERIFY(dock->isHidden());
        QAction *toggle = window.findChild<QAction *>(QStringLiteral("approvalsAction"));
        QVERIFY(toggle);
        toggle->trigger();
        QTRY_VERIFY(dock->isVisible());
        QCOMPARE(dock->windowTitle(), QStringLiteral("Approvals (1)"));
        auto *view = dock->view();
        view->selectRow(0);
        auto *approve = dock->findChild<QPushButton *>(QStringLiteral("queueApproveButton"));
        auto *withdraw = dock->findChild<QPushButton *>(QStringLiteral("queueWithdrawButton"));
        QTRY_VERIFY(approve->isEnabled());
        QVERIFY(!withdraw->isEnabled());
        QVERIFY(withdraw->toolTip().contains(QLatin1String("alice")));
        if (const QString dir = qEnvironmentVariable("MODELDESK_SCREENSHOTS"); !dir.isEmpty())
            window.grab().save(dir + QStringLiteral("/approvals-queue.png"));

        // Open shows the version in the window.
        dock->findChild<QPushButton *>(QStringLiteral("queueOpenButton"))->click();
        auto *details = window.findChild<DetailsPane *>();
        QTRY_COMPARE(details->version(), 4);
        QTRY_VERIFY(!details->isLoading());
        QCOMPARE(details->modelName(), Model);
        // The Evidence menu opens the same version on its Model Card.
        auto *evidence = dock->findChild<QToolButton *>(QStringLiteral("queueEvidenceButton"));
        QVERIFY(evidence && evidence->menu());
        QAction *card = nullptr;
        for (QAction *action : evidence->menu()->actions())
            if (action->text() == QLatin1String("Model Card"))
                card = action;
        QVERIFY(card);
        card->trigger();
        QTRY_COMPARE(details->currentTabName(), QStringLiteral("model card"));
        QCOMPARE(details->version(), 4);

        approve->click();
        QTRY_VERIFY(window.findChild<DecisionDialog *>());
        okButton(window.findChild<DecisionDialog *>())->click();
        QTRY_VERIFY_WITH_TIMEOUT(badge->isHidden(), 10000);
        QTRY_COMPARE(dock->pendingCount(), 0);
        QTRY_COMPARE(details->currentVersion().currentStage, Stage::Production);
        auto *empty = dock->findChild<QLabel *>(QStringLiteral("approvalsEmpty"));
        QTRY_VERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(QLatin1String("Request Promotion")));
        // The dock's being open is remembered for the next window.
        QVERIFY(Settings().approvalsShown());
        toggle->trigger();
        QVERIFY(!Settings().approvalsShown());
    }
};

int main(int argc, char *argv[])
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestApprovalsUi test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_approvalsui.moc"
