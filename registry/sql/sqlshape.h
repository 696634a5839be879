#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace ModelDesk::SqlShape {

// What a table is to the statements that read and write it: its columns with their declared
// types, nullability, defaults and primary-key positions, its foreign keys and its UNIQUE
// constraints, as SQLite's PRAGMAs report them. Column order and plain indexes are left out:
// ModelDesk names every column it reads or writes, and indexes change no row.
struct TableShape
{
    struct Column
    {
        QString name;
        QString type; // upper case, without spaces
        bool notNull = false;
        QString defaultValue; // the default's SQL text; empty when there is none
        int keyPosition = 0;  // 1-based position in the primary key, 0 when not part of it

        bool operator==(const Column &other) const = default;
    };

    QString table;
    bool exists = false;
    QList<Column> columns;   // ordered by name
    QStringList foreignKeys; // one line each, e.g. "(name) REFERENCES registered_models (name)
                             // ON UPDATE CASCADE ON DELETE NO ACTION", sorted
    QStringList uniques;     // "(workspace, name)" per UNIQUE constraint besides the key, sorted

    const Column *column(const QString &name) const;
    QStringList primaryKey() const;
};

// The shape of `table` in `db`; `exists` is false when there is no such table.
TableShape read(QSqlDatabase &db, const QString &table);

// What differs from `expected` in `actual`, one short sentence per difference (translated).
QStringList differences(const TableShape &expected, const TableShape &actual);

// The five tables of MLflow's model registry, the ones ModelDesk writes.
const QStringList &registryTables();

// A registry layout ModelDesk knows how to write, read from the DDL MLflow itself creates
// (registry/sql/layouts/).
struct KnownLayout
{
    QString name;        // what users call it: "MLflow 3.12"
    bool workspaces = false;
    QList<TableShape> tables; // registryTables(), in that order
};

// Every layout ModelDesk writes, oldest first.
const QList<KnownLayout> &knownLayouts();

// How a store's registry tables compare with the known layouts: the one they equal (no
// differences), or else the nearest one and what differs from it.
struct Match
{
    const KnownLayout *layout = nullptr;
    QStringList differences;

    bool exact() const { return layout && differences.isEmpty(); }
};
Match match(QSqlDatabase &db);

// The columns ModelDesk reads from the tracking tables (runs, metrics, params, tags,
// experiments, datasets, inputs) that the store lacks, as "table.column"; tables missing as a
// whole are left out (the features that read them are off).
QStringList missingReadColumns(QSqlDatabase &db);

} // namespace ModelDesk::SqlShape
