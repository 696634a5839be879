// The main window's MLflow servers: connecting with given options, the Connect dialog, recent
// servers, and their secrets in the SecretStore.
#include "ui/mainwindow.h"

#include "registry/whenfinished.h"
#include "ui/connectdialog.h"
#include "ui/messagebar.h"
#include "ui/secretstore.h"
#include "ui/settings.h"

#include <QLabel>

namespace ModelDesk {

namespace {

// The keychain entry of the secret `options` carry.
SecretKey secretKey(const QString &url, ServerOptions::Auth auth, const QString &userName)
{
    return {url, auth == ServerOptions::Auth::Basic ? userName : QString()};
}

} // namespace

void MainWindow::setSecretStore(SecretStore *store)
{
    Q_ASSERT(store);
    if (store == m_secrets)
        return;
    delete m_secrets; // its pending answers are dropped
    m_secrets = store;
    m_secrets->setParent(this);
}

void MainWindow::setServerRegistryFactory(ServerRegistryFactory factory)
{
    m_serverFactory = std::move(factory);
}

void MainWindow::openServer(const ServerOptions &options,
                            SecretStorage storage,
                            const QString &selection)
{
    resetRegistry();
    m_demo = false;
    m_server = options;
    m_server->url = serverBaseUrl(options.url);
    m_secretStorage = storage;
    m_location = m_server->displayUrl();
    // A workspace asked for wins; else the one last shown of this server.
    if (!m_requestedWorkspace.isEmpty())
        m_server->workspace = std::exchange(m_requestedWorkspace, {});
    else if (m_server->workspace == QLatin1String("default"))
        m_server->workspace = m_settings->workspace(m_location);
    m_openWorkspace = m_server->workspace;
    startOpening(m_serverFactory(*m_server), selection);
}

void MainWindow::openServerUrl(const QUrl &url, const QString &selection)
{
    // MLflow's environment variables win, as they do for MLflow's own tools.
    ServerOptions options = ServerOptions::fromEnvironment(url);
    options.url = serverBaseUrl(options.url);
    const std::optional<ServerRecord> record = m_settings->server(options.displayUrl());
    if (options.auth != ServerOptions::Auth::None || !record) {
        openServer(options, SecretStorage::Unchanged, selection);
        return;
    }
    openServerRecord(*record, selection);
}

void MainWindow::openRecentServer(const QString &url)
{
    ServerRecord record;
    record.url = url;
    openServerRecord(m_settings->server(url).value_or(record), {});
}

ServerOptions MainWindow::optionsFor(const ServerRecord &record) const
{
    // Settings the record has no field for (CA certificates) still come from the environment.
    ServerOptions options = ServerOptions::fromEnvironment(QUrl(record.url));
    options.auth = record.auth;
    options.token.clear();
    options.username = record.auth == ServerOptions::Auth::Basic ? record.userName : QString();
    options.password.clear();
    options.insecureTls = record.insecureTls;
    return options;
}

void MainWindow::openServerRecord(const ServerRecord &record, const QString &selection)
{
    ServerOptions options = optionsFor(record);
    if (record.auth == ServerOptions::Auth::None) {
        openServer(options, SecretStorage::Unchanged, selection);
        return;
    }
    if (!record.rememberSecret) {
        showConnectDialog(options, {}, false);
        return;
    }
    // Anything opened or closed while the keychain answers wins over this.
    const quint64 generation = m_openGeneration;
    m_status->setText(
        tr("Reading the credentials for %1 from the system keychain…").arg(record.url));
    whenFinished(m_secrets->read(secretKey(record.url, record.auth, record.userName)), this,
                 [this, generation, options, selection](const SecretAnswer &answer) mutable {
                     if (generation != m_openGeneration)
                         return;
                     m_status->clear();
                     const bool token = options.auth == ServerOptions::Auth::Token;
                     if (answer.ok()) {
                         (token ? options.token : options.password) = answer.secret;
                         openServer(options, SecretStorage::Unchanged, selection);
                         return;
                     }
                     QString note;
                     if (answer.status == SecretAnswer::Status::NotFound)
                         note = token ? tr("The access token for this server is not in the system "
                                           "keychain any more. Enter it to connect.")
                                      : tr("The password for this server is not in the system "
                                           "keychain any more. Enter it to connect.");
                     else
                         note = token
                             ? tr("Could not read the access token from the system keychain: "
                                  "%1.")
                                   .arg(answer.error)
                             : tr("Could not read the password from the system keychain: %1.")
                                   .arg(answer.error);
                     showConnectDialog(options, note, true);
                 });
}

ConnectDialog *MainWindow::showConnectDialog(const ServerOptions &options,
                                             const QString &note,
                                             bool rememberCredentials)
{
    if (m_connectDialog)
        m_connectDialog->close();
    auto *dialog = new ConnectDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOptions(options);
    dialog->setRememberCredentials(rememberCredentials);
    dialog->setNote(note);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        openServer(dialog->options(),
                   dialog->rememberCredentials() ? SecretStorage::Remember : SecretStorage::Forget);
    });
    m_connectDialog = dialog;
    dialog->open();
    return dialog;
}

