// Table shapes as SQLite reports them, and the registry layouts ModelDesk writes, read from
// the DDL real MLflow servers create (layouts/*.sql) into an in-memory database once.
#include "registry/sql/sqlshape.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFile>
#include <QMap>
#include <QSqlQuery>

#include <algorithm>

namespace ModelDesk::SqlShape {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ModelDesk::SqlShape", text);
}

QString quoted(const QString &name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\""))
        + QLatin1Char('"');
}

QString columnList(const QStringList &columns)
{
    return QLatin1Char('(') + columns.join(QStringLiteral(", ")) + QLatin1Char(')');
}

// An empty list of keys or constraints, said as such.
QString orNone(const QString &list)
{
    return list.isEmpty() ? tr("(none)") : list;
}

QString describe(const TableShape::Column &column)
{
    QString text = column.type;
    if (column.notNull)
        text += QStringLiteral(" NOT NULL");
    if (!column.defaultValue.isEmpty())
        text += QStringLiteral(" DEFAULT ") + column.defaultValue;
    return text;
}

QStringList indexColumns(QSqlDatabase &db, const QString &index)
{
    QSqlQuery info(db);
    QStringList columns;
    if (!info.exec(QStringLiteral("PRAGMA index_info(%1)").arg(quoted(index))))
        return columns;
    while (info.next())
        columns << info.value(2).toString();
    return columns;
}

QString connectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("modeldesk-layouts-%1").arg(counter.fetchAndAddRelaxed(1));
}

QList<TableShape> shapesFromDdl(const QString &resource)
{
    QList<TableShape> tables;
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly))
        return tables;
    const QString ddl = QString::fromUtf8(file.readAll());
    const QString connection = connectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(QStringLiteral(":memory:"));
        if (db.open()) {
            QSqlQuery query(db);
            for (const QString &statement : ddl.split(QStringLiteral(";\n"), Qt::SkipEmptyParts)) {
                if (!statement.trimmed().isEmpty())
                    query.exec(statement);
            }
            for (const QString &table : registryTables())
                tables << read(db, table);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return tables;
}

QList<KnownLayout> loadLayouts()
{
    QList<KnownLayout> layouts;
    const auto add = [&layouts](const QString &name, const QString &file, bool workspaces) {
        const QList<TableShape> tables
            = shapesFromDdl(QStringLiteral(":/modeldesk/sql/layouts/") + file);
        // A layout that could not be read whole would match every store: it is left out,
        // and stores only it describes open read-only.
        const bool whole = tables.size() == registryTables().size()
                           && std::all_of(tables.cbegin(), tables.cend(), [](const TableShape &t) {
                                  return !t.columns.isEmpty();
                              });
        if (whole)
            layouts.append({name, workspaces, tables});
        else
            qWarning("ModelDesk: the table layout of %s could not be read", qPrintable(name));
    };
    add(QStringLiteral("MLflow 2.22"), QStringLiteral("mlflow-2.22.sql"), false);
    if (layouts.isEmpty())
        return layouts;
    // MLflow 2.3 to 2.7: the same tables before model_versions.storage_location was added.
    KnownLayout before28 = layouts.constFirst();
    before28.name = QStringLiteral("MLflow 2.3–2.7");
    for (TableShape &table : before28.tables) {
        table.columns.removeIf([](const TableShape::Column &column) {
            return column.name == QLatin1String("storage_location");
        });
    }
    layouts.prepend(before28);
    add(QStringLiteral("MLflow 3.6"), QStringLiteral("mlflow-3.6.sql"), false);
    add(QStringLiteral("MLflow 3.12"), QStringLiteral("mlflow-3.12.sql"), true);
    return layouts;
}

} // namespace

const TableShape::Column *TableShape::column(const QString &name) const
{
    const auto found = std::find_if(columns.cbegin(), columns.cend(),
                                    [&name](const Column &column) { return column.name == name; });
    return found == columns.cend() ? nullptr : &*found;
}

