// A page cache over SQLite's own (pcache1) that passes every call on, except a truncation
// it can tell has nothing to drop (issue 10).
//
// Why: at the end of every write transaction the pager truncates its cache to the
// database's size (pager_end_transaction, sqlite3PcacheTruncate). pcache1 decides whether
// any page lies past that size from the largest key it ever held since its last
// truncation (iMaxKey), and when there may be, walks its whole hash table. But
// balance_nonroot, splitting a B-tree page, swaps page numbers through a parking number
// past any real page (PENDING_BYTE's page + 1, 262,145 with 4 KiB pages), and the key
// stays the largest ever held although no page keeps it: the commit of every transaction
// that split a page then walks the cache, 8,192 buckets and 7,900 pages for the writer's
// 32 MiB cache. perf of the Entra PATCH load put 4.9% of the server's CPU there, on the
// single writer (measured with a uprobe on the truncation: limit 37,412, largest key
// 262,145, hash of 8,192 for 7,927 pages).
//
// What this cache adds: per cache, an upper bound of the keys it holds, kept as pcache1
// keeps its own (raised by each fetch) except that a key a rekey parks a page at is kept
// apart and forgotten when a rekey moves the page away again. A truncation is passed on
// whenever a page at or past its limit may exist (the bound, or a parked key, reaches
// it); it is skipped only when none can. Every approximation errs toward passing it on: a
// parked page discarded or recycled by pcache1 stays counted; past 8 parked keys the
// bound itself is raised.
#ifndef PERCOLATOR_PAGE_CACHE_H
#define PERCOLATOR_PAGE_CACHE_H

#include <sqlite3.h>

/// How many parked keys a cache tracks apart before it raises its bound instead.
#define PERCOLATOR_PAGE_CACHE_PARKED 8

typedef struct PercolatorPageCache {
    sqlite3_pcache *inner;                                // pcache1's cache
    unsigned int bound;                                   // no fetched key above it since the last truncation passed on
    unsigned int parked[PERCOLATOR_PAGE_CACHE_PARKED];    // keys above the bound a rekey moved a page to
    int parkedCount;
    long passes;                                          // truncations passed on to pcache1
} PercolatorPageCache;

/// The process's state of this page cache. It lives in a function's static (not a static
/// of the header, which the Swift importer declares but does not define), and a static
/// inline function has one copy per object file that uses it (one per Swift file in a debug
/// build): only Store's Connection.swift calls the functions below that reach it, and
/// everything else, tests included, goes through Connection.
typedef struct PercolatorPageCacheState {
    sqlite3_pcache_methods2 inner;    // SQLite's own methods, read before ours are installed
    long skipped;                     // truncations skipped since the process started
} PercolatorPageCacheState;

static inline PercolatorPageCacheState *percolator_page_cache_state(void) {
    static PercolatorPageCacheState state;
    return &state;
}

#define percolator_page_cache_inner (percolator_page_cache_state()->inner)

static int percolator_page_cache_init(void *argument) {
    return percolator_page_cache_inner.xInit ? percolator_page_cache_inner.xInit(percolator_page_cache_inner.pArg) : SQLITE_OK;
}

static void percolator_page_cache_shutdown(void *argument) {
    if (percolator_page_cache_inner.xShutdown) percolator_page_cache_inner.xShutdown(percolator_page_cache_inner.pArg);
}

static sqlite3_pcache *percolator_page_cache_create(int pageSize, int extraSize, int purgeable) {
    sqlite3_pcache *inner = percolator_page_cache_inner.xCreate(pageSize, extraSize, purgeable);
    if (inner == 0) return 0;
    PercolatorPageCache *cache = sqlite3_malloc(sizeof(PercolatorPageCache));
    if (cache == 0) {
        percolator_page_cache_inner.xDestroy(inner);
        return 0;
    }
    cache->inner = inner;
    cache->bound = 0;
    cache->parkedCount = 0;
    cache->passes = 0;
    return (sqlite3_pcache *)cache;
}

static void percolator_page_cache_cachesize(sqlite3_pcache *base, int pages) {
    percolator_page_cache_inner.xCachesize(((PercolatorPageCache *)base)->inner, pages);
}

static int percolator_page_cache_pagecount(sqlite3_pcache *base) {
    return percolator_page_cache_inner.xPagecount(((PercolatorPageCache *)base)->inner);
}

static sqlite3_pcache_page *percolator_page_cache_fetch(sqlite3_pcache *base, unsigned int key, int create) {
    PercolatorPageCache *cache = (PercolatorPageCache *)base;
    sqlite3_pcache_page *page = percolator_page_cache_inner.xFetch(cache->inner, key, create);
    if (page != 0 && key > cache->bound) cache->bound = key;
    return page;
}

