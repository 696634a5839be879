#pragma once

#include <array>

// Internal to the demo generator: the fixed content the demo registry is built from (teams and
// their experiments, model kinds and flavors, metric shapes, name pools, prompt texts). Plain
// data only; demogenerator.cpp decides how it is combined and written.
namespace ModelDesk::DemoData {

enum class Family { Trees, Neural, Linear, Prophet };

// A model framework as logged by mlflow.<flavor>.log_model.
struct Kind
{
    const char *name;
    Family family;
    const char *loader;
    const char *flavor; // the framework flavor's member of "flavors" (may be empty)
};

// The shape of one metric's history: from `start` towards `end` with Gaussian noise.
struct MetricSpec
{
    const char *key;
    double start; // value at step 0
    double end; // value a good run converges to
    double noise;
    double low;
    double high;
};

// One team's project: an experiment, its datasets, and the registered models it produces.
struct Domain
{
    const char *experiment;
    const char *team;
    const char *owner;
    const char *task;
    const char *title;
    const char *summary;
    const char *dataPath;
    std::array<const char *, 4> models;
    std::array<int, 3> kinds; // indexes into Kinds
    std::array<const char *, 3> featureSets;
    std::array<MetricSpec, 2> quality;
    const char *columns; // mlflow_colspec members of the dataset schema
    int columnCount;
    int trainRows;
};

// One version of the demo prompt: its template and the version's commit message.
struct PromptVersion
{
    const char *text;
    const char *message;
};

extern const std::array<Kind, 12> Kinds;

// The losses every training run logs besides its domain's quality metrics.
extern const MetricSpec LossSpec;
extern const MetricSpec ValidationLossSpec;

extern const std::array<Domain, 6> Domains;
// The domain the huge model's nightly builds belong to.
constexpr int ForecastDomain = 3;

extern const std::array<const char *, 10> Users;
// MLflow names unnamed runs "<adjective>-<animal>-<number>".
extern const std::array<const char *, 16> Adjectives;
extern const std::array<const char *, 16> Animals;
extern const std::array<const char *, 3> DeploymentTargets;

// Learning rates the runs of each family pick from.
extern const std::array<const char *, 9> TreeLearningRates;
extern const std::array<const char *, 4> NeuralLearningRates;

extern const std::array<PromptVersion, 3> PromptHistory;

} // namespace ModelDesk::DemoData
