#include "tests/fakeserver/fakeartifacts.h"

#include "registry/sql/sqlbackend.h"
#include "tests/registry/transcripts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeDatabase>
#include <QUrl>

#include <algorithm>
#include <optional>

using namespace ModelDesk;

namespace TestSupport {

namespace {

QString queryValue(const QueryItems &query, const QString &key)
{
    for (const auto &[name, value] : query) {
        if (name == key)
            return value;
    }
    return {};
}

FakeResponse missingParameter(const QString &name)
{
    return jsonError("INVALID_PARAMETER_VALUE",
                     QStringLiteral("Missing value for required parameter '%1'. See the API docs "
                                    "for more information about request parameters.")
                         .arg(name),
                     400);
}

// MLflow's validate_path_is_safe: no '#', no ".." segment, nothing absolute (POSIX, Windows
// drive or UNC), no file: URI (MLflow turns those into local, absolute paths).
bool isSafePath(const QString &path)
{
    if (path.contains(QLatin1Char('#')) || path.startsWith(QLatin1String("file:")))
        return false;
    if (path.split(QLatin1Char('/')).contains(QLatin1String("..")))
        return false;
    if (path.startsWith(QLatin1Char('/')) || path.startsWith(QLatin1Char('\\')))
        return false;
    const bool windowsDrive = path.size() >= 3 && path.at(0).isLetter()
        && path.at(1) == QLatin1Char(':')
        && (path.at(2) == QLatin1Char('/') || path.at(2) == QLatin1Char('\\'));
    return !windowsDrive;
}

// A path relative to the run root without "." segments or a trailing '/', as MLflow's
// os.path.normpath leaves it; "" for the root itself.
QString normalized(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    return clean == QLatin1String(".") ? QString() : clean;
}

struct RunArtifacts
{
    std::optional<FakeResponse> error; // set when the run cannot be served
    QString artifactUri;
    QString directory; // may not exist: the run then has no artifacts
};

RunArtifacts findRun(SqlBackend &backend, const QString &artifactRoot, const QString &runId)
{
    const Result<Run> run = backend.run(runId);
    if (!run) {
        // Exactly what runs/get answers for the same id.
        const Reply reply = serve(
            backend, QStringLiteral("GET"), QStringLiteral("/api/2.0/mlflow/runs/get"),
            QStringLiteral("run_id=") + QString::fromLatin1(QUrl::toPercentEncoding(runId)), {});
        if (reply.handled && reply.status != 200)
            return {FakeResponse {reply.status, reply.contentType, reply.body, {}}, {}, {}};
        return {jsonError("RESOURCE_DOES_NOT_EXIST",
                          QStringLiteral("Run with id=%1 not found").arg(runId), 404),
                {},
                {}};
    }
    RunArtifacts found;
    found.artifactUri = run.value().info.artifactUri;
    if (artifactRoot.isEmpty())
        return found;
    const QDir root(artifactRoot);
    found.directory = root.filePath(runId);
    if (QFileInfo(found.directory).isDir())
        return found;
    // `mlflow server --artifacts-destination DIR` keeps mlflow-artifacts:/<path> at DIR/<path>.
    if (found.artifactUri.startsWith(QLatin1String("mlflow-artifacts:"))) {
        QString path = QUrl(found.artifactUri).path();
        while (path.startsWith(QLatin1Char('/')))
            path.remove(0, 1);
        if (!path.isEmpty() && isSafePath(path))
            found.directory = root.filePath(path);
    }
    return found;
}

// MLflow's _guess_mime_type: its text extensions are text/plain, the rest by file name.
QByteArray guessMimeType(const QString &fileName)
{
    static const QStringList textExtensions {
        QStringLiteral("txt"),      QStringLiteral("log"),   QStringLiteral("err"),
        QStringLiteral("cfg"),      QStringLiteral("conf"),  QStringLiteral("cnf"),
        QStringLiteral("cf"),       QStringLiteral("ini"),   QStringLiteral("properties"),
        QStringLiteral("prop"),     QStringLiteral("hocon"), QStringLiteral("toml"),
        QStringLiteral("yaml"),     QStringLiteral("yml"),   QStringLiteral("xml"),
        QStringLiteral("json"),     QStringLiteral("js"),    QStringLiteral("py"),
        QStringLiteral("py3"),      QStringLiteral("csv"),   QStringLiteral("tsv"),
        QStringLiteral("md"),       QStringLiteral("rst"),   QStringLiteral("MLmodel"),
        QStringLiteral("mlproject")};
    const qsizetype dot = fileName.lastIndexOf(QLatin1Char('.'));
    const QString extension = dot > 0 ? fileName.mid(dot + 1) : fileName;
    if (textExtensions.contains(extension))
        return QByteArrayLiteral("text/plain");
    const QMimeType type = QMimeDatabase().mimeTypeForFile(fileName, QMimeDatabase::MatchExtension);
    return type.isDefault() ? QByteArrayLiteral("application/octet-stream")
                            : type.name().toLatin1();
}

// Werkzeug's Content-Disposition for send_file(as_attachment=True).
QByteArray contentDisposition(const QString &fileName)
{
    bool ascii = true;
    for (const QChar c : fileName)
        ascii = ascii && c.unicode() < 0x80;
    const auto quoted = [](const QString &name) -> QByteArray {
        static const QByteArray token = QByteArrayLiteral(
            "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
        const QByteArray latin = name.toLatin1();
        if (!latin.isEmpty() && std::all_of(latin.cbegin(), latin.cend(), [](char c) {
                return token.contains(c);
            })) {
            return latin;
        }
        QByteArray escaped = latin;
        escaped.replace('\\', "\\\\").replace('"', "\\\"");
        return '"' + escaped + '"';
    };
    if (ascii)
        return "attachment; filename=" + quoted(fileName);
    QString simple;
    for (const QChar c : fileName.normalized(QString::NormalizationForm_KD)) {
        if (c.unicode() < 0x80)
            simple += c;
    }
    return "attachment; filename=" + quoted(simple) + "; filename*=UTF-8''"
        + QUrl::toPercentEncoding(fileName, "!#$&+-.^_`|~");
}

} // namespace

FakeResponse
listArtifacts(SqlBackend &backend, const QString &artifactRoot, const QueryItems &query)
{
    const QString runId = queryValue(query, QStringLiteral("run_id"));
    if (runId.isEmpty())
        return missingParameter(QStringLiteral("run_id"));
    const QString path = queryValue(query, QStringLiteral("path"));
    if (!isSafePath(path))
        return jsonError("INVALID_PARAMETER_VALUE", QStringLiteral("Invalid path"), 400);
    const RunArtifacts run = findRun(backend, artifactRoot, runId);
    if (run.error)
        return *run.error;

    QJsonObject answer {{QStringLiteral("root_uri"), run.artifactUri}};
    const QString relative = normalized(path);
    const QFileInfo directory(run.directory + QLatin1Char('/') + relative);
    if (!run.directory.isEmpty() && directory.isDir()) {
        QFileInfoList entries = QDir(directory.filePath())
                                    .entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot
                                                   | QDir::Hidden | QDir::System);
        std::sort(entries.begin(), entries.end(), [](const QFileInfo &a, const QFileInfo &b) {
            return a.fileName() < b.fileName();
        });
        QJsonArray files;
        for (const QFileInfo &entry : std::as_const(entries)) {
            QJsonObject file {{QStringLiteral("path"),
                               relative.isEmpty() ? entry.fileName()
                                                  : relative + QLatin1Char('/') + entry.fileName()},
                              {QStringLiteral("is_dir"), entry.isDir()}};
            if (!entry.isDir())
                file.insert(QStringLiteral("file_size"), entry.size());
            files.append(file);
        }
        // Empty repeated fields are omitted (rest.md §1.3).
        if (!files.isEmpty())
            answer.insert(QStringLiteral("files"), files);
    }
    return {200, jsonType, QJsonDocument(answer).toJson(), {}};
}

FakeResponse
downloadArtifact(SqlBackend &backend, const QString &artifactRoot, const QueryItems &query)
{
    QString runId = queryValue(query, QStringLiteral("run_id"));
    if (runId.isEmpty())
        runId = queryValue(query, QStringLiteral("run_uuid"));
    const QString path = queryValue(query, QStringLiteral("path"));
    if (path.isNull())
        return missingParameter(QStringLiteral("path"));
    if (!isSafePath(path))
        return jsonError("INVALID_PARAMETER_VALUE", QStringLiteral("Invalid path"), 400);
    const RunArtifacts run = findRun(backend, artifactRoot, runId);
    if (run.error)
        return *run.error;

    const QFileInfo file(run.directory + QLatin1Char('/') + normalized(path));
    // A symbolic link must not lead the fake out of the run's directory either.
    const QString inside = QFileInfo(run.directory).canonicalFilePath() + QLatin1Char('/');
    QFile content(file.filePath());
    if (run.directory.isEmpty() || !file.isFile() || !file.canonicalFilePath().startsWith(inside)
        || !content.open(QIODevice::ReadOnly)) {
        return jsonError("RESOURCE_DOES_NOT_EXIST",
                         QStringLiteral("No artifact file '%1' in run %2").arg(path, runId), 404);
    }
    // Read whole: artifacts in tests are small, and it keeps the answer one write.
    return {200,
            guessMimeType(file.fileName()),
            content.readAll(),
            {{QByteArrayLiteral("Content-Disposition"), contentDisposition(file.fileName())},
             {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")}}};
}

} // namespace TestSupport
