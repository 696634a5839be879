#include "registry/card/modelcard.h"

#include "registry/compare/mlmodelfile.h"
#include "registry/whenfinished.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPromise>
#include <QTemporaryDir>

#include <memory>

namespace ModelDesk::Card {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ModelDesk::Card", text);
}

struct Reading
{
    QPromise<Result<ModelCard>> promise;
    QPointer<Registry> registry;
    ModelCard card;
    QString artifactUri;
    std::unique_ptr<QTemporaryDir> downloads;
    int pending = 0;

    void done()
    {
        if (--pending > 0)
            return;
        promise.addResult(std::move(card));
        promise.finish();
    }
};

using State = std::shared_ptr<Reading>;

QString dateText(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
                  : QString();
}

// A value for one cell of a Markdown table.
QString cell(const QString &text)
{
    QString value = text.simplified();
    value.replace(QLatin1Char('|'), QStringLiteral("\\|"));
    return value.isEmpty() ? QStringLiteral("—") : value;
}

QString rowsFrom(const QString &profile)
{
    const QJsonObject object = QJsonDocument::fromJson(profile.toUtf8()).object();
    for (const char *key : {"num_rows", "rows", "row_count"}) {
        const QJsonValue value = object.value(QLatin1String(key));
        if (value.isDouble())
            return QString::number(qint64(value.toDouble()));
    }
    return {};
}

// A dataset's source as MLflow stores it is JSON ({"uri": ...}); the location alone reads
// better.
QString sourceText(const QString &source)
{
    const QJsonObject object = QJsonDocument::fromJson(source.toUtf8()).object();
    for (const char *key : {"uri", "url", "path", "table_name"}) {
        const QString value = object.value(QLatin1String(key)).toString();
        if (!value.isEmpty())
            return value;
    }
    return source;
}

void readMlModel(const State &state)
{
    const QString path = mlModelPath(state->card.source, state->card.runId, state->artifactUri);
    state->downloads = std::make_unique<QTemporaryDir>();
    if (path.isEmpty() || !state->downloads->isValid()) {
        state->card.notes << tr("The model's MLmodel file is not under its run's artifacts, so "
                                "its flavors are not shown.");
        return;
    }
    const QString file = state->downloads->filePath(QStringLiteral("MLmodel"));
    ++state->pending;
    whenFinished(state->registry->downloadArtifact(state->card.runId, path, file),
                 state->registry.data(), [state, file](const Result<Done> &downloaded) {
                     QFile text(file);
                     std::optional<MlModelInfo> info;
                     if (downloaded && text.size() < 1024 * 1024 && text.open(QIODevice::ReadOnly))
                         info = parseMlModel(text.readAll());
                     if (info) {
                         state->card.flavors = info->flavors;
                         for (const QString &flavor : info->flavors) {
                             if (flavor != QLatin1String("python_function"))
                                 state->card.framework = flavor;
                         }
                         if (!info->inputs.isEmpty() || !info->outputs.isEmpty())
                             state->card.signature = info->inputs + QStringLiteral(" → ")
                                                     + info->outputs;
                     } else {
                         state->card.notes
                             << (downloaded ? tr("The model's MLmodel file could not be read.")
                                            : tr("The model's MLmodel file could not be read: %1")
                                                  .arg(downloaded.error().message()));
                     }
                     state->done();
                 });
}

void readRun(const State &state)
{
    ++state->pending;
    whenFinished(state->registry->run(state->card.runId), state->registry.data(),
                 [state](const Result<Run> &run) {
                     if (!run) {
                         state->card.notes << tr("The source run %1 could not be read: %2")
                                                  .arg(state->card.runId, run.error().message());
                         state->done();
                         return;
                     }
                     ModelCard &card = state->card;
                     card.owner = run->info.userId;
                     card.runName = run->info.runName;
                     card.metrics = run->metrics;
                     std::sort(card.metrics.begin(), card.metrics.end(),
                               [](const Metric &a, const Metric &b) { return a.key < b.key; });
                     for (const DatasetInput &input : run->datasetInputs) {
                         DatasetFact fact;
                         fact.name = input.dataset.name;
                         fact.source = sourceText(input.dataset.source);
                         fact.digest = input.dataset.digest;
                         fact.rows = rowsFrom(input.dataset.profile);
                         for (const Tag &tag : input.tags) {
                             if (tag.key == QLatin1String("mlflow.data.context"))
                                 fact.context = tag.value;
                         }
                         card.datasets.append(fact);
                     }
                     state->artifactUri = run->info.artifactUri;
                     card.experiment = run->info.experimentId;
                     ++state->pending;
                     whenFinished(state->registry->experiment(run->info.experimentId),
                                  state->registry.data(), [state](const Result<Experiment> &experiment) {
                                      if (experiment)
                                          state->card.experiment = experiment->name;
                                      state->done();
                                  });
                     readMlModel(state);
                     state->done();
                 });
}

} // namespace

const QList<Section> &sections()
{
    static const QList<Section> all{
        {QStringLiteral("license"), tr("Licence"),
         tr("The licence the model is released under, e.g. Apache-2.0 or proprietary"), false},
        {QStringLiteral("intended_use"), tr("Intended use"),
         tr("What the model is for, who should use it, and uses it is not meant for")},
        {QStringLiteral("limitations"), tr("Limitations"),
         tr("Where it performs poorly: populations, inputs, conditions")},
        {QStringLiteral("ethical_considerations"), tr("Ethical considerations"),
         tr("Sensitive data, fairness across groups, risks of harm and how they are handled")},
        {QStringLiteral("caveats"), tr("Caveats and recommendations"),
         tr("What else a user should know; how to monitor and when to retrain")},
    };
    return all;
}

