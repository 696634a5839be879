#pragma once

#include "registry/error.h"

#include <QSet>
#include <QString>

#include <optional>

namespace ModelDesk {

// Follows one listing's next_page_token chain and stops it when a broken or hostile server
// would keep it going for ever: a token answered a second time (the chain loops), or more
// pages than any real registry has. One object per listing; restart() for a new one.
class PageFollower
{
public:
    // `source` names the registry in messages (a server's URL, a file's path).
    explicit PageFollower(QString source, int maxPages = DefaultMaxPages);

    static constexpr int DefaultMaxPages = 100'000;

    // Call with each answer's next_page_token (empty at the end); an error when following it
    // would repeat a page or exceed the page limit.
    std::optional<RegistryError> follow(const QString &nextPageToken);
    void restart();
    int pages() const { return m_pages; }

private:
    QString m_source;
    int m_maxPages;
    int m_pages = 0;
    QSet<QString> m_seen;
};

} // namespace ModelDesk
