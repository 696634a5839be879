#include "registry/csvtext.h"

namespace ModelDesk {

namespace {

QString csvCell(const QString &text)
{
    QString value = text;
    // A spreadsheet would run a cell starting with these as a formula.
    if (!value.isEmpty() && QStringLiteral("=+-@\t\r").contains(value.front()))
        value.prepend(QLatin1Char('\''));
    if (value.contains(QLatin1Char('"')) || value.contains(QLatin1Char(','))
        || value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r'))) {
        value.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        value = QLatin1Char('"') + value + QLatin1Char('"');
    }
    return value;
}

} // namespace

QByteArray csvLine(const QStringList &cells)
{
    QStringList escaped;
    escaped.reserve(cells.size());
    for (const QString &text : cells)
        escaped.append(csvCell(text));
    return escaped.join(QLatin1Char(',')).toUtf8() + "\r\n";
}

} // namespace ModelDesk
