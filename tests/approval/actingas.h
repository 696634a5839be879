#pragma once

#include <QString>
#include <QtGlobal>

namespace TestSupport {

// Acts as `user` (MODELDESK_USER) for the calls made while it lives.
class ActingAs
{
public:
    explicit ActingAs(const QString &user) { qputenv("MODELDESK_USER", user.toUtf8()); }
    ~ActingAs() { qunsetenv("MODELDESK_USER"); }
    ActingAs(const ActingAs &) = delete;
    ActingAs &operator=(const ActingAs &) = delete;
};

} // namespace TestSupport
