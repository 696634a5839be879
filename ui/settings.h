#pragma once

#include "registry/rest/serveroptions.h"

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <optional>

namespace ModelDesk {

// What is remembered about an MLflow server between sessions: everything needed to connect
// again except the secret, which lives in the SecretStore (the system keychain).
struct ServerRecord
{
    QString url; // ServerOptions::displayUrl(): the key of the server's entry
    ServerOptions::Auth auth = ServerOptions::Auth::None;
    QString userName; // Auth::Basic
    bool insecureTls = false;
    bool rememberSecret = false; // the secret was put in the keychain

    bool operator==(const ServerRecord &) const = default;
};

// How metric charts are drawn, the same for every registry.
struct ChartOptions
{
    QString axis = QStringLiteral("step"); // "step", "wall-time" or "relative-time"
    bool logarithmic = false;
    double smoothing = 0; // 0 to 0.99
    bool operator==(const ChartOptions &) const = default;
};

// The one typed facade over QSettings: each key is declared here once with its default.
// Per-registry state (window layout, last selection) is keyed by the registry's location (a
// file path or a server's display URL). Secrets never go here. GUI thread.
class Settings
{
public:
    Settings();

    // The folder the last run artifact was saved to; empty before the first download.
    // "system" (default), "light" or "dark".
    QString theme() const;
    void setTheme(const QString &theme);
    ChartOptions chartOptions() const;
    void setChartOptions(const ChartOptions &options);
    QString lastDownloadDirectory() const;
    void setLastDownloadDirectory(const QString &directory);

    // Files and server URLs, most recent first.
    QStringList recentRegistries() const;
    // Moves `location` to the front of the recent list (at most 10 entries).
    void addRecentRegistry(const QString &location);
    void removeRecentRegistry(const QString &location);
    QString lastRegistry() const;

    // Whether View ▸ Approvals was left open.
    bool approvalsShown() const;
    void setApprovalsShown(bool shown);
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray registryState(const QString &location, const QString &key) const;
    void setRegistryState(const QString &location, const QString &key, const QByteArray &state);
    // The model or NAME/VERSION last selected in a workspace of a registry.
    QString lastSelection(const QString &location, const QString &workspace = {}) const;
    void setLastSelection(const QString &location, const QString &workspace,
                          const QString &selection);
    // The MLflow workspace last shown of a registry that has several; "default" otherwise.
    QString workspace(const QString &location) const;
    void setWorkspace(const QString &location, const QString &workspace);

    // The remembered connection settings of the server whose display URL is `url`.
    std::optional<ServerRecord> server(const QString &url) const;
    void setServer(const ServerRecord &record);

private:
    static QString registryGroup(const QString &location);
    QSettings m_settings;
};

} // namespace ModelDesk
