// Builds the page queries of the registered-model and model-version searches for an MLflow
// SQLite store, in the shape MLflow's SqlAlchemyStore gives them, so that a search here returns
// the rows an MLflow server would; in MLflow 3.9's workspace layout, every table read is limited
// to one workspace, as there. Every value is a bound parameter.

#include "registry/sql/searchsql.h"

#include <QHash>
#include <QStringList>

#include <algorithm>

namespace ModelDesk::SearchSql {
namespace {

using Filter::Comparison;
using Filter::Expression;
using Filter::Operator;
using Filter::OrderTerm;

const QString &promptTagKey()
{
    static const QString key = QStringLiteral("mlflow.prompt.is_prompt");
    return key;
}

bool isPromptClause(const Comparison &clause)
{
    return clause.kind == Comparison::Kind::Tag && clause.key == promptTagKey();
}

// MLflow's _is_querying_prompt: the first clause on the prompt tag decides, and only `= 'true'`
// or `!= 'false'` (any case) asks for prompts.
bool selectsPrompts(const Expression &filter)
{
    for (const Comparison &clause : filter.clauses) {
        if (!isPromptClause(clause))
            continue;
        const QString value = clause.values.value(0).toLower();
        return (clause.op == Operator::Equal && value == u"true")
            || (clause.op == Operator::NotEqual && value == u"false");
    }
    return false;
}

QString comparisonSql(const QString &column, const Comparison &clause, QVariantList *bindings)
{
    if (clause.op == Operator::In) {
        // An IN list whose values were all dropped matches nothing, as SQLAlchemy's empty IN.
        if (clause.values.isEmpty())
            return QStringLiteral("1 = 0");
        QStringList marks;
        for (const QString &value : clause.values) {
            marks << QStringLiteral("?");
            bindings->append(value);
        }
        return column + QStringLiteral(" IN (") + marks.join(QStringLiteral(", ")) + u')';
    }
    bindings->append(clause.values.value(0));
    switch (clause.op) {
    case Operator::Equal:
        return column + QStringLiteral(" = ?");
    case Operator::NotEqual:
        return column + QStringLiteral(" != ?");
    case Operator::Less:
        return column + QStringLiteral(" < ?");
    case Operator::LessEqual:
        return column + QStringLiteral(" <= ?");
    case Operator::Greater:
        return column + QStringLiteral(" > ?");
    case Operator::GreaterEqual:
        return column + QStringLiteral(" >= ?");
    case Operator::Like:
        // Case-sensitive: the connection runs PRAGMA case_sensitive_like as MLflow's does.
        return column + QStringLiteral(" LIKE ?");
    case Operator::ILike:
        return QStringLiteral("lower(") + column + QStringLiteral(") LIKE lower(?)");
    case Operator::In:
        break;
    }
    return QString();
}

// The tag clauses grouped per key (in the order the keys first appear), with the prompt-tag
// clauses left out when prompts are excluded by the join instead.
QList<QList<Comparison>> tagGroups(const Expression &filter, bool keepPromptClauses)
{
    QList<QList<Comparison>> groups;
    for (const Comparison &clause : filter.clauses) {
        if (clause.kind != Comparison::Kind::Tag)
            continue;
        if (!keepPromptClauses && isPromptClause(clause))
            continue;
        auto group = std::find_if(groups.begin(), groups.end(),
                                  [&clause](const QList<Comparison> &existing) {
                                      return existing.constFirst().key == clause.key;
                                  });
        if (group == groups.end())
            groups.append({clause});
        else
            group->append(clause);
    }
    return groups;
}

// The FROM clause: the prompt anti-join, then the tag join with "every key matched" as
// count(1) = number of keys, grouped by the entity's key columns.
QString joins(const Expression &filter,
              const QString &alias,
              const QString &tagTable,
              const QStringList &keyColumns,
              const Scope &scope,
              QVariantList *bindings)
{
    const bool prompts = selectsPrompts(filter);
    // Tag rows of the searched workspace only: the joins below match them by name alone.
    const auto tagScope = [&]() -> QString {
        if (!scope.tags)
            return QString();
        bindings->append(scope.workspace);
        return QStringLiteral("workspace = ? AND ");
    };
    QString sql;
    if (!prompts) {
        sql += QStringLiteral(" LEFT OUTER JOIN (SELECT name FROM ") + tagTable
            + QStringLiteral(" WHERE ") + tagScope() + QStringLiteral("key = '") + promptTagKey()
            + QStringLiteral("' AND value = 'true' GROUP BY name) p ON ") + alias
            + QStringLiteral(".name = p.name");
    }
    const QList<QList<Comparison>> groups = tagGroups(filter, prompts);
    if (groups.isEmpty())
        return sql;
    // The workspace is bound before the alternatives' values: it comes first in the text.
    const QString scoped = tagScope();
    QStringList alternatives;
    for (const QList<Comparison> &group : groups) {
        QStringList conditions {QStringLiteral("key = ?")};
        bindings->append(group.constFirst().key);
        for (const Comparison &clause : group)
            conditions << comparisonSql(QStringLiteral("value"), clause, bindings);
        alternatives << u'(' + conditions.join(QStringLiteral(" AND ")) + u')';
    }
    bindings->append(qint64(groups.size()));
    QStringList on;
    for (const QString &column : keyColumns)
        on << alias + u'.' + column + QStringLiteral(" = t.") + column;
    sql += QStringLiteral(" JOIN (SELECT ") + keyColumns.join(QStringLiteral(", "))
        + QStringLiteral(" FROM ") + tagTable + QStringLiteral(" WHERE ")
        + (scoped.isEmpty() ? alternatives.join(QStringLiteral(" OR "))
                            : scoped + u'(' + alternatives.join(QStringLiteral(" OR ")) + u')')
        + QStringLiteral(" GROUP BY ")
        + keyColumns.join(QStringLiteral(", ")) + QStringLiteral(" HAVING count(1) = ?) t ON ")
        + on.join(QStringLiteral(" AND "));
    return sql;
}

QString orderSql(const QString &column, bool ascending)
{
    return column + (ascending ? QStringLiteral(" ASC") : QStringLiteral(" DESC"));
}

} // namespace

Statement modelSearch(const Filter::Expression &filter,
                      const QList<Filter::OrderTerm> &order,
                      qint64 limit,
                      qint64 offset,
                      const Scope &scope)
{
    Statement statement;
    QString sql = QStringLiteral("SELECT rm.name, rm.creation_time, rm.last_updated_time, "
                                 "rm.description FROM registered_models rm");
    sql += joins(filter, QStringLiteral("rm"), QStringLiteral("registered_model_tags"),
                 {QStringLiteral("name")}, scope, &statement.bindings);

    QStringList conditions;
    if (scope.entity) {
        conditions << QStringLiteral("rm.workspace = ?");
        statement.bindings << scope.workspace;
    }
    for (const Comparison &clause : filter.clauses) {
        if (clause.kind == Comparison::Kind::Attribute)
            conditions << comparisonSql(QStringLiteral("rm.name"), clause, &statement.bindings);
    }
    if (!selectsPrompts(filter))
        conditions << QStringLiteral("p.name IS NULL");
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));

    QStringList sort;
    bool sortsByName = false;
    for (const OrderTerm &term : order) {
        if (term.key == u"name") {
            sortsByName = true;
            sort << orderSql(QStringLiteral("rm.name"), term.ascending);
        } else if (term.key == u"last_updated_timestamp" || term.key == u"timestamp") {
            sort << orderSql(QStringLiteral("rm.last_updated_time"), term.ascending);
        }
    }
    if (!sortsByName)
        sort << QStringLiteral("rm.name ASC");
    sql += QStringLiteral(" ORDER BY ") + sort.join(QStringLiteral(", "))
        + QStringLiteral(" LIMIT ? OFFSET ?");
    statement.bindings << limit << offset;
    statement.sql = sql;
    return statement;
}

