import Coffee
import Foundation
import Store
import Testing
@testable import Percolator

/// The batched side of the provisioning log: a bounded queue that never makes a request
/// wait, written in batches, with what it had to drop counted.
@Suite("Provisioning log writer — bounded queue, batched writes, dropped entries counted")
struct ProvisioningLogWriterTests {
    @Test("past its capacity an entry is dropped and counted, never waited for; a flush writes the rest in batches")
    func boundedQueue() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("provlog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await SQLiteStore.open(path: directory.appendingPathComponent("db.sqlite").path)
        let tenant = try await store.createTenant(name: "acme").id
        // A batch size above the capacity: no early flush starts while the queue fills.
        let writer = ProvisioningLogWriter(persistence: store.persistence(), capacity: 5, batchSize: 10, interval: .seconds(60))
        for index in 0..<8 {
            writer.enqueue(ProvisioningLogEntry(id: "e\(index)", tenantID: tenant, occurredAt: Date(), tokenID: nil, userAgent: nil,
                                                operation: "patch", status: 400, durationMicroseconds: 1))
        }
        await writer.flush()
        let stored = try await store.persistence().read { tx in
            try tx.provisioningLog.entries(ProvisioningLogQuery(tenantID: tenant)).count
        }
        #expect(writer.droppedCount == 3, "at most 5 wait at once; the rest are counted")
        #expect(stored == 5)
        #expect(await writer.flush() == 0, "nothing left")
    }
}
