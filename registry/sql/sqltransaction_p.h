#pragma once

#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlbackend_p.h"

#include <QSqlQuery>

namespace ModelDesk {

// Owns one write transaction: BEGIN IMMEDIATE takes the write lock up front (waiting up to
// the busy timeout), so a version number read inside it cannot be taken by another writer.
// Inside another write (a governed change made of several) it joins the outer transaction,
// which alone commits or rolls back.
class SqlBackend::Transaction
{
public:
    explicit Transaction(SqlBackend *backend)
        : m_backend(backend)
        , m_query(backend->database())
    {}
    ~Transaction()
    {
        if (!m_open)
            return;
        --m_backend->m_transactionDepth;
        if (!m_nested)
            m_query.exec(QStringLiteral("ROLLBACK"));
    }

    Result<Done> begin()
    {
        m_nested = m_backend->m_transactionDepth > 0;
        if (!m_nested && !m_query.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return m_backend->sqlFailure(SqlText::tr("Could not start a write."),
                                         m_query.lastError());
        m_open = true;
        ++m_backend->m_transactionDepth;
        return Done{};
    }
    Result<Done> commit()
    {
        if (!m_nested && !m_query.exec(QStringLiteral("COMMIT")))
            return m_backend->sqlFailure(SqlText::tr("Could not save the change."),
                                         m_query.lastError());
        m_open = false;
        --m_backend->m_transactionDepth;
        return Done{};
    }

private:
    SqlBackend *m_backend;
    QSqlQuery m_query;
    bool m_open = false;
    bool m_nested = false;
};

} // namespace ModelDesk
