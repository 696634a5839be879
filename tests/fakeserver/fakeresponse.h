#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

// Internal to the fake MLflow server: its answers before they are written to a socket.
namespace TestSupport {

// One HTTP answer of the fake server. FakeMlflowServer writes it byte for byte (with any
// status code, unlike QHttpServerResponder, which only knows the codes of its table).
struct FakeResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    // Sent besides Content-Type and Content-Length.
    QList<std::pair<QByteArray, QByteArray>> headers;
};

extern const QByteArray htmlType;
extern const QByteArray jsonType;
extern const QByteArray textType;

// MLflow's error body (rest.md §1.5).
FakeResponse jsonError(const QByteArray &code, const QString &message, int status);
// MLflow's error for a bare status, with the error_code MLflow gives that status.
FakeResponse jsonErrorForStatus(int status, const QString &message);
// Werkzeug's default HTML error pages, as MLflow's Flask app sends them.
FakeResponse notFoundPage();
FakeResponse methodNotAllowedPage();
// A valid registered-models/search answer of exactly `bytes` bytes (at least "{}"): many
// models with long Markdown descriptions.
QByteArray hugeSearchAnswer(qint64 bytes);
// The reason phrase of an HTTP status, for the status line.
QByteArray reasonPhrase(int status);

} // namespace TestSupport
