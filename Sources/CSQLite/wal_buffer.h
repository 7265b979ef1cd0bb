// A VFS over the system's default ("unix") that passes on the frames a connection appends
// to its write-ahead log in one write instead of two per frame (issue 10: SQLite writes
// each frame's 24-byte header and its page with separate pwrite64 calls, about 22 per
// SCIM create, 6% of the server's CPU), or one per 128 KiB (the most the unix VFS writes in
// one call). Only the WAL files it opens are wrapped; the
// database file, the shared memory and every other file are the unix VFS's own.
//
// A frame is buffered only as a header write followed by its page at the next offset,
// appended right after the frames already buffered. Everything else (the log's own header,
// a page or header rewritten in place, any read, size, truncation, sync or close) first
// passes the buffer on, so the file receives the same bytes in the same order as without
// the shim, only in fewer calls. The buffer is passed on, and its error returned, as soon
// as a commit frame (a header whose "database size after commit" field is not zero) is
// complete: in sqlite3WalFrames every frame of a transaction is written before the log is
// synced (FULL) and before the wal-index learns of any of them, so a reader, a checkpoint
// or a recovery never finds in the index (or after a sync) a frame the file does not hold,
// with synchronous=NORMAL too (no sync). Frames of a transaction that spills its cache
// before it commits stay buffered, invisible to others (the index header does not cover
// them) until the commit frame, and the connection's own read of them passes them on first.
#ifndef PERCOLATOR_WAL_BUFFER_H
#define PERCOLATOR_WAL_BUFFER_H

#include <sqlite3.h>
#include <string.h>

/// The name the buffering VFS is registered under.
#define PERCOLATOR_WAL_VFS_NAME "percolator-wal-buffer"

/// The most bytes of frames held before they are passed on anyway (bounds the memory).
#define PERCOLATOR_WAL_BUFFER_LIMIT (4 * 1024 * 1024)

/// The size of a WAL frame header (https://www.sqlite.org/fileformat.html#wal_file_format).
#define PERCOLATOR_WAL_FRAME_HEADER 24

typedef struct PercolatorWALFile {
    sqlite3_file base;            // pMethods: percolator_wal_methods once open
    sqlite3_file *real;           // the unix VFS's file, in the same allocation, after this struct
    unsigned char *buffer;        // frames not passed on yet
    sqlite3_int64 bufferOffset;   // the file offset of buffer[0]
    int bufferUsed;
    int bufferCapacity;
    sqlite3_int64 pageOffset;     // where the page of the last buffered header goes, or -1
    int pendingCommit;            // that header is a commit frame's
    int writes;                   // writes passed on to the real file (tests)
    int failingFlushes;           // flushes still to fail with SQLITE_IOERR_WRITE (tests)
} PercolatorWALFile;

/// The most bytes the unix VFS writes in one call (seekAndWriteFd keeps nBuf & 0x1ffff;
/// a longer write would come back short, as SQLITE_FULL).
#define PERCOLATOR_WAL_WRITE_LIMIT 0x1ffff

/// Passes the buffered frames on to the file: one write, or one per 128 KiB. When a write
/// fails (a full disk), what it did not pass on stays buffered, in order, and the next
/// flush tries again: a frame SQLite was told is written (a spilled page the wal-index
/// already lists for its own transaction) is never dropped. A commit whose frames cannot
/// all be written fails, as it would without the buffer, and its frames are dropped (see
/// percolator_wal_write).
static int percolator_wal_flush(PercolatorWALFile *file) {
    int used = file->bufferUsed;
    file->pageOffset = -1;
    file->pendingCommit = 0;
    for (int done = 0; done < used;) {
        int amount = used - done < PERCOLATOR_WAL_WRITE_LIMIT ? used - done : PERCOLATOR_WAL_WRITE_LIMIT;
        int rc;
        if (file->failingFlushes > 0) {
            file->failingFlushes--;
            rc = SQLITE_IOERR_WRITE;
        } else {
            file->writes++;
            rc = file->real->pMethods->xWrite(file->real, file->buffer + done, amount, file->bufferOffset + done);
        }
        if (rc != SQLITE_OK) {
            memmove(file->buffer, file->buffer + done, (size_t)(used - done));
            file->bufferOffset += done;
            file->bufferUsed = used - done;
            return rc;
        }
        done += amount;
    }
    file->bufferUsed = 0;
    return SQLITE_OK;
}

