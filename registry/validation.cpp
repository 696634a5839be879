// MLflow's validation of names and values written to a registry: the rules of
// mlflow/utils/validation.py plus the REST handlers' required-parameter checks, answering with the
// messages an MLflow server gives for the same input.

#include "registry/validation.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>
#include <QStringList>

#include <limits>
#include <optional>

namespace ModelDesk::Validation {
namespace {

constexpr qsizetype MaxTagKeyLength = 250;
constexpr qsizetype MaxTagValueLength = 100000;
constexpr qsizetype MaxAliasLength = 255;

RegistryError invalid(const QString &message)
{
    return RegistryError(ErrorCode::InvalidParameterValue, message);
}

// What the REST handler answers for an absent or empty required parameter, before the store
// ever sees it.
RegistryError missing(const QString &parameter)
{
    return invalid(QStringLiteral("Missing value for required parameter '%1'. See the API docs "
                                  "for more information about request parameters.")
                       .arg(parameter));
}

RegistryError tooLong(const QString &what, qsizetype limit)
{
    return invalid(
        QStringLiteral("'%1' exceeds the maximum length of %2 characters").arg(what).arg(limit));
}

// Python's len(): code points, not UTF-16 units.
qsizetype codePointCount(const QString &text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!(text.at(i).isLowSurrogate() && i > 0 && text.at(i - 1).isHighSurrogate()))
            ++count;
    }
    return count;
}

// Python's json.dumps of a string (ensure_ascii), as MLflow quotes rejected values.
QString jsonString(const QString &value)
{
    QString result(u'"');
    for (const QChar ch : value) {
        const char16_t code = ch.unicode();
        if (code == u'"') {
            result += QStringLiteral("\\\"");
        } else if (code == u'\\') {
            result += QStringLiteral("\\\\");
        } else if (code == u'\n') {
            result += QStringLiteral("\\n");
        } else if (code == u'\r') {
            result += QStringLiteral("\\r");
        } else if (code == u'\t') {
            result += QStringLiteral("\\t");
        } else if (code == u'\b') {
            result += QStringLiteral("\\b");
        } else if (code == u'\f') {
            result += QStringLiteral("\\f");
        } else if (code < 0x20 || code > 0x7f) {
            result += QStringLiteral("\\u%1").arg(uint(code), 4, 16, QLatin1Char('0'));
        } else {
            result += ch;
        }
    }
    result += u'"';
    return result;
}

// Python's posixpath.normpath.
QString normalizedPath(const QString &path)
{
    if (path.isEmpty())
        return QStringLiteral(".");
    int initialSlashes = path.startsWith(u'/') ? 1 : 0;
    // POSIX keeps exactly two leading slashes, and folds three or more into one.
    if (path.startsWith(QStringLiteral("//")) && !path.startsWith(QStringLiteral("///")))
        initialSlashes = 2;
    QStringList components;
    const QStringList parts = path.split(u'/');
    for (const QString &part : parts) {
        if (part.isEmpty() || part == u".")
            continue;
        if (part != u".." || (initialSlashes == 0 && components.isEmpty())
            || (!components.isEmpty() && components.constLast() == u"..")) {
            components << part;
        } else if (!components.isEmpty()) {
            components.removeLast();
        }
    }
    QString result = QString(initialSlashes, u'/') + components.join(u'/');
    return result.isEmpty() ? QStringLiteral(".") : result;
}

// MLflow's path_not_unique: the key would name a different file than itself.
bool pathNotUnique(const QString &name)
{
    const QString normalized = normalizedPath(name);
    return normalized != name || normalized == u"." || normalized.startsWith(QStringLiteral(".."))
        || normalized.startsWith(u'/');
}

// MLflow matches these with Python's re, whose \w is [\p{L}\p{N}_] and whose `$` also matches
// before a final newline; PCRE2's `$` does the same, and spelling out \w keeps newer PCRE2
// versions (which add marks and connectors to \w) from accepting more than MLflow does. One
// instance per thread: QRegularExpression promises reentrancy, not sharing across threads.
const QRegularExpression &tagKeyPattern()
{
    static thread_local const QRegularExpression pattern(
        QStringLiteral("^[/\\p{L}\\p{N}_.\\- :]*$"),
        QRegularExpression::UseUnicodePropertiesOption);
    return pattern;
}

