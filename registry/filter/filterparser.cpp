// Parses MLflow's registry search filters and order_by entries into Filter trees.
//
// MLflow's server hands both strings to sqlparse and then inspects sqlparse's token groups: what it
// accepts (a missing AND between clauses, a trailing AND) and the exact wording of its errors
// ("Invalid clause(s) in filter string: name, =") follow from that tokenising. So the groups come
// from registry/filter/sqltokenizer.h, a port of the part of sqlparse's lexer and grouping that the
// registry searches depend on; this file applies MLflow's checks (search_utils and the SQL store's
// comparator checks) to them in MLflow's order.

#include "registry/filter/filter.h"
#include "registry/filter/sqltokenizer.h"

#include <QHash>
#include <QLocale>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

namespace ModelDesk::Filter {
namespace {

using Sql::Group;
using Sql::Node;
using Sql::NodePtr;
using Sql::Nodes;
using Sql::Type;

// ---------------------------------------------------------------------------------------------
// Python text conventions MLflow's messages are built with

// Python's repr() of a str.
QString pythonRepr(const QString &text)
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

// Python's str.islower(): some cased character and none upper or title case.
bool pythonIsLower(const QString &text)
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

// Reads a tuple of Python string literals, as ast.literal_eval does for an IN list such as
// ('a', 'b' 'c'); nullopt where Python would raise a SyntaxError.
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

// ---------------------------------------------------------------------------------------------
// MLflow's checks on the grouped statement

const QString &modelAttributesRepr()
{
    static const QString repr = QStringLiteral("{'name'}");
    return repr;
}

// Python prints its sets in hash order, which changes with every server process; this is the
// order MLflow 2.22's recorded answer shows.
const QString &versionAttributesRepr()
{
    static const QString repr
        = QStringLiteral("{'version_number', 'run_id', 'source_path', 'name'}");
    return repr;
}

const QString &versionNumericRepr()
{
    static const QString repr
        = QStringLiteral("{'version_number', 'creation_timestamp', 'last_updated_timestamp'}");
    return repr;
}

const QString &versionOrderKeysRepr()
{
    static const QString repr = QStringLiteral(
        "{'name', 'version_number', 'creation_timestamp', 'last_updated_timestamp'}");
    return repr;
}

struct Clause
{
    Comparison::Kind kind = Comparison::Kind::Attribute;
    QString key;
    QString comparator;
    QStringList values;
    bool isList = false;
};

// MLflow's _join_in_comparison_tokens: `run_id IN (...)` is not a comparison for sqlparse.
Nodes joinInComparisons(const Nodes &tokens)
{
    Nodes significant;
    for (const NodePtr &token : tokens) {
        if (!token->isWhitespace())
            significant.push_back(token);
    }
    const auto comparison = [](Nodes parts) {
        auto node = std::make_shared<Node>();
        node->group = Group::Comparison;
        node->children = std::move(parts);
        return node;
    };
    Nodes joined;
    const int count = int(significant.size());
    int i = 0;
    while (i < count) {
        if (count - i < 3) {
            joined.insert(joined.end(), significant.begin() + i, significant.end());
            break;
        }
        const NodePtr first = significant[i];
        if (first->group != Group::Identifier) {
            joined.push_back(first);
            ++i;
            continue;
        }
        const NodePtr second = significant[i + 1];
        const NodePtr third = significant[i + 2];
        if (second->matches(Type::Keyword, u"IN") && third->group == Group::Parenthesis) {
            joined.push_back(comparison({first, second, third}));
            i += 3;
            continue;
        }
        if (i + 3 >= count) {
            joined.insert(joined.end(), {first, second, third});
            break;
        }
        const NodePtr fourth = significant[i + 3];
        if (second->matches(Type::Keyword, u"NOT") && third->matches(Type::Keyword, u"IN")
            && fourth->group == Group::Parenthesis) {
            joined.push_back(
                comparison({first, Sql::leaf(Type::Keyword, QStringLiteral("NOT IN")), fourth}));
        } else {
            joined.insert(joined.end(), {first, second, third, fourth});
        }
        i += 4;
    }
    return joined;
}

Result<QStringList> readRunIds(const Node &parenthesis)
{
    const QString illFormed = QStringLiteral("While parsing a list in the query, expected a "
                                             "non-empty list of string values, but got ill-formed "
                                             "list.");
    const Nodes &children = parenthesis.children;
    const Nodes inner(children.begin() + 1, children.end() - 1);
    if (inner.empty()) {
        return invalid(QStringLiteral("While parsing a list in the query, expected a non-empty "
                                      "list of string values, but got empty list"));
    }
    const bool single = inner.size() == 1 && inner.front()->is(Type::StringSingle);
    if (!single) {
        if (inner.front()->group != Group::IdentifierList)
            return invalid(illFormed);
        for (const NodePtr &item : inner.front()->children) {
            if (!item->is(Type::StringSingle) && !item->is(Type::Punctuation)
                && !item->is(Type::Whitespace)) {
                return invalid(QStringLiteral("While parsing a list in the query, expected string "
                                              "value, punctuation, or whitespace, but got "
                                              "different type in list: %1")
                                   .arg(parenthesis.value()));
            }
        }
    }
    const QString text = parenthesis.value();
    const std::optional<QStringList> strings = PythonStrings(text).parse();
    if (!strings)
        return invalid(illFormed);
    // Run ids are lower-case hex; MLflow drops the rest so that MySQL's case-insensitive IN
    // cannot match them.
    QStringList kept;
    for (const QString &value : *strings) {
        if (pythonIsLower(value))
            kept << value;
    }
    return kept;
}

Result<Clause> readValue(Clause clause, Target target, const Node &token)
{
    const bool stringLike = token.is(Type::StringSingle) || token.group == Group::Identifier;
    if (clause.kind == Comparison::Kind::Tag) {
        if (!stringLike) {
            return invalid(QStringLiteral("Expected a quoted string value for tag (e.g. "
                                          "'my-value'). Got value %1")
                               .arg(token.value()));
        }
    } else if (token.group == Group::Parenthesis) {
        if (clause.key != u"run_id") {
            return invalid(QStringLiteral("Only the 'run_id' attribute supports comparison with a "
                                          "list of quoted string values."));
        }
        Result<QStringList> runIds = readRunIds(token);
        if (!runIds)
            return runIds.error();
        clause.values = *runIds;
        clause.isList = true;
        return clause;
    } else if (!stringLike) {
        const bool numeric = token.is(Type::Integer) || token.is(Type::Float);
        if (target == Target::Versions && numeric) {
            if (clause.key != u"version_number") {
                return invalid(QStringLiteral("Only the '%1' attributes support comparison with "
                                              "numeric values.")
                                   .arg(versionNumericRepr()));
            }
            // Written the way Python's int() and float() read the literal, so "007" is 7.
            bool ok = false;
            if (token.is(Type::Integer)) {
                const qlonglong integer = token.text.toLongLong(&ok);
                clause.values = {ok ? QString::number(integer) : token.text};
            } else {
                const double number = token.text.toDouble(&ok);
                clause.values
                    = {ok ? QLocale::c().toString(number, 'g', QLocale::FloatingPointShortest)
                          : token.text};
            }
            return clause;
        }
        return invalid(QStringLiteral("Expected a quoted string value or a list of quoted string "
                                      "values for attributes. Got value %1")
                           .arg(token.value()));
    }
    const Result<QString> stripped = stripQuotes(token.value(), true);
    if (!stripped)
        return stripped.error();
    clause.values = {*stripped};
    return clause;
}

Result<Clause> readComparison(const Node &comparison, Target target)
{
    Nodes parts;
    for (const NodePtr &child : comparison.children) {
        if (!child->isWhitespace())
            parts.push_back(child);
    }
    if (parts.size() != 3) {
        return invalid(QStringLiteral("Invalid comparison clause. Expected 3 tokens found %1")
                           .arg(parts.size()));
    }
    if (parts[0]->group != Group::Identifier) {
        return invalid(QStringLiteral("Invalid comparison clause. Expected 'Identifier' found '%1'")
                           .arg(parts[0]->value()));
    }
    const QString identifier = parts[0]->value();
    Clause clause;
    const qsizetype dot = identifier.indexOf(u'.');
    QString key = identifier;
    if (dot >= 0) {
        const QString entity = identifier.left(dot);
        key = identifier.mid(dot + 1);
        if (entity != u"attribute" && entity != u"tag" && entity != u"tags") {
            return invalid(QStringLiteral("Invalid entity type '%1'. Valid entity types are "
                                          "('attribute', 'tag', 'tags')")
                               .arg(entity));
        }
        if (entity != u"attribute")
            clause.kind = Comparison::Kind::Tag;
    }
    if (clause.kind == Comparison::Kind::Attribute) {
        static const QSet<QString> versionKeys
            = {QStringLiteral("name"), QStringLiteral("version_number"), QStringLiteral("run_id"),
               QStringLiteral("source_path")};
        const bool valid = target == Target::Models ? key == u"name" : versionKeys.contains(key);
        if (!valid) {
            return invalid(
                QStringLiteral("Invalid attribute key '%1' specified. Valid keys are '%2'")
                    .arg(key,
                         target == Target::Models ? modelAttributesRepr()
                                                  : versionAttributesRepr()));
        }
    }
    clause.key = trimBackticks(*stripQuotes(key, false));
    clause.comparator = parts[1]->value().toUpper();
    return readValue(clause, target, *parts[2]);
}

// The SQL store's checks, made once every clause has been read.
std::optional<RegistryError> checkComparator(const Clause &clause, Target target)
{
    const QString &op = clause.comparator;
    const auto oneOf = [&op](std::initializer_list<const char16_t *> allowed) {
        return std::any_of(allowed.begin(), allowed.end(),
                           [&op](const char16_t *candidate) { return op == candidate; });
    };
    if (clause.kind == Comparison::Kind::Tag) {
        if (!oneOf({u"=", u"!=", u"LIKE", u"ILIKE"}))
            return invalid(QStringLiteral("Invalid comparator for tag: %1").arg(op));
    } else if (target == Target::Models) {
        if (!oneOf({u"=", u"!=", u"LIKE", u"ILIKE"}))
            return invalid(QStringLiteral("Invalid comparator for attribute: %1").arg(op));
    } else if (clause.key == u"version_number") {
        if (!oneOf({u">", u">=", u"!=", u"=", u"<", u"<="})) {
            return invalid(
                QStringLiteral("Invalid comparator for attribute %1: %2").arg(clause.key, op));
        }
    } else if (!oneOf({u"!=", u"=", u"LIKE", u"ILIKE", u"IN"})
               || (op == u"IN" && clause.key != u"run_id")) {
        return invalid(QStringLiteral("Invalid comparator for attribute: %1").arg(op));
    }
    // MLflow hands a list with `=` or LIKE to SQLAlchemy, which fails with a database error;
    // answer with a message that says what is wrong instead.
    if (clause.isList && op != u"IN") {
        return invalid(QStringLiteral("Only the 'IN' comparator supports comparison with a list "
                                      "of quoted string values."));
    }
    return std::nullopt;
}

Operator operatorFor(const QString &comparator)
{
    static const QHash<QString, Operator> operators = {
        {QStringLiteral("="), Operator::Equal},   {QStringLiteral("!="), Operator::NotEqual},
        {QStringLiteral("<"), Operator::Less},    {QStringLiteral("<="), Operator::LessEqual},
        {QStringLiteral(">"), Operator::Greater}, {QStringLiteral(">="), Operator::GreaterEqual},
        {QStringLiteral("LIKE"), Operator::Like}, {QStringLiteral("ILIKE"), Operator::ILike},
        {QStringLiteral("IN"), Operator::In},
    };
    return operators.value(comparator, Operator::Equal);
}

// ---------------------------------------------------------------------------------------------
// order_by

RegistryError unparsableOrderBy(const QString &entry)
{
    return invalid(QStringLiteral("Invalid order_by clause '%1'. Could not be parsed.").arg(entry));
}

// MLflow's _validate_order_by_and_generate_token.
Result<QString> orderByToken(const QString &entry)
{
    const std::vector<Nodes> statements = Sql::parseStatements(entry);
    if (statements.size() != 1)
        return unparsableOrderBy(entry);
    const Nodes &tokens = statements.front();
    const NodePtr &first = tokens.front();
    if (tokens.size() == 1 && first->group == Group::Identifier)
        return first->value();
    const bool timestamp = first->matches(Type::NameBuiltin, u"timestamp");
    if (tokens.size() == 1 && timestamp)
        return QStringLiteral("timestamp");
    const bool spaced = std::all_of(tokens.begin() + 1, tokens.end() - 1,
                                    [](const NodePtr &t) { return t->isWhitespace(); });
    if (timestamp && spaced && tokens.back()->is(Type::KeywordOrder))
        return QString(QStringLiteral("timestamp ") + tokens.back()->text);
    return unparsableOrderBy(entry);
}

// Python's shlex.split (POSIX mode); nullopt for an unclosed quote.
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

QString pythonListRepr(const QStringList &items)
{
    QStringList reprs;
    for (const QString &item : items)
        reprs << pythonRepr(item);
    return u'[' + reprs.join(QStringLiteral(", ")) + u']';
}

struct ParsedOrder
{
    QString key;
    bool ascending = true;
};

// MLflow's _parse_order_by_string.
Result<ParsedOrder> parseOrderEntry(const QString &entry)
{
    const Result<QString> token = orderByToken(entry);
    if (!token)
        return token.error();
    QString tokenValue = *token;
    QString backquotesAsQuotes = tokenValue;
    backquotesAsQuotes.replace(u'`', u'"');
    const std::optional<QStringList> words = shellSplit(backquotesAsQuotes);
    if (!words || words->size() > 2)
        return unparsableOrderBy(entry);
    bool ascending = true;
    if (words->size() == 2) {
        const QString direction = words->at(1).toLower();
        if (direction != u"asc" && direction != u"desc") {
            return invalid(
                QStringLiteral("Invalid ordering key in order_by clause '%1'.").arg(entry));
        }
        ascending = direction == u"asc";
        tokenValue = words->at(0);
    }
    return ParsedOrder {tokenValue.trimmed(), ascending};
}

// Returns the canonical key and the column it sorts, which duplicates are detected on.
Result<std::pair<QString, QString>> orderKey(const QString &key, Target target)
{
    if (target == Target::Models) {
        if (key == u"name")
            return std::pair {key, key};
        if (key == u"timestamp" || key == u"last_updated_timestamp") {
            return std::pair {QStringLiteral("last_updated_timestamp"),
                              QStringLiteral("last_updated_time")};
        }
        return invalid(QStringLiteral("Invalid order by key '%1' specified. Valid keys are "
                                      "'{'timestamp', 'name'}'")
                           .arg(key));
    }
    const qsizetype dot = key.indexOf(u'.');
    QString attribute = key;
    bool isAttribute = true;
    if (dot >= 0) {
        const QString entity = key.left(dot);
        attribute = key.mid(dot + 1);
        if (entity != u"attribute" && entity != u"tag" && entity != u"tags") {
            return invalid(QStringLiteral("Invalid entity type '%1'. Valid entity types are "
                                          "('attribute', 'tag', 'tags')")
                               .arg(entity));
        }
        isAttribute = entity == u"attribute";
    }
    attribute = trimBackticks(*stripQuotes(attribute, false));
    static const QSet<QString> keys
        = {QStringLiteral("name"), QStringLiteral("version_number"),
           QStringLiteral("creation_timestamp"), QStringLiteral("last_updated_timestamp")};
    if (!keys.contains(attribute)) {
        if (isAttribute) {
            return invalid(
                QStringLiteral("Invalid attribute key '%1' specified. Valid keys are '%2'")
                    .arg(attribute, versionOrderKeysRepr()));
        }
        return invalid(QStringLiteral("Invalid order by key '%1' specified. Valid keys are %2")
                           .arg(attribute, versionOrderKeysRepr()));
    }
    return std::pair {attribute, attribute};
}

} // namespace

Result<Expression> parseFilter(const QString &text, Target target)
{
    if (text.isEmpty())
        return Expression {};
    const std::vector<Nodes> statements = Sql::parseStatements(text);
    if (statements.empty())
        return invalid(QStringLiteral("Invalid filter '%1'. Could not be parsed.").arg(text));
    if (statements.size() > 1) {
        return invalid(QStringLiteral("Search filter contained multiple expression %1. Provide "
                                      "AND-ed expression list.")
                           .arg(pythonRepr(text)));
    }
    const Nodes tokens = joinInComparisons(statements.front());
    QStringList invalidClauses;
    for (const NodePtr &token : tokens) {
        if (token->group != Group::Comparison && !token->matches(Type::Keyword, u"AND"))
            invalidClauses << token->value();
    }
    if (!invalidClauses.isEmpty()) {
        return invalid(QStringLiteral("Invalid clause(s) in filter string: ")
                       + invalidClauses.join(QStringLiteral(", ")));
    }
    QList<Clause> clauses;
    for (const NodePtr &token : tokens) {
        if (token->group != Group::Comparison)
            continue;
        Result<Clause> clause = readComparison(*token, target);
        if (!clause)
            return clause.error();
        clauses << *clause;
    }
    Expression expression;
    for (const Clause &clause : std::as_const(clauses)) {
        if (const std::optional<RegistryError> error = checkComparator(clause, target))
            return *error;
        expression.clauses << Comparison {clause.kind, clause.key, operatorFor(clause.comparator),
                                          clause.values};
    }
    return expression;
}

Result<QList<OrderTerm>> parseOrderBy(const QStringList &orderBy, Target target)
{
    QList<OrderTerm> terms;
    QSet<QString> columns;
    for (const QString &entry : orderBy) {
        const Result<ParsedOrder> parsed = parseOrderEntry(entry);
        if (!parsed)
            return parsed.error();
        const Result<std::pair<QString, QString>> key = orderKey(parsed->key, target);
        if (!key)
            return key.error();
        if (columns.contains(key->second)) {
            return RegistryError(ErrorCode::InternalError,
                                 QStringLiteral("`order_by` contains duplicate fields: %1")
                                     .arg(pythonListRepr(orderBy)));
        }
        columns.insert(key->second);
        terms << OrderTerm {key->first, parsed->ascending};
    }
    return terms;
}

} // namespace ModelDesk::Filter
