// What the Store module needs from sqlite3 that does not import into Swift as is:
// the variadic sqlite3_db_config and sqlite3_config, and the SQLITE_TRANSIENT macro (a cast of -1 to a
// function pointer, which Swift's importer drops).
#ifndef PERCOLATOR_CSQLITE_SHIM_H
#define PERCOLATOR_CSQLITE_SHIM_H

#include <sqlite3.h>
#include "wal_buffer.h"
#include "page_cache.h"

/// SQLITE_TRANSIENT: tells sqlite3_bind_* to copy the bytes before returning.
static const sqlite3_destructor_type percolator_sqlite_transient = SQLITE_TRANSIENT;

/// Turns off double-quoted string literals in DML (a quoted unknown identifier would
/// otherwise silently become a string). Returns an SQLite result code.
static inline int percolator_sqlite_disable_dqs_dml(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)0);
}

/// Turns off double-quoted string literals in DDL. Returns an SQLite result code.
static inline int percolator_sqlite_disable_dqs_ddl(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)0);
}

/// Turns off SQLite's memory statistics (SQLITE_CONFIG_MEMSTATUS). With them on, every
/// sqlite3 allocation and free takes a process-wide mutex to keep the counters of
/// sqlite3_memory_used and sqlite3_status, which the Store never reads. Only valid before
/// sqlite3 initializes (the first sqlite3_open_v2): afterwards it returns SQLITE_MISUSE
/// and changes nothing.
static inline int percolator_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

#endif
