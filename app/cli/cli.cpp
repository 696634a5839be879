#include "app/cli/cli.h"
#include "registry/validation.h"

#include <QDateTime>
#include <QFile>

#include <cmath>

namespace Cli {

QString tr(const char *text)
{
    return QCoreApplication::translate("modeldesk-cli", text);
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QFile &stdoutDevice()
{
    static QFile device;
    if (!device.isOpen())
        device.open(stdout, QIODevice::WriteOnly);
    return device;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

const char *const UsageText = R"(Usage: modeldesk-cli [-r REGISTRY] COMMAND [ARGS] [OPTIONS]

Registry: -r/--registry URI, default $MLFLOW_TRACKING_URI: a path, sqlite:///path or the URL of
an MLflow tracking server (http://host:5000). For servers, MLFLOW_TRACKING_TOKEN (bearer),
MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD (basic), MLFLOW_TRACKING_INSECURE_TLS=true
and MLFLOW_TRACKING_SERVER_CERT_PATH mean what they mean to MLflow.
--workspace NAME (default: default) picks the MLflow workspace of a store or server that has
workspaces; everything shown and written belongs to it.

Commands:
  info [--json]
  models   [--filter F] [--order-by K]... [--max-results N] [--page-token T] [--json]
  versions [NAME] [--filter F] [--order-by K]... [--max-results N] [--page-token T] [--json]
  get NAME [--version V | --alias A] [--json]
  create-model NAME [--description TEXT] [--tag KEY=VALUE]...
  rename NAME NEW_NAME
  delete-model NAME
  register NAME SOURCE [--run-id ID] [--run-link URL] [--description TEXT] [--tag KEY=VALUE]...
  delete-version NAME VERSION
  describe NAME TEXT [--version V]
  set-tag NAME KEY VALUE [--version V]
  delete-tag NAME KEY [--version V]
  set-alias NAME ALIAS VERSION
  delete-alias NAME ALIAS
  transition NAME VERSION STAGE [--archive-existing]
  latest NAME [--stage S]... [--json]
  download-uri NAME VERSION [--json]
  run RUN_ID [--json]
  metric RUN_ID KEY [--json]
  artifacts RUN_ID [PATH] [--json]
  download RUN_ID PATH DESTINATION
  trend NAME METRIC [--json]
  compare NAME V1 V2 [V...] [--json]
  lineage NAME VERSION [--depth N] [--json | --dot]
  request NAME VERSION (--stage STAGE [--archive-existing] | --alias ALIAS) [--comment TEXT]
          [--json]
  approvals [NAME] [--all] [--audit] [--json]
  approve NAME VERSION REQUEST_ID [--comment TEXT]
  reject NAME VERSION REQUEST_ID --comment TEXT
  withdraw NAME VERSION REQUEST_ID
  approvers NAME [--set USER...]
  history NAME [--version V] [--json]
  card NAME VERSION [--format markdown|html|pdf] [--output FILE]
  snapshot OUT.db [--artifacts] [--max-artifact-size MB]
  init PATH
  demo PATH [--models N] [--versions-per-model M] [--seed S]
  diff REGISTRY_A REGISTRY_B [--json]

The acting user is $MODELDESK_USER, else the user a server authenticates, else the login name.
A model that names approvers is protected: only they move its versions to Staging or
Production or change its aliases, through requests they approve.

A snapshot is an MLflow SQLite store of the registry as it is now (models, versions, their
runs and metric histories, approvals and history); it opens read-only.

Without --max-results a search prints every result (following pages); with it, one page and
its next_page_token. Exit status: 0 success, 1 registry error, 2 bad usage.
)";

int usageError(const QString &message)
{
    err() << tr("modeldesk-cli: %1").arg(message) << Qt::endl << QString::fromUtf8(UsageText);
    err().flush();
    return ExitUsage;
}

int registryError(const RegistryError &error)
{
    QString message = error.message();
    message.replace(QLatin1Char('\n'), QLatin1Char(' '));
    err() << tr("Error: %1: %2").arg(error.mlflowCode(), message) << Qt::endl;
    return ExitRegistryError;
}

int printJson(const MlflowJson::Value::Object &object)
{
    out().flush();
    QFile &device = stdoutDevice();
    const QByteArray json = MlflowJson::Value(object).toJson() + '\n';
    if (device.write(json) != json.size() || !device.flush())
        return outputError(device.errorString());
    return 0;
}

int outputError(const QString &reason)
{
    err() << tr("Error: could not write the output: %1").arg(reason) << Qt::endl;
    return ExitRegistryError;
}

int finishJson(MlflowJson::ListStream &stream, const QString &nextPageToken)
{
    if (!stream.finish(nextPageToken))
        return outputError(stream.errorString());
    QFile &device = stdoutDevice();
    if (device.write("\n", 1) != 1 || !device.flush())
        return outputError(device.errorString());
    return 0;
}

QString valueText(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    return QString::number(value, 'g', 10);
}

QString timeText(qint64 ms)
{
    if (ms <= 0)
        return QString();
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString firstLine(const QString &text, int limit)
{
    QString line = text.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (line.size() > limit)
        line = line.left(limit - 1) + QChar(0x2026);
    return line;
}

QString tagsText(const QList<Tag> &tags)
{
    QStringList parts;
    for (const Tag &tag : tags)
        parts << tag.key + QLatin1Char('=') + firstLine(tag.value, 40);
    return parts.join(QStringLiteral(", "));
}

void printTable(const QStringList &header, const QList<QStringList> &rows)
{
    QList<int> widths(header.size(), 0);
    for (int column = 0; column < header.size(); ++column)
        widths[column] = header.at(column).size();
    for (const QStringList &row : rows) {
        for (int column = 0; column < row.size() && column < widths.size(); ++column)
            widths[column] = std::max(widths[column], int(row.at(column).size()));
    }
    const auto printRow = [&](const QStringList &row) {
        QString line;
        for (int column = 0; column < row.size(); ++column) {
            if (column + 1 == row.size())
                line += row.at(column);
            else
                line += row.at(column).leftJustified(widths.at(column)) + QStringLiteral("  ");
        }
        out() << line.trimmed() << Qt::endl;
    };
    printRow(header);
    for (const QStringList &row : rows)
        printRow(row);
}


Result<QList<Tag>> parseTags(const QStringList &values)
{
    QList<Tag> tags;
    for (const QString &text : values) {
        const qsizetype equals = text.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            return RegistryError(ErrorCode::InvalidParameterValue,
                                 tr("--tag takes KEY=VALUE, got '%1'.").arg(text));
        }
        tags.append({text.left(equals), text.mid(equals + 1)});
    }
    return tags;
}

Result<QString> workspaceOption(const Options &options)
{
    const QString workspace = options.isSet(QStringLiteral("workspace"))
                                  ? options.value(QStringLiteral("workspace"))
                                  : QStringLiteral("default");
    if (auto valid = Validation::checkWorkspaceName(workspace); !valid)
        return valid.error();
    return workspace;
}

std::optional<qint64> parseVersionArgument(const QString &text)
{
    bool ok = false;
    const qint64 number = text.toLongLong(&ok);
    return ok ? std::optional<qint64>(number) : std::nullopt;
}

Result<qint64> versionArgument(const QString &text)
{
    const auto number = parseVersionArgument(text);
    if (!number) {
        return RegistryError(ErrorCode::InvalidParameterValue,
                             tr("Parameter 'version' must be an integer, got '%1'.").arg(text));
    }
    return *number;
}

} // namespace Cli
