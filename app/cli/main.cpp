// modeldesk-cli: the registry library for scripts. Each command is one registry call (or a
// series of page calls); --json prints what an MLflow server answers for the same call.
#include "app/cli/cli.h"
#include "registry/approval/approvals.h"
#include "registry/demo/demogenerator.h"
#include "registry/filter/filter.h"
#include "registry/json/mlflowjson.h"
#include "registry/pagefollower.h"
#include "registry/registryopener.h"
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlschema.h"
#include "registry/validation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QTextStream>

#include <cstdio>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <functional>
#include <memory>

using namespace ModelDesk;

namespace {

using namespace Cli;

// A listing allocates millions of small blocks on the registry's thread and frees them on
// exit. glibc gives that thread an arena of its own, grown 64 MB heap by heap with mprotect,
// and returns memory to the system as soon as the top of a heap is free; profiled on a
// 200,000-version listing, that bookkeeping and the page faults after each trim took about
// a tenth of the run. One arena, grown in large steps and never trimmed, is what a
// short-lived process wants.
void tuneAllocator()
{
#ifdef __GLIBC__
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
#endif
}

// Fills the search request; returns false on a bad --max-results.
bool searchRequest(const Options &options, SearchRequest *request, bool *onePage)
{
    request->filter = options.value(QStringLiteral("filter"));
    request->orderBy = options.parser.values(QStringLiteral("order-by"));
    request->pageToken = options.value(QStringLiteral("page-token"));
    *onePage = options.isSet(QStringLiteral("max-results"));
    if (*onePage) {
        bool ok = false;
        request->maxResults = options.value(QStringLiteral("max-results")).toInt(&ok);
        if (!ok || request->maxResults < 1)
            return false;
    }
    return true;
}

// One page, or every page followed through its next_page_token.
template<typename T, typename Search>
Result<Page<T>> collectPages(const Registry &registry, SearchRequest request, bool onePage,
                             Search search)
{
    Page<T> all;
    PageFollower pages(registry.location());
    for (;;) {
        auto page = await(search(request));
        if (!page)
            return page.error();
        all.items += page->items;
        all.nextPageToken = page->nextPageToken;
        if (onePage || page->nextPageToken.isEmpty())
            return all;
        if (const auto endless = pages.follow(page->nextPageToken))
            return *endless;
        request.pageToken = page->nextPageToken;
    }
}

// The same pages printed as one MLflow response while they arrive: the next page is asked
// for before the current one is written, and no page is kept once written. An error after
// the first page leaves the printed JSON unfinished (and exits 1).
template<typename T, typename Search, typename ToJson>
int printPages(const Registry &registry, SearchRequest request, bool onePage,
               const QString &key, Search search, ToJson toJson)
{
    PageFollower pages(registry.location());
    auto pending = search(request);
    out().flush();
    MlflowJson::ListStream stream(stdoutDevice(), key);
    for (;;) {
        const auto page = await(std::move(pending));
        if (!page)
            return registryError(page.error());
        const bool more = !onePage && !page->nextPageToken.isEmpty();
        if (more) {
            if (const auto endless = pages.follow(page->nextPageToken))
                return registryError(*endless);
            request.pageToken = page->nextPageToken;
            pending = search(request);
        }
        for (const T &item : page->items)
            stream.append(toJson(item));
        if (!stream.errorString().isEmpty())
            return outputError(stream.errorString());
        if (!more)
            return finishJson(stream, onePage ? page->nextPageToken : QString());
    }
}

// Versions pages printed as one MLflow response, each streamed while it is read (a single
// page may hold 200,000 versions).
int printVersionPages(Registry &registry, SearchRequest request, bool onePage)
{
    PageFollower pages(registry.location());
    out().flush();
    MlflowJson::ListStream stream(stdoutDevice(), QStringLiteral("model_versions"));
    for (;;) {
        const auto page = writeStreamed<ModelVersion, Page<ModelVersion>>(
            stream,
            [&](PartSink<ModelVersion> sink) {
                return registry.streamVersions(request, std::move(sink));
            },
            [](const ModelVersion &version) {
                return MlflowJson::modelVersion(version, MlflowJson::Aliases::Omit);
            });
        if (!stream.errorString().isEmpty())
            return outputError(stream.errorString());
        if (!page)
            return registryError(page.error());
        if (onePage || page->nextPageToken.isEmpty())
            return finishJson(stream, onePage ? page->nextPageToken : QString());
        if (const auto endless = pages.follow(page->nextPageToken))
            return registryError(*endless);
        request.pageToken = page->nextPageToken;
    }
}

int commandModels(Registry &registry, const Options &options)
{
    if (options.args.size() != 1)
        return usageError(tr("'models' takes no arguments."));
    SearchRequest request;
    bool onePage = false;
    if (!searchRequest(options, &request, &onePage))
        return usageError(tr("--max-results takes a positive number."));
    if (!onePage)
        request.maxResults = 1000;
    if (options.isSet(QStringLiteral("json"))) {
        return printPages<RegisteredModel>(
            registry, request, onePage, QStringLiteral("registered_models"),
            [&registry](const SearchRequest &r) { return registry.searchModels(r); },
            [](const RegisteredModel &model) { return MlflowJson::registeredModel(model); });
    }
    auto found = collectPages<RegisteredModel>(registry, request, onePage, [&registry](const SearchRequest &r) {
        return registry.searchModels(r);
    });
    if (!found)
        return registryError(found.error());
    const Page<RegisteredModel> &all = *found;
    QList<QStringList> rows;
    for (const RegisteredModel &model : std::as_const(all.items)) {
        QStringList latest;
        for (const ModelVersion &version : model.latestVersions)
            latest << version.currentStage + QLatin1Char(':') + QString::number(version.version);
        QStringList aliases;
        for (const Alias &alias : model.aliases)
            aliases << alias.alias + QLatin1Char('@') + QString::number(alias.version);
        rows << QStringList{model.name, latest.join(QLatin1Char(' ')),
                            aliases.join(QLatin1Char(' ')), timeText(model.lastUpdatedTimestamp),
                            firstLine(model.description)};
    }
    printTable({tr("NAME"), tr("LATEST"), tr("ALIASES"), tr("UPDATED"), tr("DESCRIPTION")}, rows);
    if (!all.nextPageToken.isEmpty())
        out() << tr("next_page_token: %1").arg(all.nextPageToken) << Qt::endl;
    return 0;
}

int commandVersions(Registry &registry, const Options &options)
{
    if (options.args.size() > 2)
        return usageError(tr("'versions' takes at most one model name."));
    SearchRequest request;
    bool onePage = false;
    if (!searchRequest(options, &request, &onePage))
        return usageError(tr("--max-results takes a positive number."));
    if (options.args.size() == 2) {
        auto clause = Filter::nameEquals(options.args.at(1));
        if (!clause)
            return registryError(clause.error());
        request.filter = request.filter.trimmed().isEmpty()
                             ? *clause
                             : *clause + QStringLiteral(" AND ") + request.filter;
    }
    if (!onePage)
        request.maxResults = 200000;
    if (options.isSet(QStringLiteral("json")))
        return printVersionPages(registry, request, onePage);
    auto found = collectPages<ModelVersion>(registry, request, onePage, [&registry](const SearchRequest &r) {
        return registry.searchVersions(r);
    });
    if (!found)
        return registryError(found.error());
    const Page<ModelVersion> &all = *found;
    QList<QStringList> rows;
    for (const ModelVersion &version : std::as_const(all.items)) {
        rows << QStringList{version.name, QString::number(version.version), version.currentStage,
                            version.status, timeText(version.creationTimestamp),
                            version.runId.value_or(QString()),
                            firstLine(version.description.value_or(QString()), 40),
                            tagsText(version.tags)};
    }
    printTable({tr("NAME"), tr("VERSION"), tr("STAGE"), tr("STATUS"), tr("CREATED"), tr("RUN"),
                tr("DESCRIPTION"), tr("TAGS")},
               rows);
    if (!all.nextPageToken.isEmpty())
        out() << tr("next_page_token: %1").arg(all.nextPageToken) << Qt::endl;
    return 0;
}

void printVersion(const ModelVersion &version)
{
    QList<QStringList> rows{
        {tr("name"), version.name},
        {tr("version"), QString::number(version.version)},
        {tr("stage"), version.currentStage},
        {tr("status"), version.status},
        {tr("aliases"), version.aliases.join(QStringLiteral(", "))},
        {tr("created"), timeText(version.creationTimestamp)},
        {tr("updated"), timeText(version.lastUpdatedTimestamp)},
        {tr("source"), version.source},
        {tr("run"), version.runId.value_or(QString())},
        {tr("tags"), tagsText(version.tags)},
        {tr("description"), version.description.value_or(QString())},
    };
    printTable({tr("FIELD"), tr("VALUE")}, rows);
}

void printModel(const RegisteredModel &model)
{
    QStringList latest;
    for (const ModelVersion &version : model.latestVersions)
        latest << version.currentStage + QLatin1Char(':') + QString::number(version.version);
    QStringList aliases;
    for (const Alias &alias : model.aliases)
        aliases << alias.alias + QLatin1Char('@') + QString::number(alias.version);
    QList<QStringList> rows{
        {tr("name"), model.name},
        {tr("created"), timeText(model.creationTimestamp)},
        {tr("updated"), timeText(model.lastUpdatedTimestamp)},
        {tr("latest"), latest.join(QLatin1Char(' '))},
        {tr("aliases"), aliases.join(QLatin1Char(' '))},
        {tr("tags"), tagsText(model.tags)},
        {tr("description"), model.description},
    };
    printTable({tr("FIELD"), tr("VALUE")}, rows);
}

int commandGet(Registry &registry, const Options &options)
{
    if (options.args.size() != 2)
        return usageError(tr("'get' takes a model name."));
    const QString name = options.args.at(1);
    const bool json = options.isSet(QStringLiteral("json"));
    if (options.isSet(QStringLiteral("version")) && options.isSet(QStringLiteral("alias")))
        return usageError(tr("--version and --alias cannot be used together."));
    if (options.isSet(QStringLiteral("version")) || options.isSet(QStringLiteral("alias"))) {
        Result<ModelVersion> version = RegistryError();
        if (options.isSet(QStringLiteral("version"))) {
            const auto number = parseVersionArgument(options.value(QStringLiteral("version")));
            if (!number) {
                return registryError(RegistryError(
                    ErrorCode::InvalidParameterValue,
                    tr("Parameter 'version' must be an integer, got '%1'.")
                        .arg(options.value(QStringLiteral("version")))));
            }
            version = await(registry.version(name, *number));
        } else {
            version = await(registry.versionByAlias(name, options.value(QStringLiteral("alias"))));
        }
        if (!version)
            return registryError(version.error());
        if (json)
            return printJson(MlflowJson::modelVersionResponse(*version));
        else
            printVersion(*version);
        return 0;
    }
    auto model = await(registry.model(name));
    if (!model)
        return registryError(model.error());
    if (json)
        return printJson(MlflowJson::registeredModelResponse(*model));
    else
        printModel(*model);
    return 0;
}

// Runs a write and prints its outcome: the MLflow answer with --json, else `done`.
template<typename T>
int finishWrite(const Result<T> &result, const Options &options, const QString &done,
                const std::function<MlflowJson::Value::Object(const T &)> &json = {})
{
    if (!result)
        return registryError(result.error());
    if (options.isSet(QStringLiteral("json")))
        return printJson(json ? json(*result) : MlflowJson::Value::Object{});
    else
        out() << done << Qt::endl;
    return 0;
}

int commandWrite(const QString &command, Registry &registry, const Options &options)
{
    const QStringList &a = options.args;
    const auto need = [&](int count, const char *usage) -> bool {
        if (a.size() == count + 1)
            return true;
        usageError(tr("usage: modeldesk-cli %1").arg(QString::fromLatin1(usage)));
        return false;
    };
    const auto tags = parseTags(options.parser.values(QStringLiteral("tag")));
    if (!tags)
        return usageError(tags.error().message());
    const bool hasVersion = options.isSet(QStringLiteral("version"));
    std::optional<qint64> versionOption;
    if (hasVersion) {
        auto number = versionArgument(options.value(QStringLiteral("version")));
        if (!number)
            return registryError(number.error());
        versionOption = *number;
    }

    if (command == QLatin1String("create-model")) {
        if (!need(1, "create-model NAME [--description TEXT] [--tag KEY=VALUE]..."))
            return ExitUsage;
        return finishWrite<RegisteredModel>(
            await(registry.createModel(a.at(1), options.value(QStringLiteral("description")),
                                       *tags)),
            options, tr("Created registered model %1.").arg(a.at(1)),
            &MlflowJson::registeredModelResponse);
    }
    if (command == QLatin1String("rename")) {
        if (!need(2, "rename NAME NEW_NAME"))
            return ExitUsage;
        return finishWrite<RegisteredModel>(await(registry.renameModel(a.at(1), a.at(2))), options,
                                            tr("Renamed %1 to %2.").arg(a.at(1), a.at(2)),
                                            &MlflowJson::registeredModelResponse);
    }
    if (command == QLatin1String("delete-model")) {
        if (!need(1, "delete-model NAME"))
            return ExitUsage;
        return finishWrite<Done>(await(registry.deleteModel(a.at(1))), options,
                                 tr("Deleted registered model %1 and all its versions.")
                                     .arg(a.at(1)));
    }
    if (command == QLatin1String("register")) {
        if (!need(2, "register NAME SOURCE [--run-id ID] [--run-link URL] [--description TEXT] "
                     "[--tag KEY=VALUE]..."))
            return ExitUsage;
        CreateVersionRequest request;
        request.name = a.at(1);
        request.source = a.at(2);
        if (options.isSet(QStringLiteral("run-id")))
            request.runId = options.value(QStringLiteral("run-id"));
        if (options.isSet(QStringLiteral("run-link")))
            request.runLink = options.value(QStringLiteral("run-link"));
        if (options.isSet(QStringLiteral("description")))
            request.description = options.value(QStringLiteral("description"));
        request.tags = *tags;
        const auto result = await(registry.createVersion(request));
        return finishWrite<ModelVersion>(
            result, options,
            result ? tr("Registered version %1 of %2.").arg(result->version).arg(a.at(1))
                   : QString(),
            [](const ModelVersion &version) {
                return MlflowJson::Value::Object{
                    {QStringLiteral("model_version"),
                     MlflowJson::modelVersion(version, MlflowJson::Aliases::Omit)}};
            });
    }
    if (command == QLatin1String("delete-version")) {
        if (!need(2, "delete-version NAME VERSION"))
            return ExitUsage;
        auto number = versionArgument(a.at(2));
        if (!number)
            return registryError(number.error());
        return finishWrite<Done>(await(registry.deleteVersion(a.at(1), *number)), options,
                                 tr("Deleted version %1 of %2.").arg(*number).arg(a.at(1)));
    }
    if (command == QLatin1String("describe")) {
        if (!need(2, "describe NAME TEXT [--version V]"))
            return ExitUsage;
        if (versionOption) {
            return finishWrite<ModelVersion>(
                await(registry.updateVersionDescription(a.at(1), *versionOption, a.at(2))),
                options, tr("Updated the description of version %1 of %2.")
                             .arg(*versionOption)
                             .arg(a.at(1)),
                &MlflowJson::modelVersionResponse);
        }
        return finishWrite<RegisteredModel>(
            await(registry.updateModelDescription(a.at(1), a.at(2))), options,
            tr("Updated the description of %1.").arg(a.at(1)),
            &MlflowJson::registeredModelResponse);
    }
    if (command == QLatin1String("set-tag")) {
        if (!need(3, "set-tag NAME KEY VALUE [--version V]"))
            return ExitUsage;
        if (auto allowed = Approval::checkTagEdit(a.at(2)); !allowed)
            return registryError(allowed.error());
        const auto result = versionOption
                                ? await(registry.setVersionTag(a.at(1), *versionOption, a.at(2),
                                                               a.at(3)))
                                : await(registry.setModelTag(a.at(1), a.at(2), a.at(3)));
        return finishWrite<Done>(result, options, tr("Set tag %1.").arg(a.at(2)));
    }
    if (command == QLatin1String("delete-tag")) {
        if (!need(2, "delete-tag NAME KEY [--version V]"))
            return ExitUsage;
        if (auto allowed = Approval::checkTagEdit(a.at(2)); !allowed)
            return registryError(allowed.error());
        const auto result = versionOption
                                ? await(registry.deleteVersionTag(a.at(1), *versionOption, a.at(2)))
                                : await(registry.deleteModelTag(a.at(1), a.at(2)));
        return finishWrite<Done>(result, options, tr("Deleted tag %1.").arg(a.at(2)));
    }
    if (command == QLatin1String("set-alias")) {
        if (!need(3, "set-alias NAME ALIAS VERSION"))
            return ExitUsage;
        auto number = versionArgument(a.at(3));
        if (!number)
            return registryError(number.error());
        return finishWrite<Done>(await(Approval::setAlias(&registry, a.at(1), a.at(2), *number)), options,
                                 tr("Alias %1 now points to version %2 of %3.")
                                     .arg(a.at(2))
                                     .arg(*number)
                                     .arg(a.at(1)));
    }
    if (command == QLatin1String("delete-alias")) {
        if (!need(2, "delete-alias NAME ALIAS"))
            return ExitUsage;
        return finishWrite<Done>(await(Approval::deleteAlias(&registry, a.at(1), a.at(2))), options,
                                 tr("Deleted alias %1 of %2.").arg(a.at(2), a.at(1)));
    }
    if (command == QLatin1String("transition")) {
        if (!need(3, "transition NAME VERSION STAGE [--archive-existing]"))
            return ExitUsage;
        auto number = versionArgument(a.at(2));
        if (!number)
            return registryError(number.error());
        const ArchiveExisting archive = options.isSet(QStringLiteral("archive-existing"))
                                            ? ArchiveExisting::Yes
                                            : ArchiveExisting::No;
        const auto result = await(Approval::transition(&registry, a.at(1), *number, a.at(3), archive));
        return finishWrite<ModelVersion>(
            result, options,
            result ? tr("Version %1 of %2 is now in %3.")
                         .arg(*number)
                         .arg(a.at(1), result->currentStage)
                   : QString(),
            &MlflowJson::modelVersionResponse);
    }
    return usageError(tr("unknown command '%1'.").arg(command));
}

int commandInit(const Options &options)
{
    if (options.args.size() != 2)
        return usageError(tr("'init' takes a path."));
    const QString path = options.args.at(1);
    if (auto result = SqlBackend::initialize(path); !result)
        return registryError(result.error());
    out() << tr("Created an empty MLflow registry at %1 (schema revision %2).")
                 .arg(path, SqlSchema::CreatedRevision)
          << Qt::endl;
    return 0;
}

int commandDemo(const Options &options)
{
    if (options.args.size() != 2)
        return usageError(tr("'demo' takes a path."));
    DemoOptions demo;
    const auto intOption = [&](const QString &name, int *into, int minimum) {
        if (!options.isSet(name))
            return true;
        bool ok = false;
        const int value = options.value(name).toInt(&ok);
        if (!ok || value < minimum)
            return false;
        *into = value;
        return true;
    };
    if (!intOption(QStringLiteral("models"), &demo.models, 1)
        || !intOption(QStringLiteral("versions-per-model"), &demo.versionsPerModel, 1)) {
        return usageError(tr("--models and --versions-per-model take positive numbers."));
    }
    if (options.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        demo.seed = options.value(QStringLiteral("seed")).toUInt(&ok);
        if (!ok)
            return usageError(tr("--seed takes a non-negative number."));
    }
    const QString path = options.args.at(1);
    QElapsedTimer timer;
    timer.start();
    const Result<DemoSummary> summary = createDemoStore(path, demo);
    if (!summary)
        return registryError(summary.error());
    out() << tr("Generated a demo registry at %1: %2 models, %3 versions, %4 runs in %5 "
                "experiments, %6 metric points (%7 ms).")
                 .arg(path)
                 .arg(summary->models)
                 .arg(summary->versions)
                 .arg(summary->runs)
                 .arg(summary->experiments)
                 .arg(summary->metricPoints)
                 .arg(timer.elapsed())
          << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    tuneAllocator();
    std::unique_ptr<QCoreApplication> app;
    if (cardNeedsGui(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("modeldesk-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("ModelDesk"));
    // Qt would decode a malformed argument with U+FFFD in place of its bytes, and the altered
    // text would be stored as if the user had typed it.
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView argument(argv[i]);
        const qsizetype bad = Validation::invalidUtf8Offset(argument);
        if (bad >= 0) {
            return usageError(tr("argument %1 is not valid UTF-8 (byte 0x%2 at offset %3); "
                                 "ModelDesk stores text exactly as given, so it takes only "
                                 "UTF-8 text.")
                                  .arg(i)
                                  .arg(uchar(argument.at(bad)), 2, 16, QLatin1Char('0'))
                                  .arg(bad));
        }
    }

    Options options;
    QCommandLineParser &parser = options.parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions({
        {{QStringLiteral("r"), QStringLiteral("registry")}, tr("Registry URI."), tr("URI")},
        {QStringLiteral("workspace"), tr("MLflow workspace (default: default)."), tr("NAME")},
        {QStringLiteral("filter"), tr("MLflow filter string."), tr("F")},
        {QStringLiteral("order-by"), tr("Order term (repeatable)."), tr("K")},
        {QStringLiteral("max-results"), tr("One page of at most N results."), tr("N")},
        {QStringLiteral("page-token"), tr("Page token from a previous page."), tr("T")},
        {QStringLiteral("json"), tr("Print MLflow's JSON answer.")},
        {QStringLiteral("version"), tr("Model version."), tr("V")},
        {QStringLiteral("alias"), tr("Model alias."), tr("A")},
        {QStringLiteral("description"), tr("Description (Markdown)."), tr("TEXT")},
        {QStringLiteral("tag"), tr("Tag KEY=VALUE (repeatable)."), tr("KEY=VALUE")},
        {QStringLiteral("run-id"), tr("Source run id."), tr("ID")},
        {QStringLiteral("run-link"), tr("Source run link."), tr("URL")},
        {QStringLiteral("archive-existing"), tr("Archive other versions in the target stage.")},
        {QStringLiteral("stage"), tr("Stage (repeatable)."), tr("S")},
        {QStringLiteral("models"), tr("Demo: number of models."), tr("N")},
        {QStringLiteral("versions-per-model"), tr("Demo: versions per model."), tr("M")},
        {QStringLiteral("seed"), tr("Demo: random seed."), tr("S")},
        {QStringLiteral("depth"), tr("Lineage: expansion rounds."), tr("N")},
        {QStringLiteral("dot"), tr("Lineage: print Graphviz DOT.")},
        {QStringLiteral("comment"), tr("Approvals: a comment."), tr("TEXT")},
        {QStringLiteral("all"), tr("Approvals: decided requests too.")},
        {QStringLiteral("audit"), tr("Approvals: what protected models hold unapproved.")},
        {QStringLiteral("set"), tr("Approvers: set them to the users given.")},
        {QStringLiteral("format"), tr("Card: markdown, html or pdf."), tr("FORMAT")},
        {QStringLiteral("output"), tr("Card: the file to write."), tr("FILE")},
        {QStringLiteral("artifacts"), tr("Snapshot: keep the versions' small artifacts.")},
        {QStringLiteral("max-artifact-size"), tr("Snapshot: largest artifact kept (MB)."),
         tr("MB")},
        {{QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help.")},
    });
    if (!parser.parse(QCoreApplication::arguments()))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out() << QString::fromUtf8(UsageText);
        return 0;
    }
    options.args = parser.positionalArguments();
    if (options.args.isEmpty())
        return usageError(tr("no command given."));
    const QString command = options.args.first();

    if (command == QLatin1String("init"))
        return commandInit(options);
    if (command == QLatin1String("demo"))
        return commandDemo(options);
    if (command == QLatin1String("diff"))
        return commandDiff(options);

    // Positional arguments each command takes (besides its name), checked before the registry
    // is opened so that a usage mistake is always exit status 2.
    static const QHash<QString, std::pair<int, int>> arity{
        {QStringLiteral("info"), {0, 0}},
        {QStringLiteral("models"), {0, 0}},       {QStringLiteral("versions"), {0, 1}},
        {QStringLiteral("get"), {1, 1}},          {QStringLiteral("create-model"), {1, 1}},
        {QStringLiteral("rename"), {2, 2}},       {QStringLiteral("delete-model"), {1, 1}},
        {QStringLiteral("register"), {2, 2}},     {QStringLiteral("delete-version"), {2, 2}},
        {QStringLiteral("describe"), {2, 2}},     {QStringLiteral("set-tag"), {3, 3}},
        {QStringLiteral("delete-tag"), {2, 2}},   {QStringLiteral("set-alias"), {3, 3}},
        {QStringLiteral("delete-alias"), {2, 2}}, {QStringLiteral("transition"), {3, 3}},
        {QStringLiteral("latest"), {1, 1}},       {QStringLiteral("download-uri"), {2, 2}},
        {QStringLiteral("run"), {1, 1}},          {QStringLiteral("metric"), {2, 2}},
        {QStringLiteral("artifacts"), {1, 2}},    {QStringLiteral("download"), {3, 3}},
        {QStringLiteral("trend"), {2, 2}},        {QStringLiteral("compare"), {3, 1000}},
        {QStringLiteral("lineage"), {2, 2}},
        {QStringLiteral("request"), {2, 2}},      {QStringLiteral("approvals"), {0, 1}},
        {QStringLiteral("approve"), {3, 3}},      {QStringLiteral("reject"), {3, 3}},
        {QStringLiteral("withdraw"), {3, 3}},     {QStringLiteral("approvers"), {1, 1000}},
        {QStringLiteral("history"), {1, 1}},      {QStringLiteral("card"), {2, 2}},
        {QStringLiteral("snapshot"), {1, 1}},
    };
    const auto expected = arity.constFind(command);
    if (expected == arity.cend())
        return usageError(tr("unknown command '%1'.").arg(command));
    const int given = int(options.args.size()) - 1;
    if (given < expected->first || given > expected->second)
        return usageError(tr("wrong number of arguments for '%1'.").arg(command));
    if (parser.isSet(QStringLiteral("max-results"))) {
        bool ok = false;
        if (parser.value(QStringLiteral("max-results")).toInt(&ok) < 1 || !ok)
            return usageError(tr("--max-results takes a positive number."));
    }

    const QString uri = parser.isSet(QStringLiteral("registry"))
                            ? parser.value(QStringLiteral("registry"))
                            : qEnvironmentVariable("MLFLOW_TRACKING_URI");
    if (uri.isEmpty())
        return usageError(tr("no registry: pass -r/--registry or set MLFLOW_TRACKING_URI."));
    const auto workspace = workspaceOption(options);
    if (!workspace)
        return usageError(workspace.error().message());
    auto registry = createRegistry(uri, SqlBackend::OpenMode::ReadWrite, *workspace);
    if (!registry)
        return registryError(registry.error());
    if (auto opened = await((*registry)->open()); !opened)
        return registryError(opened.error());

    Registry &r = **registry;
    if (command == QLatin1String("info"))
        return commandInfo(r, options);
    if (command == QLatin1String("models"))
        return commandModels(r, options);
    if (command == QLatin1String("versions"))
        return commandVersions(r, options);
    if (command == QLatin1String("get"))
        return commandGet(r, options);
    if (isRunCommand(command))
        return commandRun(command, r, options);
    if (isMetricCommand(command))
        return commandMetrics(command, r, options);
    if (command == QLatin1String("lineage"))
        return commandLineage(r, options);
    if (isApprovalCommand(command))
        return commandApproval(command, r, options);
    if (command == QLatin1String("card"))
        return commandCard(r, options);
    if (command == QLatin1String("snapshot"))
        return commandSnapshot(r, options);
    return commandWrite(command, r, options);
}
