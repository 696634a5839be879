#include "ui/connectdialog.h"

#include "ui/messagebar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ModelDesk {

QUrl serverBaseUrl(const QUrl &url)
{
    QUrl base = url.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveUserInfo);
    if (base.path() == QLatin1String("/"))
        base.setPath({});
    return base;
}

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent)
    , m_note(new MessageBar(this))
    , m_url(new QLineEdit(this))
    , m_urlError(new QLabel(this))
    , m_auth(new QComboBox(this))
    , m_token(new QLineEdit(this))
    , m_userName(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("&Remember credentials in the system keychain"), this))
    , m_insecure(new QCheckBox(tr("S&kip TLS certificate verification (insecure)"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_form(new QFormLayout)
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to Server"));

    m_note->setObjectName(QStringLiteral("connectNote"));

    m_url->setObjectName(QStringLiteral("serverUrl"));
    m_url->setPlaceholderText(QStringLiteral("http://mlflow.example:5000"));
    m_url->setToolTip(tr("The address of the MLflow tracking server, as MLflow's "
                         "MLFLOW_TRACKING_URI names it: http:// or https://, the host, and the "
                         "port and path prefix if the server has them."));
    m_url->setClearButtonEnabled(true);
    m_urlError->setObjectName(QStringLiteral("urlError"));
    m_urlError->setWordWrap(true);
    m_urlError->setStyleSheet(QStringLiteral("color: #b00020;"));

    m_auth->setObjectName(QStringLiteral("authKind"));
    m_auth->addItem(tr("None"), int(ServerOptions::Auth::None));
    m_auth->addItem(tr("Access token"), int(ServerOptions::Auth::Token));
    m_auth->addItem(tr("User name and password"), int(ServerOptions::Auth::Basic));
    m_auth->setToolTip(tr("How the server knows who you are. None: an open server. Access "
                          "token: a bearer token (MLFLOW_TRACKING_TOKEN), as Databricks and "
                          "many proxies use. User name and password: HTTP basic "
                          "authentication (MLFLOW_TRACKING_USERNAME and _PASSWORD), as "
                          "MLflow's own authentication uses."));

    m_token->setObjectName(QStringLiteral("accessToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setToolTip(tr("The access token, sent as \"Authorization: Bearer …\" with every "
                           "request"));
    m_userName->setObjectName(QStringLiteral("userName"));
    m_userName->setToolTip(tr("Your user name on the server"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setToolTip(tr("Your password on the server"));

    m_remember->setObjectName(QStringLiteral("rememberCredentials"));
    m_remember->setChecked(true);
    m_remember->setToolTip(tr("Keep the password or access token in the system keychain, so "
                              "that connecting again does not ask for it. ModelDesk never "
                              "writes it to its settings file. The address, user name and "
                              "kind of authentication are remembered either way."));
    m_insecure->setObjectName(QStringLiteral("insecureTls"));
    m_insecure->setToolTip(tr("<p><b>Warning:</b> accept any certificate the server "
                              "presents. Anyone on the network between you and the server "
                              "could then read your credentials and change what the server "
                              "answers.</p><p>Use it only for a server with a self-signed "
                              "certificate on a network you trust "
                              "(MLFLOW_TRACKING_INSECURE_TLS).</p>"));

    QPushButton *connectButton = m_buttons->button(QDialogButtonBox::Ok);
    connectButton->setText(tr("&Connect"));
    connectButton->setObjectName(QStringLiteral("connectButton"));
    connectButton->setToolTip(tr("Connect to the server with these settings"));
    m_buttons->button(QDialogButtonBox::Cancel)->setToolTip(tr("Close without connecting"));

    m_form->addRow(tr("Server &URL:"), m_url);
    m_form->addRow(QString(), m_urlError);
    m_form->addRow(tr("&Authentication:"), m_auth);
    m_form->addRow(tr("Access &token:"), m_token);
    m_form->addRow(tr("User &name:"), m_userName);
    m_form->addRow(tr("&Password:"), m_password);
    m_form->addRow(QString(), m_remember);
    m_form->addRow(QString(), m_insecure);
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addLayout(m_form);
    layout->addStretch(1);
    layout->addSpacing(layout->spacing());
    layout->addWidget(m_buttons);

    setTabOrder(m_url, m_auth);
    setTabOrder(m_auth, m_token);
    setTabOrder(m_token, m_userName);
    setTabOrder(m_userName, m_password);
    setTabOrder(m_password, m_remember);
    setTabOrder(m_remember, m_insecure);
    setTabOrder(m_insecure, m_buttons);

    connect(m_url, &QLineEdit::textChanged, this, &ConnectDialog::updateState);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &ConnectDialog::updateState);
    connect(m_token, &QLineEdit::textChanged, this, &ConnectDialog::updateState);
    connect(m_userName, &QLineEdit::textChanged, this, &ConnectDialog::updateState);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (isComplete())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    setMinimumWidth(520);
    updateState();
}

QString ConnectDialog::urlProblem(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return tr("Enter the server's URL, e.g. http://mlflow.example:5000.");
    const QUrl url(trimmed, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!trimmed.contains(QLatin1String("://"))
        || (url.isValid() && scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return tr("The URL must start with http:// or https://.");
    if (!url.isValid())
        return tr("This is not a valid URL: %1.").arg(url.errorString());
    if (url.host().isEmpty())
        return tr("The URL has no host name.");
    if (!url.userInfo().isEmpty())
        return tr("Enter the user name and password below, not in the URL.");
    if (url.hasQuery() || url.hasFragment())
        return tr("The URL must not have a query (?…) or a fragment (#…).");
    return {};
}

ServerOptions ConnectDialog::environmentDefaults(const QProcessEnvironment &environment)
{
    QUrl url;
    const QString uri = environment.value(QStringLiteral("MLFLOW_TRACKING_URI")).trimmed();
    // A user name or password written in the URL still counts, as it does for MLflow.
    const QUrl candidate(uri, QUrl::StrictMode);
    if (candidate.isValid() && !candidate.host().isEmpty()
        && (candidate.scheme() == QLatin1String("http")
            || candidate.scheme() == QLatin1String("https")))
        url = candidate;
    ServerOptions options = ServerOptions::fromEnvironment(url, environment);
    // A user name alone does not authenticate (MLflow needs both), but it is what to ask a
    // password for.
    const QString userName = environment.value(QStringLiteral("MLFLOW_TRACKING_USERNAME"));
    if (options.auth != ServerOptions::Auth::Basic && !userName.isEmpty()) {
        options.auth = ServerOptions::Auth::Basic;
        options.username = userName;
        options.token.clear();
    }
    return options;
}

void ConnectDialog::setOptions(const ServerOptions &options)
{
    m_base = options;
    m_url->setText(options.url.isEmpty() ? QString() : options.displayUrl());
    m_auth->setCurrentIndex(m_auth->findData(int(options.auth)));
    m_token->setText(options.token);
    m_userName->setText(options.username);
    m_password->setText(options.password);
    m_insecure->setChecked(options.insecureTls);
    updateState();

    // Start where typing is needed: the URL, else the missing credential.
    QLineEdit *first = m_url;
    if (urlProblem(m_url->text()).isEmpty()) {
        if (options.auth == ServerOptions::Auth::Token)
            first = m_token;
        else if (options.auth == ServerOptions::Auth::Basic)
            first = m_userName->text().isEmpty() ? m_userName : m_password;
    }
    first->setFocus();
}

ServerOptions ConnectDialog::options() const
{
    ServerOptions options = m_base;
    options.url = serverBaseUrl(QUrl(m_url->text().trimmed(), QUrl::StrictMode));
    options.auth = auth();
    options.token.clear();
    options.username.clear();
    options.password.clear();
    if (options.auth == ServerOptions::Auth::Token) {
        options.token = m_token->text().trimmed();
    } else if (options.auth == ServerOptions::Auth::Basic) {
        options.username = m_userName->text().trimmed();
        options.password = m_password->text();
    }
    options.insecureTls = m_insecure->isEnabled() && m_insecure->isChecked();
    return options;
}

bool ConnectDialog::isComplete() const
{
    return m_buttons->button(QDialogButtonBox::Ok)->isEnabled();
}

void ConnectDialog::setRememberCredentials(bool remember)
{
    m_remember->setChecked(remember);
}

bool ConnectDialog::rememberCredentials() const
{
    return auth() != ServerOptions::Auth::None && m_remember->isChecked();
}

void ConnectDialog::setNote(const QString &note)
{
    if (note.isEmpty())
        m_note->hide();
    else
        m_note->showMessage(MessageBar::Kind::Warning, note.toHtmlEscaped(), {},
                            MessageBar::Closable::No);
}

ServerOptions::Auth ConnectDialog::auth() const
{
    return ServerOptions::Auth(m_auth->currentData().toInt());
}

void ConnectDialog::updateState()
{
    const QString text = m_url->text();
    const QString problem = urlProblem(text);
    // An empty field is not an error yet: the placeholder says what to type.
    m_urlError->setText(problem);
    m_form->setRowVisible(m_urlError, !problem.isEmpty() && !text.trimmed().isEmpty());

    const ServerOptions::Auth kind = auth();
    m_form->setRowVisible(m_token, kind == ServerOptions::Auth::Token);
    m_form->setRowVisible(m_userName, kind == ServerOptions::Auth::Basic);
    m_form->setRowVisible(m_password, kind == ServerOptions::Auth::Basic);
    m_form->setRowVisible(m_remember, kind != ServerOptions::Auth::None);

    // Plain http has no certificate to verify.
    const bool plainHttp = problem.isEmpty()
        && QUrl(text.trimmed()).scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0;
    m_insecure->setEnabled(!plainHttp);

    bool complete = problem.isEmpty();
    if (kind == ServerOptions::Auth::Token)
        complete = complete && !m_token->text().trimmed().isEmpty();
    else if (kind == ServerOptions::Auth::Basic)
        complete = complete && !m_userName->text().trimmed().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(complete);

    // Fit the rows shown, without undoing a width the user gave the dialog.
    const int shape = int(kind) * 2 + (m_urlError->isVisibleTo(this) ? 1 : 0);
    if (shape != m_shape) {
        m_shape = shape;
        layout()->activate();
        resize(width(), minimumSizeHint().height());
    }
}

} // namespace ModelDesk
