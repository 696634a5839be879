// Parses MLflow's registry search order_by entries (_parse_order_by_string and the SQL store's
// key checks), with MLflow's messages.
#include "registry/filter/filter.h"
#include "registry/filter/filterlimits.h"
#include "registry/filter/pythontext.h"
#include "registry/filter/sqltokenizer.h"

#include <QSet>

#include <algorithm>

namespace ModelDesk::Filter {
namespace {

using Sql::Group;
using Sql::Node;
using Sql::NodePtr;
using Sql::Nodes;
using Sql::Type;

const QString &versionOrderKeysRepr()
{
    static const QString repr = QStringLiteral(
        "{'name', 'version_number', 'creation_timestamp', 'last_updated_timestamp'}");
    return repr;
}

RegistryError unparsableOrderBy(const QString &entry)
{
    return invalid(QStringLiteral("Invalid order_by clause '%1'. Could not be parsed.").arg(entry));
}

// MLflow's _validate_order_by_and_generate_token.
Result<QString> orderByToken(const QString &entry)
{
    const std::vector<Nodes> statements = Sql::parseStatements(entry);
    if (statements.size() != 1)
        return unparsableOrderBy(entry);
    const Nodes &tokens = statements.front();
    const NodePtr &first = tokens.front();
    if (tokens.size() == 1 && first->group == Group::Identifier)
        return first->value();
    const bool timestamp = first->matches(Type::NameBuiltin, u"timestamp");
    if (tokens.size() == 1 && timestamp)
        return QStringLiteral("timestamp");
    const bool spaced = std::all_of(tokens.begin() + 1, tokens.end() - 1,
                                    [](const NodePtr &t) { return t->isWhitespace(); });
    if (timestamp && spaced && tokens.back()->is(Type::KeywordOrder))
        return QString(QStringLiteral("timestamp ") + tokens.back()->text);
    return unparsableOrderBy(entry);
}

struct ParsedOrder
{
    QString key;
    bool ascending = true;
};

// MLflow's _parse_order_by_string.
Result<ParsedOrder> parseOrderEntry(const QString &entry)
{
    const Result<QString> token = orderByToken(entry);
    if (!token)
        return token.error();
    QString tokenValue = *token;
    QString backquotesAsQuotes = tokenValue;
    backquotesAsQuotes.replace(u'`', u'"');
    const std::optional<QStringList> words = Python::shellSplit(backquotesAsQuotes);
    if (!words || words->size() > 2)
        return unparsableOrderBy(entry);
    bool ascending = true;
    if (words->size() == 2) {
        const QString direction = words->at(1).toLower();
        if (direction != u"asc" && direction != u"desc") {
            return invalid(
                QStringLiteral("Invalid ordering key in order_by clause '%1'.").arg(entry));
        }
        ascending = direction == u"asc";
        tokenValue = words->at(0);
    }
    return ParsedOrder {tokenValue.trimmed(), ascending};
}

// Returns the canonical key and the column it sorts, which duplicates are detected on.
Result<std::pair<QString, QString>> orderKey(const QString &key, Target target)
{
    if (target == Target::Models) {
        if (key == u"name")
            return std::pair {key, key};
        if (key == u"timestamp" || key == u"last_updated_timestamp") {
            return std::pair {QStringLiteral("last_updated_timestamp"),
                              QStringLiteral("last_updated_time")};
        }
        return invalid(QStringLiteral("Invalid order by key '%1' specified. Valid keys are "
                                      "'{'timestamp', 'name'}'")
                           .arg(key));
    }
    const qsizetype dot = key.indexOf(u'.');
    QString attribute = key;
    bool isAttribute = true;
    if (dot >= 0) {
        const QString entity = key.left(dot);
        attribute = key.mid(dot + 1);
        if (entity != u"attribute" && entity != u"tag" && entity != u"tags") {
            return invalid(QStringLiteral("Invalid entity type '%1'. Valid entity types are "
                                          "('attribute', 'tag', 'tags')")
                               .arg(entity));
        }
        isAttribute = entity == u"attribute";
    }
    attribute = trimBackticks(*stripQuotes(attribute, false));
    static const QSet<QString> keys
        = {QStringLiteral("name"), QStringLiteral("version_number"),
           QStringLiteral("creation_timestamp"), QStringLiteral("last_updated_timestamp")};
    if (!keys.contains(attribute)) {
        if (isAttribute) {
            return invalid(
                QStringLiteral("Invalid attribute key '%1' specified. Valid keys are '%2'")
                    .arg(attribute, versionOrderKeysRepr()));
        }
        return invalid(QStringLiteral("Invalid order by key '%1' specified. Valid keys are %2")
                           .arg(attribute, versionOrderKeysRepr()));
    }
    return std::pair {attribute, attribute};
}

} // namespace

Result<QList<OrderTerm>> parseOrderBy(const QStringList &orderBy, Target target)
{
    if (const std::optional<RegistryError> beyond = Limits::checkOrderBy(orderBy))
        return *beyond;
    QList<OrderTerm> terms;
    QSet<QString> columns;
    for (const QString &entry : orderBy) {
        const Result<ParsedOrder> parsed = parseOrderEntry(entry);
        if (!parsed)
            return Limits::shortened(parsed.error());
        const Result<std::pair<QString, QString>> key = orderKey(parsed->key, target);
        if (!key)
            return key.error();
        if (columns.contains(key->second)) {
            return RegistryError(ErrorCode::InternalError,
                                 QStringLiteral("`order_by` contains duplicate fields: %1")
                                     .arg(Python::listRepr(orderBy)));
        }
        columns.insert(key->second);
        terms << OrderTerm {key->first, parsed->ascending};
    }
    return terms;
}

} // namespace ModelDesk::Filter
