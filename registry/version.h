#pragma once

#include <QString>

namespace ModelDesk {

// ModelDesk's version, from the project's version in CMake (the one place it is set).
inline QString modeldeskVersion()
{
    return QStringLiteral(MODELDESK_VERSION);
}

} // namespace ModelDesk
