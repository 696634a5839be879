#pragma once

#include <QString>
#include <QStringList>
#include <QVariantList>

// Test support: reading and changing an SQLite store directly, beside the code under test,
// each call on a connection of its own that is closed before returning.
namespace TestSupport {

// The first column of the first row `sql` returns from the store at `path`; empty, with a
// warning, when the query fails or returns nothing.
QString queryScalar(const QString &path, const QString &sql);

// Every row `sql` (with `values` bound) returns, each cell as text (NULL as an empty
// string); empty, with a warning, when the query fails.
QList<QStringList> queryRows(const QString &path, const QString &sql,
                             const QVariantList &values = {});

// Runs `sql` with `values` bound, in order, on the store at `path`; the error text, empty when
// it succeeded.
QString execSql(const QString &path, const QString &sql, const QVariantList &values = {});

// Runs `statements` in order on the store at `path`, stopping at the first that fails; true
// when all succeeded (a failure is reported as a warning naming the statement).
bool execAll(const QString &path, const QStringList &statements);

} // namespace TestSupport
