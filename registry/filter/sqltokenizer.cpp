// sqlparse's lexer, statement splitter and grouping, as far as MLflow's registry searches need
// them. Follows sqlparse's order of rules and grouping steps so that the groups, and so MLflow's
// answers built from them, come out the same.

#include "registry/filter/sqltokenizer.h"

#include <QHash>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <functional>
#include <optional>

namespace ModelDesk::Filter::Sql {

NodePtr leaf(Type type, const QString &text)
{
    auto node = std::make_shared<Node>();
    node->type = type;
    node->text = text;
    return node;
}

namespace {

// ---------------------------------------------------------------------------------------------
// Lexer

QHash<QString, Type> buildKeywordTable();

Type keywordType(const QString &word)
{
    static const QHash<QString, Type> table = buildKeywordTable();
    return table.value(word.toUpper(), Type::Name);
}

// The quoted-string rules' first path: what `Q(QQ|\\Q|[^Q])*Q` (or, without backslash escapes,
// `Q(QQ|[^Q])*Q`) matches when its greedy scan finds the closing quote, which is then exactly
// the regex's match; -1 when the regex must decide (no closing quote on that path, where it
// backtracks). PCRE spends a frame per repetition, so a 20,000-character string cost 50 ms.
qsizetype greedyQuoted(const QString &text, qsizetype position, QChar quote, bool backslash)
{
    if (text.at(position) != quote)
        return 0;
    qsizetype i = position + 1;
    while (i < text.size()) {
        const QChar ch = text.at(i);
        if (ch == quote) {
            if (i + 1 < text.size() && text.at(i + 1) == quote) {
                i += 2;
                continue;
            }
            return i + 1 - position;
        }
        if (backslash && ch == u'\\' && i + 1 < text.size() && text.at(i + 1) == quote)
            i += 2;
        else
            i += 1;
    }
    // Every path of the regex ends on a quote; with none after the opening one, none matches.
    return text.indexOf(quote, position + 1) < 0 ? 0 : -1;
}

struct LexRule
{
    QRegularExpression pattern;
    Type type;
    bool keywordLookup = false;
    QChar quote; // set for the quoted-string rules greedyQuoted() speeds up
    bool backslash = false; // whether that rule also takes \Q as an escaped quote
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
            return LexRule {QRegularExpression(pattern, options), type, lookup, QChar(), false};
        };
        const auto quoted = [options](const QString &pattern, Type type, QChar quote,
                                      bool backslash) {
            return LexRule {QRegularExpression(pattern, options), type, false, quote, backslash};
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
            quoted(QStringLiteral("`(``|[^`])*`"), Type::Name, u'`', false),
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
            quoted(QStringLiteral("'(''|\\\\'|[^'])*'"), Type::StringSingle, u'\'', true),
            quoted(QStringLiteral("\"(\"\"|\\\\\"|[^\"])*\""), Type::StringSymbol, u'"', true),
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

// Whether every surrogate in `text` is paired, so PCRE may skip its own UTF check.
bool isWellFormedUtf16(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (ch.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        else if (ch.isSurrogate())
            return false;
    }
    return true;
}

Nodes tokenize(const QString &text)
{
    Nodes tokens;
    qsizetype position = 0;
    // PCRE checks the whole subject before every match unless told not to, which made lexing
    // quadratic in the filter's length; the subject is checked once here instead.
    const QRegularExpression::MatchOptions options = isWellFormedUtf16(text)
        ? QRegularExpression::AnchorAtOffsetMatchOption
            | QRegularExpression::DontCheckSubjectStringMatchOption
        : QRegularExpression::AnchorAtOffsetMatchOption;
    while (position < text.size()) {
        bool matched = false;
        for (const LexRule &rule : lexRules()) {
            if (!rule.quote.isNull()) {
                const qsizetype length = greedyQuoted(text, position, rule.quote, rule.backslash);
                if (length == 0)
                    continue;
                if (length > 0) {
                    tokens.push_back(leaf(rule.type, text.mid(position, length)));
                    position += length;
                    matched = true;
                    break;
                }
            }
            const QRegularExpressionMatch match
                = rule.pattern.match(text, position, QRegularExpression::NormalMatch, options);
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

} // namespace

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

} // namespace ModelDesk::Filter::Sql
