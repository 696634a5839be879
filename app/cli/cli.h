#pragma once

#include "registry/json/liststream.h"
#include "registry/json/mlflowjson.h"
#include "registry/partqueue.h"
#include "registry/registry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>
#include <QTextStream>

#include <memory>
#include <optional>

// What the modeldesk-cli commands share: output, errors, waiting for the registry and the
// parsed command line.
namespace Cli {

using namespace ModelDesk;

constexpr int ExitRegistryError = 1;
constexpr int ExitUsage = 2;

QString tr(const char *text);
QTextStream &out();
QTextStream &err();
// Standard output for bytes (UTF-8 JSON); flush out() before writing to it.
QFile &stdoutDevice();

extern const char *const UsageText;

// Prints the message and the usage text to stderr; returns ExitUsage.
int usageError(const QString &message);
// Prints "Error: <MLflow code>: <message>" to stderr; returns ExitRegistryError.
int registryError(const RegistryError &error);
// Prints that standard output could not be written; returns ExitRegistryError.
int outputError(const QString &reason);

template<typename T>
Result<T> await(QFuture<Result<T>> future)
{
    // The answer may come through this thread's event loop (calls made of several calls, like
    // Registry::metricSummaries on a server), so the loop runs while waiting.
    if (!future.isFinished()) {
        QFutureWatcher<Result<T>> watcher;
        QEventLoop loop;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec();
    }
    if (future.isCanceled() || future.resultCount() == 0)
        return RegistryError(ErrorCode::Cancelled, tr("The request was cancelled."));
    return future.result();
}

// Prints the object as MLflow prints it; returns 0, or ExitRegistryError when standard output
// could not be written.
int printJson(const MlflowJson::Value::Object &object);
// Starts a streamed call (Registry::streamVersions, streamMetricHistory) with a sink of its
// own and appends each item to `stream` as its part arrives, while the registry reads the
// next parts; returns the call's answer. Standard output that cannot be written stops the
// call.
template<typename T, typename Answer, typename Start, typename ToJson>
Result<Answer> writeStreamed(MlflowJson::ListStream &stream, Start start, ToJson toJson)
{
    auto queue = std::make_shared<PartQueue<T>>();
    QFuture<Result<Answer>> future
        = start([queue](QList<T> part) { return queue->push(std::move(part)); })
              .then(QtFuture::Launch::Sync,
                    [queue](Result<Answer> answer) {
                        queue->close();
                        return answer;
                    })
              .onCanceled([queue] {
                  queue->close();
                  return Result<Answer>(
                      RegistryError(ErrorCode::Cancelled, tr("The request was cancelled.")));
              });
    while (const std::optional<QList<T>> part = queue->pop()) {
        for (const T &item : *part)
            stream.append(toJson(item));
        if (!stream.errorString().isEmpty()) {
            queue->stop();
            break;
        }
    }
    return await(future);
}

// Closes the streamed response and its line; returns 0, or ExitRegistryError when standard
// output could not be written.
int finishJson(MlflowJson::ListStream &stream, const QString &nextPageToken = {});
QString timeText(qint64 ms);
// A metric value for the text forms: 10 significant digits, NaN, Infinity, -Infinity.
QString valueText(double value);
QString firstLine(const QString &text, int limit = 60);
QString tagsText(const QList<Tag> &tags);
// Prints rows as columns padded to their widest cell.
void printTable(const QStringList &header, const QList<QStringList> &rows);

struct Options
{
    QCommandLineParser parser;
    QStringList args;

    QString value(const QString &name) const { return parser.value(name); }
    bool isSet(const QString &name) const { return parser.isSet(name); }
};

Result<QList<Tag>> parseTags(const QStringList &values);
// --workspace, "default" when not given; a usage error for a name MLflow does not take.
Result<QString> workspaceOption(const Options &options);
std::optional<qint64> parseVersionArgument(const QString &text);
// A version argument, or MLflow's error for one that is not an integer.
Result<qint64> versionArgument(const QString &text);

// latest, download-uri, run, metric, artifacts, download (runcommands.cpp).
bool isRunCommand(const QString &command);
int commandRun(const QString &command, Registry &registry, const Options &options);

// lineage (lineagecommands.cpp).
int commandLineage(Registry &registry, const Options &options);

// request, approvals, approve, reject, withdraw, approvers, history (approvalcommands.cpp).
bool isApprovalCommand(const QString &command);
int commandApproval(const QString &command, Registry &registry, const Options &options);

// card (cardcommands.cpp). A card rendered as HTML or PDF needs fonts, so the tool starts as
// a QGuiApplication (offscreen) when the command line has "card".
bool cardNeedsGui(int argc, char *argv[]);
int commandCard(Registry &registry, const Options &options);

// info, snapshot (infocommands.cpp).
int commandInfo(Registry &registry, const Options &options);
int commandSnapshot(Registry &registry, const Options &options);

// diff A B: two registries compared, each named by its URI (diffcommands.cpp). Opens its own
// registries, read-only, so it runs before the -r registry would be opened.
int commandDiff(const Options &options);

// trend, compare (metriccommands.cpp).
bool isMetricCommand(const QString &command);
int commandMetrics(const QString &command, Registry &registry, const Options &options);

} // namespace Cli
