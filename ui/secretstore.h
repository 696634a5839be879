#pragma once

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QString>

namespace ModelDesk {

// Which secret: the server's display URL, and the user name for a password (empty for an
// access token), so that two accounts on one server keep two passwords.
struct SecretKey
{
    QString serverUrl;
    QString userName;

    // The keychain entry's name, e.g. "alice@https://mlflow.example" or "https://mlflow.example".
    QString toString() const;
    bool operator==(const SecretKey &) const = default;
};

// How a secret store call ended. `error` is a translated reason, fit for a message bar; it
// never contains the secret.
struct SecretAnswer
{
    enum class Status { Ok, NotFound, Failed };
    Status status = Status::Failed;
    QString secret; // read(): the secret when status is Ok
    QString error; // Failed: why

    bool ok() const { return status == Status::Ok; }
};

// Where ModelDesk keeps server credentials (passwords and access tokens) between sessions:
// never in QSettings. Every call is asynchronous and finishes its future on the GUI thread;
// take answers with whenFinished(). Owned by the main window; GUI thread.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~SecretStore() override = default;

    virtual QFuture<SecretAnswer> read(const SecretKey &key) = 0;
    virtual QFuture<SecretAnswer> write(const SecretKey &key, const QString &secret) = 0;
    // Removing a secret that is not there succeeds.
    virtual QFuture<SecretAnswer> remove(const SecretKey &key) = 0;
};

// The system keychain (Secret Service, KWallet, macOS Keychain, Windows Credential Manager)
// through QtKeychain, under the service name "ModelDesk". Without a keychain service (a
// headless session) every call fails with a reason; nothing falls back to a plain file.
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(QObject *parent = nullptr);

    QFuture<SecretAnswer> read(const SecretKey &key) override;
    QFuture<SecretAnswer> write(const SecretKey &key, const QString &secret) override;
    QFuture<SecretAnswer> remove(const SecretKey &key) override;
};

// Secrets held in memory for the life of the object: for tests, and for sessions that must
// not touch the keychain. setFailure() makes every call fail as an unavailable keychain does.
class InMemorySecretStore final : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    QFuture<SecretAnswer> read(const SecretKey &key) override;
    QFuture<SecretAnswer> write(const SecretKey &key, const QString &secret) override;
    QFuture<SecretAnswer> remove(const SecretKey &key) override;

    // A non-empty reason makes every later call fail with it.
    void setFailure(const QString &reason) { m_failure = reason; }
    int size() const { return int(m_secrets.size()); }

private:
    QHash<QString, QString> m_secrets;
    QString m_failure;
};

} // namespace ModelDesk
