#pragma once

#include "registry/compare/mlmodelfile.h"
#include "registry/types.h"

#include <optional>
#include <variant>

namespace ModelDesk {

// Model versions side by side: one row per field, parameter, latest metric, version tag and
// non-system run tag, one value per version (none where a version lacks the key), and
// whether the values differ. Built from what the registry answered; pure.
struct ComparisonRow
{
    enum class Section { Field, Param, Metric, VersionTag, RunTag, Model };
    // A text (fields, params, tags), a number (metrics) or a time in milliseconds.
    using Value = std::variant<QString, double, qint64>;

    Section section = Section::Field;
    QString key; // "stage", a param's or tag's key, a metric's name
    QList<std::optional<Value>> values; // one per version, in the order compared
    bool differs = false;
};

struct VersionComparison
{
    QList<qint64> versions;
    QList<ComparisonRow> rows;
};

// What one version brings: the version as get returns it (aliases included) and its source
// run, when it has one that could be read.
struct ComparedVersion
{
    ModelVersion version;
    std::optional<Run> run;
    // Its MLmodel file, where it could be read: rows in the Model section (flavors,
    // signature inputs and outputs).
    std::optional<MlModelInfo> model;
};

VersionComparison compareVersions(const QList<ComparedVersion> &versions);

// "field", "param", "metric", "version_tag", "run_tag", "model": the JSON names of the
// sections.
QString sectionName(ComparisonRow::Section section);

// Whether a run tag is MLflow's own (mlflow.*), left out of comparisons.
bool isSystemTag(const QString &key);

} // namespace ModelDesk