/// Appends `amount` bytes at the end of the buffer, growing it; SQLITE_NOMEM if it cannot.
static int percolator_wal_append(PercolatorWALFile *file, const void *bytes, int amount, sqlite3_int64 offset) {
    if (file->bufferUsed == 0) file->bufferOffset = offset;
    if (file->bufferUsed + amount > file->bufferCapacity) {
        int capacity = file->bufferCapacity == 0 ? 64 * 1024 : file->bufferCapacity;
        while (capacity < file->bufferUsed + amount) capacity *= 2;
        unsigned char *grown = sqlite3_realloc64(file->buffer, (sqlite3_uint64)capacity);
        if (grown == 0) return SQLITE_NOMEM;
        file->buffer = grown;
        file->bufferCapacity = capacity;
    }
    memcpy(file->buffer + file->bufferUsed, bytes, (size_t)amount);
    file->bufferUsed += amount;
    return SQLITE_OK;
}

static int percolator_wal_write(sqlite3_file *base, const void *bytes, int amount, sqlite3_int64 offset) {
    PercolatorWALFile *file = (PercolatorWALFile *)base;
    int rc;
    if (amount == PERCOLATOR_WAL_FRAME_HEADER && file->pageOffset < 0) {
        // A frame's header: its page follows at offset + 24. Buffered after the frames
        // it follows, else after passing them on.
        const unsigned char *header = bytes;
        if (file->bufferUsed > 0 && offset != file->bufferOffset + file->bufferUsed) {
            rc = percolator_wal_flush(file);
            if (rc != SQLITE_OK) return rc;
        }
        rc = percolator_wal_append(file, bytes, amount, offset);
        if (rc != SQLITE_OK) return rc;
        file->pageOffset = offset + PERCOLATOR_WAL_FRAME_HEADER;
        file->pendingCommit = (header[4] | header[5] | header[6] | header[7]) != 0;
        return SQLITE_OK;
    }
    if (file->pageOffset >= 0 && offset == file->pageOffset) {
        // The page of the header just buffered.
        int isCommit = file->pendingCommit;
        rc = percolator_wal_append(file, bytes, amount, offset);
        if (rc != SQLITE_OK) return rc;
        file->pageOffset = -1;
        file->pendingCommit = 0;
        if (isCommit) {
            // A commit that cannot write its frames fails, and SQLite rolls its transaction
            // back (sqlite3VdbeHalt: a commit's I/O error ends in sqlite3RollbackAll), which
            // rewinds the log's end to where the transaction began: no one ever reads these
            // frames. Dropped, so that no later flush puts a failed commit's frames, its commit
            // frame among them, into the log where a recovery would find them.
            rc = percolator_wal_flush(file);
            if (rc != SQLITE_OK) file->bufferUsed = 0;
            return rc;
        }
        return file->bufferUsed >= PERCOLATOR_WAL_BUFFER_LIMIT ? percolator_wal_flush(file) : SQLITE_OK;
    }
    // Anything else: what is buffered first, then this write as it is.
    rc = percolator_wal_flush(file);
    if (rc != SQLITE_OK) return rc;
    file->writes++;
    return file->real->pMethods->xWrite(file->real, bytes, amount, offset);
}

static int percolator_wal_read(sqlite3_file *base, void *bytes, int amount, sqlite3_int64 offset) {
    PercolatorWALFile *file = (PercolatorWALFile *)base;
    int rc = percolator_wal_flush(file);
    if (rc != SQLITE_OK) return rc;
    return file->real->pMethods->xRead(file->real, bytes, amount, offset);
}

static int percolator_wal_close(sqlite3_file *base) {
    PercolatorWALFile *file = (PercolatorWALFile *)base;
    // Whatever is still buffered (a spill an earlier flush failed to write) is tried once
    // more; it holds no commit frame (a failed commit's frames are dropped), so it is inert.
    int flushed = percolator_wal_flush(file);
    int rc = file->real->pMethods->xClose(file->real);
    sqlite3_free(file->buffer);
    file->buffer = 0;
    file->bufferCapacity = 0;
    return flushed != SQLITE_OK ? flushed : rc;
}

static int percolator_wal_truncate(sqlite3_file *base, sqlite3_int64 size) {
    PercolatorWALFile *file = (PercolatorWALFile *)base;
    int rc = percolator_wal_flush(file);
    if (rc != SQLITE_OK) return rc;
    return file->real->pMethods->xTruncate(file->real, size);
}

static int percolator_wal_sync(sqlite3_file *base, int flags) {
    PercolatorWALFile *file = (PercolatorWALFile *)base;
    int rc = percolator_wal_flush(file);
    if (rc != SQLITE_OK) return rc;
    return file->real->pMethods->xSync(file->real, flags);
}

static int percolator_wal_file_size(sqlite3_file *base, sqlite3_int64 *size) {
    PercolatorWALFile *file = (PercolatorWALFile *)base;
    int rc = percolator_wal_flush(file);
    if (rc != SQLITE_OK) return rc;
    return file->real->pMethods->xFileSize(file->real, size);
}

