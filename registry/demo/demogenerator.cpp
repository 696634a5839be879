#include "registry/demo/demogenerator.h"
#include "registry/demo/demodata.h"
#include "registry/sql/sqlbackend.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <numbers>
#include <random>
#include <vector>

namespace ModelDesk {

namespace {

using namespace DemoData;

QString tr(const char *text)
{
    return QCoreApplication::translate("ModelDesk::DemoGenerator", text);
}

QString utf8(const char *text)
{
    return QString::fromUtf8(text);
}

// The demo's "now", 2026-01-05 09:00:00 UTC. Every timestamp lies before it, so the content
// does not depend on the wall clock.
constexpr qint64 DemoNow = 1767603600000;
constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;
// MLflow stores +inf as the largest double and NaN as 0 with is_nan = 1.
constexpr double StoredInfinity = std::numeric_limits<double>::max();
// Only this many runs get full metric histories; the others log their final values once.
constexpr int MaxHistoryRuns = 200;
// The huge model's versions come from a handful of nightly runs.
constexpr int HugeModelRuns = 8;
// Every experiment has training and holdout datasets for 2024-q1 .. 2025-q4.
constexpr int FirstDatasetYear = 2024;
constexpr int DatasetQuarters = 8;
constexpr int SweepTrials = 5;
// Runs written before the model runs: per experiment a sweep (parent and trials), a FAILED
// and a KILLED run; then a diverging, a RUNNING and a deleted run.
constexpr int ExtraRunsPerExperiment = 1 + SweepTrials + 2;
constexpr int GlobalExtraRuns = 3;
constexpr int PromptVersions = int(PromptHistory.size());
// Progress units: a run with its rows costs about twenty version rows.
constexpr qint64 RunWork = 20;

// A deterministic random source. The distributions are written out instead of taken from
// <random>, whose distributions are allowed to differ between standard libraries.
class Random
{
public:
    explicit Random(quint32 seed)
        : m_engine(seed)
    { }

    quint64 next() { return m_engine(); }
    qint64 between(qint64 low, qint64 high) // inclusive
    {
        if (high <= low)
            return low;
        return low + qint64(next() % quint64(high - low + 1));
    }
    double real() { return double(next() >> 11) * (1.0 / 9007199254740992.0); } // [0, 1)
    double real(double low, double high) { return low + (high - low) * real(); }
    bool chance(double probability) { return real() < probability; }
    double gaussian()
    {
        const double u1 = 1.0 - real();
        const double u2 = real();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }
    template<typename T, std::size_t N>
    const T &pick(const std::array<T, N> &items)
    {
        return items[std::size_t(next() % N)];
    }

    QString hex(int digits)
    {
        static const char16_t alphabet[] = u"0123456789abcdef";
        QString text(digits, Qt::Uninitialized);
        QChar *out = text.data();
        quint64 bits = 0;
        for (int i = 0; i < digits; ++i) {
            if (i % 16 == 0)
                bits = next();
            out[i] = QChar(alphabet[bits & 0xF]);
            bits >>= 4;
        }
        return text;
    }

