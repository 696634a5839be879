#pragma once

#include "registry/filter/filter.h"

#include <QString>
#include <QVariantList>

namespace ModelDesk::SearchSql {

// A statement and the values bound to its `?` placeholders, in order.
struct Statement
{
    QString sql;
    QVariantList bindings;
};

// The workspace a search is limited to (MLflow 3.9's layout): `entity` when the searched
// table has a workspace column, `tags` when its tag table has one. Nothing is limited when
// both are false (stores before MLflow 3.9).
struct Scope
{
    QString workspace;
    bool entity = false;
    bool tags = false;
};

// The page query of a registered-model search on an MLflow schema,
// as MLflow's SqlAlchemyStore builds it: prompt models excluded unless the filter selects
// them, tag clauses grouped per key, order terms then `name ASC`, LIMIT limit OFFSET offset.
// Selects rm.name, rm.creation_time, rm.last_updated_time, rm.description.
Statement modelSearch(const Filter::Expression &filter, const QList<Filter::OrderTerm> &order,
                      qint64 limit, qint64 offset, const Scope &scope = {});

// The page query of a model-version search: soft-deleted rows and prompt versions excluded,
// default order last_updated DESC, name ASC, version DESC. Selects `columns` (a
// comma-separated list of mv.* columns given by the caller).
Statement versionSearch(const Filter::Expression &filter, const QList<Filter::OrderTerm> &order,
                        const QString &columns, qint64 limit, qint64 offset,
                        const Scope &scope = {});

} // namespace ModelDesk::SearchSql
