// MLflow's offset page tokens. Decoding follows MLflow's parse_start_offset_from_page_token step by
// step, including how Python's lenient base64 decoder, json.loads and int() treat odd input, so a
// token the server would accept is accepted here and a bad one gets the server's message.

#include "registry/pagetoken.h"

#include "registry/validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>
#include <QStringDecoder>
#include <QStringList>

#include <cmath>
#include <optional>

namespace ModelDesk::PageToken {
namespace {

RegistryError invalidToken(const QString &message)
{
    return RegistryError(ErrorCode::InvalidParameterValue, message);
}

int base64Value(char16_t ch)
{
    if (ch >= u'A' && ch <= u'Z')
        return ch - u'A';
    if (ch >= u'a' && ch <= u'z')
        return ch - u'a' + 26;
    if (ch >= u'0' && ch <= u'9')
        return ch - u'0' + 52;
    if (ch == u'+')
        return 62;
    if (ch == u'/')
        return 63;
    return -1;
}

// Python's base64.b64decode without validate=True: characters outside the alphabet are skipped,
// the first padding that completes a quantum ends the data, and a partial quantum is an error.
std::optional<QByteArray> pythonBase64Decode(const QString &token)
{
    QByteArray bytes;
    int quadPosition = 0;
    int pads = 0;
    uint left = 0;
    for (const QChar qc : token) {
        const char16_t ch = qc.unicode();
        if (ch > 0x7f)
            return std::nullopt; // Python refuses non-ASCII text before decoding
        if (ch == u'=') {
            if (quadPosition >= 2) {
                ++pads;
                if (quadPosition + pads >= 4)
                    return bytes;
            }
            continue;
        }
        const int value = base64Value(ch);
        if (value < 0)
            continue;
        pads = 0;
        switch (quadPosition) {
        case 0:
            left = uint(value);
            break;
        case 1:
            bytes.append(char((left << 2) | (uint(value) >> 4)));
            left = uint(value) & 0x0f;
            break;
        case 2:
            bytes.append(char((left << 4) | (uint(value) >> 2)));
            left = uint(value) & 0x03;
            break;
        default:
            bytes.append(char((left << 6) | uint(value)));
            left = 0;
            break;
        }
        quadPosition = (quadPosition + 1) % 4;
    }
    if (quadPosition != 0)
        return std::nullopt;
    return bytes;
}

// Python's repr() of bytes, as in "decoded value=b'...'".
QString pythonBytesRepr(const QByteArray &bytes)
{
    const bool useDouble = bytes.contains('\'') && !bytes.contains('"');
    const char quote = useDouble ? '"' : '\'';
    QString result = QStringLiteral("b") + QLatin1Char(quote);
    for (const char c : bytes) {
        const auto byte = uchar(c);
        if (byte == '\\' || byte == uchar(quote)) {
            result += QLatin1Char('\\') + QLatin1Char(c);
        } else if (byte == '\n') {
            result += QStringLiteral("\\n");
        } else if (byte == '\r') {
            result += QStringLiteral("\\r");
        } else if (byte == '\t') {
            result += QStringLiteral("\\t");
        } else if (byte < 0x20 || byte >= 0x7f) {
            result += QStringLiteral("\\x%1").arg(uint(byte), 2, 16, QLatin1Char('0'));
        } else {
            result += QLatin1Char(c);
        }
    }
    result += QLatin1Char(quote);
    return result;
}

QString pythonStringRepr(const QString &text)
{
    const bool useDouble = text.contains(u'\'') && !text.contains(u'"');
    const QChar quote = useDouble ? u'"' : u'\'';
    QString result(quote);
    for (const QChar ch : text) {
        if (ch == u'\\' || ch == quote) {
            result += u'\\';
            result += ch;
        } else if (ch == u'\n') {
            result += QStringLiteral("\\n");
        } else if (ch == u'\r') {
            result += QStringLiteral("\\r");
        } else if (ch == u'\t') {
            result += QStringLiteral("\\t");
        } else if (ch.unicode() < 0x20 || ch.unicode() == 0x7f) {
            result += QStringLiteral("\\x%1").arg(uint(ch.unicode()), 2, 16, QLatin1Char('0'));
        } else {
            result += ch;
        }
    }
    result += quote;
    return result;
}

// Python's repr() of a float: shortest round-trip digits, exponent form outside 1e-4..1e16.
QString pythonFloatRepr(double value)
{
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    const QString scientific = QLocale::c().toString(value, 'e', QLocale::FloatingPointShortest);
    const qsizetype e = scientific.indexOf(u'e');
    const int exponent = scientific.mid(e + 1).toInt();
    if (exponent < -4 || exponent >= 16) {
        QString mantissa = scientific.left(e);
        const QString sign = exponent < 0 ? QStringLiteral("-") : QStringLiteral("+");
        return mantissa + u'e' + sign
            + QStringLiteral("%1").arg(std::abs(exponent), 2, 10, QLatin1Char('0'));
    }
    QString fixed = QLocale::c().toString(value, 'f', QLocale::FloatingPointShortest);
    if (!fixed.contains(u'.'))
        fixed += QStringLiteral(".0");
    return fixed;
}

bool isJsonInteger(const QJsonValue &value)
{
    return value.toVariant().typeId() == QMetaType::LongLong;
}

// Python's repr() of what json.loads returned.
QString pythonRepr(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("None");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case QJsonValue::Double:
        return isJsonInteger(value) ? QString::number(value.toInteger())
                                    : pythonFloatRepr(value.toDouble());
    case QJsonValue::String:
        return pythonStringRepr(value.toString());
    case QJsonValue::Array: {
        QStringList items;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            items << pythonRepr(item);
        return u'[' + items.join(QStringLiteral(", ")) + u']';
    }
    case QJsonValue::Object: {
        QStringList items;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            items << pythonStringRepr(it.key()) + QStringLiteral(": ") + pythonRepr(it.value());
        return u'{' + items.join(QStringLiteral(", ")) + u'}';
    }
    }
    return QString();
}

bool isTruthy(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool();
    case QJsonValue::Double:
        return value.toDouble() != 0;
    case QJsonValue::String:
        return !value.toString().isEmpty();
    case QJsonValue::Array:
        return !value.toArray().isEmpty();
    case QJsonValue::Object:
        return !value.toObject().isEmpty();
    default:
        return false;
    }
}

