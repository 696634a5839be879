// Parses MLflow's registry search filters and order_by entries into Filter trees.
//
// MLflow's server hands both strings to sqlparse and then inspects sqlparse's token groups: what it
// accepts (a missing AND between clauses, a trailing AND) and the exact wording of its errors
// ("Invalid clause(s) in filter string: name, =") follow from that tokenising. So this file
// reproduces the part of sqlparse's lexer and grouping that the registry searches depend on, then
// applies MLflow's checks (search_utils and the SQL store's comparator checks) in MLflow's order.

#include "registry/filter/filter.h"

#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QStringView>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ModelDesk::Filter {
namespace {

// ---------------------------------------------------------------------------------------------
// Tokens and groups (the subset of sqlparse's token types and group classes that matters here)

enum class Type {
    Whitespace,
    Newline,
    CommentSingle,
    CommentMultiline,
    Keyword,
    KeywordOrder,
    KeywordDml,
    KeywordDdl,
    KeywordOther,
    Name,
    NameBuiltin,
    Placeholder,
    Integer,
    Float,
    Hexadecimal,
    StringSingle,
    StringSymbol,
    Literal,
    Punctuation,
    Operator,
    Comparison,
    Wildcard,
    Assignment,
    Command,
    Error,
};

enum class Group {
    None,
    Parenthesis,
    Function,
    Identifier,
    Operation,
    Comparison,
    IdentifierList,
    TypedLiteral,
    Comment,
};

struct Node;
using NodePtr = std::shared_ptr<Node>;
// Shared pointers because sqlparse's grouping walks a snapshot of a list while regrouping it;
// a token absorbed into a new group must stay the same object for the walk to behave the same.
using Nodes = std::vector<NodePtr>;

struct Node
{
    Group group = Group::None;
    Type type = Type::Error;
    QString text;
    Nodes children;

