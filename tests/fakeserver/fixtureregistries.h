#pragma once

#include "registry/rest/restregistry.h"
#include "registry/sql/sqlregistry.h"
#include "tests/fakeserver/fakeserverthread.h"

#include <functional>
#include <memory>

namespace TestSupport {

// Test support: a copy of MLflow 2.22's store (the shared fixtures), served by the fake
// server on a thread of its own, and open both as a file and through that server, so a test
// can ask both the same question.
struct FixtureRegistries
{
    QString store;
    std::unique_ptr<FakeServerThread> server;
    std::unique_ptr<ModelDesk::SqlRegistry> file;
    std::unique_ptr<ModelDesk::RestRegistry> rest;

    // Copies the store into `dir`, runs `prepare` on the copy (false fails), then serves and
    // opens it; false, with a warning, when any step failed.
    bool open(const QString &dir, const std::function<bool(const QString &)> &prepare = {});
    ModelDesk::Registry &registry(bool throughServer) const;
    ~FixtureRegistries();
};

} // namespace TestSupport
