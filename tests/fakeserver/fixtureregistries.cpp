#include "tests/fakeserver/fixtureregistries.h"
#include "tests/registry/transcripts.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFutureWatcher>
#include <QTimer>

namespace TestSupport {

namespace {

// Whether `future` finished with a value within 20 s, the event loop running meanwhile.
template<typename T>
bool opened(QFuture<ModelDesk::Result<T>> future)
{
    if (!future.isFinished()) {
        QFutureWatcher<ModelDesk::Result<T>> watcher;
        QEventLoop loop;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(20'000, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec();
    }
    return future.isFinished() && future.resultCount() > 0 && future.result().ok();
}

} // namespace

bool FixtureRegistries::open(const QString &dir,
                             const std::function<bool(const QString &)> &prepare)
{
    const QString fixtures = fixturesDir();
    store = QDir(dir).filePath(QStringLiteral("mlflow.db"));
    if (fixtures.isEmpty()
        || !QFile::copy(fixtures + QStringLiteral("/mlflow-2.22/mlflow.db"), store)) {
        qWarning("cannot copy MLflow 2.22's store to %s", qPrintable(store));
        return false;
    }
    QFile::setPermissions(store, QFile::ReadOwner | QFile::WriteOwner);
    if (prepare && !prepare(store))
        return false;
    server = std::make_unique<FakeServerThread>(store);
    const QUrl url = server->start();
    if (url.isEmpty()) {
        qWarning("the fake server did not start: %s", qPrintable(server->errorString()));
        return false;
    }
    file = std::make_unique<ModelDesk::SqlRegistry>(store);
    ModelDesk::ServerOptions options;
    options.url = url;
    rest = std::make_unique<ModelDesk::RestRegistry>(options);
    return opened(file->open()) && opened(rest->open());
}

ModelDesk::Registry &FixtureRegistries::registry(bool throughServer) const
{
    return throughServer ? static_cast<ModelDesk::Registry &>(*rest) : *file;
}

FixtureRegistries::~FixtureRegistries()
{
    rest.reset(); // before the server it talks to
    server.reset();
}

} // namespace TestSupport
