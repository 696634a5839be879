#pragma once

#include <QByteArrayView>
#include <QJsonParseError>
#include <QLatin1StringView>
#include <QString>

namespace ModelDesk {

// A forward-only JSON reader over UTF-8 bytes: the caller pulls values one by one and builds
// its own objects, with no QJsonDocument in between (which for a 5 MB search page costs more
// than the data it holds).
//
// It accepts what QJsonDocument::fromJson accepts and fails where and how it fails (the same
// QJsonParseError at the same offset), so code moved onto it keeps its answers and its error
// messages. That includes Qt's leniencies: an unknown escape stands for the escaped character,
// control characters may stand unescaped in strings, numbers such as "1." and ".5" are read,
// a UTF-8 byte order mark is skipped. Duplicate keys are the caller's business (Qt keeps the
// last one).
//
// Use: beginDocument(), then nextMember() in objects and nextElement() in arrays, each followed
// by exactly one read*(), skipValue() or enter*() (and the same again inside), and
// endDocument() at the end. Every call returns false once an error happened; skipped values are
// checked as thoroughly as read ones. The input must outlive the scanner and its Strings.
class JsonScanner
{
public:
    enum class Type { Null, Bool, Number, String, Array, Object };

    // A string as it stands in the input, checked but not yet decoded (most keys are only
    // compared, and a value may be skipped). Points into the input, so it lives as long as the
    // input does; only the scanner makes them, so the bytes are known to be well-formed.
    class String
    {
    public:
        QByteArrayView raw() const { return m_raw; } // between the quotes, escapes unresolved
        bool isEscaped() const { return m_escaped; }

        QString toString() const;
        // Whether the string equals `text`, escapes resolved.
        bool equals(QLatin1StringView text) const;

    private:
        friend class JsonScanner;
        QByteArrayView m_raw;
        bool m_escaped = false;
        bool m_ascii = true; // 7-bit only (escaped strings count as not)
    };

    // A number as Qt keeps it: an integer when it is one and fits in 64 bits, else a double.
    struct Number
    {
        bool isInteger = true;
        qint64 integer = 0;
        double real = 0;

        double toDouble() const { return isInteger ? double(integer) : real; }
    };

    explicit JsonScanner(QByteArrayView json);

    bool hasError() const { return m_error != QJsonParseError::NoError; }
    // The first syntax error, as QJsonDocument::fromJson would report it.
    QJsonParseError error() const;

    // Reads up to the top-level value, which JSON requires to be an object or an array, and
    // enters it; `type` tells which.
    bool beginDocument(Type *type);
    // Fails unless only whitespace follows the top-level value.
    bool endDocument();

    // The type of the value the scanner stands at, judged by its first byte; a malformed value
    // still reads as some type, and reading or skipping it then reports the error.
    Type peek() const;

    // Inside an object: reads the next key and its ':'; false at the closing '}' (which is then
    // consumed) or on an error.
    bool nextMember(String *key);
    // Inside an array: true when another element follows; false at the closing ']' or on an
    // error.
    bool nextElement();

    // Each of these reads a value of its type; given another type they skip the value and
    // return false, so the scan stays in step.
    bool enterObject();
    bool enterArray();
    bool readString(String *value);
    bool readNumber(Number *value);
    bool readBool(bool *value);
    bool readNull();
    // Reads past a value of any type.
    bool skipValue();

private:
    bool fail(QJsonParseError::ParseError error);
    bool eatSpace();
    char nextToken();
    bool open();
    bool startsWith(char first);
    bool scanString(String *value);
    bool scanNumber(Number *value);
    bool scanLiteral(const char *rest, qsizetype minimumLeft);

    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    int m_depth = 0;
    // Set on entering a container, cleared by its first nextMember()/nextElement(): the one
    // place where no ',' is expected.
    bool m_atStart = false;
    QJsonParseError::ParseError m_error = QJsonParseError::NoError;
    qsizetype m_errorOffset = 0;
};

} // namespace ModelDesk
