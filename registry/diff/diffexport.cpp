#include "registry/diff/diffexport.h"

#include "registry/csvtext.h"

namespace ModelDesk {

namespace {

MlflowJson::Value jsonValue(const std::optional<QString> &value)
{
    return value ? MlflowJson::Value(*value) : MlflowJson::Value();
}

} // namespace

MlflowJson::Value::Object changesJson(const QList<RegistryChange> &changes)
{
    MlflowJson::Value::Array items;
    items.reserve(changes.size());
    for (const RegistryChange &change : changes) {
        items.append(MlflowJson::Value::Object {
            {QStringLiteral("kind"), kindName(change.kind)},
            {QStringLiteral("model"), change.model},
            {QStringLiteral("version"), change.version},
            {QStringLiteral("key"), change.key},
            {QStringLiteral("old"), jsonValue(change.oldValue)},
            {QStringLiteral("new"), jsonValue(change.newValue)},
        });
    }
    return {{QStringLiteral("changes"), items}};
}

QByteArray changesCsv(const QList<RegistryChange> &changes)
{
    QByteArray out
        = csvLine({QStringLiteral("kind"), QStringLiteral("model"), QStringLiteral("version"),
                   QStringLiteral("key"), QStringLiteral("old"), QStringLiteral("new")});
    for (const RegistryChange &change : changes) {
        out += csvLine({kindName(change.kind), change.model, change.version, change.key,
                        change.oldValue.value_or(QString()), change.newValue.value_or(QString())});
    }
    return out;
}

} // namespace ModelDesk
