#pragma once

#include <QCoreApplication>
#include <QLoggingCategory>

namespace ModelDesk {

Q_DECLARE_LOGGING_CATEGORY(lcSql)

// Translation context of the SQL store's messages.
class SqlText
{
    Q_DECLARE_TR_FUNCTIONS(ModelDesk::SqlBackend)
};

} // namespace ModelDesk
