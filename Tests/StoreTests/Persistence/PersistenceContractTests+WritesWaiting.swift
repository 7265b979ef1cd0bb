import Coffee
import Dispatch
import Foundation
import Testing
@testable import Store

/// ``Persistence/writesWaiting``, the signal a long staging transaction reads to yield to
/// other writes (issue 16): a write submitted while another runs is reported from inside
/// the running one on both backends; with nothing submitted, SQLite's one writer says none
/// waits, and PostgreSQL (whose stages keep their budget) says one may.
@Suite("Persistence contract — whether writes wait, on SQLite and PostgreSQL")
struct PersistenceContractWritesWaitingTests {
    @Test("a write submitted while another runs is seen waiting from inside it; idle, only SQLite says none waits",
          arguments: StorageBackend.allCases)
    func writesWaiting(_ backend: StorageBackend) async throws {
        let postgres = backend == .postgres
        try await withBackend(backend) { backend in
            let persistence = backend.persistence
            let alone = try await persistence.stage { _ in persistence.writesWaiting }
            #expect(alone == postgres, "a lone stage: no other write waits on SQLite")
            #expect(persistence.writesWaiting == postgres)

            let started = DispatchSemaphore(value: 0), proceed = DispatchSemaphore(value: 0)
            async let running: Bool = persistence.stage { _ in
                started.signal()
                proceed.wait()
                return persistence.writesWaiting
            }
            await Task.detached { started.wait() }.value
            async let queued: Void = persistence.write { _ in }
            // The second write is queued (SQLite) or running beside it (PostgreSQL).
            let deadline = Date().addingTimeInterval(10)
            while !persistence.writesWaiting && Date() < deadline { try await Task.sleep(for: .milliseconds(1)) }
            proceed.signal()
            #expect(try await running, "the write submitted meanwhile is seen from inside the running one")
            try await queued
            #expect(persistence.writesWaiting == postgres, "nothing waits once both are done (SQLite)")
        }
    }
}
