#pragma once

#include "registry/error.h"

#include <QList>
#include <QString>
#include <QStringList>

// MLflow's search filter and order_by strings, parsed into trees. Parsing never builds SQL;
// registry/sql/searchsql.h turns a tree into a statement with bound parameters.
namespace ModelDesk::Filter {

// Which search a filter is for: each accepts different attributes and operators.
enum class Target { Models, Versions };

enum class Operator { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual, Like, ILike, In };

struct Comparison
{
    enum class Kind { Attribute, Tag };
    Kind kind = Kind::Attribute;
    // Attribute name ("name", "run_id", "source_path", "version_number") or the tag key
    // with quotes/backquotes removed.
    QString key;
    Operator op = Operator::Equal;
    // One value; for IN the list (values with uppercase letters already dropped, as MLflow).
    QStringList values;
    bool operator==(const Comparison &) const = default;
};

// Clauses joined by AND (MLflow has no OR). Empty means "everything".
struct Expression
{
    QList<Comparison> clauses;
    bool isEmpty() const { return clauses.isEmpty(); }
    bool operator==(const Expression &) const = default;
};

struct OrderTerm
{
    // Canonical key: models "name" | "last_updated_timestamp" ("timestamp" maps here);
    // versions "name" | "version_number" | "creation_timestamp" | "last_updated_timestamp".
    QString key;
    bool ascending = true;
    bool operator==(const OrderTerm &) const = default;
};

// Parses an MLflow filter string. Errors are INVALID_PARAMETER_VALUE with MLflow's message.
Result<Expression> parseFilter(const QString &text, Target target);

// Parses order_by entries ("name DESC", "`version_number` asc"). Unknown keys are
// INVALID_PARAMETER_VALUE; duplicated keys INTERNAL_ERROR, both with MLflow's messages.
Result<QList<OrderTerm>> parseOrderBy(const QStringList &orderBy, Target target);

// The clause `name = '<name>'` for a search of one model's versions. MLflow's filter strings
// have no escapes, so the quote the name does not contain is used; a name with both kinds
// cannot be searched by name (INVALID_PARAMETER_VALUE).
Result<QString> nameEquals(const QString &name);
// `key = 'value'` for any attribute (run_id, source_path), quoted as nameEquals() quotes.
Result<QString> equals(const QString &key, const QString &value);

} // namespace ModelDesk::Filter
