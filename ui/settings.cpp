#include "ui/settings.h"

#include <QCryptographicHash>

#include <algorithm>

namespace ModelDesk {

namespace {
constexpr int MaxRecent = 10;
const QString RecentKey = QStringLiteral("recentRegistries");
const QString GeometryKey = QStringLiteral("window/geometry");
const QString SelectionKey = QStringLiteral("lastSelection");
const QString WorkspaceKey = QStringLiteral("workspace");
const QString DownloadDirectoryKey = QStringLiteral("artifacts/lastDirectory");
const QString ThemeKey = QStringLiteral("appearance/theme");
const QString ServerUrlKey = QStringLiteral("server/url");
const QString ServerAuthKey = QStringLiteral("server/auth");
const QString ServerUserKey = QStringLiteral("server/userName");
const QString ServerInsecureKey = QStringLiteral("server/insecureTls");
const QString ServerRememberKey = QStringLiteral("server/rememberSecret");

QString authName(ServerOptions::Auth auth)
{
    switch (auth) {
    case ServerOptions::Auth::None:
        break;
    case ServerOptions::Auth::Token:
        return QStringLiteral("token");
    case ServerOptions::Auth::Basic:
        return QStringLiteral("basic");
    }
    return QStringLiteral("none");
}

ServerOptions::Auth authFromName(const QString &name)
{
    if (name == QLatin1String("token"))
        return ServerOptions::Auth::Token;
    if (name == QLatin1String("basic"))
        return ServerOptions::Auth::Basic;
    return ServerOptions::Auth::None;
}

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

bool Settings::approvalsShown() const
{
    return m_settings.value(QStringLiteral("window/approvalsShown"), false).toBool();
}

void Settings::setApprovalsShown(bool shown)
{
    m_settings.setValue(QStringLiteral("window/approvalsShown"), shown);
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

QString Settings::theme() const
{
    return m_settings.value(ThemeKey, QStringLiteral("system")).toString();
}

void Settings::setTheme(const QString &theme)
{
    m_settings.setValue(ThemeKey, theme);
}

QString Settings::lastDownloadDirectory() const
{
    return m_settings.value(DownloadDirectoryKey).toString();
}

void Settings::setLastDownloadDirectory(const QString &directory)
{
    m_settings.setValue(DownloadDirectoryKey, directory);
}

namespace {

// One last selection per workspace: 'default' keeps the key it always had.
QString selectionKey(const QString &workspace)
{
    return workspace.isEmpty() || workspace == QLatin1String("default")
               ? SelectionKey
               : SelectionKey + QStringLiteral("-workspace/") + workspace;
}

} // namespace

QString Settings::lastSelection(const QString &location, const QString &workspace) const
{
    return m_settings.value(registryGroup(location) + QLatin1Char('/') + selectionKey(workspace))
        .toString();
}

void Settings::setLastSelection(const QString &location, const QString &workspace,
                                const QString &selection)
{
    m_settings.setValue(registryGroup(location) + QLatin1Char('/') + selectionKey(workspace),
                        selection);
}

std::optional<ServerRecord> Settings::server(const QString &url) const
{
    const QString group = registryGroup(url) + QLatin1Char('/');
    if (m_settings.value(group + ServerUrlKey).toString() != url)
        return std::nullopt;
    ServerRecord record;
    record.url = url;
    record.auth = authFromName(m_settings.value(group + ServerAuthKey).toString());
    record.userName = m_settings.value(group + ServerUserKey).toString();
    record.insecureTls = m_settings.value(group + ServerInsecureKey, false).toBool();
    record.rememberSecret = m_settings.value(group + ServerRememberKey, false).toBool();
    return record;
}

void Settings::setServer(const ServerRecord &record)
{
    const QString group = registryGroup(record.url) + QLatin1Char('/');
    m_settings.setValue(group + ServerUrlKey, record.url);
    m_settings.setValue(group + ServerAuthKey, authName(record.auth));
    m_settings.setValue(group + ServerUserKey, record.userName);
    m_settings.setValue(group + ServerInsecureKey, record.insecureTls);
    m_settings.setValue(group + ServerRememberKey, record.rememberSecret);
}

ChartOptions Settings::chartOptions() const
{
    ChartOptions options;
    options.axis = m_settings.value(QStringLiteral("charts/axis"), options.axis).toString();
    options.logarithmic = m_settings.value(QStringLiteral("charts/logarithmic"), false).toBool();
    options.smoothing
        = std::clamp(m_settings.value(QStringLiteral("charts/smoothing"), 0.0).toDouble(), 0.0, 0.99);
    return options;
}

void Settings::setChartOptions(const ChartOptions &options)
{
    m_settings.setValue(QStringLiteral("charts/axis"), options.axis);
    m_settings.setValue(QStringLiteral("charts/logarithmic"), options.logarithmic);
    m_settings.setValue(QStringLiteral("charts/smoothing"), options.smoothing);
}

QString Settings::workspace(const QString &location) const
{
    return m_settings
        .value(registryGroup(location) + QLatin1Char('/') + WorkspaceKey, QStringLiteral("default"))
        .toString();
}

void Settings::setWorkspace(const QString &location, const QString &workspace)
{
    m_settings.setValue(registryGroup(location) + QLatin1Char('/') + WorkspaceKey, workspace);
}

} // namespace ModelDesk
