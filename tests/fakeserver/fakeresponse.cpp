#include "tests/fakeserver/fakeresponse.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace TestSupport {

const QByteArray htmlType = QByteArrayLiteral("text/html; charset=utf-8");
const QByteArray jsonType = QByteArrayLiteral("application/json");
const QByteArray textType = QByteArrayLiteral("text/plain; charset=utf-8");

FakeResponse jsonError(const QByteArray &code, const QString &message, int status)
{
    const QJsonObject error {{QStringLiteral("error_code"), QString::fromLatin1(code)},
                             {QStringLiteral("message"), message}};
    return {status, jsonType, QJsonDocument(error).toJson(QJsonDocument::Compact), {}};
}

FakeResponse jsonErrorForStatus(int status, const QString &message)
{
    // The inverse of MLflow's error_code → status table (rest.md §1.5).
    QByteArray code;
    switch (status) {
    case 400:
        code = "BAD_REQUEST";
        break;
    case 401:
        code = "UNAUTHENTICATED";
        break;
    case 403:
        code = "PERMISSION_DENIED";
        break;
    case 404:
        code = "RESOURCE_DOES_NOT_EXIST";
        break;
    case 409:
        code = "RESOURCE_CONFLICT";
        break;
    case 429:
        code = "REQUEST_LIMIT_EXCEEDED";
        break;
    case 499:
        code = "CANCELLED";
        break;
    case 501:
        code = "NOT_IMPLEMENTED";
        break;
    case 503:
        code = "TEMPORARILY_UNAVAILABLE";
        break;
    case 504:
        code = "DEADLINE_EXCEEDED";
        break;
    default:
        code = status >= 400 && status < 500 ? "BAD_REQUEST" : "INTERNAL_ERROR";
        break;
    }
    return jsonError(code, message, status);
}

FakeResponse notFoundPage()
{
    return {404,
            htmlType,
            QByteArrayLiteral("<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n"
                              "<h1>Not Found</h1>\n<p>The requested URL was not found on the "
                              "server. If you entered the URL manually please check your "
                              "spelling and try again.</p>\n"),
            {}};
}

FakeResponse methodNotAllowedPage()
{
    return {405,
            htmlType,
            QByteArrayLiteral("<!doctype html>\n<html lang=en>\n<title>405 Method Not "
                              "Allowed</title>\n<h1>Method Not Allowed</h1>\n<p>The method is "
                              "not allowed for the requested URL.</p>\n"),
            {}};
}

QByteArray hugeSearchAnswer(qint64 bytes)
{
    // Plain ASCII without quotes or backslashes, so that its JSON form has its own length.
    static const QByteArray prose = QByteArrayLiteral(
        "Gradient-boosted churn classifier retrained weekly on the customer snapshot; "
        "see the evaluation report attached to the source run for calibration plots. ");
    constexpr qint64 descriptionLength = 4000;
    const auto entry = [](qint64 index, qint64 length) -> QByteArray {
        QByteArray description;
        description.reserve(length);
        while (description.size() < length)
            description += prose;
        description.truncate(length);
        return QByteArrayLiteral("{\"name\":\"huge-model-")
            + QByteArray::number(index).rightJustified(7, '0')
            + QByteArrayLiteral("\",\"creation_timestamp\":1700000000000,"
                                "\"last_updated_timestamp\":1700000000000,"
                                "\"description\":\"")
            + description + QByteArrayLiteral("\"}");
    };
    const QByteArray head = QByteArrayLiteral("{\"registered_models\":[");
    const QByteArray tail = QByteArrayLiteral("]}");
    const qint64 emptyEntry = entry(0, 0).size();
    if (bytes < head.size() + emptyEntry + tail.size()) {
        // Too small for one model: an empty answer, padded with whitespace.
        return QByteArrayLiteral("{}").leftJustified(qMax<qint64>(bytes, 2), ' ');
    }
    QByteArray json;
    json.reserve(bytes);
    json += head;
    qint64 index = 0;
    for (;;) {
        const qint64 separator = index == 0 ? 0 : 1;
        const qint64 left = bytes - json.size() - tail.size() - separator;
        if (left < emptyEntry)
            break;
        if (separator)
            json += ',';
        // The last model's description takes exactly what is left.
        const qint64 length = qMin(descriptionLength, left - emptyEntry);
        json += entry(++index, length);
    }
    json += QByteArray(bytes - json.size() - tail.size(), ' ');
    json += tail;
    return json;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "BAD REQUEST";
    case 401:
        return "UNAUTHORIZED";
    case 403:
        return "FORBIDDEN";
    case 404:
        return "NOT FOUND";
    case 405:
        return "METHOD NOT ALLOWED";
    case 409:
        return "CONFLICT";
    case 429:
        return "TOO MANY REQUESTS";
    case 500:
        return "INTERNAL SERVER ERROR";
    case 501:
        return "NOT IMPLEMENTED";
    case 502:
        return "BAD GATEWAY";
    case 503:
        return "SERVICE UNAVAILABLE";
    case 504:
        return "GATEWAY TIMEOUT";
    default:
        return "UNKNOWN";
    }
}

} // namespace TestSupport
