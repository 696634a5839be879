#pragma once

#include "registry/sql/sqlitestatement.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlError>
#include <QStringList>

namespace ModelDesk {

Q_DECLARE_LOGGING_CATEGORY(lcSql)

// Translation context of the SQL store's messages.
class SqlText
{
    Q_DECLARE_TR_FUNCTIONS(ModelDesk::SqlBackend)
};

// Returns the error of a failed Result from the enclosing function.
#define MD_TRY(expr)                                                                               \
    do {                                                                                           \
        auto md_result = (expr);                                                                   \
        if (!md_result)                                                                            \
            return md_result.error();                                                              \
    } while (false)

// Names per IN (...) list, well under SQLite's limit on bound parameters.
constexpr int NameBatch = 400;

inline QString placeholders(qsizetype count)
{
    return QStringList(count, QStringLiteral("?")).join(QStringLiteral(", "));
}

inline QSqlError statementError(const SqliteStatement &statement)
{
    return QSqlError(QStringLiteral("SQLite"), statement.errorText(), QSqlError::StatementError,
                     QString::number(statement.errorCode() & 0xff));
}

} // namespace ModelDesk
