#pragma once

#include "registry/error.h"

#include <QString>

namespace ModelDesk::PageToken {

// MLflow's offset page tokens: standard base64 (with padding) of `{"offset": N}`.
QString encode(qint64 offset);
// The offset in a token; an empty token is offset 0. Undecodable tokens and offset 0 are
// INVALID_PARAMETER_VALUE with MLflow's messages.
Result<qint64> decode(const QString &token);

} // namespace ModelDesk::PageToken
