#include "registry/error.h"

#include <array>

namespace ModelDesk {

namespace {

struct CodeInfo
{
    ErrorCode code;
    const char *name;
    int status;
};

constexpr std::array codeTable{
    CodeInfo{ErrorCode::InvalidParameterValue, "INVALID_PARAMETER_VALUE", 400},
    CodeInfo{ErrorCode::ResourceAlreadyExists, "RESOURCE_ALREADY_EXISTS", 400},
    CodeInfo{ErrorCode::ResourceDoesNotExist, "RESOURCE_DOES_NOT_EXIST", 404},
    CodeInfo{ErrorCode::BadRequest, "BAD_REQUEST", 400},
    CodeInfo{ErrorCode::Unauthenticated, "UNAUTHENTICATED", 401},
    CodeInfo{ErrorCode::PermissionDenied, "PERMISSION_DENIED", 403},
    CodeInfo{ErrorCode::EndpointNotFound, "ENDPOINT_NOT_FOUND", 404},
    CodeInfo{ErrorCode::Conflict, "RESOURCE_CONFLICT", 409},
    CodeInfo{ErrorCode::ResourceExhausted, "RESOURCE_EXHAUSTED", 429},
    CodeInfo{ErrorCode::Cancelled, "CANCELLED", 499},
    CodeInfo{ErrorCode::InternalError, "INTERNAL_ERROR", 500},
    CodeInfo{ErrorCode::InvalidState, "INVALID_STATE", 500},
    CodeInfo{ErrorCode::NotImplemented, "NOT_IMPLEMENTED", 501},
    CodeInfo{ErrorCode::TemporarilyUnavailable, "TEMPORARILY_UNAVAILABLE", 503},
    CodeInfo{ErrorCode::DeadlineExceeded, "DEADLINE_EXCEEDED", 504},
};

} // namespace

QString RegistryError::mlflowCodeName(ErrorCode code)
{
    for (const CodeInfo &info : codeTable) {
        if (info.code == code)
            return QString::fromLatin1(info.name);
    }
    return QStringLiteral("INTERNAL_ERROR");
}

int RegistryError::httpStatusFor(ErrorCode code)
{
    for (const CodeInfo &info : codeTable) {
        if (info.code == code)
            return info.status;
    }
    return 500;
}

ErrorCode RegistryError::codeFromMlflowName(const QString &name)
{
    for (const CodeInfo &info : codeTable) {
        if (name == QLatin1String(info.name))
            return info.code;
    }
    if (name == QLatin1String("NOT_FOUND"))
        return ErrorCode::ResourceDoesNotExist;
    if (name == QLatin1String("ALREADY_EXISTS"))
        return ErrorCode::ResourceAlreadyExists;
    if (name == QLatin1String("REQUEST_LIMIT_EXCEEDED"))
        return ErrorCode::ResourceExhausted;
    if (name == QLatin1String("CUSTOMER_UNAUTHORIZED"))
        return ErrorCode::Unauthenticated;
    return ErrorCode::InternalError;
}

} // namespace ModelDesk
