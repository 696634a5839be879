#include "registry/diff/linediff.h"

#include <algorithm>
#include <vector>

namespace ModelDesk {

namespace {

using Kind = LineDiffRow::Kind;

// The most line pairs the longest-common-subsequence table is built for.
constexpr qsizetype TableLimit = 4'000'000;

// Lines left[l0, l1) and right[r0, r1) that have no line in common once paired up.
void appendRun(QList<LineDiffRow> &rows, int l0, int l1, int r0, int r1)
{
    while (l0 < l1 || r0 < r1) {
        if (l0 < l1 && r0 < r1)
            rows.append({Kind::Changed, l0++, r0++});
        else if (l0 < l1)
            rows.append({Kind::Removed, l0++, -1});
        else
            rows.append({Kind::Added, -1, r0++});
    }
}

} // namespace

QList<LineDiffRow> diffLines(const QStringList &left, const QStringList &right)
{
    QList<LineDiffRow> rows;
    const int leftSize = int(left.size());
    const int rightSize = int(right.size());
    int start = 0;
    while (start < leftSize && start < rightSize && left.at(start) == right.at(start)) {
        rows.append({Kind::Same, start, start});
        ++start;
    }
    int leftEnd = leftSize;
    int rightEnd = rightSize;
    while (leftEnd > start && rightEnd > start && left.at(leftEnd - 1) == right.at(rightEnd - 1)) {
        --leftEnd;
        --rightEnd;
    }
    const int n = leftEnd - start;
    const int m = rightEnd - start;
    if (qsizetype(n) * m > TableLimit) {
        appendRun(rows, start, leftEnd, start, rightEnd);
    } else if (n > 0 || m > 0) {
        // common[i][j]: the longest common subsequence of left[start + i, leftEnd) and
        // right[start + j, rightEnd).
        const auto at = [m](int i, int j) { return std::size_t(i) * std::size_t(m + 1) + j; };
        std::vector<int> common(std::size_t(n + 1) * std::size_t(m + 1), 0);
        for (int i = n - 1; i >= 0; --i) {
            for (int j = m - 1; j >= 0; --j) {
                common[at(i, j)] = left.at(start + i) == right.at(start + j)
                    ? common[at(i + 1, j + 1)] + 1
                    : std::max(common[at(i + 1, j)], common[at(i, j + 1)]);
            }
        }
        int i = 0;
        int j = 0;
        int runLeft = 0;
        int runRight = 0;
        while (i < n || j < m) {
            if (i < n && j < m && left.at(start + i) == right.at(start + j)) {
                appendRun(rows, start + runLeft, start + i, start + runRight, start + j);
                rows.append({Kind::Same, start + i, start + j});
                runLeft = ++i;
                runRight = ++j;
            } else if (j == m || (i < n && common[at(i + 1, j)] >= common[at(i, j + 1)])) {
                ++i;
            } else {
                ++j;
            }
        }
        appendRun(rows, start + runLeft, start + n, start + runRight, start + m);
    }
    for (int k = 0; leftEnd + k < leftSize; ++k)
        rows.append({Kind::Same, leftEnd + k, rightEnd + k});
    return rows;
}

} // namespace ModelDesk
