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

// The page query of a registered-model search on an upstream (no workspace) MLflow schema,
// as MLflow's SqlAlchemyStore builds it: prompt models excluded unless the filter selects
// them, tag clauses grouped per key, order terms then `name ASC`, LIMIT limit OFFSET offset.
// Selects rm.name, rm.creation_time, rm.last_updated_time, rm.description.
Statement modelSearch(const Filter::Expression &filter, const QList<Filter::OrderTerm> &order,
                      qint64 limit, qint64 offset);

// The page query of a model-version search: soft-deleted rows and prompt versions excluded,
// default order last_updated DESC, name ASC, version DESC. Selects `columns` (a
// comma-separated list of mv.* columns given by the caller).
Statement versionSearch(const Filter::Expression &filter, const QList<Filter::OrderTerm> &order,
                        const QString &columns, qint64 limit, qint64 offset);

} // namespace ModelDesk::SearchSql
