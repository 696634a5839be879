#pragma once

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace ModelDesk {

// A prepared statement run directly on the sqlite3 handle under a Qt SQLite connection.
// The store's hot reads (a 200,000-version page) use it because QSqlQuery builds a QVariant
// for every cell, which costs more than SQLite itself. Same thread rules as the connection.
class SqliteStatement
{
public:
    SqliteStatement(const QSqlDatabase &db, const QString &sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool isValid() const { return m_statement != nullptr; }
    // SQLite's error text and code after a failed prepare or step.
    QString errorText() const { return m_error; }
    int errorCode() const { return m_errorCode; }

    // Binds `values` to the ? placeholders in order.
    bool bind(const QVariantList &values);
    // Advances to the next row; false at the end or on an error (then errorText() is set).
    bool next();
    bool failed() const { return !m_error.isEmpty(); }

    bool isNull(int column) const;
    qint64 integer(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    // The same as text(), but a value equal to this column's previous one is shared with it
    // rather than decoded again: a model's name or a stage repeated over 200,000 rows is then
    // stored once.
    QString repeatedText(int column);

private:
    void fail();

    sqlite3 *m_handle = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    QString m_error;
    int m_errorCode = 0;
    QList<std::pair<QByteArray, QString>> m_lastText;
};

} // namespace ModelDesk