Statement versionSearch(const Filter::Expression &filter,
                        const QList<Filter::OrderTerm> &order,
                        const QString &columns,
                        qint64 limit,
                        qint64 offset,
                        const Scope &scope)
{
    Statement statement;
    QString sql = QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM model_versions mv");
    sql += joins(filter, QStringLiteral("mv"), QStringLiteral("model_version_tags"),
                 {QStringLiteral("name"), QStringLiteral("version")}, scope, &statement.bindings);

    static const QHash<QString, QString> attributeColumns = {
        {QStringLiteral("name"), QStringLiteral("mv.name")},
        {QStringLiteral("run_id"), QStringLiteral("mv.run_id")},
        {QStringLiteral("source_path"), QStringLiteral("mv.source")},
        // Values stay text; SQLite's INTEGER affinity on `version` compares them as numbers,
        // as it does the numbers MLflow binds.
        {QStringLiteral("version_number"), QStringLiteral("mv.version")},
    };
    QStringList conditions;
    if (scope.entity) {
        conditions << QStringLiteral("mv.workspace = ?");
        statement.bindings << scope.workspace;
    }
    for (const Comparison &clause : filter.clauses) {
        if (clause.kind == Comparison::Kind::Attribute) {
            conditions << comparisonSql(attributeColumns.value(clause.key), clause,
                                        &statement.bindings);
        }
    }
    if (!selectsPrompts(filter))
        conditions << QStringLiteral("p.name IS NULL");
    conditions << QStringLiteral("mv.current_stage != 'Deleted_Internal'");
    sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));

    static const QHash<QString, QString> orderColumns = {
        {QStringLiteral("name"), QStringLiteral("mv.name")},
        {QStringLiteral("version_number"), QStringLiteral("mv.version")},
        {QStringLiteral("creation_timestamp"), QStringLiteral("mv.creation_time")},
        {QStringLiteral("last_updated_timestamp"), QStringLiteral("mv.last_updated_time")},
    };
    const QList<OrderTerm> terms = order.isEmpty()
        ? QList<OrderTerm> {{QStringLiteral("last_updated_timestamp"), false}}
        : order;
    QStringList sort;
    bool sortsByName = false;
    bool sortsByVersion = false;
    for (const OrderTerm &term : terms) {
        const QString column = orderColumns.value(term.key);
        if (column.isEmpty())
            continue;
        sortsByName = sortsByName || term.key == u"name";
        sortsByVersion = sortsByVersion || term.key == u"version_number";
        sort << orderSql(column, term.ascending);
    }
    if (!sortsByName)
        sort << QStringLiteral("mv.name ASC");
    if (!sortsByVersion)
        sort << QStringLiteral("mv.version DESC");
    sql += QStringLiteral(" ORDER BY ") + sort.join(QStringLiteral(", "))
        + QStringLiteral(" LIMIT ? OFFSET ?");
    statement.bindings << limit << offset;
    statement.sql = sql;
    return statement;
}

} // namespace ModelDesk::SearchSql
