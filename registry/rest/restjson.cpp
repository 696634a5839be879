#include "registry/rest/restjson.h"

#include "registry/rest/jsonscanner.h"

#include <QJsonDocument>

#include <array>
#include <cmath>
#include <limits>

namespace ModelDesk::RestJson {

namespace {

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

} // namespace

void Reader::fail(const QString &problem)
{
    if (m_problem.isEmpty())
        m_problem = problem;
}

std::optional<QString> Reader::optionalString(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isString()) {
        fail(QStringLiteral("\"%1\" is %2, not a string").arg(key, typeName(value)));
        return std::nullopt;
    }
    return value.toString();
}

QString Reader::string(const QJsonObject &object, const QString &key)
{
    return optionalString(object, key).value_or(QString());
}

std::optional<qint64> Reader::optionalInt64(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (std::isfinite(number) && number == std::floor(number)
            && std::fabs(number) <= 9.2e18) {
            return static_cast<qint64>(number);
        }
    } else if (value.isString()) {
        // Databricks, GraphQL and proxies write int64 as decimal strings.
        bool ok = false;
        const qint64 number = value.toString().trimmed().toLongLong(&ok);
        if (ok)
            return number;
    }
    fail(QStringLiteral("\"%1\" is %2, not an integer")
             .arg(key, value.isString() ? QStringLiteral("\"%1\"").arg(value.toString().left(40))
                                        : typeName(value)));
    return std::nullopt;
}

qint64 Reader::int64(const QJsonObject &object, const QString &key)
{
    return optionalInt64(object, key).value_or(0);
}

double Reader::real(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        const QString text = value.toString().trimmed();
        if (text.compare(QLatin1String("NaN"), Qt::CaseInsensitive) == 0)
            return std::numeric_limits<double>::quiet_NaN();
        if (text.compare(QLatin1String("Infinity"), Qt::CaseInsensitive) == 0
            || text.compare(QLatin1String("inf"), Qt::CaseInsensitive) == 0) {
            return std::numeric_limits<double>::infinity();
        }
        if (text.compare(QLatin1String("-Infinity"), Qt::CaseInsensitive) == 0
            || text.compare(QLatin1String("-inf"), Qt::CaseInsensitive) == 0) {
            return -std::numeric_limits<double>::infinity();
        }
        bool ok = false;
        const double number = text.toDouble(&ok);
        if (ok)
            return number;
    }
    if (value.isUndefined())
        return 0; // proto2: an unset double reads as 0
    fail(QStringLiteral("\"%1\" is %2, not a number").arg(key, typeName(value)));
    return 0;
}

bool Reader::boolean(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return false;
    if (value.isBool())
        return value.toBool();
    fail(QStringLiteral("\"%1\" is %2, not a boolean").arg(key, typeName(value)));
    return false;
}

QJsonObject Reader::object(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isObject())
        fail(QStringLiteral("\"%1\" is %2, not an object").arg(key, typeName(value)));
    return value.toObject();
}

QJsonArray Reader::array(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray())
        fail(QStringLiteral("\"%1\" is %2, not a list").arg(key, typeName(value)));
    return value.toArray();
}

QList<QJsonObject> Reader::objects(const QJsonObject &object, const QString &key)
{
    QList<QJsonObject> result;
    const QJsonArray values = array(object, key);
    result.reserve(values.size());
    for (const QJsonValue &value : values) {
        if (!value.isObject()) {
            fail(QStringLiteral("an entry of \"%1\" is %2, not an object")
                     .arg(key, typeName(value)));
            break;
        }
        result.append(value.toObject());
    }
    return result;
}

QList<Tag> Reader::tags(const QJsonObject &object, const QString &key)
{
    QList<Tag> result;
    for (const QJsonObject &entry : objects(object, key))
        result.append(Tag{string(entry, QStringLiteral("key")),
                          string(entry, QStringLiteral("value"))});
    return result;
}