static int percolator_wal_lock(sqlite3_file *base, int level) {
    sqlite3_file *real = ((PercolatorWALFile *)base)->real;
    return real->pMethods->xLock(real, level);
}

static int percolator_wal_unlock(sqlite3_file *base, int level) {
    sqlite3_file *real = ((PercolatorWALFile *)base)->real;
    return real->pMethods->xUnlock(real, level);
}

static int percolator_wal_check_reserved_lock(sqlite3_file *base, int *result) {
    sqlite3_file *real = ((PercolatorWALFile *)base)->real;
    return real->pMethods->xCheckReservedLock(real, result);
}

static int percolator_wal_file_control(sqlite3_file *base, int op, void *argument) {
    PercolatorWALFile *file = (PercolatorWALFile *)base;
    if (op == SQLITE_FCNTL_SYNC || op == SQLITE_FCNTL_COMMIT_PHASETWO) {
        int rc = percolator_wal_flush(file);
        if (rc != SQLITE_OK) return rc;
    }
    return file->real->pMethods->xFileControl(file->real, op, argument);
}

static int percolator_wal_sector_size(sqlite3_file *base) {
    sqlite3_file *real = ((PercolatorWALFile *)base)->real;
    return real->pMethods->xSectorSize(real);
}

static int percolator_wal_device_characteristics(sqlite3_file *base) {
    sqlite3_file *real = ((PercolatorWALFile *)base)->real;
    return real->pMethods->xDeviceCharacteristics(real);
}

// A WAL file has no shared memory and no memory map of its own (those are the database
// file's); these are never called on it, and say so.
static int percolator_wal_shm_map(sqlite3_file *base, int region, int size, int extend, void volatile **pointer) {
    return SQLITE_IOERR_SHMMAP;
}
static int percolator_wal_shm_lock(sqlite3_file *base, int offset, int count, int flags) { return SQLITE_IOERR_SHMLOCK; }
static void percolator_wal_shm_barrier(sqlite3_file *base) {}
static int percolator_wal_shm_unmap(sqlite3_file *base, int delete) { return SQLITE_OK; }
static int percolator_wal_fetch(sqlite3_file *base, sqlite3_int64 offset, int amount, void **pointer) {
    *pointer = 0;
    return SQLITE_OK;
}
static int percolator_wal_unfetch(sqlite3_file *base, sqlite3_int64 offset, void *pointer) { return SQLITE_OK; }

static const sqlite3_io_methods percolator_wal_methods = {
    3,
    percolator_wal_close, percolator_wal_read, percolator_wal_write, percolator_wal_truncate, percolator_wal_sync,
    percolator_wal_file_size, percolator_wal_lock, percolator_wal_unlock, percolator_wal_check_reserved_lock,
    percolator_wal_file_control, percolator_wal_sector_size, percolator_wal_device_characteristics,
    percolator_wal_shm_map, percolator_wal_shm_lock, percolator_wal_shm_barrier, percolator_wal_shm_unmap,
    percolator_wal_fetch, percolator_wal_unfetch,
};

/// The real file's place in a PercolatorWALFile's allocation (8-byte aligned).
static inline sqlite3_file *percolator_wal_real(PercolatorWALFile *file) {
    return (sqlite3_file *)((char *)file + ((sizeof(PercolatorWALFile) + 7) & ~(size_t)7));
}

static int percolator_wal_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *base, int flags, int *outFlags) {
    sqlite3_vfs *base_vfs = vfs->pAppData;
    if ((flags & SQLITE_OPEN_WAL) == 0) {
        // Not a log: the unix VFS's file, in place (our szOsFile is larger than its).
        return base_vfs->xOpen(base_vfs, name, base, flags, outFlags);
    }
    PercolatorWALFile *file = (PercolatorWALFile *)base;
    memset(file, 0, sizeof(PercolatorWALFile));
    file->real = percolator_wal_real(file);
    file->pageOffset = -1;
    int rc = base_vfs->xOpen(base_vfs, name, file->real, flags, outFlags);
    file->base.pMethods = file->real->pMethods != 0 ? &percolator_wal_methods : 0;
    return rc;
}

