// What is known about a store file outside SQLite, and the messages for files SQLite refuses.
#include "registry/sql/storefile.h"
#include "registry/sql/sqlbackend_p.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <sqlite3.h>

namespace ModelDesk::StoreFile {

namespace {

bool nonEmptyFile(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() && info.size() > 0;
}

RegistryError needsWriteAccess(const QString &path, const QString &technical)
{
    return RegistryError(
        ErrorCode::PermissionDenied,
        SqlText::tr("The registry file %1 was left in the middle of a write (its journal "
                    "%1-journal is still there), and SQLite needs write access to the file and "
                    "its folder to roll that write back. Open it once where it is writable, or "
                    "ask its owner to.")
            .arg(path),
        technical);
}

} // namespace

Facts read(const QString &path)
{
    Facts facts;
    facts.journal = nonEmptyFile(path + QStringLiteral("-journal"));
    facts.wal = nonEmptyFile(path + QStringLiteral("-wal"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        facts.readError = file.errorString();
        return facts;
    }
    facts.size = file.size();
    const QByteArray header = file.read(100);
    facts.sqliteMagic = header.startsWith(QByteArrayLiteral("SQLite format 3\0"));
    facts.headerComplete = header.size() == 100;
    if (!facts.sqliteMagic || !facts.headerComplete)
        return facts;
    const auto *bytes = reinterpret_cast<const uchar *>(header.constData());
    quint32 pageSize = qFromBigEndian<quint16>(bytes + 16);
    if (pageSize == 1)
        pageSize = 65536;
    const quint32 changeCounter = qFromBigEndian<quint32>(bytes + 24);
    const quint32 pageCount = qFromBigEndian<quint32>(bytes + 28);
    const quint32 validFor = qFromBigEndian<quint32>(bytes + 92);
    // The page count in the header is reliable only when written by the same change.
    if (validFor == changeCounter && pageCount > 0)
        facts.headerBytes = qint64(pageCount) * qint64(pageSize);
    return facts;
}

Result<Done> checkBeforeOpen(const QString &path, const Facts &facts)
{
    if (!facts.readError.isEmpty()) {
        return RegistryError(
            ErrorCode::PermissionDenied,
            SqlText::tr("The registry file %1 cannot be read: %2.").arg(path, facts.readError));
    }
    if (facts.journal || facts.wal)
        return Done {}; // SQLite restores or completes the file from its journal first.
    if (facts.size == 0) {
        return RegistryError(ErrorCode::InvalidState,
                             SqlText::tr("The file %1 is empty (0 bytes); it is not an MLflow "
                                         "store. Use File ▸ New Registry or 'modeldesk-cli "
                                         "init' to create one.")
                                 .arg(path));
    }
    if (!facts.sqliteMagic) {
        return RegistryError(ErrorCode::InvalidState,
                             SqlText::tr("The file %1 is not an SQLite database, so it cannot be "
                                         "an MLflow store.")
                                 .arg(path));
    }
    return Done {};
}

Result<Done> recoverForReadOnly(const QString &path, bool writable)
{
    if (!nonEmptyFile(path + QStringLiteral("-journal")))
        return Done {};
    if (!writable)
        return Done {}; // SQLite says on the first read whether the journal needed rolling back.
    sqlite3 *handle = nullptr;
    int result = sqlite3_open_v2(QFile::encodeName(path).constData(), &handle,
                                 SQLITE_OPEN_READWRITE, nullptr);
    QString text;
    if (result == SQLITE_OK) {
        sqlite3_busy_timeout(handle, 20000);
        // Reading the schema takes the shared lock, and with it SQLite rolls a hot journal back.
        result
            = sqlite3_exec(handle, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
        if (result != SQLITE_OK)
            result = sqlite3_extended_errcode(handle);
    }
    if (result != SQLITE_OK)
        text = QString::fromUtf8(handle ? sqlite3_errmsg(handle) : sqlite3_errstr(result));
    sqlite3_close_v2(handle);
    if (result != SQLITE_OK)
        return diagnose(path, result, text);
    return Done {};
}

RegistryError diagnose(const QString &path, int sqliteCode, const QString &text)
{
    const Facts facts = read(path);
    const int primary = sqliteCode & 0xff;
    const QString technical = SqlText::tr("SQLite: %1 (code %2)").arg(text).arg(sqliteCode);
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
        return RegistryError(ErrorCode::TemporarilyUnavailable,
                             SqlText::tr("The registry file %1 is locked by another program; "
                                         "try again in a moment.")
                                 .arg(path),
                             technical);
    }
    if (sqliteCode == SQLITE_READONLY_ROLLBACK || (primary == SQLITE_READONLY && facts.journal)) {
        return needsWriteAccess(path, technical);
    }
    if (primary == SQLITE_CANTOPEN || primary == SQLITE_PERM || primary == SQLITE_AUTH) {
        return RegistryError(
            ErrorCode::PermissionDenied,
            SqlText::tr("SQLite cannot open the registry file %1: %2.").arg(path, text), technical);
    }
    if (primary == SQLITE_IOERR || primary == SQLITE_FULL) {
        return RegistryError(ErrorCode::InvalidState,
                             SqlText::tr("The registry file %1 could not be read or written: "
                                         "%2. Check the disk and that it has free space.")
                                 .arg(path, text),
                             technical);
    }
    if (primary != SQLITE_CORRUPT && primary != SQLITE_NOTADB) {
        return RegistryError(
            ErrorCode::InvalidState,
            SqlText::tr("SQLite could not read the registry file %1: %2.").arg(path, text),
            technical);
    }

    // SQLite says the file is damaged; add what is known about how.
    QStringList known;
    if (!facts.sqliteMagic) {
        known << SqlText::tr("it does not start with an SQLite header, so it is not an SQLite "
                             "database");
    } else if (facts.headerBytes > 0 && facts.size < facts.headerBytes) {
        known << SqlText::tr("it is shorter than its header says (%1 bytes instead of %2), so "
                             "it may have been cut off while copying")
                     .arg(facts.size)
                     .arg(facts.headerBytes);
    }
    if (facts.journal) {
        known << SqlText::tr("a journal from an interrupted write (%1-journal) lies beside it "
                             "but could not restore it; keep both files together")
                     .arg(path);
    }
    QString message
        = SqlText::tr("SQLite reports that the registry file %1 is damaged (%2).").arg(path, text);
    if (!known.isEmpty())
        message
            += QLatin1Char(' ') + SqlText::tr("Known: %1.").arg(known.join(QStringLiteral("; ")));
    message += QLatin1Char(' ')
        + SqlText::tr("ModelDesk has not changed it. Open a backup, or try the sqlite3 "
                      "shell's .recover on a copy.");
    return RegistryError(ErrorCode::InvalidState, message, technical);
}

} // namespace ModelDesk::StoreFile