QHash<QString, QString> proseFrom(const QList<Tag> &tags)
{
    QHash<QString, QString> prose;
    for (const Tag &tag : tags) {
        if (tag.key.startsWith(TagPrefix))
            prose.insert(tag.key.mid(TagPrefix.size()), tag.value);
    }
    return prose;
}

Result<Done> checkSection(const Section &section, const QString &text)
{
    if (text.size() > SectionLimit) {
        return RegistryError(ErrorCode::InvalidParameterValue,
                             tr("%1 has %2 characters; at most %3 fit in the registry.")
                                 .arg(section.title)
                                 .arg(text.size())
                                 .arg(SectionLimit));
    }
    return Done{};
}

QFuture<Result<ModelCard>> read(Registry *registry, const QString &model, qint64 version)
{
    auto state = std::make_shared<Reading>();
    state->registry = registry;
    state->promise.start();
    QFuture<Result<ModelCard>> future = state->promise.future();
    state->pending = 1;
    whenFinished(registry->version(model, version), registry, [state](const Result<ModelVersion> &row) {
        if (!row) {
            state->promise.addResult(row.error());
            state->promise.finish();
            return;
        }
        ModelCard &card = state->card;
        card.model = row->name;
        card.version = row->version;
        card.description = row->description.value_or(QString());
        card.stage = row->currentStage;
        card.aliases = row->aliases;
        card.created = row->creationTimestamp;
        card.updated = row->lastUpdatedTimestamp;
        card.source = row->source;
        card.runId = row->runId.value_or(QString());
        card.prose = proseFrom(row->tags);
        if (card.owner.isEmpty())
            card.owner = row->userId.value_or(QString());
        if (card.runId.isEmpty())
            card.notes << tr("The version names no source run, so training data and evaluation "
                             "are not shown.");
        else
            readRun(state);
        state->done();
    });
    return future;
}

QString toMarkdown(const ModelCard &card)
{
    QString md;
    const auto prose = [&card, &md](const QString &key) {
        for (const Section &section : sections()) {
            if (section.key != key)
                continue;
            md += QStringLiteral("\n## %1\n\n").arg(section.title);
            const QString text = card.prose.value(key).trimmed();
            md += text.isEmpty() ? tr("*Not written yet.*") : text;
            md += QLatin1Char('\n');
        }
    };
    md += tr("# Model card: %1 version %2\n").arg(card.model).arg(card.version);
    if (!card.description.trimmed().isEmpty())
        md += QLatin1Char('\n') + card.description.trimmed() + QLatin1Char('\n');

    md += tr("\n## Model details\n\n| Field | Value |\n|---|---|\n");
    const auto row = [&md](const QString &field, const QString &value) {
        md += QStringLiteral("| %1 | %2 |\n").arg(field, cell(value));
    };
    row(tr("Name"), card.model);
    row(tr("Version"), QString::number(card.version));
    row(tr("Stage"), card.stage);
    row(tr("Aliases"), card.aliases.join(QStringLiteral(", ")));
    row(tr("Framework"), card.framework);
    row(tr("Flavors"), card.flavors.join(QStringLiteral(", ")));
    row(tr("Signature"), card.signature);
    row(tr("Owner"), card.owner);
    row(tr("Created"), dateText(card.created));
    row(tr("Last updated"), dateText(card.updated));
    row(tr("Licence"), card.prose.value(QStringLiteral("license")));
    row(tr("Source run"), card.runName.isEmpty() ? card.runId
                                                 : QStringLiteral("%1 (%2)").arg(card.runName, card.runId));
    row(tr("Experiment"), card.experiment);
    row(tr("Source"), card.source);

    prose(QStringLiteral("intended_use"));

    md += tr("\n## Training data\n\n");
    if (card.datasets.isEmpty()) {
        md += tr("*The run records no datasets.*\n");
    } else {
        md += tr("| Dataset | Source | Digest | Rows | Context |\n|---|---|---|---|---|\n");
        for (const DatasetFact &data : card.datasets) {
            md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 |\n")
                      .arg(cell(data.name), cell(data.source), cell(data.digest), cell(data.rows),
                           cell(data.context));
        }
    }

    md += tr("\n## Evaluation\n\n");
    if (card.metrics.isEmpty()) {
        md += tr("*The run records no metrics.*\n");
    } else {
        md += tr("| Metric | Latest value | Step |\n|---|---|---|\n");
        for (const Metric &metric : card.metrics) {
            md += QStringLiteral("| %1 | %2 | %3 |\n")
                      .arg(cell(metric.key), QString::number(metric.value, 'g', 6))
                      .arg(metric.step);
        }
    }

    prose(QStringLiteral("limitations"));
    prose(QStringLiteral("ethical_considerations"));
    prose(QStringLiteral("caveats"));
    if (!card.notes.isEmpty()) {
        md += tr("\n---\n\n");
        for (const QString &note : card.notes)
            md += QStringLiteral("- %1\n").arg(note);
    }
    return md;
}

} // namespace ModelDesk::Card
