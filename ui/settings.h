#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace ModelDesk {

// The one typed facade over QSettings: each key is declared here once with its default.
// Per-registry state (window layout, last selection) is keyed by the registry's location.
// Secrets never go here. GUI thread.
class Settings
{
public:
    Settings();

    QStringList recentRegistries() const;
    // Moves `location` to the front of the recent list (at most 10 entries).
    void addRecentRegistry(const QString &location);
    void removeRecentRegistry(const QString &location);
    QString lastRegistry() const;

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray registryState(const QString &location, const QString &key) const;
    void setRegistryState(const QString &location, const QString &key, const QByteArray &state);
    QString lastSelection(const QString &location) const;
    void setLastSelection(const QString &location, const QString &selection);

private:
    static QString registryGroup(const QString &location);
    QSettings m_settings;
};

} // namespace ModelDesk
