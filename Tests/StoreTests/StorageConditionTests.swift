import SCIM
import Testing
@testable import Store

@Suite("StorageCondition and WriteHealth: a full or unwritable store is told apart and noticed")
struct StorageConditionTests {
    @Test("codes classify as full, unavailable or neither", arguments: [
        (ResultCode.full, StorageCondition?.some(.full)),
        (.readOnly, .unavailable),
        (.readOnlyDatabaseMoved, .unavailable),
        (.cantOpen, .unavailable),
        (.ioError, .unavailable),
        (ResultCode(rawValue: ResultCode.ioError.rawValue | (10 << 8)), .unavailable), // SQLITE_IOERR_FSYNC
        (.perm, .unavailable),
        (.busy, nil),
        (.constraintUnique, nil),
        (.error, nil),
        (.corrupt, nil),
    ])
    func classifies(code: ResultCode, expected: StorageCondition?) {
        #expect(StorageCondition(StoreError(code: code, message: "m")) == expected)
    }

    @Test("a write refused for lack of room (SQLITE_FULL) is noticed; checkWritable fails until room is back, then clears it")
    func fullDisk() async throws {
        try await withResourceStore { store, a, _ in
            let database = store.database
            #expect(StorageCondition(ResourceStoreError.notFound) == nil)
            try await database.checkWritable()
            _ = try await store.create(userJSON("before"), kind: .user, tenant: a)
            // SQLite's page limit stands in for a full disk: beyond it, writes fail with SQLITE_FULL.
            try await database.write { db in
                let pages = try db.pragma("page_count") ?? "0"
                try db.pragma("max_page_count", set: pages)
            }
            let error = await #expect(throws: StoreError.self) {
                try await store.create(userJSON("big", title: String(repeating: "x", count: 30_000)), kind: .user, tenant: a)
            }
            #expect(error.map { ResultCode.full ~= $0.code } == true, "\(String(describing: error))")
            #expect(database.writeHealth.condition == .full)
            await #expect(throws: StoreError.self) { try await database.checkWritable() }
            #expect(database.writeHealth.condition == .full)
            _ = try await database.write { db in try db.pragma("max_page_count", set: "1073741823") }
            try await database.checkWritable()
            #expect(database.writeHealth.condition == nil)
            let count = try await database.read { db in try db.queryOne("SELECT count(*) FROM storage_probe") { $0.int(0) } }
            #expect(count == 0)
        }
    }

    @Test("a small write that commits does not clear a full disk; the probe's write does; other conditions clear on any commit")
    func fullStaysUntilProbe() {
        let health = WriteHealth()
        health.record(StoreError(code: .full, message: "full"))
        health.recordSuccess()
        #expect(health.condition == .full, "a row that fit in a free page proves no room")
        health.recordRoomAgain()
        #expect(health.condition == nil)
        health.record(StoreError(code: .ioError, message: "io"))
        health.recordSuccess()
        #expect(health.condition == nil)
    }
}
