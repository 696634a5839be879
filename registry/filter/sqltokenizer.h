#pragma once

#include <QString>
#include <QStringView>

#include <memory>
#include <vector>

// The part of Python's sqlparse (its lexer, statement splitter and grouping) that MLflow's
// filter and order_by parsing depends on. MLflow's server inspects sqlparse's token groups, so
// what it accepts and the wording of its errors follow from them; registry/filter/filterparser.cpp
// applies MLflow's checks to the groups built here. Internal to the filter parser.
namespace ModelDesk::Filter::Sql {

// The subset of sqlparse's token types that matters here.
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

// The subset of sqlparse's group classes (TokenList subclasses) that matters here.
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

// One sqlparse token (a leaf with a type and its text) or token group (a Group with children).
// Plain value type; the trees are built and read on the calling thread.
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
    // The source text the token or group covers (sqlparse's str(token)).
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

// A new leaf token.
NodePtr leaf(Type type, const QString &text);

// sqlparse.parse: splits `text` into statements and groups the tokens of each, in the order
// sqlparse.engine.grouping does. Statements holding only whitespace are dropped.
std::vector<Nodes> parseStatements(const QString &text);

} // namespace ModelDesk::Filter::Sql
