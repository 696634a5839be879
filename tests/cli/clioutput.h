#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

// Test support: modeldesk-cli (MODELDESK_CLI, set by ctest) run as a whole process, as scripts
// run it, and what it printed.
namespace TestSupport {

struct CliOutput
{
    int exitCode = -1; // -1: it crashed or did not finish within 50 s
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

inline CliOutput runCli(const QStringList &arguments,
                        const QProcessEnvironment &environment
                        = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(qEnvironmentVariable("MODELDESK_CLI"), arguments);
    CliOutput output;
    if (!process.waitForFinished(50'000) || process.exitStatus() != QProcess::NormalExit)
        return output;
    output.exitCode = process.exitCode();
    output.out = process.readAllStandardOutput();
    output.err = process.readAllStandardError();
    return output;
}

} // namespace TestSupport