    // 32 lowercase hex digits shaped like a uuid4 without dashes, as MLflow's run ids are.
    QString uuidHex()
    {
        QString text = hex(32);
        text[12] = QLatin1Char('4');
        static const char variants[] = "89ab";
        text[16] = QLatin1Char(variants[next() % 4]);
        return text;
    }

private:
    std::mt19937_64 m_engine;
};

// Raises a connection's page cache for a bulk insert and restores it afterwards: the random
// order of MLflow's uuid-keyed indexes makes a small cache spill constantly (about 1.6x slower
// with SQLite's default 2 MB).
class CacheSizeOverride
{
public:
    CacheSizeOverride(QSqlDatabase &db, qint64 kibibytes)
        : m_db(db)
    {
        QSqlQuery query(m_db);
        if (query.exec(QStringLiteral("PRAGMA cache_size")) && query.next())
            m_previous = query.value(0).toLongLong();
        query.finish();
        if (m_previous != 0)
            m_changed = query.exec(QStringLiteral("PRAGMA cache_size = %1").arg(-kibibytes));
    }
    ~CacheSizeOverride()
    {
        if (m_changed)
            QSqlQuery(m_db).exec(QStringLiteral("PRAGMA cache_size = %1").arg(m_previous));
    }
    CacheSizeOverride(const CacheSizeOverride &) = delete;
    CacheSizeOverride &operator=(const CacheSizeOverride &) = delete;

private:
    QSqlDatabase &m_db;
    qint64 m_previous = 0;
    bool m_changed = false;
};

constexpr qint64 BulkCacheKiB = 256 * 1024;

enum class Stage { None, Staging, Production, Archived, Deleted };

QString stageName(Stage stage)
{
    switch (stage) {
    case Stage::None:
        return QStringLiteral("None");
    case Stage::Staging:
        return QStringLiteral("Staging");
    case Stage::Production:
        return QStringLiteral("Production");
    case Stage::Archived:
        return QStringLiteral("Archived");
    case Stage::Deleted:
        break;
    }
    return QStringLiteral("Deleted_Internal");
}

QString validationStatus(Stage stage)
{
    switch (stage) {
    case Stage::None:
        return QStringLiteral("pending");
    case Stage::Staging:
        return QStringLiteral("in_review");
    case Stage::Production:
    case Stage::Archived:
        return QStringLiteral("approved");
    case Stage::Deleted:
        break;
    }
    return QStringLiteral("rejected");
}

int quarterBefore(qint64 time)
{
    const QDate date = QDateTime::fromMSecsSinceEpoch(time, Qt::UTC).date();
    const int quarter = (date.year() - FirstDatasetYear) * 4 + (date.month() - 1) / 3 - 1;
    return std::clamp(quarter, 0, DatasetQuarters - 1);
}

QString quarterLabel(int quarter)
{
    return QString::number(FirstDatasetYear + quarter / 4) % QStringLiteral("-q")
        % QString::number(quarter % 4 + 1);
}

QString formatNumber(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

enum class RunHistory { Automatic, FinalOnly };

// Everything needed to write one run and what it logged.
struct RunPlan
{
    QString uuid;
    QString name;
    int domain = 0;
    QString user;
    QString status = QStringLiteral("FINISHED");
    qint64 start = 0;
    qint64 end = 0;
    bool running = false; // end_time stays NULL
    qint64 deletedTime = 0;
    QString parent;
    QString sourceName = QStringLiteral("train.py");
    QString sourceType = QStringLiteral("LOCAL");
    int kind = 0;
    QString featureSet;
    double quality = 0.5;
    int quarter = 0; // datasets used; -1 = none
    double completed = 1.0; // share of the steps logged before the run stopped
    bool diverges = false;
    bool overfits = false;
    bool logsModel = false;
    bool sweepParent = false;
    RunHistory history = RunHistory::Automatic;
};

struct VersionPlan
{
    qint64 created = 0;
    qint64 updated = 0;
    Stage stage = Stage::None;
};

enum class Lifecycle { Standard, InDevelopment, Deprecated, Nightly };

// Writes the demo through prepared statements inside one transaction. Lives on the caller's
// thread for the duration of generateDemo().
class DemoWriter
{
public:
    DemoWriter(QSqlDatabase &db,
               const DemoOptions &options,
               const std::function<bool(qint64, qint64)> &progress)
        : m_db(db)
        , m_options(options)
        , m_progress(progress)
        , m_random(options.seed)
    { }

    Result<DemoSummary> generate();

private:
    bool prepare(QSqlQuery &query, const QString &sql);
    bool prepareAll();
    bool exec(QSqlQuery &query, std::initializer_list<QVariant> values);
    bool execSql(const QString &sql);
    bool tick(qint64 units);
    QString notEmptyReason();

    bool writeExperiments();
    bool writeExtraRuns();
    bool writeRun(const RunPlan &plan);
    bool writeRunTags(const RunPlan &plan);
    bool writeRunParams(const RunPlan &plan);
    bool writeRunMetrics(const RunPlan &plan);
    bool writeMetricPoint(const QString &run,
                          const QString &key,
                          double value,
                          qint64 timestamp,
                          qint64 step,
                          bool latest);
    bool writeModels();
    bool writeModel(int index);
    bool writeHugeModel();
    bool writePromptModel();

    std::vector<VersionPlan> planVersions(
        int count, qint64 firstCreated, qint64 windowEnd, Lifecycle lifecycle, int deleted);
    RunPlan versionRun(int domain, const VersionPlan &version, int number, int count);
    QString modelName(int index) const;
    QString modelDescription(int domain, const QString &name, const QString &featureSet);
    QString versionDescription(int domain, const RunPlan &run);
    QString logModelHistory(const RunPlan &plan);
    QString runName(const QString &prefix = {});
    QString user() { return m_users[std::size_t(m_random.between(0, qint64(Users.size()) - 1))]; }
    static QString experimentId(int domain) { return QString::number(domain + 1); }
    QString artifactUri(const RunPlan &plan) const;

    QSqlDatabase &m_db;
    const DemoOptions &m_options;
    const std::function<bool(qint64, qint64)> &m_progress;
    Random m_random;
    DemoSummary m_summary;

    std::array<QString, Users.size()> m_users;
    // Per experiment and quarter, the training and holdout dataset ids.
    std::vector<std::array<QString, 2>> m_datasets;
    int m_historyRuns = 0;

    qint64 m_done = 0;
    qint64 m_total = 0;
    qint64 m_nextReport = 0;
    bool m_cancelled = false;
    QString m_errorDetail;

    QSqlQuery m_experiment;
    QSqlQuery m_experimentTag;
    QSqlQuery m_dataset;
    QSqlQuery m_run;
    QSqlQuery m_tag;
    QSqlQuery m_param;
    QSqlQuery m_metric;
    QSqlQuery m_latestMetric;
    QSqlQuery m_input;
    QSqlQuery m_inputTag;
    QSqlQuery m_model;
    QSqlQuery m_modelTag;
    QSqlQuery m_version;
    QSqlQuery m_versionTag;
    QSqlQuery m_alias;
};

bool DemoWriter::prepare(QSqlQuery &query, const QString &sql)
{
    query = QSqlQuery(m_db);
    if (query.prepare(sql))
        return true;
    m_errorDetail = query.lastError().text() % QStringLiteral(" (") % sql % QLatin1Char(')');
    return false;
}

bool DemoWriter::prepareAll()
{
    return prepare(m_experiment,
                   QStringLiteral("INSERT INTO experiments (experiment_id, name, "
                                  "artifact_location, lifecycle_stage, creation_time, "
                                  "last_update_time) "
                                  "VALUES (?, ?, ?, 'active', ?, ?)"))
        && prepare(m_experimentTag,
                   QStringLiteral("INSERT INTO experiment_tags (key, value, experiment_id) "
                                  "VALUES (?, ?, ?)"))
        && prepare(m_dataset,
                   QStringLiteral("INSERT INTO datasets (dataset_uuid, experiment_id, name, "
                                  "digest, dataset_source_type, dataset_source, "
                                  "dataset_schema, dataset_profile) "
                                  "VALUES (?, ?, ?, ?, 's3', ?, ?, ?)"))
        && prepare(m_run,
                   QStringLiteral("INSERT INTO runs (run_uuid, name, source_type, source_name, "
                                  "entry_point_name, user_id, status, start_time, end_time, "
                                  "source_version, lifecycle_stage, artifact_uri, "
                                  "experiment_id, deleted_time) "
                                  "VALUES (?, ?, 'UNKNOWN', '', '', ?, ?, ?, ?, '', ?, ?, ?, "
                                  "?)"))
        && prepare(m_tag,
                   QStringLiteral("INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)"))
        && prepare(m_param,
                   QStringLiteral("INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)"))
        && prepare(m_metric,
                   QStringLiteral("INSERT INTO metrics (key, value, timestamp, run_uuid, step, "
                                  "is_nan) VALUES (?, ?, ?, ?, ?, ?)"))
        && prepare(m_latestMetric,
                   QStringLiteral("INSERT INTO latest_metrics (key, value, timestamp, step, "
                                  "is_nan, run_uuid) VALUES (?, ?, ?, ?, ?, ?)"))
        && prepare(m_input,
                   QStringLiteral("INSERT INTO inputs (input_uuid, source_type, source_id, "
                                  "destination_type, destination_id) "
                                  "VALUES (?, 'DATASET', ?, 'RUN', ?)"))
        && prepare(m_inputTag,
                   QStringLiteral("INSERT INTO input_tags (input_uuid, name, value) "
                                  "VALUES (?, 'mlflow.data.context', ?)"))
        && prepare(m_model,
                   QStringLiteral("INSERT INTO registered_models (name, creation_time, "
                                  "last_updated_time, description) VALUES (?, ?, ?, ?)"))
        && prepare(m_modelTag,
                   QStringLiteral("INSERT INTO registered_model_tags (key, value, name) "
                                  "VALUES (?, ?, ?)"))
        && prepare(m_version,
                   QStringLiteral("INSERT INTO model_versions (name, version, creation_time, "
                                  "last_updated_time, description, user_id, current_stage, "
                                  "source, run_id, status, status_message, run_link, "
                                  "storage_location) "
                                  "VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, 'READY', NULL, ?, ?)"))
        && prepare(m_versionTag,
                   QStringLiteral("INSERT INTO model_version_tags (key, value, name, version) "
                                  "VALUES (?, ?, ?, ?)"))
        && prepare(m_alias,
                   QStringLiteral("INSERT INTO registered_model_aliases (alias, version, name) "
                                  "VALUES (?, ?, ?)"));
}

bool DemoWriter::exec(QSqlQuery &query, std::initializer_list<QVariant> values)
{
    int position = 0;
    for (const QVariant &value : values)
        query.bindValue(position++, value);
    if (query.exec())
        return true;
    m_errorDetail
        = query.lastError().text() % QStringLiteral(" (") % query.lastQuery() % QLatin1Char(')');
    return false;
}

bool DemoWriter::execSql(const QString &sql)
{
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return true;
    m_errorDetail = query.lastError().text() % QStringLiteral(" (") % sql % QLatin1Char(')');
    return false;
}

bool DemoWriter::tick(qint64 units)
{
    m_done += units;
    if (!m_progress || m_done < m_nextReport)
        return true;
    m_nextReport = m_done + std::max<qint64>(256, m_total / 200);
    if (m_progress(std::min(m_done, m_total), m_total))
        return true;
    m_cancelled = true;
    return false;
}

QString DemoWriter::notEmptyReason()
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral(
            "SELECT (SELECT count(*) FROM registered_models) + (SELECT count(*) FROM runs) "
            "+ (SELECT count(*) FROM experiments WHERE experiment_id <> 0)"))
        || !query.next()) {
        m_errorDetail = query.lastError().text();
        return tr("The demo registry needs a new, empty MLflow store.");
    }
    if (query.value(0).toLongLong() != 0) {
        return tr("The demo registry can only be generated into an empty store; this one "
                  "already holds experiments, runs or models.");
    }
    return {};
}

