// bench_remote: how much time ModelDesk's REST client adds to the wire. Lists every registered
// model and pages through a 100,000-version search on an MLflow server, then sends the same
// HTTP requests with plain curl, one after another on one connection, and reports both times
// and the client's overhead over curl's. Usage:
//   bench_remote [--versions N] [--models M] [--rounds R]
//       serves a generated demo store with the project's fake MLflow server (in-process, on a
//       thread of its own), so both clients talk to the same server doing the same work
//   bench_remote --url http://host:5000 --model NAME [--rounds R]
//       measures against a real server; NAME is a model with many versions

#include "benchmarks/benchsupport.h"
#include "registry/demo/demogenerator.h"
#include "registry/rest/restregistry.h"
#include "tests/fakeserver/fakeserverthread.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace ModelDesk;
using Bench::err;
using Bench::out;

namespace {

template<typename T>
Result<T> await(QFuture<Result<T>> future)
{
    future.waitForFinished();
    if (future.resultCount() == 0)
        return RegistryError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
    return future.result();
}

// One listing: the URLs it requested (for curl) and how much it read.
struct Listing
{
    QStringList urls;
    qint64 items = 0;
    qint64 elapsedMs = 0;
};

QString pageUrl(const QUrl &server, const QString &endpoint,
                const QList<std::pair<QString, QString>> &query)
{
    // Encoded as the client encodes it: everything but unreserved characters.
    QByteArray text;
    for (const auto &[key, value] : query) {
        if (!text.isEmpty())
            text += '&';
        text += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    QUrl url = server;
    url.setPath(server.path() + QStringLiteral("/api/2.0/mlflow/") + endpoint);
    url.setQuery(QString::fromLatin1(text), QUrl::StrictMode);
    return url.toString(QUrl::FullyEncoded);
}

// Every page of a search through the REST client, in sequence as the CLI and the GUI read.
template<typename Search>
Result<Listing> listAll(const QUrl &server, const QString &endpoint, SearchRequest request,
                        Search search)
{
    Listing listing;
    QElapsedTimer timer;
    timer.start();
    do {
        QList<std::pair<QString, QString>> query;
        if (!request.filter.isEmpty())
            query.append({QStringLiteral("filter"), request.filter});
        query.append({QStringLiteral("max_results"), QString::number(request.maxResults)});
        if (!request.pageToken.isEmpty())
            query.append({QStringLiteral("page_token"), request.pageToken});
        listing.urls.append(pageUrl(server, endpoint, query));
        auto page = await(search(request));
        if (!page)
            return page.error();
        listing.items += page->items.size();
        request.pageToken = page->nextPageToken;
    } while (!request.pageToken.isEmpty());
    listing.elapsedMs = timer.elapsed();
    return listing;
}

// The same requests with curl, in one process and so on one kept-alive connection; -1 if
// curl failed.
qint64 curlTime(const QStringList &urls, qint64 *bytes)
{
    QStringList arguments{QStringLiteral("--silent"), QStringLiteral("--show-error"),
                          QStringLiteral("--fail"), QStringLiteral("--write-out"),
                          QStringLiteral("%{size_download}\\n")};
    for (const QString &url : urls)
        arguments << QStringLiteral("--output") << QStringLiteral("/dev/null") << url;
    QProcess curl;
    QElapsedTimer timer;
    timer.start();
    curl.start(QStringLiteral("curl"), arguments);
    if (!curl.waitForFinished(600'000) || curl.exitCode() != 0) {
        err() << "curl failed: " << curl.readAllStandardError() << Qt::endl;
        return -1;
    }
    const qint64 elapsed = timer.elapsed();
    *bytes = 0;
    for (const QByteArray &line : curl.readAllStandardOutput().split('\n'))
        *bytes += line.trimmed().toLongLong();
    return elapsed;
}

void report(const QString &what, const QList<qint64> &client, const QList<qint64> &curl,
            const Listing &listing, qint64 bytes)
{
    const qint64 clientBest = *std::min_element(client.begin(), client.end());
    const qint64 curlBest = *std::min_element(curl.begin(), curl.end());
    const double overhead = curlBest > 0 ? 100.0 * double(clientBest - curlBest) / curlBest : 0;
    out() << what << ": " << listing.items << " items in " << listing.urls.size()
          << " requests, " << QString::number(double(bytes) / (1024 * 1024), 'f', 1)
          << " MB of JSON" << Qt::endl
          << "  curl (same requests in sequence): best " << curlBest << " ms of "
          << curl.size() << " rounds" << Qt::endl
          << "  ModelDesk REST client:            best " << clientBest << " ms of "
          << client.size() << " rounds" << Qt::endl
          << "  overhead over the wire: " << QString::number(overhead, 'f', 1)
          << " % (target <= 10 %)" << Qt::endl;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("versions"), QStringLiteral("Versions of the large model."),
         QStringLiteral("N"), QStringLiteral("100000")},
        {QStringLiteral("models"), QStringLiteral("Registered models besides it."),
         QStringLiteral("M"), QStringLiteral("1000")},
        {QStringLiteral("rounds"), QStringLiteral("Rounds per client (best is reported)."),
         QStringLiteral("R"), QStringLiteral("3")},
        {QStringLiteral("url"), QStringLiteral("Measure this MLflow server instead."),
         QStringLiteral("URL")},
        {QStringLiteral("model"), QStringLiteral("With --url: the model with many versions."),
         QStringLiteral("NAME")},
    });
    parser.process(app);
    if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty()) {
        err() << "bench_remote needs curl on the PATH." << Qt::endl;
        return 1;
    }
    const int rounds = qMax(1, parser.value(QStringLiteral("rounds")).toInt());

    QTemporaryDir dir;
    std::unique_ptr<TestSupport::FakeServerThread> server;
    QUrl url;
    QString bigModel = QStringLiteral("huge-version-history");
    if (parser.isSet(QStringLiteral("url"))) {
        url = QUrl(parser.value(QStringLiteral("url")));
        bigModel = parser.value(QStringLiteral("model"));
    } else {
        DemoOptions demo;
        demo.models = parser.value(QStringLiteral("models")).toInt();
        demo.versionsPerModel = 1;
        demo.hugeModelVersions = parser.value(QStringLiteral("versions")).toInt();
        demo.metricSteps = 2;
        const QString store = dir.filePath(QStringLiteral("registry.db"));
        QElapsedTimer timer;
        timer.start();
        const auto summary = createDemoStore(store, demo);
        if (!summary) {
            err() << "Could not generate the store: " << summary.error().message() << Qt::endl;
            return 1;
        }
        out() << "Generated " << summary->models << " models and " << summary->versions
              << " versions in " << timer.elapsed() << " ms" << Qt::endl;
        // On a thread of its own, so that this thread may block on the client.
        server = std::make_unique<TestSupport::FakeServerThread>(store);
        url = server->start();
        if (url.isEmpty()) {
            err() << "The fake MLflow server did not start: " << server->errorString() << Qt::endl;
            return 1;
        }
    }

    ServerOptions options = ServerOptions::fromEnvironment(url);
    RestRegistry registry(options);
    if (const auto opened = await(registry.open()); !opened) {
        err() << opened.error().message() << Qt::endl;
        return 1;
    }
    out() << "Server: " << registry.location() << " (MLflow "
          << registry.capabilities().serverVersion << ")" << Qt::endl;

    struct Case
    {
        QString what;
        QString endpoint;
        SearchRequest request;
        bool versions;
    };
    const QList<Case> cases{
        {QStringLiteral("All registered models, pages of 100"),
         QStringLiteral("registered-models/search"), SearchRequest{QString(), {}, 100, {}},
         false},
        {QStringLiteral("Version search of one model, pages of 10,000"),
         QStringLiteral("model-versions/search"),
         SearchRequest{QStringLiteral("name = '%1'").arg(bigModel), {},
                       RestRegistry::MaxVersionPage, {}},
         true},
    };
    for (const Case &benchCase : cases) {
        QList<qint64> clientTimes;
        QList<qint64> curlTimes;
        Listing listing;
        qint64 bytes = 0;
        for (int round = 0; round < rounds; ++round) {
            const auto result = benchCase.versions
                ? listAll(url, benchCase.endpoint, benchCase.request,
                          [&](const SearchRequest &r) { return registry.searchVersions(r); })
                : listAll(url, benchCase.endpoint, benchCase.request,
                          [&](const SearchRequest &r) { return registry.searchModels(r); });
            if (!result) {
                err() << result.error().message() << Qt::endl;
                return 1;
            }
            listing = *result;
            clientTimes.append(listing.elapsedMs);
            const qint64 curl = curlTime(listing.urls, &bytes);
            if (curl < 0)
                return 1;
            curlTimes.append(curl);
        }
        report(benchCase.what, clientTimes, curlTimes, listing, bytes);
    }
    return 0;
}