QStringList TableShape::primaryKey() const
{
    QList<const Column *> key;
    for (const Column &column : columns) {
        if (column.keyPosition > 0)
            key << &column;
    }
    std::sort(key.begin(), key.end(), [](const Column *a, const Column *b) {
        return a->keyPosition < b->keyPosition;
    });
    QStringList names;
    for (const Column *column : std::as_const(key))
        names << column->name;
    return names;
}

TableShape read(QSqlDatabase &db, const QString &table)
{
    TableShape shape;
    shape.table = table;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA table_info(%1)").arg(quoted(table))))
        return shape;
    while (query.next()) {
        TableShape::Column column;
        column.name = query.value(1).toString();
        column.type = query.value(2).toString().toUpper().remove(QLatin1Char(' '));
        column.notNull = query.value(3).toInt() != 0;
        column.defaultValue = query.value(4).toString();
        column.keyPosition = query.value(5).toInt();
        shape.columns << column;
    }
    shape.exists = !shape.columns.isEmpty();
    std::sort(shape.columns.begin(), shape.columns.end(),
              [](const TableShape::Column &a, const TableShape::Column &b) {
                  return a.name < b.name;
              });

    // PRAGMA foreign_key_list: id, seq, table, from, to, on_update, on_delete, match.
    if (query.exec(QStringLiteral("PRAGMA foreign_key_list(%1)").arg(quoted(table)))) {
        struct Key
        {
            QString target, onUpdate, onDelete;
            QStringList from, to;
        };
        QMap<int, Key> keys;
        while (query.next()) {
            Key &key = keys[query.value(0).toInt()];
            key.target = query.value(2).toString();
            key.from << query.value(3).toString();
            key.to << query.value(4).toString();
            key.onUpdate = query.value(5).toString().toUpper();
            key.onDelete = query.value(6).toString().toUpper();
        }
        for (const Key &key : std::as_const(keys)) {
            shape.foreignKeys << QStringLiteral("%1 REFERENCES %2 %3 ON UPDATE %4 ON DELETE %5")
                                     .arg(columnList(key.from), key.target, columnList(key.to),
                                          key.onUpdate, key.onDelete);
        }
        shape.foreignKeys.sort();
    }
    // PRAGMA index_list: seq, name, unique, origin (c, u or pk), partial.
    if (query.exec(QStringLiteral("PRAGMA index_list(%1)").arg(quoted(table)))) {
        QStringList uniqueIndexes;
        while (query.next()) {
            if (query.value(2).toInt() != 0 && query.value(3).toString() != QLatin1String("pk"))
                uniqueIndexes << query.value(1).toString();
        }
        for (const QString &index : std::as_const(uniqueIndexes))
            shape.uniques << columnList(indexColumns(db, index));
        shape.uniques.sort();
    }
    return shape;
}

QStringList differences(const TableShape &expected, const TableShape &actual)
{
    QStringList found;
    const QString &table = expected.table;
    if (!actual.exists) {
        found << tr("table %1 is missing").arg(table);
        return found;
    }
    for (const TableShape::Column &column : actual.columns) {
        if (!expected.column(column.name))
            found << tr("%1 has a new column %2 %3").arg(table, column.name, describe(column));
    }
    for (const TableShape::Column &column : expected.columns) {
        const TableShape::Column *now = actual.column(column.name);
        if (!now) {
            found << tr("%1 has no column %2").arg(table, column.name);
        } else if (describe(*now) != describe(column)) {
            found << tr("%1.%2 is %3, not %4")
                         .arg(table, column.name, describe(*now), describe(column));
        }
    }
    if (actual.primaryKey() != expected.primaryKey()) {
        found << tr("%1 has the primary key %2, not %3")
                     .arg(table, columnList(actual.primaryKey()), columnList(expected.primaryKey()));
    }
    if (actual.foreignKeys != expected.foreignKeys) {
        found << tr("%1 has the foreign keys %2, not %3")
                     .arg(table, orNone(actual.foreignKeys.join(QStringLiteral("; "))),
                          orNone(expected.foreignKeys.join(QStringLiteral("; "))));
    }
    if (actual.uniques != expected.uniques) {
        found << tr("%1 has the unique constraints %2, not %3")
                     .arg(table, orNone(actual.uniques.join(QStringLiteral(", "))),
                          orNone(expected.uniques.join(QStringLiteral(", "))));
    }
    return found;
}

