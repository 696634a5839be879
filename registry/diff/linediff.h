#pragma once

#include <QList>
#include <QStringList>

namespace ModelDesk {

// One row of two texts shown side by side: the line of the left text and the line of the
// right one (indexes, -1 where that side has none), and how they differ.
struct LineDiffRow
{
    enum class Kind { Same, Changed, Removed, Added };
    Kind kind = Kind::Same;
    int left = -1;
    int right = -1;

    bool operator==(const LineDiffRow &) const = default;
};

// The rows that align `left` with `right` through their longest common subsequence of lines:
// common lines side by side as Same, and each run of lines between them paired up as Changed,
// the longer side's surplus as Removed (left only) or Added (right only). Both texts stay in
// order. Above a few million line pairs (once their common start and end are set aside) the
// middle is told as all removed, then all added, so that a huge text stays cheap.
QList<LineDiffRow> diffLines(const QStringList &left, const QStringList &right);

} // namespace ModelDesk
