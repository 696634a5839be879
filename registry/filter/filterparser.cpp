// Parses MLflow's registry search filters and order_by entries into Filter trees.
//
// MLflow's server hands both strings to sqlparse and then inspects sqlparse's token groups: what it
// accepts (a missing AND between clauses, a trailing AND) and the exact wording of its errors
// ("Invalid clause(s) in filter string: name, =") follow from that tokenising. So the groups come
// from registry/filter/sqltokenizer.h, a port of the part of sqlparse's lexer and grouping that the
// registry searches depend on; this file applies MLflow's checks (search_utils and the SQL store's
// comparator checks) to them in MLflow's order.

#include "registry/filter/filter.h"
#include "registry/filter/filterlimits.h"
#include "registry/filter/pythontext.h"
#include "registry/filter/sqltokenizer.h"

#include <QCoreApplication>
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
    const std::optional<QStringList> strings = Python::stringTuple(text);
    if (!strings)
        return invalid(illFormed);
    // Run ids are lower-case hex; MLflow drops the rest so that MySQL's case-insensitive IN
    // cannot match them.
    QStringList kept;
    for (const QString &value : *strings) {
        if (Python::isLower(value))
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

// MLflow's checks, on a filter within the limits.
Result<Expression> parseChecked(const QString &text, Target target)
{
    const std::vector<Nodes> statements = Sql::parseStatements(text);
    if (statements.empty())
        return invalid(QStringLiteral("Invalid filter '%1'. Could not be parsed.").arg(text));
    if (statements.size() > 1) {
        return invalid(QStringLiteral("Search filter contained multiple expression %1. Provide "
                                      "AND-ed expression list.")
                           .arg(Python::repr(text)));
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


} // namespace

Result<Expression> parseFilter(const QString &text, Target target)
{
    if (text.isEmpty())
        return Expression {};
    if (const std::optional<RegistryError> beyond = Limits::checkFilter(text))
        return *beyond;
    Result<Expression> parsed = parseChecked(text, target);
    if (!parsed)
        return Limits::shortened(parsed.error());
    return parsed;
}

Result<QString> nameEquals(const QString &name)
{
    if (auto clause = equals(QStringLiteral("name"), name))
        return clause;
    return RegistryError(ErrorCode::InvalidParameterValue,
                         QCoreApplication::translate(
                             "ModelDesk::Filter",
                             "A model name with both kinds of quote cannot be searched by name."));
}

Result<QString> equals(const QString &key, const QString &value)
{
    if (!value.contains(QLatin1Char('\'')))
        return QStringLiteral("%1 = '%2'").arg(key, value);
    if (!value.contains(QLatin1Char('"')))
        return QStringLiteral("%1 = \"%2\"").arg(key, value);
    return RegistryError(ErrorCode::InvalidParameterValue,
                         QCoreApplication::translate("ModelDesk::Filter",
                                                     "A value with both kinds of quote cannot be "
                                                     "searched for: %1")
                             .arg(value));
}

} // namespace ModelDesk::Filter