ModelVersion Reader::modelVersion(const QJsonObject &object)
{
    ModelVersion version;
    version.name = string(object, QStringLiteral("name"));
    version.version = int64(object, QStringLiteral("version"));
    version.creationTimestamp = int64(object, QStringLiteral("creation_timestamp"));
    version.lastUpdatedTimestamp = int64(object, QStringLiteral("last_updated_timestamp"));
    version.userId = optionalString(object, QStringLiteral("user_id"));
    version.currentStage = string(object, QStringLiteral("current_stage"));
    version.description = optionalString(object, QStringLiteral("description"));
    version.source = string(object, QStringLiteral("source"));
    version.runId = optionalString(object, QStringLiteral("run_id"));
    version.status = string(object, QStringLiteral("status"));
    version.statusMessage = optionalString(object, QStringLiteral("status_message"));
    version.tags = tags(object);
    version.runLink = optionalString(object, QStringLiteral("run_link"));
    const QJsonArray aliases = array(object, QStringLiteral("aliases"));
    for (const QJsonValue &alias : aliases)
        version.aliases.append(alias.toString());
    if (version.name.isEmpty())
        fail(QStringLiteral("a model version has no name"));
    return version;
}

RegisteredModel Reader::registeredModel(const QJsonObject &object)
{
    RegisteredModel model;
    model.name = string(object, QStringLiteral("name"));
    model.creationTimestamp = int64(object, QStringLiteral("creation_timestamp"));
    model.lastUpdatedTimestamp = int64(object, QStringLiteral("last_updated_timestamp"));
    model.description = string(object, QStringLiteral("description"));
    for (const QJsonObject &entry : objects(object, QStringLiteral("latest_versions")))
        model.latestVersions.append(modelVersion(entry));
    model.tags = tags(object);
    for (const QJsonObject &entry : objects(object, QStringLiteral("aliases")))
        model.aliases.append(Alias{string(entry, QStringLiteral("alias")),
                                   int64(entry, QStringLiteral("version"))});
    if (model.name.isEmpty())
        fail(QStringLiteral("a registered model has no name"));
    return model;
}

Metric Reader::metric(const QJsonObject &object)
{
    Metric point;
    point.key = string(object, QStringLiteral("key"));
    point.value = real(object, QStringLiteral("value"));
    point.timestamp = int64(object, QStringLiteral("timestamp"));
    point.step = int64(object, QStringLiteral("step"));
    return point;
}

Run Reader::run(const QJsonObject &object)
{
    Run run;
    const QJsonObject info = this->object(object, QStringLiteral("info"));
    run.info.runId = string(info, QStringLiteral("run_id"));
    if (run.info.runId.isEmpty())
        run.info.runId = string(info, QStringLiteral("run_uuid"));
    run.info.experimentId = string(info, QStringLiteral("experiment_id"));
    run.info.runName = string(info, QStringLiteral("run_name"));
    run.info.userId = string(info, QStringLiteral("user_id"));
    run.info.status = string(info, QStringLiteral("status"));
    run.info.startTime = int64(info, QStringLiteral("start_time"));
    run.info.endTime = optionalInt64(info, QStringLiteral("end_time"));
    run.info.artifactUri = string(info, QStringLiteral("artifact_uri"));
    run.info.lifecycleStage = string(info, QStringLiteral("lifecycle_stage"));

    const QJsonObject data = this->object(object, QStringLiteral("data"));
    for (const QJsonObject &entry : objects(data, QStringLiteral("metrics")))
        run.metrics.append(metric(entry));
    run.params = tags(data, QStringLiteral("params"));
    run.tags = tags(data, QStringLiteral("tags"));

    const QJsonObject inputs = this->object(object, QStringLiteral("inputs"));
    for (const QJsonObject &entry : objects(inputs, QStringLiteral("dataset_inputs"))) {
        DatasetInput input;
        input.tags = tags(entry);
        const QJsonObject dataset = this->object(entry, QStringLiteral("dataset"));
        input.dataset.name = string(dataset, QStringLiteral("name"));
        input.dataset.digest = string(dataset, QStringLiteral("digest"));
        input.dataset.sourceType = string(dataset, QStringLiteral("source_type"));
        input.dataset.source = string(dataset, QStringLiteral("source"));
        input.dataset.schema = string(dataset, QStringLiteral("schema"));
        input.dataset.profile = string(dataset, QStringLiteral("profile"));
        run.datasetInputs.append(input);
    }
    for (const QJsonObject &entry : objects(inputs, QStringLiteral("model_inputs")))
        run.modelInputs.append(string(entry, QStringLiteral("model_id")));
    if (object.contains(QLatin1String("outputs"))) {
        const QJsonObject outputs = this->object(object, QStringLiteral("outputs"));
        run.modelOutputs.emplace();
        for (const QJsonObject &entry : objects(outputs, QStringLiteral("model_outputs")))
            run.modelOutputs->append(ModelOutput{string(entry, QStringLiteral("model_id")),
                                                 int64(entry, QStringLiteral("step"))});
    }
    if (run.info.runId.isEmpty())
        fail(QStringLiteral("the run has no run_id"));
    return run;
}

