// Python's text conventions for MLflow's filter messages, and its small readers.
#include "registry/filter/pythontext.h"

namespace ModelDesk::Filter::Python {

namespace {

class PythonStrings
{
public:
    explicit PythonStrings(const QString &text)
        : m_text(text)
    { }

    std::optional<QStringList> parse()
    {
        if (!take(u'('))
            return std::nullopt;
        QStringList items;
        skipSpace();
        if (take(u')'))
            return finish(items);
        while (true) {
            const std::optional<QString> item = readConcatenated();
            if (!item)
                return std::nullopt;
            items << *item;
            skipSpace();
            if (take(u')'))
                break;
            if (!take(u','))
                return std::nullopt;
            skipSpace();
            if (take(u')'))
                break;
        }
        return finish(items);
    }

private:
    std::optional<QStringList> finish(const QStringList &items)
    {
        skipSpace();
        return atEnd() ? std::optional<QStringList>(items) : std::nullopt;
    }

    bool atEnd() const { return m_position >= m_text.size(); }
    QChar peek(qsizetype ahead = 0) const
    {
        return m_position + ahead < m_text.size() ? m_text.at(m_position + ahead) : QChar();
    }
    bool take(QChar ch)
    {
        if (peek() != ch)
            return false;
        ++m_position;
        return true;
    }

    // Inside brackets Python skips spaces, newlines, comments and line continuations.
    void skipSpace()
    {
        while (!atEnd()) {
            const QChar ch = peek();
            if (ch == u' ' || ch == u'\t' || ch == u'\f' || ch == u'\n' || ch == u'\r') {
                ++m_position;
            } else if (ch == u'#') {
                while (!atEnd() && peek() != u'\n' && peek() != u'\r')
                    ++m_position;
            } else if (ch == u'\\' && (peek(1) == u'\n' || peek(1) == u'\r')) {
                m_position += 2;
            } else {
                return;
            }
        }
    }

    std::optional<QString> readConcatenated()
    {
        std::optional<QString> first = readLiteral();
        if (!first)
            return std::nullopt;
        QString result = *first;
        while (true) {
            const qsizetype mark = m_position;
            skipSpace();
            if (peek() != u'\'' && peek() != u'"') {
                m_position = mark;
                return result;
            }
            const std::optional<QString> more = readLiteral();
            if (!more)
                return std::nullopt;
            result += *more;
        }
    }

    std::optional<QString> readLiteral()
    {
        const QChar quote = peek();
        if (quote != u'\'' && quote != u'"')
            return std::nullopt;
        const bool triple = peek(1) == quote && peek(2) == quote;
        m_position += triple ? 3 : 1;
        QString result;
        while (!atEnd()) {
            const QChar ch = peek();
            if (ch == quote && (!triple || (peek(1) == quote && peek(2) == quote))) {
                m_position += triple ? 3 : 1;
                return result;
            }
            if (!triple && (ch == u'\n' || ch == u'\r'))
                return std::nullopt;
            if (ch == u'\\') {
                if (!readEscape(&result))
                    return std::nullopt;
                continue;
            }
            result += ch;
            ++m_position;
        }
        return std::nullopt;
    }

    bool readEscape(QString *out)
    {
        const QChar next = peek(1);
        m_position += 2;
        const auto hex = [this](int digits, QString *target) {
            const QString code = m_text.mid(m_position, digits);
            bool ok = false;
            const uint value = code.toUInt(&ok, 16);
            if (code.size() != digits || !ok || value > 0x10FFFF)
                return false;
            const auto ch = char32_t(value);
            *target += QString::fromUcs4(&ch, 1);
            m_position += digits;
            return true;
        };
        switch (next.unicode()) {
        case '\n':
            return true;
        case '\\':
            *out += u'\\';
            return true;
        case '\'':
            *out += u'\'';
            return true;
        case '"':
            *out += u'"';
            return true;
        case 'a':
            *out += QChar(7);
            return true;
        case 'b':
            *out += QChar(8);
            return true;
        case 'f':
            *out += QChar(12);
            return true;
        case 'n':
            *out += QChar(10);
            return true;
        case 'r':
            *out += QChar(13);
            return true;
        case 't':
            *out += QChar(9);
            return true;
        case 'v':
            *out += QChar(11);
            return true;
        case 'x':
            return hex(2, out);
        case 'u':
            return hex(4, out);
        case 'U':
            return hex(8, out);
        default:
            break;
        }
        if (next >= u'0' && next <= u'7') {
            uint value = next.unicode() - '0';
            for (int i = 0; i < 2 && peek() >= u'0' && peek() <= u'7'; ++i) {
                value = value * 8 + (peek().unicode() - '0');
                ++m_position;
            }
            *out += QChar(char16_t(value));
            return true;
        }
        // Unknown escapes stay as written (Python only warns).
        *out += u'\\';
        --m_position;
        return true;
    }

