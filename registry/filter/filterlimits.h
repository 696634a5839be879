#pragma once

#include "registry/error.h"

#include <QString>
#include <QStringList>

#include <optional>

// Limits a filter or order_by must keep before it is parsed at all, checked in one linear pass,
// so that hostile input (100 kB of parentheses, thousands of clauses) is refused at once with a
// message that names the limit, and SQLite never meets a statement beyond its own limits.
namespace ModelDesk::Filter::Limits {

inline constexpr int MaxFilterLength = 20000; // characters
inline constexpr int MaxTokens = 4000; // words, strings and symbols
inline constexpr int MaxClauses = 100; // comparisons joined by AND
inline constexpr int MaxInValues = 500; // values in one IN list
inline constexpr int MaxOrderByEntries = 10;
inline constexpr int MaxOrderByLength = 500; // characters in one entry
inline constexpr int MaxExcerpt = 60; // characters of the input an error quotes

// The start of `text` as error messages quote it: at most MaxExcerpt characters, with the
// length of the whole when it was cut.
QString excerpt(const QString &text);

// An error for a filter beyond a limit or using parentheses for anything but an IN list.
std::optional<RegistryError> checkFilter(const QString &text);
std::optional<RegistryError> checkOrderBy(const QStringList &orderBy);

// `error` with its message cut to a readable length when it quotes a long input.
RegistryError shortened(RegistryError error);

} // namespace ModelDesk::Filter::Limits