ArtifactListing Reader::artifactListing(const QJsonObject &object)
{
    ArtifactListing listing;
    listing.rootUri = string(object, QStringLiteral("root_uri"));
    for (const QJsonObject &entry : objects(object, QStringLiteral("files"))) {
        ArtifactFile file;
        file.path = string(entry, QStringLiteral("path"));
        file.isDir = boolean(entry, QStringLiteral("is_dir"));
        file.fileSize = optionalInt64(entry, QStringLiteral("file_size"));
        listing.files.append(file);
    }
    return listing;
}

namespace {

RegistryError malformed(const QJsonParseError &error)
{
    return RegistryError(ErrorCode::InternalError, QStringLiteral("%1 at byte %2")
                                                       .arg(error.errorString())
                                                       .arg(error.offset));
}

RegistryError notAnObject()
{
    return RegistryError(ErrorCode::InternalError,
                         QStringLiteral("the answer is not a JSON object"));
}

} // namespace

Result<QJsonObject> parseObject(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return malformed(error);
    if (!document.isObject())
        return notAnObject();
    return document.object();
}

namespace {

using Type = JsonScanner::Type;

QString typeName(Type type)
{
    switch (type) {
    case Type::Null:
        return QStringLiteral("null");
    case Type::Bool:
        return QStringLiteral("a boolean");
    case Type::Number:
        return QStringLiteral("a number");
    case Type::String:
        return QStringLiteral("a string");
    case Type::Array:
        return QStringLiteral("an array");
    case Type::Object:
        return QStringLiteral("an object");
    }
    return {};
}

// The index of `key` among `names`, -1 for a key the reader passes over. The search starts at
// `*next`, the field after the last one found: servers write fields in one order, so the first
// guess is nearly always right.
template<std::size_t N>
int fieldIndex(const JsonScanner::String &key, const std::array<QLatin1StringView, N> &names,
               std::size_t *next)
{
    const QString text = key.isEscaped() ? key.toString() : QString();
    for (std::size_t n = 0; n < N; ++n) {
        const std::size_t i = (*next + n) % N;
        const bool found = key.isEscaped()
            ? text == names[i]
            : key.raw() == QByteArrayView(names[i].data(), names[i].size());
        if (found) {
            *next = i + 1;
            return int(i);
        }
    }
    return -1;
}

// Values that repeat through a page (a model's name on each of its versions, stages, statuses,
// users, tag keys) share one QString instead of each allocating its own: a small cache indexed
// by a cheap hash of the bytes, where a newcomer simply replaces what was in its slot.
class SharedStrings
{
public:
    QString get(const JsonScanner::String &text)
    {
        const QByteArrayView raw = text.raw();
        if (text.isEscaped() || raw.isEmpty() || raw.size() > MaxSize)
            return text.toString();
        const std::size_t slot = (std::size_t(raw.size()) * 31 + uchar(raw.front()) * 7
                                  + uchar(raw.back()) + uchar(raw[raw.size() / 2]) * 131)
            % m_entries.size();
        Entry &entry = m_entries[slot];
        if (entry.raw != raw) {
            entry.raw = raw;
            entry.text = text.toString();
        }
        return entry.text;
    }

private:
    static constexpr qsizetype MaxSize = 64;
    struct Entry
    {
        QByteArrayView raw;
        QString text;
    };
    std::array<Entry, 128> m_entries;
};

// In the order Reader::modelVersion() reads them.
enum VersionField {
    VersionName, VersionNumber, VersionCreated, VersionUpdated, VersionUserId, VersionStage,
    VersionDescription, VersionSource, VersionRunId, VersionStatus, VersionStatusMessage,
    VersionTags, VersionRunLink, VersionAliases, VersionFieldCount
};
constexpr std::array<QLatin1StringView, VersionFieldCount> VersionFields{
    QLatin1StringView("name"), QLatin1StringView("version"),
    QLatin1StringView("creation_timestamp"), QLatin1StringView("last_updated_timestamp"),
    QLatin1StringView("user_id"), QLatin1StringView("current_stage"),
    QLatin1StringView("description"), QLatin1StringView("source"), QLatin1StringView("run_id"),
    QLatin1StringView("status"), QLatin1StringView("status_message"), QLatin1StringView("tags"),
    QLatin1StringView("run_link"), QLatin1StringView("aliases")};

// In the order Reader::registeredModel() reads them.
enum ModelField {
    ModelName, ModelCreated, ModelUpdated, ModelDescription, ModelLatestVersions, ModelTags,
    ModelAliases, ModelFieldCount
};
constexpr std::array<QLatin1StringView, ModelFieldCount> ModelFields{
    QLatin1StringView("name"), QLatin1StringView("creation_timestamp"),
    QLatin1StringView("last_updated_timestamp"), QLatin1StringView("description"),
    QLatin1StringView("latest_versions"), QLatin1StringView("tags"),
    QLatin1StringView("aliases")};

constexpr std::array<QLatin1StringView, 2> TagFields{QLatin1StringView("key"),
                                                     QLatin1StringView("value")};
constexpr std::array<QLatin1StringView, 2> AliasFields{QLatin1StringView("alias"),
                                                       QLatin1StringView("version")};

// The first of an object's problems in Reader's reading order, whatever order the answer lists
// the fields in. One slot per field, so that a repeated key replaces its earlier problem as it
// replaces its value (Qt keeps the last of duplicate keys); the extra last slot is for checks
// made after all fields (a missing name).
template<std::size_t N>
class Problems
{
public:
    QString &operator[](std::size_t field) { return m_slots[field]; }
    QString &final() { return m_slots[N]; }
    QString first() const
    {
        for (const QString &problem : m_slots) {
            if (!problem.isNull())
                return problem;
        }
        return {};
    }

private:
    std::array<QString, N + 1> m_slots;
};

// Reads search answers off a JsonScanner by Reader's rules. Each read returns the first problem
// Reader would have reported for that value (a null string for none); syntax errors, which
// QJsonDocument finds before Reader looks at anything, win over all of them.
class PageReader
{
public:
    explicit PageReader(const QByteArray &body) : m_json(body) {}