Result<DemoSummary> DemoWriter::generate()
{
    if (m_options.models < 0 || m_options.versionsPerModel < 1 || m_options.hugeModelVersions < 0
        || m_options.metricSteps < 1) {
        return RegistryError(ErrorCode::InvalidParameterValue,
                             tr("The demo needs at least one version per model and one metric "
                                "step, and no negative counts."));
    }

    for (std::size_t i = 0; i < Users.size(); ++i)
        m_users[i] = utf8(Users[i]);

    const qint64 modelVersions = qint64(m_options.models) * m_options.versionsPerModel;
    const qint64 runs = qint64(Domains.size()) * ExtraRunsPerExperiment + GlobalExtraRuns
        + modelVersions + (m_options.hugeModelVersions > 0 ? HugeModelRuns : 0);
    m_total = RunWork * runs + modelVersions + m_options.hugeModelVersions + PromptVersions;

    if (!prepareAll()) {
        return RegistryError(ErrorCode::InvalidState,
                             tr("The store does not have MLflow's tables."), m_errorDetail);
    }

    const CacheSizeOverride cache(m_db, BulkCacheKiB);
    if (!execSql(QStringLiteral("BEGIN IMMEDIATE"))) {
        return RegistryError(ErrorCode::TemporarilyUnavailable,
                             tr("Could not start writing the demo registry (the store is busy)."),
                             m_errorDetail);
    }
    // Checked inside the write transaction, so nobody can fill the store in between.
    if (const QString reason = notEmptyReason(); !reason.isEmpty()) {
        const QString detail = m_errorDetail;
        execSql(QStringLiteral("ROLLBACK"));
        return RegistryError(ErrorCode::InvalidState, reason, detail);
    }
    const bool written = writeExperiments() && writeExtraRuns() && writeModels() && writeHugeModel()
        && writePromptModel();
    if (!written) {
        const QString detail = m_errorDetail;
        execSql(QStringLiteral("ROLLBACK"));
        if (m_cancelled) {
            return RegistryError(ErrorCode::Cancelled,
                                 tr("Generating the demo registry was cancelled."));
        }
        return RegistryError(ErrorCode::InternalError, tr("Could not write the demo registry."),
                             detail);
    }
    if (!execSql(QStringLiteral("COMMIT"))) {
        const QString detail = m_errorDetail;
        execSql(QStringLiteral("ROLLBACK"));
        return RegistryError(ErrorCode::InternalError, tr("Could not save the demo registry."),
                             detail);
    }
    if (m_progress)
        m_progress(m_total, m_total);
    return m_summary;
}

// -------------------------------------------------------------------------------------------
// Experiments and datasets

bool DemoWriter::writeExperiments()
{
    // createStore stamps the Default experiment with the wall clock; move it to the demo's past
    // so the whole file is a function of the options.
    const qint64 defaultCreated = DemoNow - 730 * Day;
    QSqlQuery update(m_db);
    update.prepare(QStringLiteral("UPDATE experiments SET creation_time = ?, last_update_time = ? "
                                  "WHERE experiment_id = 0"));
    if (!exec(update, {defaultCreated, defaultCreated}))
        return false;

    m_datasets.assign(Domains.size() * DatasetQuarters, {});
    for (std::size_t d = 0; d < Domains.size(); ++d) {
        const Domain &domain = Domains[d];
        const int domainIndex = int(d);
        const QString id = experimentId(domainIndex);
        const qint64 created
            = defaultCreated + Day + qint64(d) * 3 * Day + m_random.between(0, 8 * Hour);
        if (!exec(m_experiment,
                  {domainIndex + 1, utf8(domain.experiment),
                   QString(QStringLiteral("mlflow-artifacts:/") % id), created, created})) {
            return false;
        }
        const QString note = QStringLiteral("## ") % utf8(domain.title) % QStringLiteral("\n\n")
            % utf8(domain.summary) % QStringLiteral("\n\nOwned by **") % utf8(domain.team)
            % QStringLiteral("**; ask in `#ml-") % utf8(domain.team)
            % QStringLiteral("` before promoting a model.");
        if (!exec(m_experimentTag, {QStringLiteral("team"), utf8(domain.team), domainIndex + 1})
            || !exec(m_experimentTag,
                     {QStringLiteral("mlflow.note.content"), note, domainIndex + 1})) {
            return false;
        }
        ++m_summary.experiments;

        const QString schema = QStringLiteral("{\"mlflow_colspec\": [") % utf8(domain.columns)
            % QStringLiteral("]}");
        for (int quarter = 0; quarter < DatasetQuarters; ++quarter) {
            const QString label = quarterLabel(quarter);
            const QString name = utf8(domain.dataPath) % QLatin1Char('_')
                % QString(label).replace(QLatin1Char('-'), QLatin1Char('_'));
            for (int split = 0; split < 2; ++split) {
                const QString uuid = m_random.uuidHex();
                const qint64 rows = split == 0
                    ? domain.trainRows + m_random.between(0, 5000) * quarter
                    : domain.trainRows / 5 + m_random.between(0, 900);
                const QString file = split == 0 ? QStringLiteral("train.parquet")
                                                : QStringLiteral("holdout.parquet");
                const QString source = QStringLiteral("{\"uri\": \"s3://acme-ml-data/")
                    % utf8(domain.dataPath) % QLatin1Char('/') % label % QLatin1Char('/') % file
                    % QStringLiteral("\"}");
                const QString profile = QStringLiteral("{\"num_rows\": %1, \"num_elements\": %2}")
                                            .arg(rows)
                                            .arg(rows * domain.columnCount);
                const QString datasetName = split == 0 ? name : name % QStringLiteral("_holdout");
                if (!exec(m_dataset,
                          {uuid, domainIndex + 1, datasetName, m_random.hex(8), source, schema,
                           profile})) {
                    return false;
                }
                m_datasets[d * DatasetQuarters + std::size_t(quarter)][std::size_t(split)] = uuid;
            }
        }
    }
    return true;
}

// -------------------------------------------------------------------------------------------
// Runs

QString DemoWriter::runName(const QString &prefix)
{
    const QString number = QString::number(m_random.between(100, 999));
    if (!prefix.isEmpty())
        return prefix % QLatin1Char('-') % number;
    return utf8(m_random.pick(Adjectives)) % QLatin1Char('-') % utf8(m_random.pick(Animals))
        % QLatin1Char('-') % number;
}

