// Connecting to MLflow servers from the window, offscreen: the Connect dialog's validation,
// fields and the ServerOptions it produces; the secret stores; and the main window's side of
// servers (remembering them without their secrets, the recent menu, the keychain being
// unavailable, refused credentials, the connecting and loading states). The server is a fake
// Registry over an SQL store, so none of this depends on the REST client.
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlregistry.h"
#include "registry/whenfinished.h"
#include "ui/connectdialog.h"
#include "ui/mainwindow.h"
#include "ui/messagebar.h"
#include "ui/secretstore.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPromise>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace ModelDesk;

namespace {

const QString ServerUrl = QStringLiteral("http://mlflow.test:5000");
const QString Password = QStringLiteral("pw-Zq81-never-in-settings");
const QString Token = QStringLiteral("tok-Xk42-never-in-settings");

// An MLflow server as the window sees it: a Registry that answers open() as a server does
// (or fails it, or holds it), and serves everything else from an SQL store.
class FakeServerRegistry final : public Registry
{
public:
    struct Behaviour
    {
        std::optional<RegistryError> openError;
        bool holdOpen = false;
        bool holdSearches = false;
    };

    FakeServerRegistry(const QString &store, Behaviour behaviour)
        : m_inner(std::make_unique<SqlRegistry>(store))
        , m_behaviour(std::move(behaviour))
    {
        connect(m_inner.get(), &Registry::modelChanged, this, &Registry::modelChanged);
    }

    QFuture<Result<Capabilities>> open() override
    {
        if (m_behaviour.openError) {
            QPromise<Result<Capabilities>> promise;
            promise.start();
            promise.addResult(*m_behaviour.openError);
            promise.finish();
            return promise.future();
        }
        QFuture<Result<Capabilities>> opened
            = m_inner->open().then([](Result<Capabilities> caps) {
                  if (caps) {
                      caps->backendName = QStringLiteral("MLflow server");
                      caps->serverVersion = QStringLiteral("2.22.1");
                  }
                  return caps;
              });
        if (!m_behaviour.holdOpen)
            return opened;
        m_heldOpen = std::make_shared<QPromise<Result<Capabilities>>>();
        m_heldOpen->start();
        m_heldOpenAnswer = opened;
        return m_heldOpen->future();
    }
    void releaseOpen()
    {
        m_heldOpen->addResult(m_heldOpenAnswer.result());
        m_heldOpen->finish();
    }
    void releaseSearches()
    {
        m_behaviour.holdSearches = false;
        for (const auto &held : std::as_const(m_heldSearches)) {
            const auto promise = held.second; // clang 14 cannot capture a structured binding
            m_inner->searchModels(held.first).then(
                [promise](const Result<Page<RegisteredModel>> &page) {
                    promise->addResult(page);
                    promise->finish();
                });
        }
        m_heldSearches.clear();
    }
    int heldSearches() const { return int(m_heldSearches.size()); }

