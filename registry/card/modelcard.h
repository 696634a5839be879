#pragma once

#include "registry/registry.h"

#include <QFuture>
#include <QHash>

// A model card for a version, after the fields of the common standards (Google's Model Card
// Toolkit, Hugging Face's card metadata): facts read from the registry — model details, the
// training data (the run's datasets), evaluation (the run's latest metrics) — and prose
// sections people write, kept in the registry as version tags (modeldesk.card.<section>, at
// most SectionLimit characters each, within what MLflow servers keep), so cards travel with
// the registry to every backend and into snapshots.
namespace ModelDesk::Card {

inline const QString TagPrefix = QStringLiteral("modeldesk.card.");
constexpr int SectionLimit = 5000;

struct Section
{
    QString key;   // "intended_use"; the tag is TagPrefix + key
    QString title; // "Intended use"
    QString hint;  // what to write there
    bool multiline = true;
};
// The sections people write, in the card's order (licence first: one line).
const QList<Section> &sections();

struct DatasetFact
{
    QString name;
    QString source;
    QString digest;
    QString rows;    // from the dataset's profile, when it says
    QString context; // mlflow.data.context: training, eval, …
    bool operator==(const DatasetFact &) const = default;
};

struct ModelCard
{
    QString model;
    qint64 version = 0;
    QString description;
    QString stage;
    QStringList aliases;
    qint64 created = 0;
    qint64 updated = 0;
    QString source;
    QStringList flavors;  // from the version's MLmodel, when readable
    QString framework;    // the flavor that is not python_function
    QString signature;    // "inputs → outputs"
    QString owner;        // the run's user
    QString runId;
    QString runName;
    QString experiment;
    QList<DatasetFact> datasets;
    QList<Metric> metrics; // latest values
    QHash<QString, QString> prose; // by section key
    QStringList notes; // what could not be read, for the reader
};

// Reads what the card needs: the version, its model, its run, the run's experiment and the
// version's MLmodel (downloaded into a temporary folder). Facts that cannot be read are left
// out and named in `notes`; only a missing version fails.
QFuture<Result<ModelCard>> read(Registry *registry, const QString &model, qint64 version);

// The prose sections of `tags`.
QHash<QString, QString> proseFrom(const QList<Tag> &tags);
// The card as a Markdown document.
QString toMarkdown(const ModelCard &card);
// Refuses a section longer than SectionLimit.
Result<Done> checkSection(const Section &section, const QString &text);

} // namespace ModelDesk::Card