QString DemoWriter::artifactUri(const RunPlan &plan) const
{
    return QStringLiteral("mlflow-artifacts:/") % experimentId(plan.domain) % QLatin1Char('/')
        % plan.uuid % QStringLiteral("/artifacts");
}

bool DemoWriter::writeExtraRuns()
{
    for (std::size_t d = 0; d < Domains.size(); ++d) {
        const Domain &domain = Domains[d];
        const int domainIndex = int(d);
        const int kind = domain.kinds[0];

        // A hyper-parameter sweep: a parent run and its trials, one of them pruned.
        RunPlan parent;
        parent.uuid = m_random.uuidHex();
        parent.name = QStringLiteral("hyperparam-sweep-") % utf8(Kinds[std::size_t(kind)].name);
        parent.domain = domainIndex;
        parent.user = user();
        parent.start = DemoNow - m_random.between(40, 400) * Day;
        parent.sourceName = QStringLiteral("sweep.py");
        parent.kind = kind;
        parent.featureSet = utf8(domain.featureSets[1]);
        parent.quarter = -1;
        parent.sweepParent = true;
        parent.history = RunHistory::FinalOnly;

        qint64 trialStart = parent.start + m_random.between(5, 60) * 1000;
        double bestQuality = 0.0;
        for (int trial = 0; trial < SweepTrials; ++trial) {
            RunPlan child;
            child.uuid = m_random.uuidHex();
            child.name = QStringLiteral("sweep-trial-%1").arg(trial);
            child.domain = domainIndex;
            child.user = parent.user;
            child.start = trialStart;
            child.end = trialStart + m_random.between(8, 45) * Minute;
            child.parent = parent.uuid;
            child.kind = kind;
            child.featureSet = parent.featureSet;
            child.quality = m_random.real(0.3, 0.9);
            child.quarter = quarterBefore(child.start);
            child.overfits = m_random.chance(0.3);
            if (trial == SweepTrials - 2) { // pruned by the sampler
                child.status = QStringLiteral("KILLED");
                child.completed = 0.4;
                child.end = child.start + (child.end - child.start) * 2 / 5;
            } else {
                bestQuality = std::max(bestQuality, child.quality);
            }
            trialStart = child.end + m_random.between(2, 30) * 1000;
            if (!writeRun(child))
                return false;
        }
        parent.end = trialStart + m_random.between(5, 60) * 1000;
        parent.quality = bestQuality;
        if (!writeRun(parent))
            return false;

        // A run that crashed half-way and one somebody stopped.
        for (int which = 0; which < 2; ++which) {
            RunPlan run;
            run.uuid = m_random.uuidHex();
            run.domain = domainIndex;
            run.user = user();
            run.kind = domain.kinds[std::size_t(which + 1)];
            run.name = utf8(Kinds[std::size_t(run.kind)].name)
                % (which == 0 ? QStringLiteral("-oom") : QStringLiteral("-stopped"));
            run.start = DemoNow - m_random.between(10, 500) * Day;
            run.end = run.start + m_random.between(10, 90) * Minute;
            run.status = which == 0 ? QStringLiteral("FAILED") : QStringLiteral("KILLED");
            run.completed = m_random.real(0.25, 0.7);
            run.featureSet = utf8(m_random.pick(domain.featureSets));
            run.quality = m_random.real(0.2, 0.6);
            run.quarter = quarterBefore(run.start);
            if (!writeRun(run))
                return false;
        }
    }

    // A learning rate far too high: the loss overflows to +inf, then NaN, and the run fails.
    RunPlan diverged;
    diverged.uuid = m_random.uuidHex();
    diverged.name = QStringLiteral("fraud-gbm-lr-0.9-diverged");
    diverged.domain = 1;
    diverged.user = m_users[1];
    diverged.kind = Domains[1].kinds[0];
    diverged.start = DemoNow - 95 * Day + 3 * Hour;
    diverged.end = diverged.start + 23 * Minute;
    diverged.status = QStringLiteral("FAILED");
    diverged.completed = 0.6;
    diverged.diverges = true;
    diverged.featureSet = utf8(Domains[1].featureSets[0]);
    diverged.quarter = quarterBefore(diverged.start);
    if (!writeRun(diverged))
        return false;

    // Still training: no end time yet.
    RunPlan running;
    running.uuid = m_random.uuidHex();
    running.name = runName();
    running.domain = 0;
    running.user = m_users[0];
    running.kind = Domains[0].kinds[0];
    running.start = DemoNow - 35 * Minute;
    running.end = DemoNow + 25 * Minute;
    running.running = true;
    running.status = QStringLiteral("RUNNING");
    running.completed = 0.55;
    running.sourceType = QStringLiteral("NOTEBOOK");
    running.sourceName = QStringLiteral("/Users/alice/churn-exploration");
    running.featureSet = utf8(Domains[0].featureSets[2]);
    running.quality = 0.7;
    running.quarter = quarterBefore(running.start);
    if (!writeRun(running))
        return false;

    // Deleted from the UI (soft delete: the row stays with lifecycle_stage 'deleted').
    RunPlan deleted;
    deleted.uuid = m_random.uuidHex();
    deleted.name = QStringLiteral("scratch-wrong-config");
    deleted.domain = 2;
    deleted.user = m_users[3];
    deleted.kind = Domains[2].kinds[1];
    deleted.start = DemoNow - 60 * Day;
    deleted.end = deleted.start + 12 * Minute;
    deleted.deletedTime = deleted.end + 2 * Day;
    deleted.featureSet = utf8(Domains[2].featureSets[0]);
    deleted.quality = 0.3;
    deleted.quarter = quarterBefore(deleted.start);
    return writeRun(deleted);
}

bool DemoWriter::writeRun(const RunPlan &plan)
{
    const QString lifecycle
        = plan.deletedTime > 0 ? QStringLiteral("deleted") : QStringLiteral("active");
    if (!exec(m_run,
              {plan.uuid, plan.name, plan.user, plan.status, plan.start,
               plan.running ? QVariant() : QVariant(plan.end), lifecycle, artifactUri(plan),
               plan.domain + 1, plan.deletedTime > 0 ? QVariant(plan.deletedTime) : QVariant()})) {
        return false;
    }
    ++m_summary.runs;
    if (!writeRunTags(plan) || !writeRunParams(plan))
        return false;

    if (plan.quarter >= 0) {
        const auto &datasets
            = m_datasets[std::size_t(plan.domain) * DatasetQuarters + std::size_t(plan.quarter)];
        for (int split = 0; split < 2; ++split) {
            const QString input = m_random.uuidHex();
            if (!exec(m_input, {input, datasets[std::size_t(split)], plan.uuid})
                || !exec(
                    m_inputTag,
                    {input, split == 0 ? QStringLiteral("training") : QStringLiteral("eval")})) {
                return false;
            }
        }
    }
    return writeRunMetrics(plan) && tick(RunWork);
}

