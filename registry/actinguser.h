#pragma once

#include <QString>

namespace ModelDesk {

// The user ModelDesk acts as when no server says who it is: MODELDESK_USER if set, else the
// login name ("unknown" when the environment has none).
QString localActingUser();

} // namespace ModelDesk