    template<typename T, typename ReadEntry>
    Result<Page<T>> page(QLatin1StringView listKey, ReadEntry readEntry);

    QString modelVersion(ModelVersion *version);
    QString registeredModel(RegisteredModel *model);

private:
    enum class Repeats { Rarely, Often };
    QString optionalString(std::optional<QString> *value, QLatin1StringView key,
                           Repeats repeats = Repeats::Rarely);
    QString string(QString *value, QLatin1StringView key, Repeats repeats = Repeats::Rarely);
    QString int64(qint64 *value, QLatin1StringView key);
    QString stringList(QStringList *values, QLatin1StringView key);
    template<typename ReadEntry>
    QString objects(QLatin1StringView key, ReadEntry readEntry);
    QString tags(QList<Tag> *tags);
    QString alias(Alias *alias);

    QString wrongType(QLatin1StringView key, const char *expected)
    {
        const Type type = m_json.peek();
        m_json.skipValue();
        return QStringLiteral("\"%1\" is %2, not %3")
            .arg(QString(key), typeName(type), QLatin1StringView(expected));
    }

    QString text(const JsonScanner::String &string, Repeats repeats)
    {
        return repeats == Repeats::Often ? m_shared.get(string) : string.toString();
    }

    JsonScanner m_json;
    SharedStrings m_shared;
};

QString PageReader::optionalString(std::optional<QString> *value, QLatin1StringView key,
                                   Repeats repeats)
{
    value->reset();
    switch (m_json.peek()) {
    case Type::Null:
        m_json.readNull();
        return {};
    case Type::String: {
        JsonScanner::String string;
        if (m_json.readString(&string))
            *value = text(string, repeats);
        return {};
    }
    default:
        return wrongType(key, "a string");
    }
}

QString PageReader::string(QString *value, QLatin1StringView key, Repeats repeats)
{
    switch (m_json.peek()) {
    case Type::Null:
        m_json.readNull();
        *value = QString();
        return {};
    case Type::String: {
        JsonScanner::String string;
        if (m_json.readString(&string))
            *value = text(string, repeats);
        return {};
    }
    default:
        *value = QString();
        return wrongType(key, "a string");
    }
}

QString PageReader::int64(qint64 *value, QLatin1StringView key)
{
    *value = 0;
    switch (m_json.peek()) {
    case Type::Null:
        m_json.readNull();
        return {};
    case Type::Number: {
        JsonScanner::Number number;
        if (!m_json.readNumber(&number))
            return {};
        // Through a double, as QJsonValue hands numbers to Reader.
        const double real = number.toDouble();
        if (std::isfinite(real) && real == std::floor(real) && std::fabs(real) <= 9.2e18) {
            *value = static_cast<qint64>(real);
            return {};
        }
        return QStringLiteral("\"%1\" is a number, not an integer").arg(QString(key));
    }
    case Type::String: {
        JsonScanner::String text;
        if (!m_json.readString(&text))
            return {};
        // Versions come as strings on every page: plain digits skip the QString.
        const QByteArrayView raw = text.raw();
        const bool negative = raw.startsWith('-');
        const qsizetype digits = raw.size() - (negative ? 1 : 0);
        if (!text.isEscaped() && digits > 0 && digits <= 18) {
            qint64 number = 0;
            qsizetype i = negative ? 1 : 0;
            for (; i < raw.size() && raw[i] >= '0' && raw[i] <= '9'; ++i)
                number = number * 10 + (raw[i] - '0');
            if (i == raw.size()) {
                *value = negative ? -number : number;
                return {};
            }
        }
        const QString string = text.toString();
        bool ok = false;
        const qint64 number = string.trimmed().toLongLong(&ok);
        if (ok) {
            *value = number;
            return {};
        }
        return QStringLiteral("\"%1\" is %2, not an integer")
            .arg(QString(key), QStringLiteral("\"%1\"").arg(string.left(40)));
    }
    default:
        return wrongType(key, "an integer");
    }
}

// As Reader::array() followed by toString() on each entry: entries that are not strings count
// as empty ones.
QString PageReader::stringList(QStringList *values, QLatin1StringView key)
{
    values->clear();
    switch (m_json.peek()) {
    case Type::Null:
        m_json.readNull();
        return {};
    case Type::Array:
        break;
    default:
        return wrongType(key, "a list");
    }
    if (!m_json.enterArray())
        return {};
    while (m_json.nextElement()) {
        JsonScanner::String text;
        if (m_json.peek() == Type::String && m_json.readString(&text)) {
            values->append(text.toString());
        } else {
            m_json.skipValue();
            values->append(QString());
        }
    }
    return {};
}

// As Reader::objects(): a problem with the list itself (not a list, an entry that is not an
// object) comes before any problem inside its entries, since Reader checks the list first.
template<typename ReadEntry>
QString PageReader::objects(QLatin1StringView key, ReadEntry readEntry)
{
    switch (m_json.peek()) {
    case Type::Null:
        m_json.readNull();
        return {};
    case Type::Array:
        break;
    default:
        return wrongType(key, "a list");
    }
    if (!m_json.enterArray())
        return {};
    QString listProblem;
    QString entryProblem;
    while (m_json.nextElement()) {
        const Type type = m_json.peek();
        if (!listProblem.isNull()) {
            m_json.skipValue(); // Reader stops at the bad entry; the syntax still counts
        } else if (type != Type::Object) {
            m_json.skipValue();
            listProblem = QStringLiteral("an entry of \"%1\" is %2, not an object")
                              .arg(QString(key), typeName(type));
        } else {
            const QString problem = readEntry();
            if (entryProblem.isNull())
                entryProblem = problem;
        }
    }
    return listProblem.isNull() ? entryProblem : listProblem;
}

QString PageReader::tags(QList<Tag> *tags)
{
    tags->clear();
    return objects(QLatin1StringView("tags"), [this, tags] {
        Tag &tag = tags->emplaceBack();
        Problems<2> problems;
        JsonScanner::String key;
        std::size_t next = 0;
        if (!m_json.enterObject())
            return QString(); // only on a syntax error, which wins anyway
        while (m_json.nextMember(&key)) {
            switch (const int field = fieldIndex(key, TagFields, &next)) {
            case 0:
                problems[field] = string(&tag.key, TagFields[field], Repeats::Often);
                break;
            case 1:
                problems[field] = string(&tag.value, TagFields[field], Repeats::Often);
                break;
            default:
                m_json.skipValue();
            }
        }
        return problems.first();
    });
}

QString PageReader::alias(Alias *alias)
{
    Problems<2> problems;
    JsonScanner::String key;
    std::size_t next = 0;
    if (!m_json.enterObject())
        return {}; // only on a syntax error, which wins anyway
    while (m_json.nextMember(&key)) {
        switch (const int field = fieldIndex(key, AliasFields, &next)) {
        case 0:
            problems[field] = string(&alias->alias, AliasFields[field], Repeats::Often);
            break;
        case 1:
            problems[field] = int64(&alias->version, AliasFields[field]);
            break;
        default:
            m_json.skipValue();
        }
    }
    return problems.first();
}

QString PageReader::modelVersion(ModelVersion *version)
{
    Problems<VersionFieldCount> problems;
    JsonScanner::String key;
    std::size_t next = 0;
    if (!m_json.enterObject())
        return {}; // only on a syntax error, which wins anyway
    while (m_json.nextMember(&key)) {
        const int field = fieldIndex(key, VersionFields, &next);
        switch (field) {
        case VersionName:
            problems[field] = string(&version->name, VersionFields[field], Repeats::Often);
            break;
        case VersionNumber:
            problems[field] = int64(&version->version, VersionFields[field]);
            break;
        case VersionCreated:
            problems[field] = int64(&version->creationTimestamp, VersionFields[field]);
            break;
        case VersionUpdated:
            problems[field] = int64(&version->lastUpdatedTimestamp, VersionFields[field]);
            break;
        case VersionUserId:
            problems[field]
                = optionalString(&version->userId, VersionFields[field], Repeats::Often);
            break;
        case VersionStage:
            problems[field]
                = string(&version->currentStage, VersionFields[field], Repeats::Often);
            break;
        case VersionDescription:
            problems[field] = optionalString(&version->description, VersionFields[field]);
            break;
        case VersionSource:
            problems[field] = string(&version->source, VersionFields[field]);
            break;
        case VersionRunId:
            problems[field] = optionalString(&version->runId, VersionFields[field]);
            break;
        case VersionStatus:
            problems[field] = string(&version->status, VersionFields[field], Repeats::Often);
            break;
        case VersionStatusMessage:
            problems[field] = optionalString(&version->statusMessage, VersionFields[field],
                                             Repeats::Often);
            break;
        case VersionTags:
            problems[field] = tags(&version->tags);
            break;
        case VersionRunLink:
            problems[field] = optionalString(&version->runLink, VersionFields[field]);
            break;
        case VersionAliases:
            problems[field] = stringList(&version->aliases, VersionFields[field]);
            break;
        default:
            m_json.skipValue();
        }
    }
    if (version->name.isEmpty())
        problems.final() = QStringLiteral("a model version has no name");
    return problems.first();
}

QString PageReader::registeredModel(RegisteredModel *model)
{
    Problems<ModelFieldCount> problems;
    JsonScanner::String key;
    std::size_t next = 0;
    if (!m_json.enterObject())
        return {}; // only on a syntax error, which wins anyway
    while (m_json.nextMember(&key)) {
        const int field = fieldIndex(key, ModelFields, &next);
        switch (field) {
        case ModelName:
            problems[field] = string(&model->name, ModelFields[field]);
            break;
        case ModelCreated:
            problems[field] = int64(&model->creationTimestamp, ModelFields[field]);
            break;
        case ModelUpdated:
            problems[field] = int64(&model->lastUpdatedTimestamp, ModelFields[field]);
            break;
        case ModelDescription:
            problems[field] = string(&model->description, ModelFields[field]);
            break;
        case ModelLatestVersions:
            model->latestVersions.clear();
            problems[field] = objects(ModelFields[field], [this, model] {
                return modelVersion(&model->latestVersions.emplaceBack());
            });
            break;
        case ModelTags:
            problems[field] = tags(&model->tags);
            break;
        case ModelAliases:
            model->aliases.clear();
            problems[field] = objects(ModelFields[field], [this, model] {
                return alias(&model->aliases.emplaceBack());
            });
            break;
        default:
            m_json.skipValue();
        }
    }
    if (model->name.isEmpty())
        problems.final() = QStringLiteral("a registered model has no name");
    return problems.first();
}

template<typename T, typename ReadEntry>
Result<Page<T>> PageReader::page(QLatin1StringView listKey, ReadEntry readEntry)
{
    Type type = Type::Null;
    if (!m_json.beginDocument(&type))
        return malformed(m_json.error());
    if (type == Type::Array) {
        // Read through, so that a broken array is reported as broken, as QJsonDocument does.
        while (m_json.nextElement())
            m_json.skipValue();
        if (!m_json.endDocument())
            return malformed(m_json.error());
        return notAnObject();
    }
    Page<T> page;
    // Reader reads the list (with its entries) first, then the token.
    Problems<2> problems;
    JsonScanner::String key;
    while (m_json.nextMember(&key)) {
        if (key.equals(listKey)) {
            page.items.clear();
            problems[0] = objects(listKey, [&] { return readEntry(&page.items.emplaceBack()); });
        } else if (const auto tokenKey = QLatin1StringView("next_page_token");
                   key.equals(tokenKey)) {
            problems[1] = string(&page.nextPageToken, tokenKey);
        } else {
            m_json.skipValue();
        }
    }
    if (!m_json.endDocument())
        return malformed(m_json.error());
    if (const QString problem = problems.first(); !problem.isNull())
        return RegistryError(ErrorCode::InternalError, problem);
    return page;
}

} // namespace

