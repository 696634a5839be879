#pragma once

#include "registry/registry.h"

#include <optional>

namespace ModelDesk {

// Versions per page of searchAllVersions.
constexpr int SearchAllPage = 10000;

// Every version `filter` matches, all pages read one after another (with their tags; version
// searches carry no aliases). Answers on the main thread; call it from there.
QFuture<Result<QList<ModelVersion>>> searchAllVersions(Registry *registry, const QString &filter);

// `value` quoted for an MLflow filter, which has no escapes: with the quote it does not hold;
// nothing when it holds both.
std::optional<QString> filterValue(const QString &value);

} // namespace ModelDesk