QString DemoWriter::logModelHistory(const RunPlan &plan)
{
    const Kind &kind = Kinds[std::size_t(plan.kind)];
    const QString created = QDateTime::fromMSecsSinceEpoch(plan.end - 20 * 1000, Qt::UTC)
                                .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
        % QString::number(m_random.between(100, 999));
    const QString flavor
        = kind.flavor[0] != '\0' ? QStringLiteral(", ") % QLatin1String(kind.flavor) : QString();
    return QStringLiteral("[{\"run_id\": \"") % plan.uuid
        % QStringLiteral("\", \"artifact_path\": \"model\", \"utc_time_created\": \"") % created
        % QStringLiteral("\", \"model_uuid\": \"") % m_random.hex(32)
        % QStringLiteral("\", \"flavors\": {\"python_function\": {\"loader_module\": \"")
        % QLatin1String(kind.loader)
        % QStringLiteral("\", \"python_version\": \"3.11.9\", \"env\": {\"conda\": "
                         "\"conda.yaml\", \"virtualenv\": \"python_env.yaml\"}}")
        % flavor % QStringLiteral("}, \"mlflow_version\": \"2.22.0\"}]");
}

bool DemoWriter::writeRunTags(const RunPlan &plan)
{
    const auto tag = [&](const QString &key, const QString &value) {
        return exec(m_tag, {key, value, plan.uuid});
    };
    if (!tag(QStringLiteral("mlflow.runName"), plan.name)
        || !tag(QStringLiteral("mlflow.user"), plan.user)
        || !tag(QStringLiteral("mlflow.source.name"), plan.sourceName)
        || !tag(QStringLiteral("mlflow.source.type"), plan.sourceType)) {
        return false;
    }
    if (plan.sourceType != QLatin1String("NOTEBOOK")
        && !tag(QStringLiteral("mlflow.source.git.commit"), m_random.hex(40))) {
        return false;
    }
    if (!plan.parent.isEmpty() && !tag(QStringLiteral("mlflow.parentRunId"), plan.parent))
        return false;
    if (plan.sweepParent && !tag(QStringLiteral("sweep"), QStringLiteral("optuna")))
        return false;
    if (plan.logsModel && !tag(QStringLiteral("mlflow.log-model.history"), logModelHistory(plan)))
        return false;
    if (plan.status == QLatin1String("FAILED") && !plan.diverges
        && !tag(QStringLiteral("mlflow.note.content"),
                QStringLiteral("Crashed with **CUDA out of memory** at batch 412; retried with a "
                               "smaller batch size in the next run."))) {
        return false;
    }
    if (plan.diverges
        && !tag(QStringLiteral("mlflow.note.content"),
                QStringLiteral("Diverged: `learning_rate=0.9` is far too high. Loss went to "
                               "`inf`, then `NaN`."))) {
        return false;
    }
    return true;
}

bool DemoWriter::writeRunParams(const RunPlan &plan)
{
    const auto param = [&](const QString &key, const QString &value) {
        return exec(m_param, {key, value, plan.uuid});
    };
    const Kind &kind = Kinds[std::size_t(plan.kind)];
    if (plan.sweepParent) {
        return param(QStringLiteral("n_trials"), QString::number(SweepTrials))
            && param(QStringLiteral("sampler"), QStringLiteral("TPESampler"))
            && param(QStringLiteral("objective"),
                     utf8(Domains[std::size_t(plan.domain)].quality[0].key))
            && param(QStringLiteral("model_kind"), QLatin1String(kind.name));
    }
    const Domain &domain = Domains[std::size_t(plan.domain)];
    if (!param(QStringLiteral("model_kind"), QLatin1String(kind.name))
        || !param(QStringLiteral("feature_set"), plan.featureSet)
        || !param(QStringLiteral("train_rows"),
                  QString::number(domain.trainRows + m_random.between(-9000, 9000)))
        || !param(QStringLiteral("random_state"), QStringLiteral("42"))) {
        return false;
    }
    switch (kind.family) {
    case Family::Trees:
        return param(QStringLiteral("n_estimators"), QString::number(m_random.between(2, 24) * 50))
            && param(QStringLiteral("max_depth"), QString::number(m_random.between(3, 12)))
            && param(QStringLiteral("learning_rate"),
                     plan.diverges ? QStringLiteral("0.9")
                                   : QLatin1String(m_random.pick(TreeLearningRates)));
    case Family::Neural:
        return param(QStringLiteral("epochs"), QString::number(m_random.between(5, 60)))
            && param(QStringLiteral("batch_size"), QString::number(64 << m_random.between(0, 4)))
            && param(QStringLiteral("learning_rate"),
                     QLatin1String(m_random.pick(NeuralLearningRates)))
            && param(QStringLiteral("dropout"),
                     formatNumber(0.1 * double(m_random.between(1, 3)), 1));
    case Family::Linear:
        return param(QStringLiteral("C"),
                     formatNumber(std::pow(10.0, double(m_random.between(-2, 1))), 2))
            && param(QStringLiteral("max_iter"), QString::number(m_random.between(2, 10) * 100))
            && param(QStringLiteral("penalty"),
                     m_random.chance(0.5) ? QStringLiteral("l2") : QStringLiteral("elasticnet"));
    case Family::Prophet:
        return param(QStringLiteral("changepoint_prior_scale"),
                     formatNumber(0.01 * double(m_random.between(1, 50)), 2))
            && param(QStringLiteral("seasonality_mode"),
                     m_random.chance(0.5) ? QStringLiteral("additive")
                                          : QStringLiteral("multiplicative"))
            && param(QStringLiteral("weekly_seasonality"), QStringLiteral("true"));
    }
    return true;
}

bool DemoWriter::writeMetricPoint(const QString &run,
                                  const QString &key,
                                  double value,
                                  qint64 timestamp,
                                  qint64 step,
                                  bool latest)
{
    const bool isNan = std::isnan(value);
    double stored = isNan ? 0.0 : value;
    if (std::isinf(stored))
        stored = stored > 0 ? StoredInfinity : -StoredInfinity;
    if (!exec(m_metric, {key, stored, timestamp, run, step, isNan ? 1 : 0}))
        return false;
    ++m_summary.metricPoints;
    if (latest)
        return exec(m_latestMetric, {key, stored, timestamp, step, isNan ? 1 : 0, run});
    return true;
}

