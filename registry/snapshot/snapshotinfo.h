#pragma once

#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace ModelDesk {

// What a snapshot says about itself (its modeldesk_snapshot table): where and when it was
// taken, by whom, with which ModelDesk, and how much it holds.
struct SnapshotInfo
{
    QString source; // the registry it was taken from, as the user named it
    qint64 taken = 0; // milliseconds since the epoch
    QString takenBy; // the acting user who took it
    QString modeldeskVersion; // the ModelDesk that wrote it
    // What it holds, in a fixed order: models, prompts, versions (of the models),
    // deleted_versions, experiments, runs, metric_points, logged_models, audit_records,
    // artifacts.
    QList<std::pair<QString, qint64>> counts;
    bool operator==(const SnapshotInfo &) const = default;

    qint64 count(const QString &name) const;
    void setCount(const QString &name, qint64 value);
};

// "Snapshot of X taken 2026-12-04 10:15 by carol" (local time), for banners and titles.
QString snapshotSummary(const SnapshotInfo &info);

} // namespace ModelDesk
