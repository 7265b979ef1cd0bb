extension StoreSchema {
    /// 0011: `storage_probe`, written by ``SQLiteDatabase/checkWritable()`` only after a
    /// write failed on a storage condition, to tell when writes can succeed again: it
    /// inserts 64 KiB and deletes it in one transaction, so the commit must find room for
    /// new pages (a rewrite of existing pages would succeed on a full disk). Always empty.
    static let storageProbe = Migration("0011_storage_probe", sql: """
        CREATE TABLE storage_probe (id INTEGER PRIMARY KEY, filler BLOB NOT NULL) STRICT;
        """)
}
