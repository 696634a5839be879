#include "registry/compare/mlmodelfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ModelDesk {

namespace {

int indentOf(const QString &line)
{
    int indent = 0;
    while (indent < line.size() && line.at(indent) == QLatin1Char(' '))
        ++indent;
    return indent;
}

// A scalar as YAML writes it: 'single quoted' (with '' for '), "double quoted" or plain.
QString scalar(QString text)
{
    text = text.trimmed();
    if (text.size() >= 2 && text.startsWith(QLatin1Char('\'')) && text.endsWith(QLatin1Char('\'')))
        return text.mid(1, text.size() - 2).replace(QStringLiteral("''"), QStringLiteral("'"));
    if (text.size() >= 2 && text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"')))
        return text.mid(1, text.size() - 2);
    return text == QLatin1String("null") ? QString() : text;
}

// A signature's column list: "name: type, ...", tensors with their dtype and shape.
QString describeColumns(const QString &json)
{
    const QJsonArray columns = QJsonDocument::fromJson(json.toUtf8()).array();
    QStringList parts;
    for (const QJsonValue &value : columns) {
        const QJsonObject column = value.toObject();
        QString type = column.value(QLatin1String("type")).toString();
        if (type == QLatin1String("tensor")) {
            const QJsonObject spec = column.value(QLatin1String("tensor-spec")).toObject();
            QStringList shape;
            for (const QJsonValue &size : spec.value(QLatin1String("shape")).toArray())
                shape << QString::number(size.toInteger());
            type = QStringLiteral("tensor %1 [%2]")
                       .arg(spec.value(QLatin1String("dtype")).toString(),
                            shape.join(QStringLiteral(", ")));
        }
        const QString name = column.value(QLatin1String("name")).toString();
        parts << (name.isEmpty() ? type : name + QStringLiteral(": ") + type);
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

std::optional<MlModelInfo> parseMlModel(const QByteArray &yaml)
{
    const QStringList lines = QString::fromUtf8(yaml).split(QLatin1Char('\n'));
    MlModelInfo info;
    bool sawFlavors = false;
    QString block; // the top-level key whose block the lines are in
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i);
        if (line.trimmed().isEmpty() || line.trimmed().startsWith(QLatin1Char('#')))
            continue;
        const int indent = indentOf(line);
        if (indent == 0) {
            block = line.section(QLatin1Char(':'), 0, 0).trimmed();
            sawFlavors = sawFlavors || block == QLatin1String("flavors");
            continue;
        }
        if (block == QLatin1String("flavors") && indent == 2 && line.trimmed().endsWith(u':'))
            info.flavors << line.trimmed().chopped(1);
        if (block != QLatin1String("signature") || indent != 2)
            continue;
        const QString key = line.trimmed().section(QLatin1Char(':'), 0, 0);
        if (key != QLatin1String("inputs") && key != QLatin1String("outputs"))
            continue;
        // The value, with the lines a quoted string is folded over (a break is a space).
        QString value = line.trimmed().section(QLatin1Char(':'), 1).trimmed();
        if (value.startsWith(QLatin1Char('\''))) {
            while (!(value.size() > 1 && value.endsWith(QLatin1Char('\''))
                     && !value.endsWith(QStringLiteral("''")))
                   && i + 1 < lines.size() && indentOf(lines.at(i + 1)) > 2) {
                value += QLatin1Char(' ') + lines.at(++i).trimmed();
            }
        }
        const QString text = describeColumns(scalar(value));
        (key == QLatin1String("inputs") ? info.inputs : info.outputs) = text;
    }
    if (!sawFlavors)
        return std::nullopt;
    return info;
}

QString mlModelPath(const QString &source, const QString &runId, const QString &artifactUri)
{
    QString relative;
    const QString runsPrefix = QStringLiteral("runs:/") + runId;
    const QString marker = QLatin1Char('/') + runId + QStringLiteral("/artifacts");
    if (source.startsWith(runsPrefix)) {
        relative = source.mid(runsPrefix.size());
    } else if (!artifactUri.isEmpty() && source.startsWith(artifactUri)) {
        relative = source.mid(artifactUri.size());
    } else if (const qsizetype at = source.indexOf(marker); at >= 0) {
        relative = source.mid(at + marker.size());
    } else {
        return {};
    }
    while (relative.startsWith(QLatin1Char('/')))
        relative.remove(0, 1);
    while (relative.endsWith(QLatin1Char('/')))
        relative.chop(1);
    return relative.isEmpty() ? QStringLiteral("MLmodel") : relative + QStringLiteral("/MLmodel");
}

} // namespace ModelDesk
