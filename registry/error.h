#pragma once

#include <QCoreApplication>
#include <QMetaType>
#include <QString>

#include <utility>
#include <variant>

namespace ModelDesk {

// The kinds of failure a registry call can report. Each maps to one of MLflow's error codes
// (what the REST API and the CLI print) and to an HTTP status, so the SQL store and the REST
// client report the same error for the same mistake.
enum class ErrorCode {
    InvalidParameterValue, // INVALID_PARAMETER_VALUE, 400
    ResourceAlreadyExists, // RESOURCE_ALREADY_EXISTS, 400
    ResourceDoesNotExist,  // RESOURCE_DOES_NOT_EXIST, 404
    BadRequest,            // BAD_REQUEST, 400
    Unauthenticated,       // UNAUTHENTICATED, 401
    PermissionDenied,      // PERMISSION_DENIED, 403 (also: the registry is read-only)
    EndpointNotFound,      // ENDPOINT_NOT_FOUND, 404
    Conflict,              // RESOURCE_CONFLICT, 409 (an edit made from an out-of-date view)
    ResourceExhausted,     // RESOURCE_EXHAUSTED, 429
    Cancelled,             // CANCELLED, 499
    InternalError,         // INTERNAL_ERROR, 500
    InvalidState,          // INVALID_STATE, 500 (a file that is not a usable MLflow store)
    NotImplemented,        // NOT_IMPLEMENTED, 501
    TemporarilyUnavailable, // TEMPORARILY_UNAVAILABLE, 503 (database locked, server down)
    DeadlineExceeded,      // DEADLINE_EXCEEDED, 504
};

// A failed registry call: a code and a translated, user-facing message. `detail` carries
// technical text (an SQL error, a server's body) for a "details" disclosure.
class RegistryError
{
    Q_DECLARE_TR_FUNCTIONS(ModelDesk::RegistryError)
public:
    RegistryError() = default;
    RegistryError(ErrorCode code, QString message, QString detail = {})
        : m_code(code)
        , m_message(std::move(message))
        , m_detail(std::move(detail))
    {}

    ErrorCode code() const { return m_code; }
    QString message() const { return m_message; }
    QString detail() const { return m_detail; }

    // MLflow's name for the code, e.g. "RESOURCE_DOES_NOT_EXIST".
    QString mlflowCode() const { return mlflowCodeName(m_code); }
    int httpStatus() const { return httpStatusFor(m_code); }

    static QString mlflowCodeName(ErrorCode code);
    static int httpStatusFor(ErrorCode code);
    // The code for an MLflow error-code name; unknown names become InternalError, as MLflow does.
    static ErrorCode codeFromMlflowName(const QString &name);

    bool operator==(const RegistryError &other) const = default;

private:
    ErrorCode m_code = ErrorCode::InternalError;
    QString m_message;
    QString m_detail;
};

// The value of a call that succeeds with nothing to return.
struct Done
{
    bool operator==(const Done &) const = default;
};

// Either a value or a RegistryError. The project's one way of returning from a fallible call.
template<typename T>
class Result
{
public:
    // A default-constructed Result is an error; QFuture needs the constructor.
    Result() : m_data(RegistryError(ErrorCode::InternalError, QStringLiteral("No result"))) {}
    Result(T value) : m_data(std::move(value)) {}
    Result(RegistryError error) : m_data(std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T *operator->() const { return &std::get<0>(m_data); }
    T *operator->() { return &std::get<0>(m_data); }
    const T &operator*() const & { return std::get<0>(m_data); }
    T &operator*() & { return std::get<0>(m_data); }

    const RegistryError &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, RegistryError> m_data;
};

// An error saying that the MLflow workspace asked for is not there (gone, or the registry has
// no workspaces): a window that remembered it shows 'default' instead. The detail names it.
inline RegistryError unknownWorkspaceError(ErrorCode code, const QString &message,
                                           const QString &workspace)
{
    return RegistryError(code, message, QStringLiteral("unknown workspace: ") + workspace);
}

inline bool isUnknownWorkspace(const RegistryError &error)
{
    return error.detail().startsWith(QLatin1String("unknown workspace: "));
}

} // namespace ModelDesk

Q_DECLARE_METATYPE(ModelDesk::RegistryError)
