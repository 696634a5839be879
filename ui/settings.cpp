#include "ui/settings.h"

#include <QCryptographicHash>

namespace ModelDesk {

namespace {
constexpr int MaxRecent = 10;
const QString RecentKey = QStringLiteral("recentRegistries");
const QString GeometryKey = QStringLiteral("window/geometry");
const QString SelectionKey = QStringLiteral("lastSelection");
} // namespace

Settings::Settings() = default;

QString Settings::registryGroup(const QString &location)
{
    return QStringLiteral("registry-")
           + QString::fromLatin1(
               QCryptographicHash::hash(location.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
}

QStringList Settings::recentRegistries() const
{
    return m_settings.value(RecentKey).toStringList();
}

void Settings::addRecentRegistry(const QString &location)
{
    QStringList recent = recentRegistries();
    recent.removeAll(location);
    recent.prepend(location);
    while (recent.size() > MaxRecent)
        recent.removeLast();
    m_settings.setValue(RecentKey, recent);
}

void Settings::removeRecentRegistry(const QString &location)
{
    QStringList recent = recentRegistries();
    recent.removeAll(location);
    m_settings.setValue(RecentKey, recent);
}

QString Settings::lastRegistry() const
{
    const QStringList recent = recentRegistries();
    return recent.isEmpty() ? QString() : recent.first();
}

QByteArray Settings::windowGeometry() const
{
    return m_settings.value(GeometryKey).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(GeometryKey, geometry);
}

QByteArray Settings::registryState(const QString &location, const QString &key) const
{
    return m_settings.value(registryGroup(location) + QLatin1Char('/') + key).toByteArray();
}

void Settings::setRegistryState(const QString &location, const QString &key,
                                const QByteArray &state)
{
    m_settings.setValue(registryGroup(location) + QLatin1Char('/') + key, state);
}

QString Settings::lastSelection(const QString &location) const
{
    return m_settings.value(registryGroup(location) + QLatin1Char('/') + SelectionKey).toString();
}

void Settings::setLastSelection(const QString &location, const QString &selection)
{
    m_settings.setValue(registryGroup(location) + QLatin1Char('/') + SelectionKey, selection);
}

} // namespace ModelDesk