    const QString &m_text;
    qsizetype m_position = 0;
};

} // namespace

QString repr(const QString &text)
{
    const bool useDouble = text.contains(u'\'') && !text.contains(u'"');
    const QChar quote = useDouble ? u'"' : u'\'';
    QString result(quote);
    const QList<uint> codePoints = text.toUcs4();
    for (const uint cp : codePoints) {
        const auto ch = char32_t(cp);
        if (ch == U'\\') {
            result += QStringLiteral("\\\\");
        } else if (ch == char32_t(quote.unicode())) {
            result += u'\\';
            result += quote;
        } else if (ch == U'\n') {
            result += QStringLiteral("\\n");
        } else if (ch == U'\r') {
            result += QStringLiteral("\\r");
        } else if (ch == U'\t') {
            result += QStringLiteral("\\t");
        } else {
            const QChar::Category category = QChar::category(ch);
            const bool printable = ch == U' '
                || !(category == QChar::Other_Control || category == QChar::Other_Format
                     || category == QChar::Other_Surrogate || category == QChar::Other_PrivateUse
                     || category == QChar::Other_NotAssigned || category == QChar::Separator_Space
                     || category == QChar::Separator_Line
                     || category == QChar::Separator_Paragraph);
            if (printable) {
                result += QString::fromUcs4(&ch, 1);
            } else if (ch < 0x100) {
                result += QStringLiteral("\\x%1").arg(uint(ch), 2, 16, QLatin1Char('0'));
            } else if (ch < 0x10000) {
                result += QStringLiteral("\\u%1").arg(uint(ch), 4, 16, QLatin1Char('0'));
            } else {
                result += QStringLiteral("\\U%1").arg(uint(ch), 8, 16, QLatin1Char('0'));
            }
        }
    }
    result += quote;
    return result;
}

bool isLower(const QString &text)
{
    bool cased = false;
    const QList<uint> codePoints = text.toUcs4();
    for (const uint cp : codePoints) {
        const auto ch = char32_t(cp);
        if (QChar::isUpper(ch) || QChar::isTitleCase(ch))
            return false;
        if (QChar::isLower(ch))
            cased = true;
    }
    return cased;
}

std::optional<QStringList> stringTuple(const QString &text)
{
    return PythonStrings(text).parse();
}

std::optional<QStringList> shellSplit(const QString &text)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (quote == u'\'') {
            if (ch == u'\'')
                quote = QChar();
            else
                word += ch;
        } else if (quote == u'"') {
            if (ch == u'"') {
                quote = QChar();
            } else if (ch == u'\\' && i + 1 < text.size()
                       && (text.at(i + 1) == u'"' || text.at(i + 1) == u'\\')) {
                word += text.at(++i);
            } else {
                word += ch;
            }
        } else if (ch == u' ' || ch == u'\t' || ch == u'\r' || ch == u'\n') {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else if (ch == u'\'' || ch == u'"') {
            quote = ch;
            inWord = true;
        } else if (ch == u'\\') {
            if (i + 1 >= text.size())
                return std::nullopt;
            word += text.at(++i);
            inWord = true;
        } else {
            word += ch;
            inWord = true;
        }
    }
    if (!quote.isNull())
        return std::nullopt;
    if (inWord)
        words << word;
    return words;
}

QString listRepr(const QStringList &items)
{
    QStringList reprs;
    for (const QString &item : items)
        reprs << repr(item);
    return u'[' + reprs.join(QStringLiteral(", ")) + u']';
}

} // namespace ModelDesk::Filter::Python

namespace ModelDesk::Filter {

bool isQuoted(const QString &value, QChar quote)
{
    return value.size() >= 2 && value.startsWith(quote) && value.endsWith(quote);
}

QString trimBackticks(const QString &value)
{
    return isQuoted(value, u'`') ? value.mid(1, value.size() - 2) : value;
}

RegistryError invalid(const QString &message)
{
    return RegistryError(ErrorCode::InvalidParameterValue, message);
}

Result<QString> stripQuotes(const QString &value, bool expectQuoted)
{
    if (isQuoted(value, u'\'') || isQuoted(value, u'"'))
        return value.mid(1, value.size() - 2);
    if (expectQuoted) {
        return invalid(QStringLiteral("Parameter value is either not quoted or unidentified quote "
                                      "types used for string value %1. Use either single or "
                                      "double quotes.")
                           .arg(value));
    }
    return value;
}

} // namespace ModelDesk::Filter
