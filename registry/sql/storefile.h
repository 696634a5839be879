#pragma once

#include "registry/error.h"

#include <QString>

namespace ModelDesk::StoreFile {

// What can be read about a store file without SQLite: its size, its 100-byte header and the
// journal files beside it. Used before SQLite opens a file (only to refuse files SQLite must
// never touch) and after SQLite has refused one (to say what is known about it).
struct Facts
{
    QString readError; // why the file cannot be read; empty when it can
    qint64 size = 0;
    bool sqliteMagic = false; // starts with "SQLite format 3\0"
    bool headerComplete = false; // at least 100 bytes
    qint64 headerBytes = -1; // page count × page size when the header's count is valid
    bool journal = false; // a non-empty PATH-journal: a write was cut off, or is running
    bool wal = false; // a non-empty PATH-wal
};

Facts read(const QString &path);

// Refuses, before SQLite sees it, a file that is empty or not SQLite at all, when no journal
// beside it could restore it. Everything else is left to SQLite: it rolls back a hot journal
// on open, and a header that looks short may belong to a file another process is growing.
Result<Done> checkBeforeOpen(const QString &path, const Facts &facts);

// When the file is opened read-only and a journal lies beside it, SQLite cannot roll it back
// (a read-only connection never writes). Lets a short read-write connection recover it first
// when the file and its folder are writable.
Result<Done> recoverForReadOnly(const QString &path, bool writable);

// The error for a store SQLite refused with `sqliteCode` (extended result code) and `text`.
RegistryError diagnose(const QString &path, int sqliteCode, const QString &text);

} // namespace ModelDesk::StoreFile
