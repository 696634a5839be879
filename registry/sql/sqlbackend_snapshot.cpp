// SqlBackend: the small artifacts a snapshot keeps (modeldesk_artifacts), served as a run's
// artifact tree when the files themselves are out of reach.
#include "registry/sql/sqlbackend.h"
#include "registry/sql/sqlbackend_p.h"
#include "registry/sql/sqlitestatement.h"

#include <QDir>
#include <QMap>

namespace ModelDesk {

Result<std::optional<ArtifactListing>> SqlBackend::snapshotArtifacts(const QString &runId,
                                                                     const QString &path)
{
    if (!m_layout.snapshot)
        return std::optional<ArtifactListing>();
    auto run = this->run(runId);
    if (!run)
        return run.error();
    QString prefix = QDir::cleanPath(path);
    if (path.isEmpty() || prefix == QLatin1String("."))
        prefix.clear();
    SqliteStatement query(database(),
                          QStringLiteral("SELECT path, size FROM modeldesk_artifacts "
                                         "WHERE run_uuid = ? ORDER BY path"));
    // The entries directly under the prefix: a file, or the folder a deeper file is in.
    QMap<QString, std::optional<qint64>> entries;
    bool any = false;
    if (query.bind({runId})) {
        while (query.next()) {
            any = true;
            const QString stored = query.text(0);
            if (!prefix.isEmpty() && !stored.startsWith(prefix + QLatin1Char('/')))
                continue;
            const QString rest = prefix.isEmpty() ? stored : stored.mid(prefix.size() + 1);
            const qsizetype slash = rest.indexOf(QLatin1Char('/'));
            const QString name = slash < 0 ? rest : rest.left(slash);
            if (slash < 0)
                entries.insert(name, query.integer(1));
            else if (!entries.contains(name))
                entries.insert(name, std::nullopt);
        }
    }
    if (query.failed())
        return sqlFailure(SqlText::tr("Could not read the snapshot's artifacts."),
                          statementError(query));
    if (!any)
        return std::optional<ArtifactListing>();
    ArtifactListing listing;
    listing.rootUri = run->info.artifactUri;
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
        ArtifactFile file;
        file.path = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('/') + it.key();
        file.isDir = !it.value().has_value();
        file.fileSize = it.value();
        listing.files.append(file);
    }
    return std::optional<ArtifactListing>(listing);
}

Result<std::optional<QByteArray>> SqlBackend::snapshotArtifact(const QString &runId,
                                                               const QString &path)
{
    if (!m_layout.snapshot)
        return std::optional<QByteArray>();
    SqliteStatement query(database(),
                          QStringLiteral("SELECT content FROM modeldesk_artifacts "
                                         "WHERE run_uuid = ? AND path = ?"));
    std::optional<QByteArray> content;
    if (query.bind({runId, QDir::cleanPath(path)}) && query.next())
        content = query.blob(0);
    if (query.failed())
        return sqlFailure(SqlText::tr("Could not read the snapshot's artifacts."),
                          statementError(query));
    return content;
}

} // namespace ModelDesk