static int percolator_wal_delete(sqlite3_vfs *vfs, const char *name, int syncDirectory) {
    sqlite3_vfs *base_vfs = vfs->pAppData;
    return base_vfs->xDelete(base_vfs, name, syncDirectory);
}
static int percolator_wal_access(sqlite3_vfs *vfs, const char *name, int flags, int *result) {
    sqlite3_vfs *base_vfs = vfs->pAppData;
    return base_vfs->xAccess(base_vfs, name, flags, result);
}
static int percolator_wal_full_pathname(sqlite3_vfs *vfs, const char *name, int size, char *output) {
    sqlite3_vfs *base_vfs = vfs->pAppData;
    return base_vfs->xFullPathname(base_vfs, name, size, output);
}
static void *percolator_wal_dl_open(sqlite3_vfs *vfs, const char *name) {
    sqlite3_vfs *base_vfs = vfs->pAppData;
    return base_vfs->xDlOpen(base_vfs, name);
}
static void percolator_wal_dl_error(sqlite3_vfs *vfs, int size, char *message) {
    sqlite3_vfs *base_vfs = vfs->pAppData;
    base_vfs->xDlError(base_vfs, size, message);
}
static void (*percolator_wal_dl_sym(sqlite3_vfs *vfs, void *handle, const char *symbol))(void) {
    sqlite3_vfs *base_vfs = vfs->pAppData;
    return base_vfs->xDlSym(base_vfs, handle, symbol);
}
static void percolator_wal_dl_close(sqlite3_vfs *vfs, void *handle) {
    sqlite3_vfs *base_vfs = vfs->pAppData;
    base_vfs->xDlClose(base_vfs, handle);
}
static int percolator_wal_randomness(sqlite3_vfs *vfs, int size, char *output) {
    sqlite3_vfs *base_vfs = vfs->pAppData;
    return base_vfs->xRandomness(base_vfs, size, output);
}
static int percolator_wal_sleep(sqlite3_vfs *vfs, int microseconds) {
    sqlite3_vfs *base_vfs = vfs->pAppData;
    return base_vfs->xSleep(base_vfs, microseconds);
}
static int percolator_wal_current_time(sqlite3_vfs *vfs, double *time) {
    sqlite3_vfs *base_vfs = vfs->pAppData;
    return base_vfs->xCurrentTime(base_vfs, time);
}
static int percolator_wal_last_error(sqlite3_vfs *vfs, int size, char *message) {
    sqlite3_vfs *base_vfs = vfs->pAppData;
    return base_vfs->xGetLastError(base_vfs, size, message);
}
static int percolator_wal_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *time) {
    sqlite3_vfs *base_vfs = vfs->pAppData;
    return base_vfs->xCurrentTimeInt64(base_vfs, time);
}

/// Registers the buffering VFS (not as the default) over the default VFS; call once, after
/// any sqlite3_config. Returns an SQLite result code (SQLITE_OK if it already was).
static inline int percolator_sqlite_register_wal_buffer(void) {
    if (sqlite3_vfs_find(PERCOLATOR_WAL_VFS_NAME) != 0) return SQLITE_OK;
    sqlite3_vfs *base_vfs = sqlite3_vfs_find(0);
    if (base_vfs == 0 || base_vfs->iVersion < 2) return SQLITE_ERROR;
    int walFile = (int)((sizeof(PercolatorWALFile) + 7) & ~(size_t)7) + base_vfs->szOsFile;
    sqlite3_vfs vfs = {
        2, walFile > base_vfs->szOsFile ? walFile : base_vfs->szOsFile, base_vfs->mxPathname, 0, PERCOLATOR_WAL_VFS_NAME, base_vfs,
        percolator_wal_open, percolator_wal_delete, percolator_wal_access, percolator_wal_full_pathname,
        percolator_wal_dl_open, percolator_wal_dl_error, percolator_wal_dl_sym, percolator_wal_dl_close,
        percolator_wal_randomness, percolator_wal_sleep, percolator_wal_current_time, percolator_wal_last_error,
        percolator_wal_current_time_int64, 0, 0, 0,
    };
    // Kept for the life of the process, as a registered VFS must be.
    sqlite3_vfs *registered = sqlite3_malloc(sizeof(sqlite3_vfs));
    if (registered == 0) return SQLITE_NOMEM;
    *registered = vfs;
    return sqlite3_vfs_register(registered, 0);
}

/// The writes a WAL file opened by the buffering VFS passed on to the real file so far, or
/// -1 for another file (tests count them). `file` is SQLITE_FCNTL_FILE_POINTER's answer
/// for the log (SQLITE_FCNTL_JOURNAL_POINTER).
static inline int percolator_wal_writes(sqlite3_file *file) {
    if (file == 0 || file->pMethods != &percolator_wal_methods) return -1;
    return ((PercolatorWALFile *)file)->writes;
}

/// Tests only: the next `count` writes of buffered frames to this log fail with
/// SQLITE_IOERR_WRITE without reaching the file (a full disk, on demand). Returns 0, or -1
/// for a file that is not a log of the buffering VFS.
static inline int percolator_wal_fail_flushes(sqlite3_file *file, int count) {
    if (file == 0 || file->pMethods != &percolator_wal_methods) return -1;
    ((PercolatorWALFile *)file)->failingFlushes = count;
    return 0;
}

#endif
