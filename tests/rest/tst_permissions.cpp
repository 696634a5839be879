// Permissions under MLflow's basic-auth app, through the fake server's permissions mode: the
// user's permission on a model (an explicit grant, MANAGE read directly, the server's default),
// a 403 that names the permission a call needs, nothing shown where the server has no auth
// app, and the window's details read-only where the permission does not allow editing.
#include "registry/demo/demogenerator.h"
#include "registry/rest/restregistry.h"
#include "tests/fakeserver/fakeserverthread.h"
#include "tests/rest/awaitresult.h"
#include "ui/details/detailspane.h"
#include "ui/details/overviewpage.h"

#include <QApplication>
#include <QLabel>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace ModelDesk;
using TestSupport::await;

class TestPermissions : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestSupport::FakeServerThread> m_server;
    std::unique_ptr<RestRegistry> m_alice;

    std::unique_ptr<RestRegistry> connect(ServerOptions::Auth auth)
    {
        ServerOptions options;
        options.url = m_server->url();
        options.auth = auth;
        if (auth == ServerOptions::Auth::Basic) {
            options.username = QStringLiteral("alice");
            options.password = QStringLiteral("secret");
        } else if (auth == ServerOptions::Auth::Token) {
            options.token = QStringLiteral("token");
        }
        auto registry = std::make_unique<RestRegistry>(options);
        const auto opened = await(registry->open());
        if (!opened)
            qWarning() << opened.error().message();
        return registry;
    }

private slots:
    void initTestCase()
    {
        const QString store = m_dir.filePath(QStringLiteral("permissions.db"));
        DemoOptions demo;
        demo.models = 3;
        demo.versionsPerModel = 3;
        demo.metricSteps = 2;
        VERIFY_OK(createDemoStore(store, demo));
        m_server = std::make_unique<TestSupport::FakeServerThread>(store);
        QVERIFY(m_server->start().isValid());
        m_server->requireBasicAuth(QStringLiteral("alice"), QStringLiteral("secret"));
        TestSupport::FakeUserPermissions permissions;
        permissions.user = QStringLiteral("alice");
        permissions.grants = {{QStringLiteral("churn-predictor"), QStringLiteral("READ")},
                              {QStringLiteral("fraud-detector"), QStringLiteral("MANAGE")}};
        permissions.defaultPermission = QStringLiteral("EDIT");
        m_server->setPermissions(permissions);
        m_alice = connect(ServerOptions::Auth::Basic);
    }

    void permissionOnEachModel()
    {
        // READ cannot read its own grant (that needs MANAGE): users/get says it.
        auto read = await(m_alice->modelPermission(QStringLiteral("churn-predictor")));
        VERIFY_OK(read);
        QCOMPARE(*read, QStringLiteral("READ"));
        auto manage = await(m_alice->modelPermission(QStringLiteral("fraud-detector")));
        VERIFY_OK(manage);
        QCOMPARE(*manage, QStringLiteral("MANAGE"));
        auto fallback = await(m_alice->modelPermission(QStringLiteral("product-recommender")));
        VERIFY_OK(fallback);
        QCOMPARE(*fallback, QStringLiteral("DEFAULT"));
    }

    void forbiddenWriteNamesThePermission()
    {
        auto tag = await(m_alice->setVersionTag(QStringLiteral("churn-predictor"), 1,
                                                QStringLiteral("team"), QStringLiteral("x")));
        QVERIFY(!tag);
        QCOMPARE(tag.error().code(), ErrorCode::PermissionDenied);
        QVERIFY2(tag.error().message().contains(QLatin1String("needs EDIT permission")),
                 qPrintable(tag.error().message()));
        // Deleting a tag needs more than EDIT.
        auto removal = await(m_alice->deleteVersionTag(QStringLiteral("product-recommender"), 1,
                                                       QStringLiteral("team")));
        QVERIFY(!removal);
        QVERIFY(removal.error().message().contains(QLatin1String("needs MANAGE permission")));
        VERIFY_OK(await(m_alice->setVersionTag(QStringLiteral("product-recommender"), 1,
                                               QStringLiteral("team"), QStringLiteral("x"))));
    }

    void noAuthAppMeansNoPermission()
    {
        m_server->setPermissions(std::nullopt);
        auto none = await(m_alice->modelPermission(QStringLiteral("churn-predictor")));
        VERIFY_OK(none);
        QCOMPARE(*none, QString());
        TestSupport::FakeUserPermissions permissions;
        permissions.user = QStringLiteral("alice");
        permissions.grants = {{QStringLiteral("churn-predictor"), QStringLiteral("READ")}};
        m_server->setPermissions(permissions);
    }

    void detailsFollowThePermission()
    {
        QUndoStack undo;
        DetailsPane pane(m_alice.get(), &undo);
        pane.resize(600, 700);
        pane.show();
        pane.showVersion(QStringLiteral("churn-predictor"), 1);
        auto *note = pane.findChild<QLabel *>(QStringLiteral("permissionLabel"));
        QVERIFY(note);
        QTRY_VERIFY(note->isVisible());
        QVERIFY(note->text().contains(QLatin1String("READ")));
        QVERIFY(note->text().contains(QLatin1String("needs EDIT")));
        QCOMPARE(pane.permission(), QStringLiteral("READ"));
        QVERIFY(pane.overview()->isReadOnly());
        pane.showVersion(QStringLiteral("fraud-detector"), 1);
        // No grant of her own: the server decides, so nothing is disabled.
        QTRY_COMPARE(pane.permission(), QStringLiteral("DEFAULT"));
        QTRY_VERIFY(!pane.overview()->isReadOnly());
    }
};

QTEST_MAIN(TestPermissions)
#include "tst_permissions.moc"
