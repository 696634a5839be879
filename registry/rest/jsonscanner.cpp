#include "registry/rest/jsonscanner.h"

#include <QByteArray>
#include <QtEndian>

#include <cmath>

// The control flow below follows Qt's own parser (qjsonparser.cpp, Qt 6.4) step by step, so
// that errors come at the same offsets: mind that before "tidying" any of it.

namespace ModelDesk {

namespace {

// As QJsonDocument, which refuses deeper documents rather than risk its stack.
constexpr int NestingLimit = 1024;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isContinuation(uchar c)
{
    return (c & 0xc0) == 0x80;
}

// The length of the well-formed UTF-8 sequence at `text` (whose first byte is not ASCII), or 0:
// overlong forms, surrogates and code points past U+10FFFF are refused, as Qt refuses them.
qsizetype utf8Length(const uchar *text, qsizetype available)
{
    const uchar lead = text[0];
    if (lead < 0xc2)
        return 0;
    if (lead < 0xe0)
        return available >= 2 && isContinuation(text[1]) ? 2 : 0;
    if (lead < 0xf0) {
        if (available < 3)
            return 0;
        const uchar low = lead == 0xe0 ? 0xa0 : 0x80;
        const uchar high = lead == 0xed ? 0x9f : 0xbf;
        return text[1] >= low && text[1] <= high && isContinuation(text[2]) ? 3 : 0;
    }
    if (lead < 0xf5) {
        if (available < 4)
            return 0;
        const uchar low = lead == 0xf0 ? 0x90 : 0x80;
        const uchar high = lead == 0xf4 ? 0x8f : 0xbf;
        return text[1] >= low && text[1] <= high && isContinuation(text[2])
                && isContinuation(text[3])
            ? 4
            : 0;
    }
    return 0;
}

// For 8 bytes read little-endian: a mask whose lowest set bit is in the first byte that is a
// quote, a backslash or not ASCII (the bytes a string scan must stop at), 0 when there is none.
// Strings are mostly plain ASCII, and taking them 8 bytes at a time is much of what makes the
// scanner faster than QJsonDocument. (The zero-byte test can flag bytes after a real hit, never
// before one, so the lowest bit is exact.)
quint64 specialBytes(quint64 word)
{
    constexpr quint64 ones = 0x0101010101010101ULL;
    constexpr quint64 highs = 0x8080808080808080ULL;
    const auto zeroBytes = [](quint64 value) { return (value - ones) & ~value & highs; };
    return (word & highs) | zeroBytes(word ^ (ones * '"')) | zeroBytes(word ^ (ones * '\\'));
}

bool isPlainStringByte(char c)
{
    return uchar(c) < 0x80 && c != '"' && c != '\\';
}

// Qt's convertDoubleTo<qint64>(): integral doubles that fit are kept as integers.
bool toInteger(double value, qint64 *integer)
{
    if (!std::isfinite(value) || std::trunc(value) != value)
        return false;
    if (value < -9223372036854775808.0 || value >= 9223372036854775808.0)
        return false;
    *integer = qint64(value);
    return true;
}

} // namespace

QString JsonScanner::String::toString() const
{
    if (!m_escaped)
        return m_ascii ? QString::fromLatin1(m_raw) : QString::fromUtf8(m_raw);

    // The scan has checked every escape and UTF-8 sequence, so this only decodes. Each input
    // byte yields at most one UTF-16 unit, hence the size bound.
    QString text(m_raw.size(), Qt::Uninitialized);
    QChar *out = text.data();
    const char *in = m_raw.data();
    const char *const end = in + m_raw.size();
    while (in < end) {
        const uchar c = uchar(*in);
        if (c == '\\') {
            const uchar escaped = uchar(in[1]);
            in += 2;
            switch (escaped) {
            case 'b': *out++ = QChar(0x8); break;
            case 'f': *out++ = QChar(0xc); break;
            case 'n': *out++ = QChar(0xa); break;
            case 'r': *out++ = QChar(0xd); break;
            case 't': *out++ = QChar(0x9); break;
            case 'u': {
                char16_t unit = 0;
                for (int i = 0; i < 4; ++i)
                    unit = char16_t((unit << 4) | hexValue(in[i]));
                in += 4;
                *out++ = QChar(unit); // surrogate pairs come as two escapes, one unit each
                break;
            }
            default:
                // Qt reads any other escaped byte as itself ("\q" is "q"), a byte past ASCII
                // as its Latin-1 character.
                *out++ = QChar(char16_t(escaped));
            }
        } else if (c < 0x80) {
            *out++ = QChar(char16_t(c));
            ++in;
        } else {
            const qsizetype length = utf8Length(reinterpret_cast<const uchar *>(in), end - in);
            char32_t code = c & (0xff >> (length + 1));
            for (qsizetype i = 1; i < length; ++i)
                code = (code << 6) | (uchar(in[i]) & 0x3f);
            in += length;
            if (code >= 0x10000) {
                *out++ = QChar(QChar::highSurrogate(code));
                *out++ = QChar(QChar::lowSurrogate(code));
            } else {
                *out++ = QChar(char16_t(code));
            }
        }
    }
    text.truncate(out - text.constData());
    return text;
}

bool JsonScanner::String::equals(QLatin1StringView text) const
{
    if (!m_escaped)
        return m_raw == QByteArrayView(text.data(), text.size());
    return toString() == text;
}

JsonScanner::JsonScanner(QByteArrayView json)
    : m_data(json.data())
    , m_size(json.size())
{}

QJsonParseError JsonScanner::error() const
{
    QJsonParseError error;
    error.error = m_error;
    error.offset = int(m_errorOffset);
    return error;
}

bool JsonScanner::fail(QJsonParseError::ParseError error)
{
    if (m_error == QJsonParseError::NoError) {
        m_error = error;
        m_errorOffset = m_pos;
    }
    return false;
}

bool JsonScanner::eatSpace()
{
    // Pretty-printed answers (MLflow's are) indent every line: spaces are counted 8 bytes at a
    // time, the rest goes byte by byte.
    if (m_pos < m_size && uchar(m_data[m_pos]) > ' ')
        return true; // most often there is none
    constexpr quint64 spaces = 0x2020202020202020ULL;
    for (;;) {
        if (m_size - m_pos >= 8) {
            const quint64 differences = qFromLittleEndian<quint64>(m_data + m_pos) ^ spaces;
            if (differences == 0) {
                m_pos += 8;
                continue;
            }
            m_pos += qCountTrailingZeroBits(differences) / 8; // the spaces before the first other
        }
        if (m_pos >= m_size)
            return false;
        const char c = m_data[m_pos];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            return true;
        ++m_pos;
    }
}

// The next structural character, consumed; 0 at the end or for anything else (then consumed
// too, which puts Qt's error offsets one past it).
char JsonScanner::nextToken()
{
    if (!eatSpace())
        return 0;
    const char token = m_data[m_pos++];
    switch (token) {
    case '[':
    case '{':
    case ':':
    case ',':
    case ']':
    case '}':
    case '"':
        return token;
    default:
        return 0;
    }
}

bool JsonScanner::beginDocument(Type *type)
{
    if (hasError())
        return false;
    if (m_size > 3 && uchar(m_data[0]) == 0xef && uchar(m_data[1]) == 0xbb
        && uchar(m_data[2]) == 0xbf) {
        m_pos = 3;
    }
    const char token = nextToken();
    if (token == '{')
        *type = Type::Object;
    else if (token == '[')
        *type = Type::Array;
    else
        return fail(QJsonParseError::IllegalValue);
    return open();
}

bool JsonScanner::endDocument()
{
    if (hasError())
        return false;
    eatSpace();
    if (m_pos < m_size)
        return fail(QJsonParseError::GarbageAtEnd);
    return true;
}

JsonScanner::Type JsonScanner::peek() const
{
    if (m_pos >= m_size)
        return Type::Null; // misuse (no value here); reading it will fail
    switch (m_data[m_pos]) {
    case 'n':
        return Type::Null;
    case 't':
    case 'f':
        return Type::Bool;
    case '"':
        return Type::String;
    case '[':
        return Type::Array;
    case '{':
        return Type::Object;
    default:
        return Type::Number;
    }
}

// After the opening bracket.
bool JsonScanner::open()
{
    if (++m_depth > NestingLimit)
        return fail(QJsonParseError::DeepNesting);
    m_atStart = true;
    return true;
}

// Whether the value at hand starts with `first`; when it does not, it is skipped (so the scan
// stays in step) and the caller gets false.
bool JsonScanner::startsWith(char first)
{
    if (hasError())
        return false;
    if (m_pos < m_size && m_data[m_pos] == first)
        return true;
    skipValue();
    return false;
}

bool JsonScanner::enterObject()
{
    if (!startsWith('{'))
        return false;
    ++m_pos;
    return open();
}

bool JsonScanner::enterArray()
{
    if (!startsWith('['))
        return false;
    ++m_pos;
    return open();
}

bool JsonScanner::nextMember(String *key)
{
    if (hasError())
        return false;
    char token = nextToken();
    if (m_atStart) {
        m_atStart = false;
    } else if (token == ',') {
        token = nextToken();
        if (token == '}')
            return fail(QJsonParseError::MissingObject);
        if (token != '"')
            return fail(QJsonParseError::UnterminatedObject);
    } else if (token != '}') {
        return fail(QJsonParseError::UnterminatedObject);
    }
    if (token == '}') {
        --m_depth;
        return false;
    }
    if (token != '"')
        return fail(QJsonParseError::UnterminatedObject);
    if (!scanString(key))
        return false;
    if (nextToken() != ':')
        return fail(QJsonParseError::MissingNameSeparator);
    if (!eatSpace())
        return fail(QJsonParseError::UnterminatedObject);
    return true;
}

bool JsonScanner::nextElement()
{
    if (hasError())
        return false;
    if (m_atStart) {
        m_atStart = false;
        if (!eatSpace())
            return fail(QJsonParseError::UnterminatedArray);
        if (m_data[m_pos] == ']') {
            ++m_pos;
            --m_depth;
            return false;
        }
        return true;
    }
    const char token = nextToken();
    if (token == ']') {
        --m_depth;
        return false;
    }
    if (!eatSpace())
        return fail(QJsonParseError::UnterminatedArray);
    if (token != ',')
        return fail(QJsonParseError::MissingValueSeparator);
    return true;
}

// From just after the opening quote to just after the closing one.
bool JsonScanner::scanString(String *value)
{
    const qsizetype start = m_pos;
    bool escaped = false;
    bool ascii = true;
    for (;;) {
        if (m_size - m_pos >= 8) {
            const quint64 special = specialBytes(qFromLittleEndian<quint64>(m_data + m_pos));
            if (special == 0) {
                m_pos += 8;
                continue;
            }
            m_pos += qCountTrailingZeroBits(special) / 8;
        } else {
            while (m_pos < m_size && isPlainStringByte(m_data[m_pos]))
                ++m_pos;
            if (m_pos >= m_size)
                break;
        }
        const char c = m_data[m_pos];
        if (c == '"')
            break;
        if (c == '\\') {
            ++m_pos;
            if (!escaped && m_pos >= m_size) {
                // Qt's first pass stops at the first escape and steps past it before it looks
                // for the end, so a string cut right after one is "unterminated".
                return fail(QJsonParseError::UnterminatedString);
            }
            escaped = true;
            ascii = false;
            if (m_pos >= m_size)
                return fail(QJsonParseError::IllegalEscapeSequence);
            if (m_data[m_pos++] == 'u') {
                if (m_pos > m_size - 4)
                    return fail(QJsonParseError::IllegalEscapeSequence);
                for (int i = 0; i < 4; ++i, ++m_pos) {
                    if (hexValue(m_data[m_pos]) < 0)
                        return fail(QJsonParseError::IllegalEscapeSequence);
                }
            }
            continue;
        }
        const qsizetype length
            = utf8Length(reinterpret_cast<const uchar *>(m_data + m_pos), m_size - m_pos);
        if (length == 0)
            return fail(QJsonParseError::IllegalUTF8String);
        ascii = false;
        m_pos += length;
    }
    const qsizetype stop = m_pos;
    // Qt steps past the quote before it checks there was one, hence the offset one past the
    // end for an unterminated string.
    ++m_pos;
    if (m_pos >= m_size)
        return fail(QJsonParseError::UnterminatedString);
    value->m_raw = QByteArrayView(m_data + start, stop - start);
    value->m_escaped = escaped;
    value->m_ascii = ascii;
    return true;
}

bool JsonScanner::readString(String *value)
{
    if (!startsWith('"'))
        return false;
    ++m_pos;
    return scanString(value);
}

bool JsonScanner::readNumber(Number *value)
{
    if (hasError())
        return false;
    if (m_pos < m_size) {
        switch (m_data[m_pos]) {
        case 'n': case 't': case 'f': case '"': case '[': case '{': // another type
        case ',': case ']': case '}': // no value: skipValue() reports it as Qt does
            skipValue();
            return false;
        }
    }
    return scanNumber(value);
}

bool JsonScanner::scanNumber(Number *value)
{
    const qsizetype start = m_pos;
    bool isInt = true;
    if (m_pos < m_size && m_data[m_pos] == '-')
        ++m_pos;
    const qsizetype digitsStart = m_pos;
    if (m_pos < m_size && m_data[m_pos] == '0') {
        ++m_pos;
    } else {
        while (m_pos < m_size && isDigit(m_data[m_pos]))
            ++m_pos;
    }
    const qsizetype digitsEnd = m_pos;
    if (m_pos < m_size && m_data[m_pos] == '.') {
        ++m_pos;
        while (m_pos < m_size && isDigit(m_data[m_pos])) {
            isInt = isInt && m_data[m_pos] == '0';
            ++m_pos;
        }
    }
    if (m_pos < m_size && (m_data[m_pos] == 'e' || m_data[m_pos] == 'E')) {
        isInt = false;
        ++m_pos;
        if (m_pos < m_size && (m_data[m_pos] == '-' || m_data[m_pos] == '+'))
            ++m_pos;
        while (m_pos < m_size && isDigit(m_data[m_pos]))
            ++m_pos;
    }
    if (m_pos >= m_size)
        return fail(QJsonParseError::TerminationByNumber);

    // Timestamps and the like: plain integers of up to 18 digits cannot overflow.
    const qsizetype digits = digitsEnd - digitsStart;
    if (digitsEnd == m_pos && digits > 0 && digits <= 18) {
        qint64 integer = 0;
        for (qsizetype i = digitsStart; i < digitsEnd; ++i)
            integer = integer * 10 + (m_data[i] - '0');
        value->isInteger = true;
        value->integer = digitsStart > start ? -integer : integer;
        return true;
    }

    // Everything else the way Qt converts it.
    const QByteArray text = QByteArray::fromRawData(m_data + start, m_pos - start);
    bool ok = false;
    if (isInt) {
        const qint64 integer = text.toLongLong(&ok);
        if (ok) {
            value->isInteger = true;
            value->integer = integer;
            return true;
        }
    }
    const double real = text.toDouble(&ok);
    if (!ok)
        return fail(QJsonParseError::IllegalNumber);
    value->isInteger = toInteger(real, &value->integer);
    value->real = real;
    return true;
}

// After the first letter of true, false or null; `minimumLeft` is Qt's (generous) length check.
bool JsonScanner::scanLiteral(const char *rest, qsizetype minimumLeft)
{
    if (m_size - m_pos < minimumLeft)
        return fail(QJsonParseError::IllegalValue);
    for (; *rest; ++rest) {
        if (m_data[m_pos++] != *rest)
            return fail(QJsonParseError::IllegalValue);
    }
    return true;
}

bool JsonScanner::readBool(bool *value)
{
    if (hasError())
        return false;
    if (m_pos < m_size && m_data[m_pos] == 't') {
        ++m_pos;
        *value = true;
        return scanLiteral("rue", 4);
    }
    if (!startsWith('f'))
        return false;
    ++m_pos;
    *value = false;
    return scanLiteral("alse", 5);
}

bool JsonScanner::readNull()
{
    if (!startsWith('n'))
        return false;
    ++m_pos;
    return scanLiteral("ull", 4);
}

bool JsonScanner::skipValue()
{
    if (hasError())
        return false;
    if (m_pos >= m_size)
        return fail(QJsonParseError::IllegalValue); // misuse: no value here
    switch (m_data[m_pos++]) {
    case 'n':
        return scanLiteral("ull", 4);
    case 't':
        return scanLiteral("rue", 4);
    case 'f':
        return scanLiteral("alse", 5);
    case '"': {
        String ignored;
        return scanString(&ignored);
    }
    case '[':
        if (!open())
            return false;
        while (nextElement()) {
            if (!skipValue())
                return false;
        }
        return !hasError();
    case '{': {
        if (!open())
            return false;
        String key;
        while (nextMember(&key)) {
            if (!skipValue())
                return false;
        }
        return !hasError();
    }
    case ',':
        // A missing value after a ':', which Qt tells apart from one missing after a ','.
        return fail(QJsonParseError::IllegalValue);
    case ']':
    case '}':
        return fail(QJsonParseError::MissingObject);
    default: {
        --m_pos;
        Number ignored;
        return scanNumber(&ignored);
    }
    }
}

} // namespace ModelDesk