bool DemoWriter::writeRunMetrics(const RunPlan &plan)
{
    const Domain &domain = Domains[std::size_t(plan.domain)];
    const std::array<const MetricSpec *, 4> specs {&LossSpec, &ValidationLossSpec,
                                                   &domain.quality[0], &domain.quality[1]};
    const auto target = [&](const MetricSpec &spec) {
        return spec.end + (spec.start - spec.end) * (1.0 - plan.quality) * 0.45;
    };

    if (plan.sweepParent) {
        const MetricSpec &spec = domain.quality[0];
        const QString key = QStringLiteral("best_") % utf8(spec.key);
        return writeMetricPoint(plan.uuid, key, target(spec), plan.end - 2000, 0, true);
    }

    bool full = plan.history == RunHistory::Automatic && m_historyRuns < MaxHistoryRuns;
    if (plan.status != QLatin1String("FINISHED"))
        full = true; // only extra runs stop early, and they come first
    if (!full) {
        // Logged once at the end of training, as a script calling mlflow.log_metrics would.
        const qint64 timestamp = plan.end - m_random.between(1, 20) * 1000;
        for (const MetricSpec *spec : specs) {
            const double value = std::clamp(target(*spec) + spec->noise * m_random.gaussian(),
                                            spec->low, spec->high);
            if (!writeMetricPoint(plan.uuid, utf8(spec->key), value, timestamp, 0, true))
                return false;
        }
        return true;
    }
    ++m_historyRuns;

    const int planned = m_options.metricSteps;
    const int steps = std::max(plan.diverges ? 4 : 1, int(std::lround(planned * plan.completed)));
    const qint64 interval = std::max<qint64>(1, (plan.end - plan.start) / (planned + 1));
    const int infinityStep = steps - 3; // divergence: +inf there, NaN afterwards
    const int divergenceStart = std::max(0, infinityStep - 10);
    const double decay = 4.0 / std::max(1, planned - 1);

    for (std::size_t k = 0; k < specs.size(); ++k) {
        const MetricSpec &spec = *specs[k];
        const QString key = utf8(spec.key);
        const double goal = target(spec);
        double healthy = spec.start;
        for (int step = 0; step < steps; ++step) {
            const double shape = std::exp(-decay * step);
            double value = goal + (spec.start - goal) * shape
                + spec.noise * m_random.gaussian() * (0.4 + 0.6 * shape);
            if (k == 1 && plan.overfits)
                value += 0.25 * std::max(0.0, double(step) / planned - 0.55);
            value = std::clamp(value, spec.low, spec.high);
            if (plan.diverges && step >= divergenceStart) {
                // The loss explodes to +inf and then NaN, the validation loss grows, and the
                // quality metrics fall back to chance.
                const int blownUp = step - divergenceStart + 1;
                if (k == 0 && step > infinityStep)
                    value = std::numeric_limits<double>::quiet_NaN();
                else if (k == 0 && step == infinityStep)
                    value = std::numeric_limits<double>::infinity();
                else if (k == 0)
                    value = healthy * std::exp(1.3 * blownUp);
                else if (k == 1)
                    value = std::min(healthy * std::exp(0.9 * blownUp), 1e12);
                else
                    value = std::clamp(spec.start + spec.noise * m_random.gaussian(), spec.low,
                                       spec.high);
            } else {
                healthy = value;
            }
            const qint64 timestamp = plan.start + (step + 1) * interval + qint64(k);
            if (!writeMetricPoint(plan.uuid, key, value, timestamp, step, step == steps - 1))
                return false;
        }
    }
    return true;
}

// -------------------------------------------------------------------------------------------
// Registered models

QString DemoWriter::modelName(int index) const
{
    const int domains = int(Domains.size());
    const int perDomain = int(Domains[0].models.size());
    const QString base = utf8(
        Domains[std::size_t(index % domains)].models[std::size_t((index / domains) % perDomain)]);
    const int round = index / (domains * perDomain);
    return round == 0 ? base : base % QLatin1Char('-') % QString::number(round + 1);
}

QString DemoWriter::modelDescription(int domain, const QString &name, const QString &featureSet)
{
    const Domain &d = Domains[std::size_t(domain)];
    const double roll = m_random.real();
    if (roll < 0.12)
        return QString(); // written as '' like a model created without a description
    if (roll < 0.3)
        return utf8(d.summary);
    const auto row = [&](const MetricSpec &spec) -> QString {
        const double champion = spec.end + (spec.start - spec.end) * m_random.real(0.05, 0.2);
        const double goal = spec.end + (spec.start - spec.end) * 0.1;
        return QStringLiteral("| `") % utf8(spec.key) % QStringLiteral("` | ")
            % formatNumber(champion, 3) % QStringLiteral(" | ") % formatNumber(goal, 3)
            % QStringLiteral(" |\n");
    };
    return QStringLiteral("# ") % name % QStringLiteral("\n\n") % utf8(d.summary)
        % QStringLiteral("\n\n## Training data\n\n- Source: `s3://acme-ml-data/") % utf8(d.dataPath)
        % QStringLiteral("/<quarter>/train.parquet`\n- Feature set: `") % featureSet
        % QStringLiteral("`\n- Retrained quarterly; each version's `data_version` tag names "
                         "the quarter.\n\n## Offline evaluation (holdout)\n\n"
                         "| metric | champion | target |\n|---|---:|---:|\n")
        % row(d.quality[0]) % row(d.quality[1])
        % QStringLiteral("\n> Promote through **Staging**; the `champion` alias serves "
                         "production traffic. Owner: ")
        % utf8(d.team) % QStringLiteral(" (") % utf8(d.owner) % QStringLiteral("@example.com).");
}

QString DemoWriter::versionDescription(int domain, const RunPlan &run)
{
    const double roll = m_random.real();
    if (roll < 0.6)
        return QString();
    const QString data = quarterLabel(run.quarter);
    if (roll < 0.85) {
        return QStringLiteral("Retrained on ") % data % QStringLiteral(" data with feature set `")
            % run.featureSet % QStringLiteral("`.");
    }
    const Domain &d = Domains[std::size_t(domain)];
    return QStringLiteral("### Changes\n\n- retrained on ") % data
        % QStringLiteral(" data\n- model kind: ") % QLatin1String(Kinds[std::size_t(run.kind)].name)
        % QStringLiteral("\n\nHoldout `") % utf8(d.quality[0].key) % QStringLiteral("` ")
        % formatNumber(d.quality[0].end - 0.02 * (1.0 - run.quality), 3) % QLatin1Char('.');
}

std::vector<VersionPlan> DemoWriter::planVersions(
    int count, qint64 firstCreated, qint64 windowEnd, Lifecycle lifecycle, int deleted)
{
    std::vector<VersionPlan> versions(static_cast<std::size_t>(count));
    const qint64 spacing = std::max<qint64>(3, (windowEnd - firstCreated) / count);
    for (int v = 0; v < count; ++v) {
        VersionPlan &version = versions[std::size_t(v)];
        version.created
            = v == 0 ? firstCreated : firstCreated + v * spacing + m_random.between(0, spacing / 3);
        version.updated = version.created;
    }
    // A transition follows a version's creation before the next version exists, so the
    // history is ordered: each promotion archives the previous Production version.
    const qint64 maxDelay = std::clamp<qint64>(spacing / 2, 1, Day);
    const auto delayed
        = [&](qint64 time) { return time + m_random.between(maxDelay / 4, maxDelay); };

    std::vector<int> promoted; // version numbers, ascending
    int staging = 0;
    switch (lifecycle) {
    case Lifecycle::Standard:
    case Lifecycle::Deprecated:
        for (int v = 1; v <= count - (lifecycle == Lifecycle::Standard ? 2 : 0); ++v)
            promoted.push_back(v);
        if (lifecycle == Lifecycle::Standard && count >= 3)
            staging = count - 1;
        if (promoted.empty() && count >= 2)
            promoted.push_back(1);
        break;
    case Lifecycle::InDevelopment:
        if (count >= 2)
            staging = count;
        break;
    case Lifecycle::Nightly:
        for (int v = 997; v <= count - 2; v += 997)
            promoted.push_back(v);
        if (count >= 3) {
            if (promoted.empty() || promoted.back() != count - 2)
                promoted.push_back(count - 2);
            staging = count - 1;
        }
        break;
    }

    qint64 previousPromotion = 0;
    for (std::size_t i = 0; i < promoted.size(); ++i) {
        VersionPlan &version = versions[std::size_t(promoted[i] - 1)];
        const qint64 promotion = delayed(version.created);
        version.stage = Stage::Production;
        version.updated = promotion;
        if (i > 0) {
            VersionPlan &previous = versions[std::size_t(promoted[i - 1] - 1)];
            previous.stage = Stage::Archived;
            previous.updated = std::max(promotion, previousPromotion);
        }
        previousPromotion = promotion;
    }
    if (lifecycle == Lifecycle::Deprecated && !promoted.empty()) {
        VersionPlan &last = versions[std::size_t(promoted.back() - 1)];
        last.stage = Stage::Archived;
        last.updated = delayed(last.updated) + Day;
    }
    if (staging > 0) {
        VersionPlan &version = versions[std::size_t(staging - 1)];
        version.stage = Stage::Staging;
        version.updated = delayed(version.created);
    }
    if (deleted > 0) {
        VersionPlan &version = versions[std::size_t(deleted - 1)];
        version.stage = Stage::Deleted;
        version.updated = delayed(version.updated);
    }
    return versions;
}

