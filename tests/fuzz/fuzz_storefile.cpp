// libFuzzer target: the registry-file checks made before and after SQLite opens a file
// (registry/sql/storefile). Any bytes as a store file, with or without a journal beside it,
// give facts and a verdict without a crash; the verdict refuses only files SQLite must never
// touch, and a diagnosis always says something.
#include "registry/sql/storefile.h"

#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>

using namespace ModelDesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir dir;
    if (!dir.isValid())
        std::abort();
    const QString path = dir.filePath(QStringLiteral("store.db"));
    const QString journal = path + QStringLiteral("-journal");
    // The first byte says whether a journal lies beside the file; the rest is the file.
    const bool withJournal = size > 0 && (data[0] & 1);
    const QByteArray bytes = size > 0
                                 ? QByteArray(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1))
                                 : QByteArray();
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
            std::abort();
    }
    QFile::remove(journal);
    if (withJournal) {
        QFile file(journal);
        if (!file.open(QIODevice::WriteOnly) || file.write("journal") != 7)
            std::abort();
    }

    const StoreFile::Facts facts = StoreFile::read(path);
    if (!facts.readError.isEmpty() || facts.size != bytes.size() || facts.journal != withJournal)
        std::abort();
    if (facts.sqliteMagic != bytes.startsWith(QByteArrayView("SQLite format 3\0", 16)))
        std::abort();
    const auto verdict = StoreFile::checkBeforeOpen(path, facts);
    // With a journal beside it, SQLite may be able to restore the file: never refused here;
    // without one, refused exactly when it is empty or not SQLite.
    if (bool(verdict) != (withJournal || (!bytes.isEmpty() && facts.sqliteMagic)))
        std::abort();
    for (const int code : {11 /* CORRUPT */, 26 /* NOTADB */, 10 /* IOERR */, 5 /* BUSY */}) {
        if (StoreFile::diagnose(path, code, QStringLiteral("fuzzed")).message().isEmpty())
            std::abort();
    }
    return 0;
}