    bool isGroup() const { return group != Group::None; }
    bool is(Type t) const { return !isGroup() && type == t; }
    bool isWhitespace() const { return is(Type::Whitespace) || is(Type::Newline); }
    bool isComment() const { return is(Type::CommentSingle) || is(Type::CommentMultiline); }
    bool isKeyword() const
    {
        return is(Type::Keyword) || is(Type::KeywordOrder) || is(Type::KeywordDml)
            || is(Type::KeywordDdl) || is(Type::KeywordOther);
    }
    bool isNameLike() const
    {
        return is(Type::Name) || is(Type::NameBuiltin) || is(Type::Placeholder);
    }
    bool isNumber() const { return is(Type::Integer) || is(Type::Float) || is(Type::Hexadecimal); }
    // sqlparse's exact-type membership in T_NUMERICAL + T_STRING + T_NAME.
    bool isPlainOperand() const
    {
        return is(Type::Integer) || is(Type::Float) || is(Type::StringSingle)
            || is(Type::StringSymbol) || is(Type::Name) || is(Type::Placeholder);
    }
    // Keywords compare case-insensitively, everything else exactly (sqlparse's Token.match).
    bool matches(Type t, QStringView value) const
    {
        if (!is(t))
            return false;
        return isKeyword() ? text.toUpper() == value : text == value;
    }
    QString value() const
    {
        if (!isGroup())
            return text;
        QString result;
        for (const NodePtr &child : children)
            result += child->value();
        return result;
    }
};

NodePtr leaf(Type type, const QString &text)
{
    auto node = std::make_shared<Node>();
    node->type = type;
    node->text = text;
    return node;
}

// ---------------------------------------------------------------------------------------------
// Lexer

QHash<QString, Type> buildKeywordTable();

Type keywordType(const QString &word)
{
    static const QHash<QString, Type> table = buildKeywordTable();
    return table.value(word.toUpper(), Type::Name);
}

struct LexRule
{
    QRegularExpression pattern;
    Type type;
    bool keywordLookup = false;
};

const std::vector<LexRule> &lexRules()
{
    // sqlparse's SQL_REGEX order matters (first match wins); rules for statements a filter
    // cannot contain (CREATE ... BEGIN blocks, LATERAL VIEW, ...) are left out.
    // Per thread: QRegularExpression promises reentrancy, not sharing one object across the GUI
    // and SQL worker threads.
    static thread_local const std::vector<LexRule> rules = [] {
        const auto options = QRegularExpression::CaseInsensitiveOption
            | QRegularExpression::UseUnicodePropertiesOption;
        const auto rule = [options](const QString &pattern, Type type, bool lookup = false) {
            return LexRule {QRegularExpression(pattern, options), type, lookup};
        };
        const QString letter = QStringLiteral("[A-Z\\x{00C0}-\\x{00DC}]");
        return std::vector<LexRule> {
            rule(QStringLiteral("(--|# ).*?(\\r\\n|\\r|\\n|$)"), Type::CommentSingle),
            rule(QStringLiteral("/\\*[\\s\\S]*?\\*/"), Type::CommentMultiline),
            rule(QStringLiteral("(\\r\\n|\\r|\\n)"), Type::Newline),
            rule(QStringLiteral("\\s"), Type::Whitespace),
            rule(QStringLiteral(":="), Type::Assignment),
            rule(QStringLiteral("::"), Type::Punctuation),
            rule(QStringLiteral("\\*"), Type::Wildcard),
            rule(QStringLiteral("`(``|[^`])*`"), Type::Name),
            rule(QStringLiteral("\\x{00B4}(\\x{00B4}\\x{00B4}|[^\\x{00B4}])*\\x{00B4}"),
                 Type::Name),
            rule(QStringLiteral("((?<![\\w\\\"\\$])\\$(?:[_A-Z\\x{00C0}-\\x{00DC}]\\w*)?\\$)"
                                "[\\s\\S]*?\\1"),
                 Type::Literal),
            rule(QStringLiteral("\\?"), Type::Placeholder),
            rule(QStringLiteral("%(\\(\\w+\\))?s"), Type::Placeholder),
            rule(QStringLiteral("(?<!\\w)[$:?]\\w+"), Type::Placeholder),
            rule(QStringLiteral("\\\\\\w+"), Type::Command),
            rule(QStringLiteral("(CASE|IN|VALUES|USING|FROM|AS)\\b"), Type::Keyword),
            rule(QStringLiteral("(@|##|#)") + letter + QStringLiteral("\\w+"), Type::Name),
            rule(letter + QStringLiteral("\\w*(?=\\s*\\.)"), Type::Name),
            rule(QStringLiteral("(?<=\\.)") + letter + QStringLiteral("\\w*"), Type::Name),
            rule(letter + QStringLiteral("\\w*(?=\\()"), Type::Name),
            rule(QStringLiteral("-?0x[\\dA-F]+"), Type::Hexadecimal),
            rule(QStringLiteral("-?\\d+(\\.\\d+)?E-?\\d+"), Type::Float),
            rule(QStringLiteral("(?![_A-Z\\x{00C0}-\\x{00DC}])-?(\\d+(\\.\\d*)|\\.\\d+)"
                                "(?![_A-Z\\x{00C0}-\\x{00DC}])"),
                 Type::Float),
            rule(QStringLiteral("(?![_A-Z\\x{00C0}-\\x{00DC}])-?\\d+(?![_A-Z\\x{00C0}-\\x{00DC}])"),
                 Type::Integer),
            rule(QStringLiteral("'(''|\\\\'|[^'])*'"), Type::StringSingle),
            rule(QStringLiteral("\"(\"\"|\\\\\"|[^\"])*\""), Type::StringSymbol),
            rule(QStringLiteral("(\"\"|\".*?[^\\\\]\")"), Type::StringSymbol),
            rule(QStringLiteral("(?<![\\w\\])])(\\[[^\\]\\[]+\\])"), Type::Name),
            rule(QStringLiteral("((LEFT\\s+|RIGHT\\s+|FULL\\s+)?(INNER\\s+|OUTER\\s+|STRAIGHT\\s+)?"
                                "|(CROSS\\s+|NATURAL\\s+)?)?JOIN\\b"),
                 Type::Keyword),
            rule(QStringLiteral("END(\\s+IF|\\s+LOOP|\\s+WHILE)?\\b"), Type::Keyword),
            rule(QStringLiteral("NOT\\s+NULL\\b"), Type::Keyword),
            rule(QStringLiteral("NULLS\\s+(FIRST|LAST)\\b"), Type::Keyword),
            rule(QStringLiteral("UNION\\s+ALL\\b"), Type::Keyword),
            rule(QStringLiteral("CREATE(\\s+OR\\s+REPLACE)?\\b"), Type::KeywordDdl),
            rule(QStringLiteral("DOUBLE\\s+PRECISION\\b"), Type::NameBuiltin),
            rule(QStringLiteral("GROUP\\s+BY\\b"), Type::Keyword),
            rule(QStringLiteral("ORDER\\s+BY\\b"), Type::Keyword),
            rule(QStringLiteral("PRIMARY\\s+KEY\\b"), Type::Keyword),
            rule(QStringLiteral("(NOT\\s+)?(LIKE|ILIKE|RLIKE)\\b"), Type::Comparison),
            rule(QStringLiteral("(NOT\\s+)?(REGEXP)\\b"), Type::Comparison),
            rule(QStringLiteral("\\w[$#\\w]*"), Type::Name, true),
            rule(QStringLiteral("[;:()\\[\\],\\.]"), Type::Punctuation),
            rule(QStringLiteral("(\\->>?|#>>?|@>|<@|\\?\\|?|\\?&|\\-|#\\-)"), Type::Operator),
            rule(QStringLiteral("[<>=~!]+"), Type::Comparison),
            rule(QStringLiteral("[+/@#%^&|^-]+"), Type::Operator),
        };
    }();
    return rules;
}

Nodes tokenize(const QString &text)
{
    Nodes tokens;
    qsizetype position = 0;
    while (position < text.size()) {
        bool matched = false;
        for (const LexRule &rule : lexRules()) {
            const QRegularExpressionMatch match
                = rule.pattern.match(text, position, QRegularExpression::NormalMatch,
                                     QRegularExpression::AnchorAtOffsetMatchOption);
            if (!match.hasMatch() || match.capturedLength() == 0)
                continue;
            const QString word = match.captured(0);
            tokens.push_back(leaf(rule.keywordLookup ? keywordType(word) : rule.type, word));
            position += match.capturedLength();
            matched = true;
            break;
        }
        if (!matched) {
            // sqlparse emits an error token per unrecognised character (an unclosed quote).
            const qsizetype length = text.at(position).isHighSurrogate() ? 2 : 1;
            tokens.push_back(leaf(Type::Error, text.mid(position, length)));
            position += length;
        }
    }
    return tokens;
}

bool isBlockEnd(const QString &keyword)
{
    return keyword == u"END" || keyword == u"END IF" || keyword == u"END FOR"
        || keyword == u"END WHILE";
}

// sqlparse's statement splitter: a top-level ';' ends a statement; whitespace and line comments
// that follow still belong to it.
std::vector<Nodes> splitStatements(const Nodes &tokens)
{
    std::vector<Nodes> statements;
    Nodes current;
    int level = 0;
    bool consumeWhitespace = false;
    for (const NodePtr &token : tokens) {
        if (consumeWhitespace && !token->is(Type::Whitespace) && !token->is(Type::CommentSingle)) {
            statements.push_back(std::move(current));
            current.clear();
            level = 0;
            consumeWhitespace = false;
        }
        if (token->matches(Type::Punctuation, u"("))
            ++level;
        else if (token->matches(Type::Punctuation, u")"))
            --level;
        else if (token->is(Type::Keyword) && isBlockEnd(token->text.toUpper()))
            --level;
        current.push_back(token);
        if ((level <= 0 && token->matches(Type::Punctuation, u";"))
            || (token->is(Type::Keyword) && token->text.section(u' ', 0, 0) == u"GO")) {
            consumeWhitespace = true;
        }
    }
    const bool onlyWhitespace = std::all_of(current.cbegin(), current.cend(),
                                            [](const NodePtr &t) { return t->isWhitespace(); });
    if (!current.empty() && !onlyWhitespace)
        statements.push_back(std::move(current));
    return statements;
}

// ---------------------------------------------------------------------------------------------
// Grouping (sqlparse.engine.grouping, in its order)

int nextIndex(const Nodes &list, int index)
{
    for (int i = index + 1; i < int(list.size()); ++i) {
        if (!list[i]->isWhitespace())
            return i;
    }
    return -1;
}

int previousIndex(const Nodes &list, int index)
{
    for (int i = index - 1; i >= 0; --i) {
        if (!list[i]->isWhitespace())
            return i;
    }
    return -1;
}

NodePtr at(const Nodes &list, int index)
{
    return index >= 0 && index < int(list.size()) ? list[index] : nullptr;
}

// sqlparse's TokenList.group_tokens: replaces list[start..end] with one group, or appends them
// to list[start] when that already is a group of the class and `extend` is set.
NodePtr groupTokens(Nodes &list, Group group, int start, int end, bool extend)
{
    if (extend && list[start]->group == group) {
        NodePtr existing = list[start];
        existing->children.insert(existing->children.end(), list.begin() + start + 1,
                                  list.begin() + end + 1);
        list.erase(list.begin() + start + 1, list.begin() + end + 1);
        return existing;
    }
    auto node = std::make_shared<Node>();
    node->group = group;
    node->children.assign(list.begin() + start, list.begin() + end + 1);
    list.erase(list.begin() + start + 1, list.begin() + end + 1);
    list[start] = node;
    return node;
}

using Predicate = std::function<bool(const NodePtr &)>;
using Post = std::function<std::pair<int, int>(const Nodes &, int, int, int)>;

// sqlparse's _group: groups tokens joined by a middle token (x < y, a.b, a, b).
void groupJoined(Nodes &list,
                 Group group,
                 const Predicate &match,
                 const Predicate &validPrevious,
                 const Predicate &validNext,
                 const Post &post,
                 bool extend)
{
    const Nodes snapshot = list;
    int offset = 0;
    int previousIdx = -1;
    NodePtr previous;
    for (int idx = 0; idx < int(snapshot.size()); ++idx) {
        const NodePtr &token = snapshot[idx];
        const int tidx = idx - offset;
        if (tidx < 0 || token->isWhitespace())
            continue;
        if (token->isGroup() && token->group != group)
            groupJoined(token->children, group, match, validPrevious, validNext, post, extend);
        if (match(token)) {
            const int nidx = nextIndex(list, tidx);
            if (previous && validPrevious(previous) && validNext(at(list, nidx))) {
                const auto [from, to] = post(list, previousIdx, tidx, nidx);
                NodePtr grouped = groupTokens(list, group, from, to, extend);
                offset += to - from;
                previousIdx = from;
                previous = grouped;
                continue;
            }
        }
        previousIdx = tidx;
        previous = token;
    }
}

// sqlparse's @recurse decorator: applies `step` to every nested group (except `skip`) first.
void recurseGroups(Nodes &list,
                   const std::function<void(Nodes &)> &step,
                   std::optional<Group> skip = std::nullopt)
{
    for (const NodePtr &node : list) {
        if (node->isGroup() && (!skip || node->group != *skip))
            recurseGroups(node->children, step, skip);
    }
    step(list);
}

void groupComments(Nodes &list)
{
    for (int i = 0; i < int(list.size()); ++i) {
        if (!list[i]->isComment())
            continue;
        int end = i;
        while (end < int(list.size()) && (list[end]->isComment() || list[end]->isWhitespace()))
            ++end;
        if (end < int(list.size()))
            groupTokens(list, Group::Comment, i, end - 1, false);
    }
}

void groupParentheses(Nodes &list)
{
    const Nodes snapshot = list;
    std::vector<int> opens;
    int offset = 0;
    for (int idx = 0; idx < int(snapshot.size()); ++idx) {
        const NodePtr &token = snapshot[idx];
        const int tidx = idx - offset;
        if (token->isWhitespace())
            continue;
        if (token->isGroup() && token->group != Group::Parenthesis) {
            groupParentheses(token->children);
            continue;
        }
        if (token->matches(Type::Punctuation, u"(")) {
            opens.push_back(tidx);
        } else if (token->matches(Type::Punctuation, u")") && !opens.empty()) {
            const int open = opens.back();
            opens.pop_back();
            groupTokens(list, Group::Parenthesis, open, tidx, false);
            offset += tidx - open;
        }
    }
}

void groupFunctions(Nodes &list)
{
    for (int i = 0; i < int(list.size()); ++i) {
        if (!list[i]->isNameLike())
            continue;
        const int next = nextIndex(list, i);
        if (next >= 0 && list[next]->group == Group::Parenthesis)
            groupTokens(list, Group::Function, i, next, false);
    }
}

void groupPeriods(Nodes &list)
{
    groupJoined(
        list, Group::Identifier,
        [](const NodePtr &t) {
            return t->matches(Type::Punctuation, u".") || t->matches(Type::Operator, u"->")
                || t->matches(Type::Operator, u"->>");
        },
        [](const NodePtr &t) {
            return t->group == Group::Identifier || t->is(Type::Name) || t->is(Type::StringSymbol);
        },
        [](const NodePtr &) { return true; },
        [](const Nodes &tokens, int previous, int middle, int next) {
            const NodePtr following = at(tokens, next);
            const bool validNext = following
                && (following->group == Group::Function || following->is(Type::Name)
                    || following->is(Type::StringSymbol) || following->is(Type::Wildcard)
                    || following->is(Type::StringSingle));
            return std::pair {previous, validNext ? next : middle};
        },
        true);
}

void groupIdentifiers(Nodes &list)
{
    for (int i = 0; i < int(list.size()); ++i) {
        if (list[i]->is(Type::Name) || list[i]->is(Type::StringSymbol))
            groupTokens(list, Group::Identifier, i, i, false);
    }
}

void groupOrder(Nodes &list)
{
    for (int i = 0; i < int(list.size()); ++i) {
        if (!list[i]->is(Type::KeywordOrder))
            continue;
        const int previous = previousIndex(list, i);
        const NodePtr before = at(list, previous);
        if (before && (before->group == Group::Identifier || before->isNumber())) {
            groupTokens(list, Group::Identifier, previous, i, false);
            i = previous;
        }
    }
}

void groupTypedLiterals(Nodes &list)
{
    groupJoined(
        list, Group::TypedLiteral,
        [](const NodePtr &t) {
            return t->is(Type::NameBuiltin) || t->matches(Type::Keyword, u"TIMESTAMP");
        },
        [](const NodePtr &t) { return t != nullptr; },
        [](const NodePtr &t) { return t && t->is(Type::StringSingle); },
        [](const Nodes &, int, int middle, int next) {
            return std::pair {middle, next};
        },
        false);
}

bool isOperand(const NodePtr &t)
{
    return t
        && (t->group == Group::Parenthesis || t->group == Group::Function
            || t->group == Group::Identifier || t->group == Group::Operation
            || t->group == Group::TypedLiteral || t->isPlainOperand());
}

void groupOperators(Nodes &list)
{
    const Predicate valid = [](const NodePtr &t) {
        return isOperand(t)
            || (t && t->is(Type::Keyword)
                && (t->matches(Type::Keyword, u"CURRENT_DATE")
                    || t->matches(Type::Keyword, u"CURRENT_TIME")
                    || t->matches(Type::Keyword, u"CURRENT_TIMESTAMP")));
    };
    groupJoined(
        list, Group::Operation,
        [](const NodePtr &t) { return t->is(Type::Operator) || t->is(Type::Wildcard); }, valid,
        valid,
        [](const Nodes &tokens, int previous, int middle, int next) {
            tokens[middle]->type = Type::Operator;
            return std::pair {previous, next};
        },
        false);
}

void groupComparisons(Nodes &list)
{
    const Predicate valid = [](const NodePtr &t) {
        return isOperand(t) || (t && t->matches(Type::Keyword, u"NULL"));
    };
    groupJoined(
        list, Group::Comparison, [](const NodePtr &t) { return t->is(Type::Comparison); }, valid,
        valid,
        [](const Nodes &, int previous, int, int next) {
            return std::pair {previous, next};
        },
        false);
}

void groupAliased(Nodes &list)
{
    for (int i = 0; i < int(list.size()); ++i) {
        const NodePtr &token = list[i];
        const bool aliasable = token->group == Group::Parenthesis || token->group == Group::Function
            || token->group == Group::Identifier || token->group == Group::Operation
            || token->group == Group::Comparison || token->isNumber();
        if (!aliasable)
            continue;
        const int next = nextIndex(list, i);
        if (next >= 0 && list[next]->group == Group::Identifier)
            groupTokens(list, Group::Identifier, i, next, true);
    }
}

void alignComments(Nodes &list)
{
    for (int i = 0; i < int(list.size()); ++i) {
        if (list[i]->group != Group::Comment)
            continue;
        const int previous = previousIndex(list, i);
        if (previous >= 0 && list[previous]->isGroup()) {
            groupTokens(list, list[previous]->group, previous, i, true);
            i = previous;
        }
    }
}

void groupIdentifierLists(Nodes &list)
{
    const Predicate valid = [](const NodePtr &t) {
        if (!t)
            return false;
        const bool groupOk = t->group == Group::Function || t->group == Group::Identifier
            || t->group == Group::Comparison || t->group == Group::IdentifierList
            || t->group == Group::Operation;
        return groupOk || t->matches(Type::Keyword, u"NULL") || t->matches(Type::Keyword, u"ROLE")
            || t->isPlainOperand() || t->is(Type::Keyword) || t->is(Type::Wildcard);
    };
    groupJoined(
        list, Group::IdentifierList,
        [](const NodePtr &t) { return t->matches(Type::Punctuation, u","); }, valid, valid,
        [](const Nodes &, int previous, int, int next) {
            return std::pair {previous, next};
        },
        true);
}

// sqlparse.parse: statements, each grouped.
std::vector<Nodes> parseStatements(const QString &text)
{
    std::vector<Nodes> statements = splitStatements(tokenize(text));
    for (Nodes &statement : statements) {
        groupComments(statement);
        groupParentheses(statement);
        recurseGroups(statement, groupFunctions, Group::Function);
        groupPeriods(statement);
        recurseGroups(statement, groupIdentifiers, Group::Identifier);
        recurseGroups(statement, groupOrder, Group::Identifier);
        groupTypedLiterals(statement);
        groupOperators(statement);
        groupComparisons(statement);
        recurseGroups(statement, groupAliased);
        recurseGroups(statement, alignComments);
        groupIdentifierLists(statement);
    }
    return statements;
}

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
                comparison({first, leaf(Type::Keyword, QStringLiteral("NOT IN")), fourth}));
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
    const std::vector<Nodes> statements = parseStatements(entry);
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
    const std::vector<Nodes> statements = parseStatements(text);
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

