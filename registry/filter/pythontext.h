#pragma once

#include "registry/error.h"

#include <QString>
#include <QStringList>

#include <optional>

// The Python text conventions MLflow's filter and order_by messages are built with, and the
// small Python readers (a tuple of string literals, shlex.split) its checks rely on.
namespace ModelDesk::Filter::Python {

// Python's repr() of a str.
QString repr(const QString &text);
// Python's repr() of a list of str.
QString listRepr(const QStringList &items);
// Python's str.islower(): some cased character and none upper or title case.
bool isLower(const QString &text);
// Reads a tuple of Python string literals, as ast.literal_eval does for an IN list such as
// ('a', 'b' 'c'); nullopt where Python would raise a SyntaxError.
std::optional<QStringList> stringTuple(const QString &text);
// Python's shlex.split (POSIX mode); nullopt for an unclosed quote.
std::optional<QStringList> shellSplit(const QString &text);

} // namespace ModelDesk::Filter::Python

namespace ModelDesk::Filter {

bool isQuoted(const QString &value, QChar quote);
QString trimBackticks(const QString &value);
// INVALID_PARAMETER_VALUE with `message`.
RegistryError invalid(const QString &message);
// The value inside single or double quotes; an error if `expectQuoted` and it has none.
Result<QString> stripQuotes(const QString &value, bool expectQuoted);

} // namespace ModelDesk::Filter
