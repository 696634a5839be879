#pragma once

#include "registry/rest/serveroptions.h"

#include <QDialog>
#include <QProcessEnvironment>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace ModelDesk {

class MessageBar;

// `url` as ModelDesk names a server: no trailing slash (nor a lone "/" path), no user info.
QUrl serverBaseUrl(const QUrl &url);

// File ▸ Connect to Server: the URL of an MLflow tracking server, how to authenticate (none,
// an access token, a user name and password), whether to keep the secret in the system
// keychain and whether to skip TLS certificate checks. Connect stays disabled until the URL
// is an http(s) URL with a host and the chosen credentials are filled in; a bad URL is
// explained under the field. Produces ServerOptions; connecting is the caller's business.
// GUI thread.
class ConnectDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    // Fills the fields from `options`: URL, authentication, user name, secret, TLS flag.
    // Settings without a field (timeouts, CA certificates) pass through to options().
    void setOptions(const ServerOptions &options);
    // The server and credentials entered; only those of the chosen authentication are set.
    ServerOptions options() const;
    // True when Connect is enabled.
    bool isComplete() const;

    void setRememberCredentials(bool remember);
    // The user asked to keep the secret in the keychain (and there is a secret to keep).
    bool rememberCredentials() const;

    // A warning above the fields saying why the dialog is shown again; empty hides it.
    void setNote(const QString &note);

    // Why `text` is not an MLflow server URL (translated), or an empty string when it is one.
    static QString urlProblem(const QString &text);
    // What MLflow's environment variables say: MLFLOW_TRACKING_URI when it is an http(s) URL,
    // and the credentials and TLS settings ServerOptions::fromEnvironment() reads.
    static ServerOptions environmentDefaults(const QProcessEnvironment &environment
                                             = QProcessEnvironment::systemEnvironment());

private:
    void updateState();
    ServerOptions::Auth auth() const;

    ServerOptions m_base;
    MessageBar *m_note;
    QLineEdit *m_url;
    QLabel *m_urlError;
    QComboBox *m_auth;
    QLineEdit *m_token;
    QLineEdit *m_userName;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QCheckBox *m_insecure;
    QDialogButtonBox *m_buttons;
    QFormLayout *m_form;
    int m_shape = -1; // which rows are shown, to resize only when that changes
};

} // namespace ModelDesk
