import Foundation
import SCIM
import Store
import Synchronization
import Testing
import TestSupport
@testable import Percolator

@Suite("Storage conditions: 507 or 503 with Retry-After instead of 500; /readyz says not ready, within its deadline")
struct StorageConditionResponseTests {
    @Test("storage failures map to an actionable status that names no SQL, path or SQLite message", arguments: [
        (ResultCode.full, 507, false),
        (.readOnly, 503, true),
        (.readOnlyDatabaseMoved, 503, true),
        (.cantOpen, 503, true),
        (.ioError, 503, true),
        (.busy, 503, true),
    ])
    func mapping(code: ResultCode, status: Int, retryAfter: Bool) {
        let error = StoreError(code: code, message: "disk I/O error at /var/lib/percolator/db.sqlite", sql: "INSERT INTO scim_resources")
        let scim = StoreErrorMapping.scimError(for: error, kind: .user)
        #expect(scim.status == status)
        #expect(AdminErrors.scimError(for: error).status == status)
        let response = SCIMResponses.error(scim)
        #expect((response.headers["Retry-After"] != nil) == retryAfter)
        let body = String(decoding: response.body, as: UTF8.self)
        #expect(!body.contains("/var/lib") && !body.contains("INSERT") && !body.contains("I/O error"), "\(body)")
        #expect(StoreErrorMapping.scimError(for: StoreError(code: .corrupt, message: "x"), kind: .user).status == 500)
    }

    @Test("a full disk: writes answer 507 saying so, /readyz answers 503 until there is room again")
    func fullDiskEndToEnd() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let ready = try await client.get("/readyz")
            #expect(ready.status == 200 && ready.text.contains(#""storage":"ok""#), "\(ready.status) \(ready.text)")
            _ = try await live.store.database.write { db in try db.pragma("max_page_count", set: try db.pragma("page_count")) }
            let refused = try await client.post("/scim/v2/Users", [
                "schemas": [.string(SCIMSchemaURN.user)], "userName": "big@example.com",
                "title": .string(String(repeating: "x", count: 30_000)),
            ])
            #expect(refused.status == 507, "\(refused.text)")
            #expect(refused[attribute: "detail"]?.stringValue?.contains("storage is full") == true)
            let notReady = try await client.get("/readyz")
            #expect(notReady.status == 503 && notReady.text.contains(#""storage":"storage full""#), "\(notReady.status) \(notReady.text)")
            #expect(notReady.headers["retry-after"] != nil)
            _ = try await live.store.database.write { db in try db.pragma("max_page_count", set: "1073741823") }
            let readyAgain = try await client.get("/readyz")
            #expect(readyAgain.status == 200, "\(readyAgain.status) \(readyAgain.text)")
        }
    }

    @Test("a probe that hangs (a frozen file system) answers not ready at the deadline, and does not pile up",
          .timeLimit(.minutes(1)))
    func deadline() async throws {
        let hangs = Atomic<Bool>(true)
        let started = Atomic<Int>(0)
        // The probe blocks until released, as one on a frozen file system does: a check that
        // waited for it, or started a second one, would not answer before the release.
        let check = ReadinessCheck(deadline: .milliseconds(200)) {
            started.add(1, ordering: .relaxed)
            while hangs.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(await check.run() == .notReady("no answer"))
        #expect(await check.run() == .notReady("no answer"))
        #expect(started.load(ordering: .relaxed) == 1)
        hangs.store(false, ordering: .relaxed)
        // Once the blocked probe returns, the next check probes again and is ready.
        var outcome = await check.run()
        for _ in 0..<100 where outcome != .ready {
            try await Task.sleep(for: .milliseconds(50))
            outcome = await check.run()
        }
        #expect(outcome == .ready)
        #expect(started.load(ordering: .relaxed) >= 2)
        let failing = ReadinessCheck(deadline: .seconds(5)) { throw StoreError(code: .readOnly, message: "m") }
        #expect(await failing.run() == .notReady("storage not writable"))
    }
}