// Python's int() of the offset value.
std::optional<qint64> pythonInt(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? 1 : 0;
    case QJsonValue::Double: {
        if (isJsonInteger(value))
            return value.toInteger();
        const double number = std::trunc(value.toDouble());
        if (!std::isfinite(number) || std::abs(number) > 9.2e18)
            return std::nullopt;
        return qint64(number);
    }
    case QJsonValue::String: {
        // Model versions are read with the same int() rules.
        const Result<qint64> parsed = Validation::parseVersion(value.toString());
        return parsed ? std::optional<qint64>(*parsed) : std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

} // namespace

QString encode(qint64 offset)
{
    // Python's json.dumps spacing: `{"offset": 100}`.
    const QByteArray json = QByteArrayLiteral("{\"offset\": ") + QByteArray::number(offset) + '}';
    return QString::fromLatin1(json.toBase64());
}

Result<qint64> decode(const QString &token)
{
    if (token.isEmpty())
        return qint64(0);
    const std::optional<QByteArray> bytes = pythonBase64Decode(token);
    if (!bytes)
        return invalidToken(QStringLiteral("Invalid page token, could not base64-decode"));

    QByteArray utf8 = *bytes;
    if (utf8.startsWith("\xEF\xBB\xBF"))
        utf8.remove(0, 3);
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(utf8);
    // Wrapped in an array so that a bare number or string parses too, as with json.loads.
    QJsonParseError error;
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray('[' + text.toUtf8() + ']'), &error);
    if (decoder.hasError() || error.error != QJsonParseError::NoError
        || document.array().size() != 1) {
        return invalidToken(
            QStringLiteral("Invalid page token, decoded value=%1").arg(pythonBytesRepr(*bytes)));
    }
    const QJsonValue parsed = document.array().first();
    const QJsonValue offset = parsed.toObject().value(QStringLiteral("offset"));
    if (!parsed.isObject() || !isTruthy(offset)) {
        return invalidToken(
            QStringLiteral("Invalid page token, parsed value=%1").arg(pythonRepr(parsed)));
    }
    const std::optional<qint64> value = pythonInt(offset);
    if (!value) {
        const QString shown = offset.isString() ? offset.toString() : pythonRepr(offset);
        return invalidToken(QStringLiteral("Invalid page token, not stringable %1").arg(shown));
    }
    return *value;
}

} // namespace ModelDesk::PageToken