namespace {

// sqlparse's keyword table, so that words such as `key`, `version` or `source` group (and fail)
// the way they do on MLflow's server.
QHash<QString, Type> buildKeywordTable()
{
    QHash<QString, Type> table;
    const auto add = [&table](const char *words, Type type) {
        const QStringList list = QString::fromLatin1(words).split(u' ', Qt::SkipEmptyParts);
        for (const QString &word : list)
            table.insert(word, type);
    };
    add("ASC DESC", Type::KeywordOrder);
    add("COMMIT DELETE INSERT MERGE REPLACE ROLLBACK SELECT START UPDATE UPSERT", Type::KeywordDml);
    add("ALTER CREATE DROP TRUNCATE", Type::KeywordDdl);
    add("GRANT REVOKE WITH", Type::KeywordOther);
    add("DIV", Type::Operator);
    add("ARRAY BIGINT BIGNUMERIC BINARY BIT BLOB BOOLEAN CHAR DATE DEC DECIMAL FILE_TYPE FLOAT INT "
        "INT8 INTEGER INTERVAL LONG MAP NATURALN NUMBER NUMERIC NVARCHAR PLS_INTEGER POSITIVE "
        "POSITIVEN REAL ROWID ROWLABEL ROWNUM SERIAL SERIAL8 SIGNED SIGNTYPE SIMPLE_DOUBLE "
        "SIMPLE_FLOAT SIMPLE_INTEGER SMALLINT STRING STRUCT SYS_REFCURSOR TEXT TIMESTAMP TINYINT "
        "UNSIGNED UROWID UTL_FILE VARCHAR VARCHAR2 VARIANT VARYING",
        Type::NameBuiltin);
    add("ABORT ABS ABSOLUTE ACCESS ACCOUNT ADA ADD ADMIN AFTER AGGREGATE ALIAS ALL ALLOCATE "
        "ANALYSE ANALYZE AND ANY ARCHIVE ARCHIVELOG ARE ARRAYLEN ARRAY_CONTAINS AS ASENSITIVE "
        "ASSERTION ASSERT_ROWS_MODIFIED ASSIGNMENT ASYMMETRIC AT ATOMIC AUDIT AUTHORIZATION "
        "AUTO_INCREMENT AVG BACKUP BACKWARD BECOME BEFORE BEGIN BETWEEN BIGSERIAL BITVAR "
        "BIT_LENGTH BLOCK BODY BOTH BOX BREADTH BREAK BY BYTEA CACHE CALL CALLED CANCEL "
        "CARDINALITY CASCADE CASCADED CASE CAST CATALOG CATALOG_NAME CHAIN CHANGE CHARACTER "
        "CHARACTERISTICS CHARACTER_LENGTH CHARACTER_SET_CATALOG CHARACTER_SET_NAME "
        "CHARACTER_SET_SCHEMA CHARSET CHAR_LENGTH CHECK CHECKED CHECKPOINT CIDR CIRCLE CLASS "
        "CLASS_ORIGIN CLOB CLOSE CLUSTER CMP COALESCE COBOL COLLATE COLLATION COLLATION_CATALOG "
        "COLLATION_NAME COLLATION_SCHEMA COLLECT COLLECT_LIST COLUMN COLUMN_NAME "
        "COMMAND_FUNCTION COMMAND_FUNCTION_CODE COMMENT COMMITTED COMPILE COMPLETION COMPRESS "
        "CONCAT CONCURRENTLY CONDITION CONDITION_NUMBER CONFLICT CONNECT CONNECTION "
        "CONNECTION_NAME CONSTRAINT CONSTRAINTS CONSTRAINT_CATALOG CONSTRAINT_NAME "
        "CONSTRAINT_SCHEMA CONSTRUCTOR CONTAINS CONTENTS CONTINUE CONTROLFILE CONVERSION "
        "CONVERT COPY CORRESPONDING COUNT CREATEDB CREATEUSER CROSS CUBE CURRENT CURRENT_DATE "
        "CURRENT_PATH CURRENT_ROLE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER CURSOR "
        "CURSOR_NAME CYCLE DATA DATABASE DATAFILE DATETIME_INTERVAL_CODE "
        "DATETIME_INTERVAL_PRECISION DATE_ADD DATE_SUB DAY DBA DBMS_OUTPUT DEALLOCATE DECLARE "
        "DECODE DEFAULT DEFAULTS DEFERRABLE DEFERRED DEFINE DEFINED DEFINER DELIMITER "
        "DELIMITERS DEREF DESCRIBE DESCRIPTOR DESTROY DESTRUCTOR DETERMINISTIC DIAGNOSTICS "
        "DICTIONARY DIRECTORY DISABLE DISCONNECT DISMOUNT DISPATCH DISTINCT DISTINCTROW "
        "DISTRIBUTE DO DOMAIN DOUBLE DUMP DYNAMIC DYNAMIC_FUNCTION DYNAMIC_FUNCTION_CODE EACH "
        "ELEMENTS ELSE ELSIF ENABLE ENCODING ENCRYPTED END ENGINE ENUM EQUALS ESCAPE EVENTS "
        "EVERY EXCEPT EXCEPTION EXCEPTIONS EXCHANGE EXCLUDING EXCLUSIVE EXEC EXECUTE EXISTING "
        "EXISTS EXIT EXPLAIN EXPLODE EXTENDED EXTENT EXTERNAL EXTERNALLY EXTRACT FALSE FETCH "
        "FILE FINAL FIRST FLOOR FLUSH FOLLOWING FOR FORCE FOREACH FOREIGN FORTRAN FORWARD FOUND "
        "FREE FREELIST FREELISTS FREEZE FROM FROM_UNIXTIME FTP FULL FUNCTION GENERAL GENERATED "
        "GET GLOBAL GO GOTO GRANTED GROUP GROUPING GSCLUSTER HASH HAVING HIERARCHY HOLD HOST "
        "HOUR IDENTIFIED IDENTITY IF IGNORE ILIKE IMMEDIATE IMMUTABLE IMPLEMENTATION IMPLICIT "
        "IN INCLUDE INCLUDING INCREMENT INDEX INDEXES INDICATOR INET INFIX INHERIT INHERITS "
        "INITIAL INITIALIZE INITIALLY INITRANS INLINE INNER INOUT INPUT INSENSITIVE INSTANCE "
        "INSTANTIABLE INSTEAD INSTR INTERSECT INTO INVOKER IS ISNULL ISOLATION ISSUE ITERATE "
        "JOIN JSON JSONB KEY KEY_MEMBER KEY_TYPE LANCOMPILER LANGUAGE LARGE LAST LATERAL LAYER "
        "LEADING LEAVE LEFT LEN LENGTH LESS LEVEL LIKE LIMIT LINE LINK LISTEN LISTS LOAD LOCAL "
        "LOCALTIME LOCALTIMESTAMP LOCATE LOCATION LOCATOR LOCK LOGFILE LOOKUP LOOP LOWER LSEG "
        "MACADDR MANAGE MANUAL MATCH MAX MAXDATAFILES MAXELEMENT MAXEXTENTS MAXINDEX "
        "MAXINSTANCES MAXLOGFILES MAXLOGHISTORY MAXLOGMEMBERS MAXTRANS MAXVALUE MAX_PART_DATE "
        "MAX_PART_INT MAX_PART_STRING MESSAGE_LENGTH MESSAGE_OCTET_LENGTH MESSAGE_TEXT METHOD "
        "MIN MINELEMENT MINEXTENTS MININDEX MINUS MINUTE MINVALUE MIN_PART_DATE MIN_PART_INT "
        "MIN_PART_STRING MOD MODE MODIFIES MODIFY MODULE MONEY MONTH MORE MOUNT MOVE MUMPS "
        "NAMES NATIONAL NATURAL NCHAR NCLOB NEW NEXT NO NOARCHIVELOG NOAUDIT NOCACHE NOCOMPRESS "
        "NOCREATEDB NOCREATEUSER NOCYCLE NOMAXVALUE NOMINVALUE NONE NOORDER NORESETLOGS NORMAL "
        "NOSORT NOT NOTFOUND NOTHING NOTICE NOTIFY NOTNULL NOW NOWAIT NULL NULLABLE NULLIF NVL "
        "NVL2 OBJECT OCTET_LENGTH OF OFF OFFLINE OFFSET OIDS OLD ON ONLINE ONLY ON_ERROR_STOP "
        "OPEN OPERATION OPERATOR OPTIMAL OPTION OPTIONS OR ORDER ORDINALITY ORGANIZATION OUT "
        "OUTER OUTPUT OVER OVERLAPS OVERLAY OVERRIDING OVERWRITE OWN OWNER PACKAGE PAD PARALLEL "
        "PARAMETER PARAMETERS PARAMETER_MODE PARAMETER_NAME PARAMETER_ORDINAL_POSITION "
        "PARAMETER_SPECIFIC_CATALOG PARAMETER_SPECIFIC_NAME PARAMETER_SPECIFIC_SCHEMA "
        "PARSE_URL_TUPLE PARTIAL PARTITION PART_COUNT PART_COUNT_BY PART_LOC PASCAL PATH "
        "PCTFREE PCTINCREASE PCTUSED PENDANT PERFORM PG_LSN PIVOT PLACING PLAN PLI PLPGSQL "
        "POINT POLYGON POSEXPLODE POSITION POSTFIX PRECEDING PRECISION PREFIX PREORDER PREPARE "
        "PRESERVE PRIMARY PRINT PRIOR PRIVATE PRIVILEGES PROCEDURAL PROCEDURE PROFILE PROTO "
        "PUBLIC PUT_LINE QUALIFY QUARTER QUOTA RAISE RANGE RAW READ READS RECHECK RECOVER "
        "RECURSIVE REDUCE REF REFERENCES REFERENCING REGEXP REGEXP_REPLACE REINDEX RELATIVE "
        "RENAME REPEATABLE RESET RESETLOGS RESIGNAL RESOURCE RESPECT RESTART RESTRICT "
        "RESTRICTED RESULT RETURN RETURNED_LENGTH RETURNED_OCTET_LENGTH RETURNED_SQLSTATE "
        "RETURNING RETURNS REUSE RIGHT RLIKE ROLE ROLES ROLLUP ROUTINE ROUTINE_CATALOG "
        "ROUTINE_NAME ROUTINE_SCHEMA ROW ROWS ROW_COUNT RTRIM RULE SAMPLE SAVEPOINT SAVE_POINT "
        "SCALE SCHEMA SCHEMA_NAME SCN SCOPE SCROLL SEARCH SECOND SECTION SECURITY SEGMENT SELF "
        "SENSITIVE SEQUENCE SERIALIZABLE SERVER_NAME SESSION SESSION_USER SET SETOF SETS SHARE "
        "SHARED SHOW SIGN SIGNAL SIMILAR SIMPLE SIN SIZE SMALLSERIAL SNAPSHOT SOME SORT SOURCE "
        "SPACE SPECIFIC SPECIFICTYPE SPECIFIC_NAME SPLIT SQL SQLBUF SQLCODE SQLERROR "
        "SQLEXCEPTION SQLSTATE SQLWARNING SQRT STABLE STACK STATEMENT STATEMENT_ID STATIC "
        "STATISTICS STDIN STDOUT STOP STORAGE STR STRAIGHT_JOIN STRICT STRUCTURE STYPE "
        "SUBCLASS_ORIGIN SUBLIST SUBSTR SUBSTRING SUCCESSFUL SUM SUMMARY SWITCH SYMMETRIC "
        "SYNONYM SYSID SYSTEM SYSTEM_USER TABLE TABLES TABLESAMPLE TABLESPACE TABLE_NAME "
        "TBLPROPERTIES TEMP TEMPLATE TEMPORARY TERMINATE THAN THEN THREAD TIME TIMESTAMP_ISO "
        "TIMEZONE_HOUR TIMEZONE_MINUTE TO TOAST TO_CHAR TO_DATE TO_TIMESTAMP TRACING TRAILING "
        "TRANSACTION TRANSACTIONS_COMMITTED TRANSACTIONS_ROLLED_BACK TRANSATION "
        "TRANSATION_ACTIVE TRANSFORM TRANSFORMS TRANSLATE TRANSLATION TREAT TRIGGER TRIGGERS "
        "TRIGGER_CATALOG TRIGGER_NAME TRIGGER_SCHEMA TRIM TRUE TRUNC TRUSTED TRY_CAST TSQUERY "
        "TSVECTOR TXID_SNAPSHOT TYPE UID UNBOUNDED UNCOMMITTED UNDER UNENCRYPTED UNION UNIQUE "
        "UNIQUEJOIN UNIX_TIMESTAMP UNKNOWN UNLIMITED UNLISTEN UNLOCK UNNAMED UNNEST UNPIVOT "
        "UNTIL UPPER USAGE USE USER USER_DEFINED_TYPE_CATALOG USER_DEFINED_TYPE_NAME "
        "USER_DEFINED_TYPE_SCHEMA USING UTC_TIMESTAMP UUID VACUUM VALID VALIDATE VALIDATOR "
        "VALUES VARIABLE VERBOSE VERSION VIEW VIEWS VOLATILE WEEK WHEN WHENEVER WHERE WHILE "
        "WINDOW WITHOUT WORK WRITE XML YEAR ZONE",
        Type::Keyword);
    return table;
}

} // namespace

} // namespace ModelDesk::Filter
