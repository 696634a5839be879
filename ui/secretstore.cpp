#include "ui/secretstore.h"

#include <QPromise>

#include <qt6keychain/keychain.h>

#include <memory>

namespace ModelDesk {

namespace {

const QString ServiceName = QStringLiteral("ModelDesk");

QFuture<SecretAnswer> readyFuture(const SecretAnswer &answer)
{
    QPromise<SecretAnswer> promise;
    promise.start();
    promise.addResult(answer);
    promise.finish();
    return promise.future();
}

SecretAnswer answerFor(QKeychain::Job *job)
{
    SecretAnswer answer;
    switch (job->error()) {
    case QKeychain::NoError:
        answer.status = SecretAnswer::Status::Ok;
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(job))
            answer.secret = read->textData();
        return answer;
    case QKeychain::EntryNotFound:
        answer.status = SecretAnswer::Status::NotFound;
        return answer;
    case QKeychain::AccessDeniedByUser:
        answer.error = SecretStore::tr("access was denied");
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        answer.error = SecretStore::tr("no keychain service (such as GNOME Keyring or KWallet) "
                                       "is available");
        break;
    default:
        // QtKeychain says "Unknown error" when, for one, no D-Bus session is running.
        answer.error = job->errorString();
        if (answer.error.isEmpty() || answer.error == QLatin1String("Unknown error"))
            answer.error = SecretStore::tr("no keychain service (such as GNOME Keyring or "
                                           "KWallet) is available");
        break;
    }
    answer.status = SecretAnswer::Status::Failed;
    return answer;
}

// Runs `job` and finishes the returned future with its answer. The job belongs to `store`:
// if the store goes first, the future is cancelled.
QFuture<SecretAnswer> run(QKeychain::Job *job, const SecretKey &key)
{
    auto promise = std::make_shared<QPromise<SecretAnswer>>();
    promise->start();
    job->setKey(key.toString());
    job->setAutoDelete(true);
    QObject::connect(job, &QKeychain::Job::finished, job, [promise](QKeychain::Job *finished) {
        promise->addResult(answerFor(finished));
        promise->finish();
    });
    job->start();
    return promise->future();
}

} // namespace

QString SecretKey::toString() const
{
    return userName.isEmpty() ? serverUrl : userName + QLatin1Char('@') + serverUrl;
}

KeychainSecretStore::KeychainSecretStore(QObject *parent)
    : SecretStore(parent)
{ }

QFuture<SecretAnswer> KeychainSecretStore::read(const SecretKey &key)
{
    return run(new QKeychain::ReadPasswordJob(ServiceName, this), key);
}

QFuture<SecretAnswer> KeychainSecretStore::write(const SecretKey &key, const QString &secret)
{
    auto *job = new QKeychain::WritePasswordJob(ServiceName, this);
    job->setTextData(secret);
    return run(job, key);
}

QFuture<SecretAnswer> KeychainSecretStore::remove(const SecretKey &key)
{
    auto *job = new QKeychain::DeletePasswordJob(ServiceName, this);
    // Gone already is what was asked for.
    return run(job, key).then([](const SecretAnswer &answer) {
        if (answer.status != SecretAnswer::Status::NotFound)
            return answer;
        return SecretAnswer {SecretAnswer::Status::Ok, {}, {}};
    });
}

QFuture<SecretAnswer> InMemorySecretStore::read(const SecretKey &key)
{
    if (!m_failure.isEmpty())
        return readyFuture({SecretAnswer::Status::Failed, {}, m_failure});
    const auto found = m_secrets.constFind(key.toString());
    if (found == m_secrets.constEnd())
        return readyFuture({SecretAnswer::Status::NotFound, {}, {}});
    return readyFuture({SecretAnswer::Status::Ok, *found, {}});
}

QFuture<SecretAnswer> InMemorySecretStore::write(const SecretKey &key, const QString &secret)
{
    if (!m_failure.isEmpty())
        return readyFuture({SecretAnswer::Status::Failed, {}, m_failure});
    m_secrets.insert(key.toString(), secret);
    return readyFuture({SecretAnswer::Status::Ok, {}, {}});
}

QFuture<SecretAnswer> InMemorySecretStore::remove(const SecretKey &key)
{
    if (!m_failure.isEmpty())
        return readyFuture({SecretAnswer::Status::Failed, {}, m_failure});
    m_secrets.remove(key.toString());
    return readyFuture({SecretAnswer::Status::Ok, {}, {}});
}

} // namespace ModelDesk
