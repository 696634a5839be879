#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace ModelDesk {

// What an MLflow `MLmodel` file says about a model: its flavors and its signature's inputs
// and outputs ("len: double, excl: double"; a tensor as "tensor int64 [-1]"). Read from the
// subset of YAML MLflow writes (block mappings, single-quoted JSON strings folded over
// lines); nothing else of the file is interpreted.
struct MlModelInfo
{
    QStringList flavors;
    QString inputs;
    QString outputs;
    bool operator==(const MlModelInfo &) const = default;
};

// nullopt when the text has no `flavors:` block (not an MLmodel file).
std::optional<MlModelInfo> parseMlModel(const QByteArray &yaml);

// Where a version's MLmodel lies under its run's artifact root, from the version's source:
// `runs:/<run>/<path>`, or a URI under the run's `artifactUri`, or one containing
// `/<run>/artifacts/`. Empty when the source points elsewhere (a logged model, a bucket).
QString mlModelPath(const QString &source, const QString &runId, const QString &artifactUri);

} // namespace ModelDesk