const QRegularExpression &aliasPattern()
{
    static thread_local const QRegularExpression pattern(
        QStringLiteral("^[\\p{L}\\p{N}_\\-]*$"), QRegularExpression::UseUnicodePropertiesOption);
    return pattern;
}

const QRegularExpression &versionAliasPattern()
{
    static thread_local const QRegularExpression pattern(
        QStringLiteral("^[vV]\\p{Nd}+$"), QRegularExpression::UseUnicodePropertiesOption);
    return pattern;
}

bool isPythonSpace(QChar ch)
{
    const char16_t code = ch.unicode();
    return ch.isSpace() || (code >= 0x1c && code <= 0x1f);
}

// Python's int() of a str: surrounding whitespace, a sign, decimal digits of any script with
// single underscores between them.
std::optional<qint64> pythonInt(const QString &text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isPythonSpace(text.at(begin)))
        ++begin;
    while (end > begin && isPythonSpace(text.at(end - 1)))
        --end;
    bool negative = false;
    if (begin < end && (text.at(begin) == u'+' || text.at(begin) == u'-')) {
        negative = text.at(begin) == u'-';
        ++begin;
    }
    if (begin >= end)
        return std::nullopt;
    quint64 magnitude = 0;
    bool previousWasDigit = false;
    for (qsizetype i = begin; i < end; ++i) {
        const QChar ch = text.at(i);
        if (ch == u'_') {
            if (!previousWasDigit || i + 1 == end)
                return std::nullopt;
            previousWasDigit = false;
            continue;
        }
        if (ch.category() != QChar::Number_DecimalDigit)
            return std::nullopt;
        const quint64 limit = quint64(std::numeric_limits<qint64>::max()) + (negative ? 1 : 0);
        const auto digit = quint64(ch.digitValue());
        if (magnitude > (limit - digit) / 10)
            return std::nullopt;
        magnitude = magnitude * 10 + digit;
        previousWasDigit = true;
    }
    return negative ? qint64(0 - magnitude) : qint64(magnitude);
}

} // namespace

Result<Done> checkTagKey(const QString &key)
{
    if (key.isEmpty())
        return missing(QStringLiteral("key"));
    if (!tagKeyPattern().match(key).hasMatch()) {
        return invalid(QStringLiteral("Invalid value %1 for parameter 'key' supplied: Names may "
                                      "only contain alphanumerics, underscores (_), dashes (-), "
                                      "periods (.), spaces ( ), colon(:) and slashes (/).")
                           .arg(jsonString(key)));
    }
    if (pathNotUnique(key)) {
        // The normalised path is printed with Python's repr(); the allowed characters leave only
        // a trailing newline to escape.
        QString normalized = normalizedPath(key);
        normalized.replace(u'\n', QStringLiteral("\\n"));
        return invalid(QStringLiteral("Invalid value %1 for parameter 'key' supplied: Names may "
                                      "be treated as files in certain cases, and must not resolve "
                                      "to other names when treated as such. This name would "
                                      "resolve to '%2'")
                           .arg(jsonString(key), normalized));
    }
    if (codePointCount(key) > MaxTagKeyLength)
        return tooLong(QStringLiteral("key"), MaxTagKeyLength);
    return Done {};
}

Result<Done> checkTagValue(const QString &value)
{
    if (codePointCount(value) > MaxTagValueLength)
        return tooLong(QStringLiteral("value"), MaxTagValueLength);
    return Done {};
}

Result<Done> checkAliasName(const QString &alias)
{
    if (alias.isEmpty())
        return missing(QStringLiteral("alias"));
    if (!aliasPattern().match(alias).hasMatch()) {
        return invalid(QStringLiteral("Invalid alias name: '%1'. Names may only contain "
                                      "alphanumerics, underscores (_), and dashes (-).")
                           .arg(alias));
    }
    if (codePointCount(alias) > MaxAliasLength)
        return tooLong(QStringLiteral("Registered model alias name"), MaxAliasLength);
    return Done {};
}