RunPlan DemoWriter::versionRun(int domain, const VersionPlan &version, int number, int count)
{
    const Domain &d = Domains[std::size_t(domain)];
    RunPlan run;
    run.uuid = m_random.uuidHex();
    run.domain = domain;
    run.user = user();
    run.end = version.created - m_random.between(2 * Minute, 6 * Hour);
    run.start = run.end - m_random.between(10 * Minute, 4 * Hour);
    run.kind = d.kinds[std::size_t(m_random.between(0, 2))];
    run.name = m_random.chance(0.5) ? runName()
                                    : runName(utf8(d.dataPath) % QLatin1Char('-')
                                              % QLatin1String(Kinds[std::size_t(run.kind)].name));
    run.featureSet = utf8(m_random.pick(d.featureSets));
    run.quality
        = std::clamp(0.35 + 0.5 * double(number) / count + 0.08 * m_random.gaussian(), 0.05, 0.98);
    run.quarter = quarterBefore(run.start);
    run.overfits = m_random.chance(0.15);
    run.logsModel = true;
    if (m_random.chance(0.2)) {
        run.sourceType = QStringLiteral("JOB");
        run.sourceName
            = QStringLiteral("pipelines/retrain_") % utf8(d.dataPath) % QStringLiteral(".py");
    }
    return run;
}

bool DemoWriter::writeModels()
{
    for (int index = 0; index < m_options.models; ++index) {
        if (!writeModel(index))
            return false;
    }
    return true;
}

bool DemoWriter::writeModel(int index)
{
    const int domain = index % int(Domains.size());
    const Domain &d = Domains[std::size_t(domain)];
    const QString name = modelName(index);
    const int count = m_options.versionsPerModel;

    // The first models always follow the standard lifecycle so every stage is present.
    Lifecycle lifecycle = Lifecycle::Standard;
    const double roll = m_random.real();
    if (index >= int(Domains.size()) && roll < 0.05)
        lifecycle = Lifecycle::Deprecated;
    else if (index >= int(Domains.size()) && roll < 0.15)
        lifecycle = Lifecycle::InDevelopment;
    // Now and then an archived version was deleted, leaving a gap in the numbering.
    int deleted = 0;
    if (index % 40 == 3 && lifecycle == Lifecycle::Standard && count >= 4)
        deleted = 1 + int(m_random.between(0, count - 4));

    const qint64 modelCreated = DemoNow - m_random.between(10 * Day, 700 * Day);
    const qint64 firstVersion = modelCreated + m_random.between(Minute, 2 * Day);
    const std::vector<VersionPlan> versions
        = planVersions(count, firstVersion, DemoNow - 3 * Day, lifecycle, deleted);
    qint64 modelUpdated = modelCreated;
    for (const VersionPlan &version : versions)
        modelUpdated = std::max(modelUpdated, version.updated);

    const QString featureSet = utf8(m_random.pick(d.featureSets));
    const QString description = modelDescription(domain, name, featureSet);
    if (!exec(m_model,
              {name, modelCreated, modelUpdated,
               description.isNull() ? QStringLiteral("") : description})) {
        return false;
    }
    ++m_summary.models;

    const auto modelTag = [&](const QString &key, const QString &value) {
        return exec(m_modelTag, {key, value, name});
    };
    const QString owner = m_users[std::size_t(m_random.between(0, 8))];
    if (!modelTag(QStringLiteral("team"), utf8(d.team))
        || !modelTag(QStringLiteral("task"), utf8(d.task))
        || !modelTag(QStringLiteral("owner"), owner % QStringLiteral("@example.com"))
        || !modelTag(QStringLiteral("pii"),
                     domain <= 1 ? QStringLiteral("true") : QStringLiteral("false"))) {
        return false;
    }
    if (lifecycle == Lifecycle::Deprecated
        && !modelTag(QStringLiteral("deprecated"), QStringLiteral("true"))) {
        return false;
    }
    if (lifecycle == Lifecycle::Standard
        && !modelTag(QStringLiteral("deployment_target"),
                     QLatin1String(m_random.pick(DeploymentTargets)))) {
        return false;
    }

    int production = 0;
    int staging = 0;
    for (int number = 1; number <= count; ++number) {
        const VersionPlan &version = versions[std::size_t(number - 1)];
        const RunPlan run = versionRun(domain, version, number, count);
        if (!writeRun(run))
            return false;
        const QString source = artifactUri(run) % QStringLiteral("/model");
        const bool isDeleted = version.stage == Stage::Deleted;
        const QString versionText = versionDescription(domain, run);
        if (!exec(m_version,
                  {name, number, version.created, version.updated,
                   isDeleted ? QVariant()
                             : QVariant(versionText.isNull() ? QStringLiteral("") : versionText),
                   stageName(version.stage),
                   isDeleted ? QStringLiteral("REDACTED-SOURCE-PATH") : source,
                   isDeleted ? QStringLiteral("REDACTED-RUN-ID") : run.uuid,
                   isDeleted ? QStringLiteral("REDACTED-RUN-LINK") : QStringLiteral(""), source})) {
            return false;
        }
        ++m_summary.versions;
        if (!exec(m_versionTag,
                  {QStringLiteral("data_version"), quarterLabel(run.quarter), name, number})
            || !exec(m_versionTag,
                     {QStringLiteral("validation_status"), validationStatus(version.stage), name,
                      number})) {
            return false;
        }
        if (version.stage == Stage::Production)
            production = number;
        else if (version.stage == Stage::Staging)
            staging = number;
        if (!tick(1))
            return false;
    }
    if (production > 0 && !exec(m_alias, {QStringLiteral("champion"), production, name}))
        return false;
    if (staging > 0 && !exec(m_alias, {QStringLiteral("challenger"), staging, name}))
        return false;
    return true;
}

