#pragma once

#include <QByteArray>
#include <QStringList>

namespace ModelDesk {

// One line of a CSV file as spreadsheets read it (RFC 4180, CRLF-terminated, UTF-8): a cell
// with a comma, quote or line break is quoted with its quotes doubled, and a cell that starts
// like a formula (=, +, -, @, tab, CR) is prefixed with ' so that it is not run as one. Used by
// the exports of history and registry comparisons.
QByteArray csvLine(const QStringList &cells);

} // namespace ModelDesk