    QString location() const override { return ServerUrl; }
    Capabilities capabilities() const override { return m_inner->capabilities(); }
    QFuture<Result<Page<RegisteredModel>>> searchModels(const SearchRequest &request) override
    {
        if (!m_behaviour.holdSearches)
            return m_inner->searchModels(request);
        auto promise = std::make_shared<QPromise<Result<Page<RegisteredModel>>>>();
        promise->start();
        m_heldSearches.append({request, promise});
        return promise->future();
    }
    QFuture<Result<Page<ModelVersion>>> searchVersions(const SearchRequest &request) override
    {
        return m_inner->searchVersions(request);
    }
    QFuture<Result<RegisteredModel>> model(const QString &name) override
    {
        return m_inner->model(name);
    }
    QFuture<Result<ModelVersion>> version(const QString &name, qint64 version) override
    {
        return m_inner->version(name, version);
    }
    QFuture<Result<ModelVersion>> versionByAlias(const QString &name,
                                                 const QString &alias) override
    {
        return m_inner->versionByAlias(name, alias);
    }
    QFuture<Result<QList<ModelVersion>>> latestVersions(const QString &name,
                                                        const QStringList &stages) override
    {
        return m_inner->latestVersions(name, stages);
    }
    QFuture<Result<QString>> downloadUri(const QString &name, qint64 version) override
    {
        return m_inner->downloadUri(name, version);
    }
    QFuture<Result<RegisteredModel>> createModel(const QString &name, const QString &description,
                                                 const QList<Tag> &tags) override
    {
        return m_inner->createModel(name, description, tags);
    }
    QFuture<Result<RegisteredModel>> renameModel(const QString &name,
                                                 const QString &newName) override
    {
        return m_inner->renameModel(name, newName);
    }
    QFuture<Result<Done>> deleteModel(const QString &name) override
    {
        return m_inner->deleteModel(name);
    }
    QFuture<Result<RegisteredModel>> updateModelDescription(const QString &name,
                                                            const QString &description,
                                                            ExpectedTimestamp expected) override
    {
        return m_inner->updateModelDescription(name, description, expected);
    }
    QFuture<Result<Done>> setModelTag(const QString &name, const QString &key,
                                      const QString &value) override
    {
        return m_inner->setModelTag(name, key, value);
    }
    QFuture<Result<Done>> deleteModelTag(const QString &name, const QString &key) override
    {
        return m_inner->deleteModelTag(name, key);
    }
    QFuture<Result<Done>> setAlias(const QString &name, const QString &alias,
                                   qint64 version) override
    {
        return m_inner->setAlias(name, alias, version);
    }
    QFuture<Result<Done>> deleteAlias(const QString &name, const QString &alias) override
    {
        return m_inner->deleteAlias(name, alias);
    }
    QFuture<Result<ModelVersion>> createVersion(const CreateVersionRequest &request) override
    {
        return m_inner->createVersion(request);
    }
    QFuture<Result<Done>> deleteVersion(const QString &name, qint64 version) override
    {
        return m_inner->deleteVersion(name, version);
    }
    QFuture<Result<ModelVersion>> updateVersionDescription(
        const QString &name, qint64 version, const std::optional<QString> &description,
        ExpectedTimestamp expected) override
    {
        return m_inner->updateVersionDescription(name, version, description, expected);
    }
    QFuture<Result<Done>> setVersionTag(const QString &name, qint64 version, const QString &key,
                                        const QString &value) override
    {
        return m_inner->setVersionTag(name, version, key, value);
    }
    QFuture<Result<Done>> deleteVersionTag(const QString &name, qint64 version,
                                           const QString &key) override
    {
        return m_inner->deleteVersionTag(name, version, key);
    }
    QFuture<Result<ModelVersion>> transitionStage(const QString &name, qint64 version,
                                                  const QString &stage,
                                                  ArchiveExisting archive) override
    {
        return m_inner->transitionStage(name, version, stage, archive);
    }
    QFuture<Result<Run>> run(const QString &runId) override { return m_inner->run(runId); }
    QFuture<Result<Experiment>> experiment(const QString &id) override
    {
        return m_inner->experiment(id);
    }
    QFuture<Result<QList<Run>>> searchRuns(const RunSearch &search) override
    {
        return m_inner->searchRuns(search);
    }
    QFuture<Result<LoggedModel>> loggedModel(const QString &id) override
    {
        return m_inner->loggedModel(id);
    }
    QFuture<Result<QList<Metric>>> metricHistory(const QString &runId,
                                                 const QString &key) override
    {
        return m_inner->metricHistory(runId, key);
    }
    QFuture<Result<ArtifactListing>> listArtifacts(const QString &runId,
                                                   const QString &path) override
    {
        return m_inner->listArtifacts(runId, path);
    }
    QFuture<Result<Done>> downloadArtifact(const QString &runId, const QString &path,
                                           const QString &destination) override
    {
        return m_inner->downloadArtifact(runId, path, destination);
    }

private:
    std::unique_ptr<Registry> m_inner;
    Behaviour m_behaviour;
    std::shared_ptr<QPromise<Result<Capabilities>>> m_heldOpen;
    QFuture<Result<Capabilities>> m_heldOpenAnswer;
    QList<std::pair<SearchRequest, std::shared_ptr<QPromise<Result<Page<RegisteredModel>>>>>>
        m_heldSearches;
};

SecretAnswer waitFor(QFuture<SecretAnswer> future)
{
    SecretAnswer answer;
    bool done = false;
    QObject context;
    whenFinished(future, &context, [&](const SecretAnswer &value) {
        answer = value;
        done = true;
    });
    if (!QTest::qWaitFor([&done] { return done; }, 30000))
        answer.error = QStringLiteral("no answer within 30 s");
    return answer;
}

// The registries File ▸ Open Recent lists, by location (each entry's data).
QStringList recentTexts(MainWindow &window)
{
    QStringList texts;
    auto *menu = window.findChild<QMenu *>(QStringLiteral("recentMenu"));
    for (QAction *action : menu->actions()) {
        if (action->data().isValid())
            texts << action->data().toString();
    }
    return texts;
}

QAction *recentAction(MainWindow &window, const QString &location)
{
    auto *menu = window.findChild<QMenu *>(QStringLiteral("recentMenu"));
    for (QAction *action : menu->actions()) {
        if (action->data().toString() == location)
            return action;
    }
    return nullptr;
}

} // namespace

class TestConnectDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_store;
    // What the window asked the fake server factory for, and how the next server behaves.
    QList<ServerOptions> m_requests;
    FakeServerRegistry::Behaviour m_behaviour;
    QPointer<QObject> m_lastServer;

    FakeServerRegistry *lastServer() const
    {
        return static_cast<FakeServerRegistry *>(m_lastServer.data());
    }

    // A window on the fake server with an in-memory secret store.
    std::unique_ptr<MainWindow> makeWindow(InMemorySecretStore **secrets = nullptr)
    {
        auto window = std::make_unique<MainWindow>();
        auto *store = new InMemorySecretStore;
        window->setSecretStore(store);
        if (secrets)
            *secrets = store;
        window->setServerRegistryFactory([this](const ServerOptions &options) {
            m_requests.append(options);
            auto server = std::make_unique<FakeServerRegistry>(m_store, m_behaviour);
            m_lastServer = server.get();
            return std::unique_ptr<Registry>(std::move(server));
        });
        window->resize(1100, 700);
        window->show();
        if (!QTest::qWaitForWindowActive(window.get()))
            qWarning("the window did not become active");
        return window;
    }

    static ConnectDialog *waitForDialog(MainWindow &window)
    {
        ConnectDialog *dialog = nullptr;
        const bool shown = QTest::qWaitFor([&] {
            dialog = window.findChild<ConnectDialog *>();
            return dialog && dialog->isVisible();
        });
        return shown ? dialog : nullptr;
    }

    template<typename T>
    static T *child(QWidget *parent, const char *name)
    {
        return parent->findChild<T *>(QString::fromLatin1(name));
    }

    static void fillBasic(ConnectDialog *dialog, const QString &url, const QString &user,
                          const QString &password)
    {
        auto *urlField = child<QLineEdit>(dialog, "serverUrl");
        urlField->clear();
        QTest::keyClicks(urlField, url);
        child<QComboBox>(dialog, "authKind")->setCurrentIndex(2);
        child<QLineEdit>(dialog, "userName")->clear();
        QTest::keyClicks(child<QLineEdit>(dialog, "userName"), user);
        QTest::keyClicks(child<QLineEdit>(dialog, "password"), password);
    }

    static QString settingsText()
    {
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll());
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // The developer's own MLflow settings must not leak in.
        for (const char *name : {"MLFLOW_TRACKING_URI", "MLFLOW_TRACKING_TOKEN",
                                 "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD",
                                 "MLFLOW_TRACKING_INSECURE_TLS"})
            qunsetenv(name);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(QStringLiteral("server.db"));
        QVERIFY(SqlBackend::initialize(m_store).ok());
        auto backend = SqlBackend::open(m_store, SqlBackend::OpenMode::ReadWrite);
        QVERIFY(backend.ok());
        for (const char *name : {"churn-predictor", "fraud-scorer"}) {
            const QString model = QString::fromLatin1(name);
            QVERIFY((*backend)->createModel(model, {}, {}).ok());
            CreateVersionRequest request;
            request.name = model;
            request.source = QStringLiteral("s3://models/%1").arg(model);
            QVERIFY((*backend)->createVersion(request).ok());
        }
    }

    void init()
    {
        m_requests.clear();
        m_behaviour = {};
    }

    void urlIsValidated_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("error"); // part of the inline error; empty: none shown

        QTest::newRow("empty") << QString() << false << QString();
        QTest::newRow("http with port") << QStringLiteral("http://mlflow.example:5000") << true
                                        << QString();
        QTest::newRow("https with prefix")
            << QStringLiteral("https://dbc.example.com/mlflow/") << true << QString();
        QTest::newRow("spaces around") << QStringLiteral("  http://10.0.0.7:5000  ") << true
                                       << QString();
        QTest::newRow("no scheme") << QStringLiteral("mlflow.example:5000") << false
                                   << QStringLiteral("http:// or https://");
        QTest::newRow("other scheme") << QStringLiteral("ftp://mlflow.example") << false
                                      << QStringLiteral("http:// or https://");
        QTest::newRow("sqlite") << QStringLiteral("sqlite:///mlflow.db") << false
                                << QStringLiteral("http:// or https://");
        QTest::newRow("no host") << QStringLiteral("http://") << false
                                 << QStringLiteral("no host");
        QTest::newRow("bad port") << QStringLiteral("http://mlflow.example:99999") << false
                                  << QStringLiteral("not a valid URL");
        QTest::newRow("credentials in URL") << QStringLiteral("http://bob:pw@mlflow.example")
                                            << false << QStringLiteral("not in the URL");
        QTest::newRow("query") << QStringLiteral("http://mlflow.example/?x=1") << false
                               << QStringLiteral("query");
    }

    void urlIsValidated()
    {
        QFETCH(QString, url);
        QFETCH(bool, valid);
        QFETCH(QString, error);
        ConnectDialog dialog;
        dialog.show();
        auto *connectButton = child<QPushButton>(&dialog, "connectButton");
        auto *urlError = child<QLabel>(&dialog, "urlError");
        QVERIFY(connectButton && urlError);
        QVERIFY(!connectButton->isEnabled());
        QTest::keyClicks(child<QLineEdit>(&dialog, "serverUrl"), url);
        QCOMPARE(connectButton->isEnabled(), valid);
        QCOMPARE(dialog.isComplete(), valid);
        QCOMPARE(urlError->isVisible(), !error.isEmpty());
        if (!error.isEmpty())
            QVERIFY2(urlError->text().contains(error), qPrintable(urlError->text()));
        QCOMPARE(ConnectDialog::urlProblem(url).isEmpty(), valid);
    }

    void authFieldsFollowTheKind()
    {
        ConnectDialog dialog;
        dialog.show();
        auto *auth = child<QComboBox>(&dialog, "authKind");
        auto *token = child<QLineEdit>(&dialog, "accessToken");
        auto *user = child<QLineEdit>(&dialog, "userName");
        auto *password = child<QLineEdit>(&dialog, "password");
        auto *remember = child<QCheckBox>(&dialog, "rememberCredentials");
        auto *connectButton = child<QPushButton>(&dialog, "connectButton");
        QVERIFY(auth && token && user && password && remember && connectButton);
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        QTest::keyClicks(child<QLineEdit>(&dialog, "serverUrl"), ServerUrl);

        QCOMPARE(auth->currentIndex(), 0); // None
        QVERIFY(!token->isVisible() && !user->isVisible() && !password->isVisible());
        QVERIFY(!remember->isVisible()); // nothing to remember
        QVERIFY(connectButton->isEnabled());

        auth->setCurrentIndex(1); // Access token
        QVERIFY(token->isVisible() && !user->isVisible() && !password->isVisible());
        QVERIFY(remember->isVisible() && remember->isChecked());
        QVERIFY(!connectButton->isEnabled()); // a token is needed
        QTest::keyClicks(token, Token);
        QVERIFY(connectButton->isEnabled());

        auth->setCurrentIndex(2); // User name and password
        QVERIFY(!token->isVisible() && user->isVisible() && password->isVisible());
        QVERIFY(!connectButton->isEnabled()); // a user name is needed
        QTest::keyClicks(user, QStringLiteral("alice"));
        QVERIFY(connectButton->isEnabled());

        // Every control explains itself (Qt's own parts of a control aside).
        for (QWidget *widget : dialog.findChildren<QWidget *>()) {
            const bool control = qobject_cast<QLineEdit *>(widget)
                || qobject_cast<QComboBox *>(widget) || qobject_cast<QAbstractButton *>(widget);
            if (control && !qobject_cast<QLineEdit *>(widget->parentWidget()))
                QVERIFY2(!widget->toolTip().isEmpty(), qPrintable(widget->objectName()));
        }
    }

    void tabOrderFollowsTheForm()
    {
        ConnectDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        auto *url = child<QLineEdit>(&dialog, "serverUrl");
        child<QComboBox>(&dialog, "authKind")->setCurrentIndex(2);
        url->setFocus();
        QStringList order;
        for (int i = 0; i < 5; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            order << QApplication::focusWidget()->objectName();
        }
        QCOMPARE(order, (QStringList{QStringLiteral("authKind"), QStringLiteral("userName"),
                                     QStringLiteral("password"),
                                     QStringLiteral("rememberCredentials"),
                                     QStringLiteral("insecureTls")}));
    }

    void producesServerOptions_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("authIndex");
        QTest::addColumn<bool>("insecure");
        QTest::addColumn<QString>("displayUrl");
        QTest::addColumn<int>("auth");
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("insecureTls");

        QTest::newRow("open server") << QStringLiteral("http://mlflow.example:5000/") << 0
                                     << false << QStringLiteral("http://mlflow.example:5000")
                                     << int(ServerOptions::Auth::None) << QString() << QString()
                                     << QString() << false;
        QTest::newRow("token over https")
            << QStringLiteral("https://dbc.example.com/prefix") << 1 << true
            << QStringLiteral("https://dbc.example.com/prefix") << int(ServerOptions::Auth::Token)
            << Token << QString() << QString() << true;
        QTest::newRow("basic") << QStringLiteral("https://mlflow.example") << 2 << false
                               << QStringLiteral("https://mlflow.example")
                               << int(ServerOptions::Auth::Basic) << QString()
                               << QStringLiteral("alice") << Password << false;
        // Plain http has no certificate: the flag cannot be set there.
        QTest::newRow("insecure on http") << QStringLiteral("http://mlflow.example") << 0 << true
                                          << QStringLiteral("http://mlflow.example")
                                          << int(ServerOptions::Auth::None) << QString()
                                          << QString() << QString() << false;
    }

    void producesServerOptions()
    {
        QFETCH(QString, url);
        QFETCH(int, authIndex);
        QFETCH(bool, insecure);
        ConnectDialog dialog;
        dialog.show();
        QTest::keyClicks(child<QLineEdit>(&dialog, "serverUrl"), url);
        // Secrets typed for every kind; only the chosen kind's are sent.
        QTest::keyClicks(child<QLineEdit>(&dialog, "accessToken"), Token);
        QTest::keyClicks(child<QLineEdit>(&dialog, "userName"), QStringLiteral("alice"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "password"), Password);
        child<QComboBox>(&dialog, "authKind")->setCurrentIndex(authIndex);
        auto *insecureBox = child<QCheckBox>(&dialog, "insecureTls");
        if (insecure && insecureBox->isEnabled())
            insecureBox->click();
        QVERIFY(dialog.isComplete());
        const ServerOptions options = dialog.options();
        QTEST(options.displayUrl(), "displayUrl");
        QTEST(int(options.auth), "auth");
        QTEST(options.token, "token");
        QTEST(options.username, "username");
        QTEST(options.password, "password");
        QTEST(options.insecureTls, "insecureTls");
    }

    void prefillsFromMlflowEnvironment()
    {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("MLFLOW_TRACKING_URI"),
                           QStringLiteral("https://mlflow.corp.example"));
        environment.insert(QStringLiteral("MLFLOW_TRACKING_TOKEN"), Token);
        ServerOptions defaults = ConnectDialog::environmentDefaults(environment);
        ConnectDialog dialog;
        dialog.setOptions(defaults);
        QCOMPARE(child<QLineEdit>(&dialog, "serverUrl")->text(),
                 QStringLiteral("https://mlflow.corp.example"));
        QCOMPARE(child<QComboBox>(&dialog, "authKind")->currentIndex(), 1);
        QCOMPARE(child<QLineEdit>(&dialog, "accessToken")->text(), Token);
        QVERIFY(dialog.isComplete());

        environment.insert(QStringLiteral("MLFLOW_TRACKING_USERNAME"), QStringLiteral("bob"));
        dialog.setOptions(ConnectDialog::environmentDefaults(environment));
        QCOMPARE(child<QComboBox>(&dialog, "authKind")->currentIndex(), 2);
        QCOMPARE(child<QLineEdit>(&dialog, "userName")->text(), QStringLiteral("bob"));

        // A tracking URI that is not a server leaves the URL for the user to type.
        environment.insert(QStringLiteral("MLFLOW_TRACKING_URI"),
                           QStringLiteral("sqlite:///mlflow.db"));
        dialog.setOptions(ConnectDialog::environmentDefaults(environment));
        QVERIFY(child<QLineEdit>(&dialog, "serverUrl")->text().isEmpty());
        QVERIFY(!dialog.isComplete());
    }

    void inMemorySecretStoreRoundTrip()
    {
        InMemorySecretStore store;
        const SecretKey alice {ServerUrl, QStringLiteral("alice")};
        const SecretKey bob {ServerUrl, QStringLiteral("bob")};
        QCOMPARE(waitFor(store.read(alice)).status, SecretAnswer::Status::NotFound);
        QVERIFY(waitFor(store.write(alice, Password)).ok());
        QVERIFY(waitFor(store.write(bob, QStringLiteral("other"))).ok());
        const SecretAnswer read = waitFor(store.read(alice));
        QVERIFY(read.ok());
        QCOMPARE(read.secret, Password);
        QCOMPARE(waitFor(store.read(bob)).secret, QStringLiteral("other"));
        QVERIFY(waitFor(store.remove(alice)).ok());
        QCOMPARE(waitFor(store.read(alice)).status, SecretAnswer::Status::NotFound);
        QVERIFY(waitFor(store.remove(alice)).ok()); // gone already is fine
        QCOMPARE(store.size(), 1);

        store.setFailure(QStringLiteral("no keychain service is available"));
        const SecretAnswer failed = waitFor(store.write(alice, Password));
        QCOMPARE(failed.status, SecretAnswer::Status::Failed);
        QCOMPARE(failed.error, QStringLiteral("no keychain service is available"));
    }

    void keychainStoreAnswersWithoutHanging()
    {
        // Offscreen there is usually no Secret Service: the read must still answer, with a
        // reason when it fails. (Reading only: the test never writes the user's keychain.)
        KeychainSecretStore store;
        const SecretAnswer answer = waitFor(
            store.read({QStringLiteral("http://modeldesk-test.invalid:1"), QStringLiteral("x")}));
        QVERIFY2(answer.status != SecretAnswer::Status::Failed || !answer.error.isEmpty(),
                 "a failure without a reason");
        QVERIFY2(answer.error != QLatin1String("no answer within 30 s"), "no answer");
    }

    // Connecting through File ▸ Connect to Server with "remember": the server opens, the
    // password goes to the secret store and nowhere else, the server joins the recent menu.
    void connectRemembersServerButNotSecret()
    {
        InMemorySecretStore *secrets = nullptr;
        {
            auto window = makeWindow(&secrets);
            auto *connectAction = window->findChild<QAction *>(QStringLiteral("connectAction"));
            QVERIFY(connectAction);
            QCOMPARE(connectAction->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+O")));
            connectAction->trigger();
            ConnectDialog *dialog = waitForDialog(*window);
            QVERIFY(dialog);
            fillBasic(dialog, ServerUrl, QStringLiteral("alice"), Password);
            QVERIFY(child<QCheckBox>(dialog, "rememberCredentials")->isChecked());
            QSignalSpy opened(window.get(), &MainWindow::registryOpened);
            QTest::mouseClick(child<QPushButton>(dialog, "connectButton"), Qt::LeftButton);
            QTRY_COMPARE(opened.size(), 1);
            QCOMPARE(opened.first().first().toBool(), true);

            // The server got the credentials.
            QCOMPARE(m_requests.size(), 1);
            QCOMPARE(m_requests.first().displayUrl(), ServerUrl);
            QCOMPARE(m_requests.first().auth, ServerOptions::Auth::Basic);
            QCOMPARE(m_requests.first().username, QStringLiteral("alice"));
            QCOMPARE(m_requests.first().password, Password);

            // The window shows the server and its version; the models load as from a file.
            QTRY_VERIFY_WITH_TIMEOUT(window->isIdle(), 10000);
            QCOMPARE(window->windowTitle(), QStringLiteral("%1 — ModelDesk").arg(ServerUrl));
            auto *info = window->findChild<QLabel *>(QStringLiteral("serverInfo"));
            QVERIFY(info && info->isVisible());
            QCOMPARE(info->text(), QStringLiteral("MLflow server 2.22.1 at %1").arg(ServerUrl));
            auto *models = window->findChild<QTableView *>(QStringLiteral("modelList"));
            QCOMPARE(models->model()->rowCount(), 2);
            QVERIFY(!window->findChild<QLabel *>(QStringLiteral("modelsEmpty"))->isVisible());

            // The secret is in the store, under the server and the user.
            QTRY_COMPARE(secrets->size(), 1);
            const SecretAnswer stored
                = waitFor(secrets->read({ServerUrl, QStringLiteral("alice")}));
            QCOMPARE(stored.secret, Password);
            QVERIFY(!window->messageBar()->isVisible());

            // The recent menu lists the server by URL, says how it is reached, not the secret.
            QAction *recent = recentAction(*window, ServerUrl);
            QVERIFY2(recent, qPrintable(recentTexts(*window).join(QLatin1Char('|'))));
            QVERIFY(recent->toolTip().contains(QStringLiteral("alice")));
            QVERIFY(!recent->toolTip().contains(Password));
            QVERIFY(!window->windowTitle().contains(QStringLiteral("alice")));
            window->close();
        }
        const QString text = settingsText();
        QVERIFY(text.contains(ServerUrl));
        QVERIFY(text.contains(QStringLiteral("alice")));
        QVERIFY(text.contains(QStringLiteral("basic")));
        QVERIFY(!text.contains(Password));
        QVERIFY(!text.contains(QStringLiteral("pw-Zq81")));
    }

    // Depends on connectRemembersServerButNotSecret's settings.
    void recentServerReadsItsSecret()
    {
        InMemorySecretStore *secrets = nullptr;
        auto window = makeWindow(&secrets);
        QVERIFY(waitFor(secrets->write({ServerUrl, QStringLiteral("alice")}, Password)).ok());
        QAction *recent = recentAction(*window, ServerUrl);
        QVERIFY(recent);
        QSignalSpy opened(window.get(), &MainWindow::registryOpened);
        recent->trigger();
        QTRY_COMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().toBool(), true);
        QCOMPARE(m_requests.size(), 1);
        QCOMPARE(m_requests.first().username, QStringLiteral("alice"));
        QCOMPARE(m_requests.first().password, Password);
        QVERIFY(!window->findChild<ConnectDialog *>());

        // The command line names the server by URL and gets the same.
        window->openRegistry(ServerUrl + QLatin1Char('/'));
        QTRY_COMPARE(m_requests.size(), 2);
        QCOMPARE(m_requests.last().password, Password);
        QCOMPARE(m_requests.last().displayUrl(), ServerUrl);
    }

    // MLflow's environment variables win on the command line, and change nothing remembered.
    void environmentCredentialsWinAndAreNotRemembered()
    {
        InMemorySecretStore *secrets = nullptr;
        auto window = makeWindow(&secrets);
        QVERIFY(waitFor(secrets->write({ServerUrl, QStringLiteral("alice")}, Password)).ok());
        qputenv("MLFLOW_TRACKING_TOKEN", Token.toUtf8());
        QSignalSpy opened(window.get(), &MainWindow::registryOpened);
        window->openRegistry(ServerUrl);
        qunsetenv("MLFLOW_TRACKING_TOKEN");
        QTRY_COMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().toBool(), true);
        QCOMPARE(m_requests.size(), 1);
        QCOMPARE(m_requests.first().auth, ServerOptions::Auth::Token);
        QCOMPARE(m_requests.first().token, Token);
        QVERIFY(recentAction(*window, ServerUrl)->toolTip().contains(QStringLiteral("alice")));
        QCOMPARE(waitFor(secrets->read({ServerUrl, QStringLiteral("alice")})).secret, Password);
        QCOMPARE(secrets->size(), 1);
        window->close();
        window.reset();
        QVERIFY(!settingsText().contains(Token));
    }

    void recentServerWithoutSecretAsks()
    {
        InMemorySecretStore *secrets = nullptr;
        auto window = makeWindow(&secrets);
        secrets->setFailure(QStringLiteral("no keychain service is available"));
        recentAction(*window, ServerUrl)->trigger();
        ConnectDialog *dialog = waitForDialog(*window);
        QVERIFY(dialog);
        QVERIFY(m_requests.isEmpty());
        QCOMPARE(child<QLineEdit>(dialog, "serverUrl")->text(), ServerUrl);
        QCOMPARE(child<QLineEdit>(dialog, "userName")->text(), QStringLiteral("alice"));
        QVERIFY(child<QLineEdit>(dialog, "password")->text().isEmpty());
        auto *note = child<MessageBar>(dialog, "connectNote");
        QVERIFY(note && note->isVisible());
        QVERIFY2(note->text().contains(QStringLiteral("system keychain")),
                 qPrintable(note->text()));
        QVERIFY(note->text().contains(QStringLiteral("no keychain service is available")));
    }

    void unavailableKeychainIsSaidAndConnectingGoesOn()
    {
        InMemorySecretStore *secrets = nullptr;
        auto window = makeWindow(&secrets);
        secrets->setFailure(QStringLiteral("no keychain service is available"));
        ServerOptions options;
        options.url = QUrl(QStringLiteral("http://other.test:5000"));
        options.auth = ServerOptions::Auth::Token;
        options.token = Token;
        QSignalSpy opened(window.get(), &MainWindow::registryOpened);
        window->openServer(options, MainWindow::SecretStorage::Remember);
        QTRY_COMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().toBool(), true);
        QTRY_VERIFY(window->messageBar()->isVisible());
        QCOMPARE(window->messageBar()->kind(), MessageBar::Kind::Warning);
        const QString text = window->messageBar()->text();
        QVERIFY2(text.contains(QStringLiteral("Could not store the access token in the system "
                                              "keychain: no keychain service is available")),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("asked again next time")));
        QVERIFY(!text.contains(Token));
        QTRY_VERIFY_WITH_TIMEOUT(window->isIdle(), 10000);
        QVERIFY(window->registry());
    }

    void refusedCredentialsAskAgain_data()
    {
        QTest::addColumn<int>("code");
        QTest::newRow("401") << int(ErrorCode::Unauthenticated);
        QTest::newRow("403") << int(ErrorCode::PermissionDenied);
    }

    void refusedCredentialsAskAgain()
    {
        QFETCH(int, code);
        m_behaviour.openError = RegistryError(
            ErrorCode(code), QStringLiteral("The MLflow server at %1 refused the credentials.")
                                 .arg(ServerUrl));
        InMemorySecretStore *secrets = nullptr;
        auto window = makeWindow(&secrets);
        ServerOptions options;
        options.url = QUrl(ServerUrl);
        options.auth = ServerOptions::Auth::Basic;
        options.username = QStringLiteral("mallory");
        options.password = Password;
        QSignalSpy opened(window.get(), &MainWindow::registryOpened);
        window->openServer(options, MainWindow::SecretStorage::Remember);
        QTRY_COMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().toBool(), false);
        QVERIFY(window->messageBar()->isVisible());
        QCOMPARE(window->messageBar()->kind(), MessageBar::Kind::Error);
        QVERIFY(window->messageBar()->text().contains(QStringLiteral("refused")));

        ConnectDialog *dialog = waitForDialog(*window);
        QVERIFY(dialog);
        auto *note = child<MessageBar>(dialog, "connectNote");
        QVERIFY(note->isVisible());
        QVERIFY(note->text().contains(QStringLiteral("The server refused these credentials")));
        QCOMPARE(child<QLineEdit>(dialog, "serverUrl")->text(), ServerUrl);
        QCOMPARE(child<QLineEdit>(dialog, "userName")->text(), QStringLiteral("mallory"));
        QVERIFY(child<QLineEdit>(dialog, "password")->text().isEmpty());
        QCOMPARE(dialog->focusWidget(), child<QLineEdit>(dialog, "password"));
        // Refused credentials are not kept.
        QCOMPARE(secrets->size(), 0);
        QVERIFY(!settingsText().contains(QStringLiteral("mallory")));
    }

    void connectingCanBeStopped()
    {
        m_behaviour.holdOpen = true;
        auto window = makeWindow();
        ServerOptions options;
        options.url = QUrl(QStringLiteral("http://slow.test:5000"));
        QSignalSpy opened(window.get(), &MainWindow::registryOpened);
        window->openServer(options);
        QVERIFY(window->isOpening());
        auto *placeholder = window->findChild<QLabel *>(QStringLiteral("modelsEmpty"));
        QVERIFY(placeholder->isVisible());
        QCOMPARE(placeholder->text(), QStringLiteral("Connecting to http://slow.test:5000…"));
        auto *status = window->findChild<QLabel *>(QStringLiteral("statusText"));
        QVERIFY(status->text().contains(QStringLiteral("Connecting to http://slow.test:5000")));
        QCOMPARE(window->windowTitle(), QStringLiteral("http://slow.test:5000 — ModelDesk"));

        // Esc stops it.
        QTest::keyClick(window.get(), Qt::Key_Escape);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().toBool(), false);
        QVERIFY(!window->isOpening());
        QVERIFY(!window->registry());
        QCOMPARE(window->windowTitle(), QStringLiteral("ModelDesk"));
        QVERIFY(status->text().contains(QStringLiteral("Stopped connecting")));
        QVERIFY(placeholder->text().contains(QStringLiteral("No registry is open")));
        auto *closeAction = window->findChild<QAction *>(QStringLiteral("closeAction"));
        QVERIFY(!closeAction->isEnabled());

        // File ▸ Close does too.
        window->openServer(options);
        QVERIFY(closeAction->isEnabled());
        closeAction->trigger();
        QCOMPARE(opened.size(), 2);
        QVERIFY(!window->registry());
        QTest::qWait(50); // nothing comes back from the stopped connection
        QCOMPARE(opened.size(), 2);
    }

    void emptyListSaysLoadingUntilFirstPage()
    {
        m_behaviour.holdSearches = true;
        auto window = makeWindow();
        ServerOptions options;
        options.url = QUrl(ServerUrl);
        QSignalSpy opened(window.get(), &MainWindow::registryOpened);
        window->openServer(options);
        QTRY_COMPARE(opened.size(), 1);
        auto *placeholder = window->findChild<QLabel *>(QStringLiteral("modelsEmpty"));
        QTRY_VERIFY(lastServer() && lastServer()->heldSearches() > 0);
        QVERIFY(placeholder->isVisible());
        QCOMPARE(placeholder->text(), QStringLiteral("Loading models…"));
        QVERIFY(!window->isIdle());

        lastServer()->releaseSearches();
        QTRY_VERIFY_WITH_TIMEOUT(window->isIdle(), 10000);
        QVERIFY(!placeholder->isVisible());
        auto *models = window->findChild<QTableView *>(QStringLiteral("modelList"));
        QCOMPARE(models->model()->rowCount(), 2);
    }

    void dialogLaysOutItsLabels()
    {
        // Every label and check box gets the width its text needs, whatever is shown.
        ConnectDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(child<QLineEdit>(&dialog, "serverUrl"),
                         QStringLiteral("https://mlflow.example.com"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "accessToken"), Token);
        QTest::keyClicks(child<QLineEdit>(&dialog, "userName"), QStringLiteral("alice"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "password"), Password);
        const QStringList kinds {QStringLiteral("none"), QStringLiteral("token"),
                                 QStringLiteral("basic"), QStringLiteral("refused")};
        for (int kind = 0; kind < kinds.size(); ++kind) {
            child<QComboBox>(&dialog, "authKind")->setCurrentIndex(std::min(kind, 2));
            if (kinds.at(kind) == QLatin1String("refused")) {
                dialog.setNote(QStringLiteral("The server refused these credentials."));
                child<QLineEdit>(&dialog, "password")->clear();
            }
            QCoreApplication::processEvents();
            for (QWidget *widget : dialog.findChildren<QWidget *>()) {
                if (!widget->isVisible()
                    || !(qobject_cast<QLabel *>(widget) || qobject_cast<QCheckBox *>(widget)))
                    continue;
                const auto *label = qobject_cast<QLabel *>(widget);
                if (label && label->wordWrap())
                    continue;
                QVERIFY2(widget->width() >= widget->minimumSizeHint().width(),
                         qPrintable(widget->objectName() + QLatin1Char(' ')
                                    + QString::number(widget->width())));
            }
            // Everything fits in the dialog's height: nothing overlaps the buttons.
            QVERIFY(dialog.height() >= dialog.minimumSizeHint().height());
            const QString directory = qEnvironmentVariable("MODELDESK_SCREENSHOTS");
            if (!directory.isEmpty())
                QVERIFY(dialog.grab().save(
                    QStringLiteral("%1/connect-dialog-%2.png").arg(directory, kinds.at(kind))));
        }
    }
};

QTEST_MAIN(TestConnectDialog)
#include "tst_connectdialog.moc"
