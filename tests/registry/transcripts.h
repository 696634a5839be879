#pragma once

#include "registry/sql/sqlbackend.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

// Test support: the recorded exchanges with a real MLflow server (shared fixtures), and a
// replay of registry requests against the SQL store, answered as MLflow's REST layer would.
namespace TestSupport {

// SHA-256 of a file's bytes, to show a file was left exactly as it was.
QByteArray fileHash(const QString &path);

// The shared fixtures folder, or an empty string when it is absent (tests then QSKIP).
QString fixturesDir();

struct Exchange
{
    int index = 0;
    QString label;
    QString method;
    QString path;
    QString query;
    QByteArray requestBody;
    QList<std::pair<QString, QString>> requestHeaders; // the few recorded, else none
    int status = 0;
    QByteArray responseBody;
};

// One exchange per JSON line, as the fixtures record them: `path` and `query` apart (the
// 2.22 and 3.6 transcripts) or `path` with its query string (mlflow-latest/exchanges.jsonl).
QList<Exchange> loadTranscripts(const QString &file);

struct Reply
{
    bool handled = false; // false: an endpoint the replay does not serve
    int status = 0;
    QByteArray body;
    QByteArray contentType; // "application/json" for every handled answer
};

// Serves one registry/run/metric request from `backend` the way MLflow's REST handlers do:
// `path` under /api/2.0/mlflow/ or /ajax-api/2.0/mlflow/, parameters from the raw (still
// percent-encoded) `query` for a GET that has one, from the JSON `body` otherwise (DELETE too).
// Does not check that `method` is the one MLflow routes for the path (the caller does).
Reply serve(ModelDesk::SqlBackend &backend, const QString &method, const QString &path,
            const QString &query, const QByteArray &body);

// serve() on one recorded exchange.
Reply replay(ModelDesk::SqlBackend &backend, const Exchange &exchange);

// Compares JSON values, ignoring object key order and the listed keys; on a difference,
// `where` gets a path and both values.
bool jsonEquivalent(const QJsonValue &actual, const QJsonValue &expected,
                    const QStringList &ignoredKeys, QString *where);

} // namespace TestSupport