static void percolator_page_cache_unpin(sqlite3_pcache *base, sqlite3_pcache_page *page, int discard) {
    percolator_page_cache_inner.xUnpin(((PercolatorPageCache *)base)->inner, page, discard);
}

static void percolator_page_cache_rekey(sqlite3_pcache *base, sqlite3_pcache_page *page, unsigned int oldKey, unsigned int newKey) {
    PercolatorPageCache *cache = (PercolatorPageCache *)base;
    percolator_page_cache_inner.xRekey(cache->inner, page, oldKey, newKey);
    // Keys are unique in a cache: the page that held oldKey no longer does.
    for (int index = 0; index < cache->parkedCount; index++) {
        if (cache->parked[index] == oldKey) {
            cache->parked[index] = cache->parked[--cache->parkedCount];
            break;
        }
    }
    if (newKey <= cache->bound) return;
    if (cache->parkedCount < PERCOLATOR_PAGE_CACHE_PARKED) {
        cache->parked[cache->parkedCount++] = newKey;
    } else {
        cache->bound = newKey;
    }
}

static void percolator_page_cache_truncate(sqlite3_pcache *base, unsigned int limit) {
    PercolatorPageCache *cache = (PercolatorPageCache *)base;
    int reaches = cache->bound >= limit;
    for (int index = 0; index < cache->parkedCount && !reaches; index++) {
        if (cache->parked[index] >= limit) reaches = 1;
    }
    if (!reaches) {
        __atomic_fetch_add(&percolator_page_cache_state()->skipped, 1, __ATOMIC_RELAXED);
        return;
    }
    cache->passes++;
    percolator_page_cache_inner.xTruncate(cache->inner, limit);
    // Every page at or past the limit is gone; parked keys below it are under the bound.
    if (cache->bound >= limit) cache->bound = limit > 0 ? limit - 1 : 0;
    int kept = 0;
    for (int index = 0; index < cache->parkedCount; index++) {
        if (cache->parked[index] < limit && cache->parked[index] > cache->bound) cache->parked[kept++] = cache->parked[index];
    }
    cache->parkedCount = kept;
}

static void percolator_page_cache_destroy(sqlite3_pcache *base) {
    PercolatorPageCache *cache = (PercolatorPageCache *)base;
    percolator_page_cache_inner.xDestroy(cache->inner);
    sqlite3_free(cache);
}

static void percolator_page_cache_shrink(sqlite3_pcache *base) {
    if (percolator_page_cache_inner.xShrink) percolator_page_cache_inner.xShrink(((PercolatorPageCache *)base)->inner);
}

/// The methods of this page cache (tests drive them directly).
static const sqlite3_pcache_methods2 percolator_page_cache_methods = {
    1, 0,
    percolator_page_cache_init, percolator_page_cache_shutdown, percolator_page_cache_create,
    percolator_page_cache_cachesize, percolator_page_cache_pagecount, percolator_page_cache_fetch,
    percolator_page_cache_unpin, percolator_page_cache_rekey, percolator_page_cache_truncate,
    percolator_page_cache_destroy, percolator_page_cache_shrink,
};

/// Installs this page cache over SQLite's own. Only valid before sqlite3 initializes (the
/// first sqlite3_open_v2), like every sqlite3_config: afterwards it returns SQLITE_MISUSE
/// and changes nothing. Returns an SQLite result code.
static inline int percolator_sqlite_install_page_cache(void) {
    if (percolator_page_cache_inner.xCreate != 0) return SQLITE_OK;
    sqlite3_pcache_methods2 inner;
    int code = sqlite3_config(SQLITE_CONFIG_GETPCACHE2, &inner);
    if (code != SQLITE_OK) return code;
    if (inner.xCreate == 0 || inner.xFetch == 0 || inner.xTruncate == 0) return SQLITE_ERROR;
    percolator_page_cache_inner = inner;
    code = sqlite3_config(SQLITE_CONFIG_PCACHE2, &percolator_page_cache_methods);
    if (code != SQLITE_OK) percolator_page_cache_inner.xCreate = 0;
    return code;
}

/// Tests: the page cache methods SQLite uses (ours once installed).
static inline const sqlite3_pcache_methods2 *percolator_page_cache_installed(void) {
    return percolator_page_cache_inner.xCreate != 0 ? &percolator_page_cache_methods : 0;
}

/// Tests: the truncations one cache (made by these methods) passed on to SQLite's.
static inline long percolator_page_cache_passes(sqlite3_pcache *base) {
    return ((PercolatorPageCache *)base)->passes;
}

/// Truncations skipped (nothing to drop) so far, by every cache of the process.
static inline long percolator_page_cache_truncations_skipped(void) {
    return __atomic_load_n(&percolator_page_cache_state()->skipped, __ATOMIC_RELAXED);
}

#endif
