#include "tests/registry/sqlquery.h"

#include <QDebug>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace TestSupport {

QString queryScalar(const QString &path, const QString &sql)
{
    const QString connection = QStringLiteral("testsupport-scalar");
    QString value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                value = query.value(0).toString();
            else
                qWarning() << sql << query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return value;
}

QList<QStringList> queryRows(const QString &path, const QString &sql, const QVariantList &values)
{
    const QString connection = QStringLiteral("testsupport-rows");
    QList<QStringList> rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(sql);
            for (const QVariant &value : values)
                query.addBindValue(value);
            if (query.exec()) {
                while (query.next()) {
                    QStringList row;
                    for (int i = 0; i < query.record().count(); ++i)
                        row << query.value(i).toString();
                    rows << row;
                }
            } else {
                qWarning() << sql << query.lastError().text();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return rows;
}

QString execSql(const QString &path, const QString &sql, const QVariantList &values)
{
    const QString connection = QStringLiteral("testsupport-exec");
    QString failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (!db.open()) {
            failure = db.lastError().text();
        } else {
            QSqlQuery query(db);
            query.prepare(sql);
            for (const QVariant &value : values)
                query.addBindValue(value);
            if (!query.exec())
                failure = query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return failure;
}

bool execAll(const QString &path, const QStringList &statements)
{
    for (const QString &statement : statements) {
        const QString failure = execSql(path, statement);
        if (!failure.isEmpty()) {
            qWarning() << statement << failure;
            return false;
        }
    }
    return true;
}

} // namespace TestSupport
