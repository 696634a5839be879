#include "registry/sql/sqlitestatement.h"

#include <QSqlDriver>

#include <sqlite3.h>

namespace ModelDesk {

SqliteStatement::SqliteStatement(const QSqlDatabase &db, const QString &sql)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
        m_error = QStringLiteral("not an SQLite connection");
        return;
    }
    m_handle = *static_cast<sqlite3 *const *>(handle.constData());
    if (!m_handle) {
        m_error = QStringLiteral("the connection is closed");
        return;
    }
    const int result = sqlite3_prepare16_v2(m_handle, sql.utf16(), int(sql.size() * 2),
                                            &m_statement, nullptr);
    if (result != SQLITE_OK) {
        fail();
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
    }
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

void SqliteStatement::fail()
{
    m_errorCode = sqlite3_extended_errcode(m_handle);
    m_error = QString::fromUtf8(sqlite3_errmsg(m_handle));
}

bool SqliteStatement::bind(const QVariantList &values)
{
    if (!m_statement)
        return false;
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        int result = SQLITE_OK;
        switch (value.typeId()) {
        case QMetaType::Int:
        case QMetaType::LongLong:
        case QMetaType::UInt:
        case QMetaType::ULongLong:
        case QMetaType::Bool:
            result = sqlite3_bind_int64(m_statement, i + 1, value.toLongLong());
            break;
        case QMetaType::Double:
            result = sqlite3_bind_double(m_statement, i + 1, value.toDouble());
            break;
        default:
            if (value.isNull()) {
                result = sqlite3_bind_null(m_statement, i + 1);
            } else {
                const QString text = value.toString();
                result = sqlite3_bind_text16(m_statement, i + 1, text.utf16(),
                                             int(text.size() * 2), SQLITE_TRANSIENT);
            }
        }
        if (result != SQLITE_OK) {
            fail();
            return false;
        }
    }
    return true;
}

bool SqliteStatement::next()
{
    if (!m_statement)
        return false;
    const int result = sqlite3_step(m_statement);
    if (result == SQLITE_ROW)
        return true;
    if (result != SQLITE_DONE)
        fail();
    return false;
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

qint64 SqliteStatement::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

double SqliteStatement::real(int column) const
{
    return sqlite3_column_double(m_statement, column);
}

QByteArray SqliteStatement::blob(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_statement, column));
    return data ? QByteArray(data, sqlite3_column_bytes(m_statement, column)) : QByteArray();
}

QString SqliteStatement::text(int column) const
{
    // UTF-8 as stored, decoded by Qt: asking SQLite for UTF-16 costs it a conversion and an
    // allocation per cell.
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    if (!data)
        return QString();
    return QString::fromUtf8(data, sqlite3_column_bytes(m_statement, column));
}

QString SqliteStatement::repeatedText(int column)
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    if (!data)
        return QString();
    const QByteArrayView bytes(data, sqlite3_column_bytes(m_statement, column));
    if (column >= m_lastText.size())
        m_lastText.resize(column + 1);
    auto &[lastBytes, lastText] = m_lastText[column];
    if (lastText.isNull() || lastBytes != bytes) {
        lastBytes = bytes.toByteArray();
        lastText = QString::fromUtf8(bytes);
    }
    return lastText;
}

} // namespace ModelDesk