bool DemoWriter::writeHugeModel()
{
    const int count = m_options.hugeModelVersions;
    if (count <= 0)
        return true;
    const QString name = QStringLiteral("huge-version-history");
    const Domain &d = Domains[ForecastDomain];

    const qint64 modelCreated = DemoNow - 700 * Day;
    const int deleted = count >= 10 ? count / 2 : 0;
    std::vector<VersionPlan> versions
        = planVersions(count, modelCreated + Hour, DemoNow - 3 * Day, Lifecycle::Nightly, 0);
    if (deleted > 0 && versions[std::size_t(deleted - 1)].stage == Stage::None) {
        VersionPlan &version = versions[std::size_t(deleted - 1)];
        version.stage = Stage::Deleted;
        version.updated = version.created + Hour;
    }
    qint64 modelUpdated = modelCreated;
    for (const VersionPlan &version : versions)
        modelUpdated = std::max(modelUpdated, version.updated);

    QString description
        = QStringLiteral("# Nightly demand forecast builds\n\nThe retraining job registers a new "
                         "version for every store cluster each night, so this model has **%1 "
                         "versions**: a stress test for paging and search.\n\n"
                         "- promoted to Production roughly every 997 builds\n"
                         "- the `champion` alias follows Production")
              .arg(count);
    if (deleted > 0 && versions[std::size_t(deleted - 1)].stage == Stage::Deleted)
        description += QStringLiteral("\n- version %1 was deleted (a corrupt build)").arg(deleted);
    if (!exec(m_model, {name, modelCreated, modelUpdated, description}))
        return false;
    ++m_summary.models;
    if (!exec(m_modelTag, {QStringLiteral("team"), utf8(d.team), name})
        || !exec(m_modelTag, {QStringLiteral("task"), utf8(d.task), name})
        || !exec(m_modelTag,
                 {QStringLiteral("owner"), QStringLiteral("svc-retrain@example.com"), name})) {
        return false;
    }

    // The versions share a few nightly runs; each run precedes the first version it produced.
    std::vector<RunPlan> runs;
    for (int i = 0; i < HugeModelRuns; ++i) {
        const int first = int(qint64(i) * count / HugeModelRuns) + 1;
        RunPlan run = versionRun(ForecastDomain, versions[std::size_t(std::min(first, count) - 1)],
                                 first, count);
        run.name = QStringLiteral("nightly-retrain-%1").arg(i + 1);
        run.user = QStringLiteral("svc-retrain");
        run.sourceType = QStringLiteral("JOB");
        run.sourceName = QStringLiteral("pipelines/nightly_forecast.py");
        run.history = RunHistory::FinalOnly;
        if (!writeRun(run))
            return false;
        runs.push_back(run);
    }

    int production = 0;
    int staging = 0;
    for (int number = 1; number <= count; ++number) {
        const VersionPlan &version = versions[std::size_t(number - 1)];
        const RunPlan &run = runs[std::size_t(qint64(number - 1) * HugeModelRuns / count)];
        const QString source = artifactUri(run) % QStringLiteral("/model");
        const bool isDeleted = version.stage == Stage::Deleted;
        if (!exec(m_version,
                  {name, number, version.created, version.updated,
                   isDeleted ? QVariant() : QVariant(QStringLiteral("")), stageName(version.stage),
                   isDeleted ? QStringLiteral("REDACTED-SOURCE-PATH") : source,
                   isDeleted ? QStringLiteral("REDACTED-RUN-ID") : run.uuid,
                   isDeleted ? QStringLiteral("REDACTED-RUN-LINK") : QStringLiteral(""), source})) {
            return false;
        }
        ++m_summary.versions;
        if (!exec(m_versionTag,
                  {QStringLiteral("build"), QString::number(10000 + number), name, number})) {
            return false;
        }
        if (version.stage == Stage::Production)
            production = number;
        else if (version.stage == Stage::Staging)
            staging = number;
        if (!tick(1))
            return false;
    }
    if (production > 0 && !exec(m_alias, {QStringLiteral("champion"), production, name}))
        return false;
    if (staging > 0 && !exec(m_alias, {QStringLiteral("challenger"), staging, name}))
        return false;
    if (count >= 2 && versions[std::size_t(count - 1)].stage != Stage::Deleted
        && !exec(m_alias, {QStringLiteral("latest-nightly"), count, name})) {
        return false;
    }
    return true;
}

// A prompt from MLflow's prompt registry: stored as a registered model tagged
// mlflow.prompt.is_prompt, which model and version searches hide.
bool DemoWriter::writePromptModel()
{
    const QString name = QStringLiteral("support-reply-prompt");
    const qint64 created = DemoNow - 20 * Day;
    const qint64 lastVersion = created + qint64(PromptVersions) * 2 * Day;
    if (!exec(m_model, {name, created, lastVersion, QStringLiteral("")}))
        return false;
    ++m_summary.models;
    if (!exec(m_modelTag, {QStringLiteral("mlflow.prompt.is_prompt"), QStringLiteral("true"), name})
        || !exec(m_modelTag, {QStringLiteral("task"), QStringLiteral("support-reply"), name})) {
        return false;
    }
    for (int number = 1; number <= PromptVersions; ++number) {
        const qint64 time = created + qint64(number) * 2 * Day;
        const QString source = QStringLiteral("dummy-source");
        if (!exec(m_version,
                  {name, number, time, time, utf8(PromptHistory[std::size_t(number - 1)].message),
                   stageName(Stage::None), source, QStringLiteral(""), QStringLiteral(""),
                   source})) {
            return false;
        }
        ++m_summary.versions;
        if (!exec(m_versionTag,
                  {QStringLiteral("mlflow.prompt.is_prompt"), QStringLiteral("true"), name, number})
            || !exec(m_versionTag,
                     {QStringLiteral("mlflow.prompt.text"),
                      utf8(PromptHistory[std::size_t(number - 1)].text), name, number})
            || !tick(1)) {
            return false;
        }
    }
    return exec(m_alias, {QStringLiteral("production"), 2, name});
}

} // namespace

Result<DemoSummary> generateDemo(QSqlDatabase &db,
                                 const DemoOptions &options,
                                 const std::function<bool(qint64, qint64)> &progress)
{
    DemoWriter writer(db, options, progress);
    return writer.generate();
}

Result<DemoSummary> createDemoStore(const QString &path, const DemoOptions &options,
                                    const std::function<bool(qint64, qint64)> &progress)
{
    if (auto created = SqlBackend::initialize(path); !created)
        return created.error();
    static QAtomicInteger<quint64> counter;
    const QString connection
        = QStringLiteral("modeldesk-demo-%1").arg(counter.fetchAndAddRelaxed(1));
    Result<DemoSummary> summary = RegistryError();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (!db.open()) {
            summary = RegistryError(ErrorCode::InternalError,
                                    QCoreApplication::translate("ModelDesk::Demo",
                                                                "Could not open %1.")
                                        .arg(path),
                                    db.lastError().text());
        } else if (auto pragmas = SqlSchema::applyPragmas(db); !pragmas) {
            summary = pragmas.error();
        } else {
            summary = generateDemo(db, options, progress);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    if (!summary)
        QFile::remove(path);
    return summary;
}

} // namespace ModelDesk