void MainWindow::connectToServer()
{
    whenEditsSettled(tr("Connect to a server"),
                     [this] { showConnectDialog(ConnectDialog::environmentDefaults()); });
}

void MainWindow::rememberServer()
{
    ServerOptions &options = *m_server;
    const std::optional<ServerRecord> previous = m_settings->server(m_location);
    // Credentials from the environment or from the record itself change nothing remembered.
    if (m_secretStorage == SecretStorage::Unchanged && previous) {
        options.token.clear();
        options.password.clear();
        return;
    }
    ServerRecord record;
    record.url = m_location;
    record.auth = options.auth;
    record.userName = options.auth == ServerOptions::Auth::Basic ? options.username : QString();
    record.insecureTls = options.insecureTls;
    record.rememberSecret
        = m_secretStorage == SecretStorage::Remember && options.auth != ServerOptions::Auth::None;
    m_settings->setServer(record);

    const SecretKey key = secretKey(record.url, record.auth, record.userName);
    if (previous && previous->rememberSecret) {
        // A secret no longer wanted, or kept under another user name: take it out.
        const SecretKey old = secretKey(previous->url, previous->auth, previous->userName);
        if (!record.rememberSecret || !(old == key))
            m_secrets->remove(old);
    }
    if (record.rememberSecret) {
        const bool token = options.auth == ServerOptions::Auth::Token;
        const quint64 generation = m_openGeneration;
        whenFinished(m_secrets->write(key, token ? options.token : options.password), this,
                     [this, generation, token](const SecretAnswer &answer) {
                         if (answer.ok() || generation != m_openGeneration)
                             return;
                         const QString text = token
                             ? tr("Could not store the access token in the system keychain: "
                                  "%1; you will be asked again next time.")
                                   .arg(answer.error)
                             : tr("Could not store the password in the system keychain: %1; "
                                  "you will be asked again next time.")
                                   .arg(answer.error);
                         m_messageBar->showMessage(MessageBar::Kind::Warning, text.toHtmlEscaped());
                     });
    }
    // The registry's client keeps the secret for its requests; the window keeps no copy.
    options.token.clear();
    options.password.clear();
}

QString MainWindow::describeServer(const ServerRecord &record)
{
    QString text;
    switch (record.auth) {
    case ServerOptions::Auth::None:
        text = tr("MLflow server %1, no authentication").arg(record.url);
        break;
    case ServerOptions::Auth::Token:
        text = tr("MLflow server %1, access token").arg(record.url);
        break;
    case ServerOptions::Auth::Basic:
        text = tr("MLflow server %1, user %2").arg(record.url, record.userName);
        break;
    }
    if (record.insecureTls)
        text = tr("%1; TLS certificate not verified").arg(text);
    return text;
}

} // namespace ModelDesk
