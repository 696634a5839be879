#include "registry/compare/versioncomparison.h"
#include "registry/metrics/trend.h"

#include <QMap>

#include <cmath>

namespace ModelDesk {

namespace {

bool sameValue(const std::optional<ComparisonRow::Value> &a,
               const std::optional<ComparisonRow::Value> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    if (!a)
        return true;
    const double *x = std::get_if<double>(&*a);
    const double *y = std::get_if<double>(&*b);
    if (x && y && std::isnan(*x) && std::isnan(*y))
        return true; // NaN is NaN here
    return *a == *b;
}

void finish(ComparisonRow &row)
{
    row.differs = false;
    for (qsizetype i = 1; i < row.values.size(); ++i) {
        if (!sameValue(row.values.at(i), row.values.first()))
            row.differs = true;
    }
}

// A section of keyed rows: the union of every version's keys, sorted.
void addKeyed(QList<ComparisonRow> &rows,
              ComparisonRow::Section section,
              qsizetype count,
              const QMap<QString, QList<std::optional<ComparisonRow::Value>>> &byKey)
{
    for (auto it = byKey.cbegin(); it != byKey.cend(); ++it) {
        ComparisonRow row {section, it.key(), it.value(), false};
        row.values.resize(count);
        finish(row);
        rows.append(row);
    }
}

} // namespace

QString sectionName(ComparisonRow::Section section)
{
    switch (section) {
    case ComparisonRow::Section::Field:
        return QStringLiteral("field");
    case ComparisonRow::Section::Param:
        return QStringLiteral("param");
    case ComparisonRow::Section::Metric:
        return QStringLiteral("metric");
    case ComparisonRow::Section::VersionTag:
        return QStringLiteral("version_tag");
    case ComparisonRow::Section::RunTag:
        return QStringLiteral("run_tag");
    case ComparisonRow::Section::Model:
        return QStringLiteral("model");
    }
    return {};
}

bool isSystemTag(const QString &key)
{
    return key.startsWith(QLatin1String("mlflow."));
}

VersionComparison compareVersions(const QList<ComparedVersion> &versions)
{
    VersionComparison comparison;
    const qsizetype count = versions.size();
    for (const ComparedVersion &compared : versions)
        comparison.versions << compared.version.version;

    using Value = ComparisonRow::Value;
    const auto field = [&](const QString &key, auto get) {
        ComparisonRow row {ComparisonRow::Section::Field, key, {}, false};
        for (const ComparedVersion &compared : versions)
            row.values.append(get(compared));
        finish(row);
        comparison.rows.append(row);
    };
    const auto text = [](const std::optional<QString> &value) -> std::optional<Value> {
        if (!value)
            return std::nullopt;
        return Value(*value);
    };
    field(QStringLiteral("stage"), [](const ComparedVersion &c) -> std::optional<Value> {
        return Value(c.version.currentStage);
    });
    field(QStringLiteral("aliases"), [](const ComparedVersion &c) -> std::optional<Value> {
        QStringList aliases = c.version.aliases;
        aliases.sort();
        return Value(aliases.join(QStringLiteral(", ")));
    });
    field(QStringLiteral("status"),
          [](const ComparedVersion &c) -> std::optional<Value> { return Value(c.version.status); });
    field(QStringLiteral("source"),
          [](const ComparedVersion &c) -> std::optional<Value> { return Value(c.version.source); });
    field(QStringLiteral("run"), [](const ComparedVersion &c) -> std::optional<Value> {
        const QString runId = sourceRunId(c.version);
        if (runId.isEmpty())
            return std::nullopt;
        return Value(runId);
    });
    field(QStringLiteral("user"),
          [&text](const ComparedVersion &c) { return text(c.version.userId); });
    field(QStringLiteral("created"), [](const ComparedVersion &c) -> std::optional<Value> {
        return Value(c.version.creationTimestamp);
    });
    field(QStringLiteral("updated"), [](const ComparedVersion &c) -> std::optional<Value> {
        return Value(c.version.lastUpdatedTimestamp);
    });
    field(QStringLiteral("description"), [](const ComparedVersion &c) -> std::optional<Value> {
        if (!c.version.description)
            return std::nullopt;
        return Value(c.version.description->section(QLatin1Char('\n'), 0, 0).trimmed());
    });

    QMap<QString, QList<std::optional<Value>>> params, metrics, versionTags, runTags;
    const auto put = [count](QMap<QString, QList<std::optional<Value>>> &into, const QString &key,
                             qsizetype index, const Value &value) {
        auto &values = into[key];
        values.resize(count);
        values[index] = value;
    };
    for (qsizetype i = 0; i < count; ++i) {
        const ComparedVersion &compared = versions.at(i);
        for (const Tag &tag : compared.version.tags)
            put(versionTags, tag.key, i, tag.value);
        if (!compared.run)
            continue;
        for (const Tag &param : compared.run->params)
            put(params, param.key, i, param.value);
        for (const Metric &metric : compared.run->metrics)
            put(metrics, metric.key, i, metric.value);
        for (const Tag &tag : compared.run->tags) {
            if (!isSystemTag(tag.key))
                put(runTags, tag.key, i, tag.value);
        }
    }
    addKeyed(comparison.rows, ComparisonRow::Section::Param, count, params);
    addKeyed(comparison.rows, ComparisonRow::Section::Metric, count, metrics);
    addKeyed(comparison.rows, ComparisonRow::Section::VersionTag, count, versionTags);
    addKeyed(comparison.rows, ComparisonRow::Section::RunTag, count, runTags);
    // The MLmodel rows, when any version's file was read.
    if (std::any_of(versions.cbegin(), versions.cend(),
                    [](const ComparedVersion &c) { return c.model.has_value(); })) {
        const auto modelRow = [&](const QString &key, auto get) {
            ComparisonRow row{ComparisonRow::Section::Model, key, {}, false};
            for (const ComparedVersion &compared : versions) {
                if (compared.model)
                    row.values.append(Value(get(*compared.model)));
                else
                    row.values.append(std::nullopt);
            }
            finish(row);
            comparison.rows.append(row);
        };
        modelRow(QStringLiteral("flavors"),
                 [](const MlModelInfo &m) { return m.flavors.join(QStringLiteral(", ")); });
        modelRow(QStringLiteral("signature inputs"), [](const MlModelInfo &m) { return m.inputs; });
        modelRow(QStringLiteral("signature outputs"),
                 [](const MlModelInfo &m) { return m.outputs; });
    }
    return comparison;
}

} // namespace ModelDesk
