#pragma once

#include "registry/json/mlflowjson.h"
#include "registry/registry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFuture>
#include <QTextStream>

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

extern const char *const UsageText;

// Prints the message and the usage text to stderr; returns ExitUsage.
int usageError(const QString &message);
// Prints "Error: <MLflow code>: <message>" to stderr; returns ExitRegistryError.
int registryError(const RegistryError &error);

template<typename T>
Result<T> await(QFuture<Result<T>> future)
{
    // Both registries answer from threads of their own, so blocking here cannot deadlock.
    future.waitForFinished();
    if (future.isCanceled() || future.resultCount() == 0)
        return RegistryError(ErrorCode::Cancelled, tr("The request was cancelled."));
    return future.result();
}

void printJson(const MlflowJson::Value::Object &object);
QString timeText(qint64 ms);
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
std::optional<qint64> parseVersionArgument(const QString &text);
// A version argument, or MLflow's error for one that is not an integer.
Result<qint64> versionArgument(const QString &text);

// latest, download-uri, run, metric, artifacts, download (runcommands.cpp).
bool isRunCommand(const QString &command);
int commandRun(const QString &command, Registry &registry, const Options &options);

} // namespace Cli
