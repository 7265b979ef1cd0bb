/*
 * The storage floor of a SCIM create: what SQLite alone spends writing the rows that
 * creates wrote, with none of the server around it (no HTTP, no JSON, no Swift).
 *
 * Reads the rows a run of `POST /Users` added to a database (AFTER: every row past the
 * last one in BEFORE, in scim_resources, scim_emails, members, outbox and
 * provisioning_log), then inserts them again into a copy of BEFORE through prepared
 * statements, BATCH creates per transaction, in the server's order and with its pragmas
 * (WAL, foreign keys on); the insert trigger of scim_resources and every index run as
 * they did in the server. Each create also offers its member's category values to the
 * catalog as the server does (one INSERT OR IGNORE of them all, after a look for the
 * tenant's catalog), and runs the two other reads the server's writer makes for one (the
 * tenant's settings, its programs).
 *
 * MODE "server": synchronous=FULL and SQLite's automatic checkpoints, all on this one
 * thread (the server runs the WAL's fsync and its checkpoints on other threads: their CPU
 * counts in the server's total, not on its writer). MODE "inserts": synchronous=OFF, and a
 * passive checkpoint after each commit that leaves 1,000 frames or more in the WAL (SQLite's
 * automatic threshold: a WAL that grows without end makes every page lookup slower), whose
 * CPU is measured apart and left out: the single writer's own work, whose inverse bounds the
 * creates per second one SQLite writer can commit, and the checkpoints' beside it.
 *
 * TABLES is a bit mask over the five tables in the order above, then the catalog's
 * values (63: all), to price them.
 * Prints one line: CPU (user + system, getrusage) and wall time per create.
 *
 * Usage: storage_floor COPY_OF_BEFORE AFTER BATCH MODE [TABLES]
 * Build: cc -O2 -o storage_floor storage_floor.c -lsqlite3 (scripts/bench-storage-floor.sh)
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

enum { TABLE_COUNT = 5, OUTBOX = 3, CATALOG = 5, MAXIMUM_VALUES = 8 };
static const char *tables[TABLE_COUNT] = {"scim_resources", "scim_emails", "members", "outbox", "provisioning_log"};

typedef struct {
    int count, columns;
    sqlite3_value ***rows;
    sqlite3_stmt *insert;
} Rows;

static void fail(sqlite3 *db, const char *what) {
    fprintf(stderr, "storage_floor: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
}

static double cpu_seconds(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static double wall_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec + now.tv_nsec / 1e9;
}

static void exec(sqlite3 *db, const char *sql) {
    if (sqlite3_exec(db, sql, 0, 0, 0) != SQLITE_OK) fail(db, sql);
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql) {
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, 0) != SQLITE_OK) fail(db, sql);
    return statement;
}

/* The rows of `table` in AFTER past BEFORE's last one, copied out of SQLite's pages. */
static Rows load(sqlite3 *db, const char *table) {
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT * FROM added.%s WHERE rowid > (SELECT coalesce(max(rowid), 0) FROM main.%s) ORDER BY rowid",
             table, table);
    sqlite3_stmt *select = prepare(db, sql);
    Rows rows = {0, sqlite3_column_count(select), 0, 0};
    int capacity = 1024;
    rows.rows = malloc(sizeof(sqlite3_value **) * capacity);
    while (sqlite3_step(select) == SQLITE_ROW) {
        if (rows.count == capacity) rows.rows = realloc(rows.rows, sizeof(sqlite3_value **) * (capacity *= 2));
        sqlite3_value **row = malloc(sizeof(sqlite3_value *) * rows.columns);
        for (int column = 0; column < rows.columns; column++) row[column] = sqlite3_value_dup(sqlite3_column_value(select, column));
        rows.rows[rows.count++] = row;
    }
    sqlite3_finalize(select);
    char placeholders[256] = "";
    for (int column = 0; column < rows.columns; column++) strcat(placeholders, column ? ",?" : "?");
    snprintf(sql, sizeof sql, "INSERT INTO main.%s VALUES (%s)", table, placeholders);
    rows.insert = prepare(db, sql);
    return rows;
}

static void insert(sqlite3 *db, Rows *rows, int index, const char *table) {
    if (index >= rows->count) return;
    for (int column = 0; column < rows->columns; column++) sqlite3_bind_value(rows->insert, column + 1, rows->rows[index][column]);
    if (sqlite3_step(rows->insert) != SQLITE_DONE) fail(db, table);
    sqlite3_reset(rows->insert);
}

/* Each new member's category values (tenant, key, folded, value), as the catalog's
 * absorb statement binds them: up to MAXIMUM_VALUES a create, as the server's. */
typedef struct {
    int count;
    sqlite3_value *values[MAXIMUM_VALUES][4];
} MemberValues;

static MemberValues *load_values(sqlite3 *db, int members) {
    MemberValues *all = calloc(members, sizeof(MemberValues));
    sqlite3_stmt *select = prepare(db,
        "SELECT m.rowid, m.tenant_id, j.key, lower(v.value), v.value FROM added.members m, json_each(m.categories) j, json_each(j.value) v "
        "WHERE m.rowid > (SELECT coalesce(max(rowid), 0) FROM main.members) ORDER BY m.rowid");
    sqlite3_int64 previous = -1;
    int member = -1;
    while (sqlite3_step(select) == SQLITE_ROW) {
        sqlite3_int64 rowid = sqlite3_column_int64(select, 0);
        if (rowid != previous) { member++; previous = rowid; }
        if (member >= members || all[member].count == MAXIMUM_VALUES) continue;
        for (int column = 0; column < 4; column++)
            all[member].values[all[member].count][column] = sqlite3_value_dup(sqlite3_column_value(select, column + 1));
        all[member].count++;
    }
    sqlite3_finalize(select);
    return all;
}

