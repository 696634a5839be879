#include "registry/pagefollower.h"

#include <QCoreApplication>

namespace ModelDesk {

PageFollower::PageFollower(QString source, int maxPages)
    : m_source(std::move(source))
    , m_maxPages(maxPages)
{ }

std::optional<RegistryError> PageFollower::follow(const QString &nextPageToken)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("ModelDesk::PageFollower", text);
    };
    ++m_pages;
    if (nextPageToken.isEmpty())
        return std::nullopt;
    if (m_seen.contains(nextPageToken)) {
        return RegistryError(ErrorCode::InvalidState,
                             tr("%1 answered page %2 with a next_page_token it had already "
                                "given, so its pages would never end; the listing stopped "
                                "there.")
                                 .arg(m_source)
                                 .arg(m_pages),
                             tr("Repeated token: %1").arg(nextPageToken.left(200)));
    }
    if (m_pages >= m_maxPages) {
        return RegistryError(ErrorCode::InvalidState,
                             tr("%1 kept answering with a further page after %2 pages; the "
                                "listing stopped there.")
                                 .arg(m_source)
                                 .arg(m_pages));
    }
    m_seen.insert(nextPageToken);
    return std::nullopt;
}

void PageFollower::restart()
{
    m_pages = 0;
    m_seen.clear();
}

} // namespace ModelDesk