Result<Page<ModelVersion>> readVersionPage(const QByteArray &body)
{
    PageReader reader(body);
    return reader.page<ModelVersion>(QLatin1StringView("model_versions"),
                                     [&reader](ModelVersion *version) {
                                         return reader.modelVersion(version);
                                     });
}

Result<Page<RegisteredModel>> readModelPage(const QByteArray &body)
{
    PageReader reader(body);
    return reader.page<RegisteredModel>(QLatin1StringView("registered_models"),
                                        [&reader](RegisteredModel *model) {
                                            return reader.registeredModel(model);
                                        });
}

Result<Page<ModelVersion>> readVersionPageWithDocument(const QByteArray &body)
{
    const auto object = parseObject(body);
    if (!object)
        return object.error();
    Reader reader;
    Page<ModelVersion> page;
    for (const QJsonObject &entry : reader.objects(*object, QStringLiteral("model_versions")))
        page.items.append(reader.modelVersion(entry));
    page.nextPageToken = reader.string(*object, QStringLiteral("next_page_token"));
    if (!reader.ok())
        return RegistryError(ErrorCode::InternalError, reader.problem());
    return page;
}

Result<Page<RegisteredModel>> readModelPageWithDocument(const QByteArray &body)
{
    const auto object = parseObject(body);
    if (!object)
        return object.error();
    Reader reader;
    Page<RegisteredModel> page;
    for (const QJsonObject &entry : reader.objects(*object, QStringLiteral("registered_models")))
        page.items.append(reader.registeredModel(entry));
    page.nextPageToken = reader.string(*object, QStringLiteral("next_page_token"));
    if (!reader.ok())
        return RegistryError(ErrorCode::InternalError, reader.problem());
    return page;
}

} // namespace ModelDesk::RestJson