/* The server's absorb statement for `count` values (SQLiteCategoryRepository.absorbRows). */
static sqlite3_stmt *absorb_statement(sqlite3 *db, int count) {
    char sql[2048] = "INSERT OR IGNORE INTO category_values (tenant_id, key, folded, value) "
                     "SELECT v.column1, v.column2, v.column3, v.column4 FROM (VALUES ";
    for (int n = 0; n < count; n++) strcat(sql, n ? ", (?, ?, ?, ?)" : "(?, ?, ?, ?)");
    strcat(sql, ") AS v WHERE EXISTS (SELECT 1 FROM categories c WHERE c.tenant_id = v.column1 AND c.key = v.column2 AND c.type <> 'text')");
    return prepare(db, sql);
}

/* Frames in the WAL after the latest commit (sqlite3_wal_hook). */
static int walFrames = 0;
static int remember_frames(void *context, sqlite3 *db, const char *name, int frames) {
    (void)context; (void)db; (void)name;
    walFrames = frames;
    return SQLITE_OK;
}

static void drain(sqlite3_stmt *statement) {
    while (sqlite3_step(statement) == SQLITE_ROW) {}
    sqlite3_reset(statement);
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: storage_floor COPY_OF_BEFORE AFTER BATCH server|inserts [TABLES]\n");
        return 2;
    }
    int batch = atoi(argv[3]), mask = argc > 5 ? atoi(argv[5]) : 63;
    int server = strcmp(argv[4], "server") == 0;
    sqlite3 *db;
    if (sqlite3_open(argv[1], &db) != SQLITE_OK) fail(db, "open");
    exec(db, "PRAGMA journal_mode = WAL");
    exec(db, "PRAGMA foreign_keys = ON");
    exec(db, "PRAGMA cache_size = -65536");
    exec(db, server ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = OFF");
    if (!server) {
        exec(db, "PRAGMA wal_autocheckpoint = 0");
        sqlite3_wal_hook(db, remember_frames, 0);
    }
    char sql[4096];
    snprintf(sql, sizeof sql, "ATTACH '%s' AS added", argv[2]);
    exec(db, sql);
    Rows rows[TABLE_COUNT];
    for (int table = 0; table < TABLE_COUNT; table++) rows[table] = load(db, tables[table]);
    MemberValues *values = load_values(db, rows[2].count);
    exec(db, "DETACH added");
    sqlite3_stmt *absorb[MAXIMUM_VALUES + 1] = {0};
    for (int count = 1; count <= MAXIMUM_VALUES; count++) absorb[count] = absorb_statement(db, count);
    sqlite3_stmt *catalog = prepare(db, "SELECT 1 FROM category_catalogs WHERE tenant_id = (SELECT tenant_id FROM main.scim_resources ORDER BY seq DESC LIMIT 1)");
    sqlite3_stmt *settings = prepare(db, "SELECT * FROM tenant_settings WHERE tenant_id = (SELECT tenant_id FROM main.scim_resources ORDER BY seq DESC LIMIT 1)");
    sqlite3_stmt *programs = prepare(db, "SELECT * FROM programs WHERE tenant_id = (SELECT tenant_id FROM main.scim_resources ORDER BY seq DESC LIMIT 1)");
    int creates = rows[0].count, outboxRow = 0;
    if (creates == 0) { fprintf(stderr, "storage_floor: AFTER has no new scim_resources row\n"); return 1; }
    int eventsPerCreate = (rows[OUTBOX].count + creates - 1) / creates;

    double cpu = cpu_seconds(), wall = wall_seconds(), checkpointCPU = 0;
    int checkpoints = 0;
    for (int first = 0; first < creates; first += batch) {
        exec(db, "BEGIN IMMEDIATE");
        for (int create = first; create < first + batch && create < creates; create++) {
            drain(settings);
            drain(programs);
            for (int table = 0; table < TABLE_COUNT; table++) {
                int inserts = table == OUTBOX ? eventsPerCreate : 1;
                for (int n = 0; n < inserts; n++) {
                    int index = table == OUTBOX ? outboxRow++ : create;
                    if (mask & (1 << table)) insert(db, &rows[table], index, tables[table]);
                }
            }
            if ((mask & (1 << CATALOG)) && create < rows[2].count && values[create].count > 0) {
                drain(catalog);
                sqlite3_stmt *statement = absorb[values[create].count];
                for (int value = 0; value < values[create].count; value++)
                    for (int column = 0; column < 4; column++)
                        sqlite3_bind_value(statement, value * 4 + column + 1, values[create].values[value][column]);
                if (sqlite3_step(statement) != SQLITE_DONE) fail(db, "category_values");
                sqlite3_reset(statement);
            }
        }
        exec(db, "COMMIT");
        if (!server && walFrames >= 1000) {
            double started = cpu_seconds();
            if (sqlite3_wal_checkpoint_v2(db, 0, SQLITE_CHECKPOINT_PASSIVE, 0, 0) != SQLITE_OK) fail(db, "checkpoint");
            checkpointCPU += cpu_seconds() - started;
            checkpoints++;
            walFrames = 0;
        }
    }
    cpu = cpu_seconds() - cpu - checkpointCPU;
    wall = wall_seconds() - wall;
    printf("%s batch %d tables %d: %d creates (%d outbox rows each), CPU %.3f ms per create, wall %.3f ms per create",
           argv[4], batch, mask, creates, eventsPerCreate, cpu / creates * 1000, wall / creates * 1000);
    if (!server) printf("; checkpoints apart: %d, CPU %.3f ms per create", checkpoints, checkpointCPU / creates * 1000);
    printf("\n");
    sqlite3_close(db);
    return 0;
}