const QStringList &registryTables()
{
    static const QStringList tables{
        QStringLiteral("registered_models"),        QStringLiteral("model_versions"),
        QStringLiteral("registered_model_tags"),    QStringLiteral("model_version_tags"),
        QStringLiteral("registered_model_aliases"),
    };
    return tables;
}

const QList<KnownLayout> &knownLayouts()
{
    static const QList<KnownLayout> layouts = loadLayouts();
    return layouts;
}

Match match(QSqlDatabase &db)
{
    QList<TableShape> actual;
    for (const QString &table : registryTables())
        actual << read(db, table);
    Match best;
    for (const KnownLayout &layout : knownLayouts()) {
        QStringList found;
        for (qsizetype i = 0; i < layout.tables.size(); ++i)
            found += differences(layout.tables.at(i), actual.at(i));
        if (!best.layout || found.size() < best.differences.size()) {
            best.layout = &layout;
            best.differences = found;
        }
        if (found.isEmpty())
            break;
    }
    return best;
}

QStringList missingReadColumns(QSqlDatabase &db)
{
    // Every column a statement in sqlbackend_read.cpp names.
    static const QList<std::pair<QString, QStringList>> reads{
        {QStringLiteral("runs"),
         {QStringLiteral("run_uuid"), QStringLiteral("experiment_id"), QStringLiteral("name"),
          QStringLiteral("user_id"), QStringLiteral("status"), QStringLiteral("start_time"),
          QStringLiteral("end_time"), QStringLiteral("artifact_uri"),
          QStringLiteral("lifecycle_stage")}},
        {QStringLiteral("latest_metrics"),
         {QStringLiteral("run_uuid"), QStringLiteral("key"), QStringLiteral("value"),
          QStringLiteral("timestamp"), QStringLiteral("step"), QStringLiteral("is_nan")}},
        {QStringLiteral("metrics"),
         {QStringLiteral("run_uuid"), QStringLiteral("key"), QStringLiteral("value"),
          QStringLiteral("timestamp"), QStringLiteral("step"), QStringLiteral("is_nan")}},
        {QStringLiteral("params"),
         {QStringLiteral("run_uuid"), QStringLiteral("key"), QStringLiteral("value")}},
        {QStringLiteral("tags"),
         {QStringLiteral("run_uuid"), QStringLiteral("key"), QStringLiteral("value")}},
        {QStringLiteral("experiments"), {QStringLiteral("experiment_id")}},
        {QStringLiteral("datasets"),
         {QStringLiteral("dataset_uuid"), QStringLiteral("name"), QStringLiteral("digest"),
          QStringLiteral("dataset_source_type"), QStringLiteral("dataset_source"),
          QStringLiteral("dataset_schema"), QStringLiteral("dataset_profile")}},
        {QStringLiteral("inputs"),
         {QStringLiteral("input_uuid"), QStringLiteral("source_type"),
          QStringLiteral("source_id"), QStringLiteral("destination_type"),
          QStringLiteral("destination_id")}},
        {QStringLiteral("input_tags"),
         {QStringLiteral("input_uuid"), QStringLiteral("name"), QStringLiteral("value")}},
    };
    QStringList missing;
    for (const auto &[table, columns] : reads) {
        const TableShape shape = read(db, table);
        if (!shape.exists)
            continue;
        for (const QString &column : columns) {
            if (!shape.column(column))
                missing << table + QLatin1Char('.') + column;
        }
    }
    return missing;
}

} // namespace ModelDesk::SqlShape