Result<Done> checkAliasToSet(const QString &alias)
{
    const Result<Done> name = checkAliasName(alias);
    if (!name)
        return name;
    if (alias.toLower() == u"latest") {
        return invalid(QStringLiteral("'latest' alias name (case insensitive) is reserved."));
    }
    if (versionAliasPattern().match(alias).hasMatch())
        return invalid(QStringLiteral("Version alias name '%1' is reserved.").arg(alias));
    return Done {};
}

Result<QString> canonicalStage(const QString &stage)
{
    static const QStringList stages = {QStringLiteral("None"), QStringLiteral("Staging"),
                                       QStringLiteral("Production"), QStringLiteral("Archived")};
    const QString key = stage.toLower();
    for (const QString &candidate : stages) {
        if (candidate.toLower() == key)
            return candidate;
    }
    return invalid(QStringLiteral("Invalid Model Version stage: %1. Value must be one of %2.")
                       .arg(stage, stages.join(QStringLiteral(", "))));
}

Result<qint64> parseVersion(const QString &text)
{
    if (text.isEmpty())
        return missing(QStringLiteral("version"));
    if (const std::optional<qint64> version = pythonInt(text))
        return *version;
    return invalid(QStringLiteral("Parameter 'version' must be an integer, got '%1'.").arg(text));
}

Result<Done> checkModelName(const QString &name)
{
    if (name.isEmpty())
        return missing(QStringLiteral("name"));
    return Done {};
}

Result<Done> checkNewModelNameForWorkspaces(const QString &name)
{
    if (auto ok = checkModelName(name); !ok)
        return ok;
    if (name.contains(QLatin1Char('/')) || name.contains(QLatin1Char(':'))) {
        return RegistryError(ErrorCode::InvalidParameterValue,
                             QCoreApplication::translate("ModelDesk::Validation",
                                                         "Invalid model name: '%1'. Names of "
                                                         "new models cannot contain '/' or ':' "
                                                         "in a store of MLflow 3.9 or later.")
                                 .arg(name));
    }
    return Done {};
}

Result<Done> checkWorkspaceName(const QString &workspace)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$"));
    if (!pattern.match(workspace).hasMatch()) {
        return RegistryError(ErrorCode::InvalidParameterValue,
                             QCoreApplication::translate("ModelDesk::Validation",
                                                         "Invalid workspace name: '%1'. A "
                                                         "workspace name has 1 to 63 lower-case "
                                                         "letters, digits and '-', and starts "
                                                         "and ends with a letter or digit.")
                                 .arg(workspace));
    }
    return Done {};
}

RegistryError modelConflict(const QString &name, qint64 changedAt)
{
    return RegistryError(
        ErrorCode::Conflict,
        QCoreApplication::translate("ModelDesk::Validation",
                                    "Registered model %1 was changed at %2, after you loaded it; "
                                    "your description was not saved so that the other change "
                                    "is not lost. Reload the model, then edit again.")
            .arg(name, QDateTime::fromMSecsSinceEpoch(changedAt).toString(Qt::ISODate)));
}

RegistryError versionConflict(const QString &name, qint64 version, qint64 changedAt)
{
    return RegistryError(
        ErrorCode::Conflict,
        QCoreApplication::translate("ModelDesk::Validation",
                                    "Version %1 of %2 was changed at %3, after you loaded it; "
                                    "your description was not saved so that the other change "
                                    "is not lost. Reload the version, then edit again.")
            .arg(version)
            .arg(name, QDateTime::fromMSecsSinceEpoch(changedAt).toString(Qt::ISODate)));
}

qsizetype invalidUtf8Offset(QByteArrayView bytes)
{
    const auto *data = reinterpret_cast<const uchar *>(bytes.data());
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        const uchar lead = data[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        uchar low = 0x80;
        uchar high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0)
                low = 0xA0; // overlong
            else if (lead == 0xED)
                high = 0x9F; // UTF-16 surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0)
                low = 0x90; // overlong
            else if (lead == 0xF4)
                high = 0x8F; // above U+10FFFF
        } else {
            return i;
        }
        if (i + length > size)
            return i;
        if (data[i + 1] < low || data[i + 1] > high)
            return i;
        for (int k = 2; k < length; ++k) {
            if (data[i + k] < 0x80 || data[i + k] > 0xBF)
                return i;
        }
        i += length;
    }
    return -1;
}

} // namespace ModelDesk::Validation
