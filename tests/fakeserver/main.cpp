// modeldesk-fake-mlflow: the fake MLflow server as a process of its own, for benchmarks and
// for CLI/GUI tests that need the server outside their process. Prints exactly one line,
// its URL, once it listens, and serves until killed.
#include "tests/fakeserver/fakemlflowserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>

using namespace TestSupport;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("modeldesk-fake-mlflow"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Serves an MLflow SQLite store over MLflow's REST API on 127.0.0.1 "
                       "(a test double, not a server to deploy)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("STORE"),
                                 QStringLiteral("The MLflow SQLite store (opened read-write)."));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("The port to listen on (default: a free one)."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption artifacts(
        QStringLiteral("artifacts"),
        QStringLiteral("Serve run artifacts from DIR/<run_id>/ or DIR/<mlflow-artifacts path>/."),
        QStringLiteral("DIR"));
    const QCommandLineOption version(QStringLiteral("version"),
                                     QStringLiteral("What /version answers (default %1).")
                                         .arg(QString::fromLatin1(FakeMlflowServer::versionText())),
                                     QStringLiteral("TEXT"));
    const QCommandLineOption basicAuth(QStringLiteral("basic-auth"),
                                       QStringLiteral("Require HTTP basic authentication."),
                                       QStringLiteral("USER:PASSWORD"));
    const QCommandLineOption bearer(QStringLiteral("bearer-token"),
                                    QStringLiteral("Require this bearer token."),
                                    QStringLiteral("TOKEN"));
    const QCommandLineOption denyWrites(QStringLiteral("deny-writes"),
                                        QStringLiteral("Answer 403 to every registry write."));
    const QCommandLineOption workspaces(
        QStringLiteral("workspaces"),
        QStringLiteral("Answer /server-features like MLflow 3.12: 'on' (X-MLFLOW-WORKSPACE picks "
                       "the workspace) or 'off' (single-tenant). Without it, no such endpoint."),
        QStringLiteral("on|off"));
    parser.addOptions({port, artifacts, version, basicAuth, bearer, denyWrites, workspaces});
    parser.process(app);

    const auto fail = [](const QString &message) {
        std::fprintf(stderr, "modeldesk-fake-mlflow: %s\n", qPrintable(message));
        return 2;
    };
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("expected one MLflow store (see --help)"));
    bool portOk = false;
    const uint portNumber = parser.value(port).toUInt(&portOk);
    if (!portOk || portNumber > 65535)
        return fail(QStringLiteral("invalid port '%1'").arg(parser.value(port)));
    const QString store = parser.positionalArguments().constFirst();
    if (!QFileInfo(store).isFile())
        return fail(QStringLiteral("no such store: %1").arg(store));

    FakeMlflowServer server(store);
    if (!server.errorString().isEmpty())
        return fail(server.errorString());
    if (parser.isSet(artifacts))
        server.setArtifactRoot(parser.value(artifacts));
    if (parser.isSet(version))
        server.setVersionText(parser.value(version).toUtf8());
    if (parser.isSet(basicAuth)) {
        const QString credentials = parser.value(basicAuth);
        const qsizetype colon = credentials.indexOf(QLatin1Char(':'));
        if (colon < 0)
            return fail(QStringLiteral("--basic-auth expects USER:PASSWORD"));
        server.requireBasicAuth(credentials.left(colon), credentials.mid(colon + 1));
    }
    if (parser.isSet(bearer))
        server.requireBearerToken(parser.value(bearer).toUtf8());
    server.setWritesDenied(parser.isSet(denyWrites));
    if (parser.isSet(workspaces)) {
        const QString mode = parser.value(workspaces);
        if (mode != QLatin1String("on") && mode != QLatin1String("off"))
            return fail(QStringLiteral("--workspaces expects on or off"));
        server.setWorkspaces(mode == QLatin1String("on"));
    }
    if (server.listen(quint16(portNumber)) == 0)
        return fail(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(portNumber));

    // The one line the parent process waits for; flushed, as stdout is a pipe there.
    std::printf("%s\n", qPrintable(server.url().toString()));
    std::fflush(stdout);
    return app.exec();
}
