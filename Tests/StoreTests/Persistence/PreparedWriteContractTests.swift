import Coffee
import Foundation
import SCIM
import Synchronization
import Testing
@testable import Store

/// A User's create is prepared by the observer on the asking task, before the write is
/// queued, and what it prepared reaches its transaction (issue 10: the work that needs no
/// database off the single writer), the same assertions on SQLite and on PostgreSQL.
@Suite("Resource store contract — a User's create prepared before its transaction, on SQLite and PostgreSQL")
struct PreparedWriteContractTests {
    /// Bound by the test around a store call: seen by `prepare` only if it runs on the asking task.
    @TaskLocal static var askingTask: String?

    /// Records what `prepare` saw and what each `resourceWritten` received.
    final class PreparingObserver: ResourceWriteObserver {
        struct Token: Sendable, Equatable {
            let id: String
        }

        struct Seen: Sendable {
            var prepared: [(write: ResourceWrite, task: String?, date: Date)] = []
            var written: [(write: ResourceWrite, token: Token?, hadPrepared: Bool)] = []
        }

        private let state = Mutex(Seen())
        var seen: Seen { state.withLock { $0 } }

        func prepare(_ write: ResourceWrite, tenant: TenantID, at date: Date) -> (any Sendable)? {
            state.withLock { $0.prepared.append((write, PreparedWriteContractTests.askingTask, date)) }
            switch write {
            case .created(let resource): return Token(id: resource.id)
            case .updated(_, let after): return Token(id: "updated \(after.id) \(after.version)")
            default: return nil
            }
        }

        func resourceWritten(_ write: ResourceWrite, tenant: TenantID, at date: Date, prepared: (any Sendable)?,
                             in transaction: any StorageTransaction) throws {
            state.withLock { $0.written.append((write, prepared as? Token, prepared != nil)) }
        }

        func resourceWritten(_ write: ResourceWrite, tenant: TenantID, at date: Date, in transaction: any StorageTransaction) throws {
            Issue.record("every write goes through resourceWritten(_:tenant:at:prepared:in:)")
        }
    }

    @Test("a User's create is prepared once, on the asking task, with the resource it stores; a Group's is not",
          arguments: StorageBackend.allCases)
    func userCreatePrepared(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let a = try await backend.tenant("a")
            let observer = PreparingObserver()
            let store = backend.observed(observer)
            let ann = try await Self.$askingTask.withValue("request") {
                try await store.create(userJSON("ann", displayName: "Ann"), kind: .user, tenant: a)
            }
            var seen = observer.seen
            try #require(seen.prepared.count == 1 && seen.written.count == 1)
            guard case .created(let prepared) = seen.prepared[0].write, case .created(let written) = seen.written[0].write else {
                Issue.record("a create is prepared and written as .created")
                return
            }
            #expect(seen.prepared[0].task == "request", "prepare runs on the task that asked for the write")
            #expect(prepared == written, "the resource prepared is the one written")
            #expect(written.id == ann.id && written.version == 1 && written.created == ann.created && written.groups == [])
            #expect(written.attributes == ann.attributes)
            #expect(seen.written[0].token == PreparingObserver.Token(id: ann.id), "what prepare returned reaches the transaction")

            let group = try await store.create(groupJSON("G", members: [ann.id]), kind: .group, tenant: a)
            seen = observer.seen
            #expect(seen.prepared.count == 1, "a Group's create, whose members the transaction reads, is not prepared")
            #expect(seen.written.count == 2 && !seen.written[1].hadPrepared)
            if case .created(let created) = seen.written[1].write { #expect(created.id == group.id) }

            // A create the store refuses (userName taken) was prepared, and writes nothing.
            await #expect(throws: (any Error).self) {
                _ = try await store.create(userJSON("ann"), kind: .user, tenant: a)
            }
            seen = observer.seen
            #expect(seen.prepared.count == 2 && seen.written.count == 2)
            let page = try await store.list(ResourceQuery(), kind: .user, tenant: a)
            #expect(page.resources.map(\.id) == [ann.id])
        }
    }

    @Test("a User's PATCH computed on a snapshot is prepared on the asking task with the write the writer notifies (SQLite)",
          arguments: StorageBackend.allCases)
    func userPatchPrepared(_ backend: StorageBackend) async throws {
        let isSQLite = backend == .sqlite
        try await withBackend(backend) { backend in
            let a = try await backend.tenant("a")
            let observer = PreparingObserver()
            let store = backend.observed(observer)
            let ann = try await store.create(userJSON("ann"), kind: .user, tenant: a)
            let patched = try await Self.$askingTask.withValue("request") {
                try await store.modify(id: ann.id, kind: .user, tenant: a, expectedVersion: nil, members: .none) { _ in
                    ResourceModification(attributes: userJSON("ann", displayName: "Ann"))
                }
            }
            let seen = observer.seen
            try #require(seen.written.count == 2)
            guard case .updated(let before, let after) = seen.written[1].write else {
                Issue.record("a PATCH with new attributes notifies .updated")
                return
            }
            #expect(before.version == 1 && after.version == 2 && after.lastModified == patched.lastModified)
            let preparedUpdates = seen.prepared.filter { if case .updated = $0.write { true } else { false } }
            if isSQLite {
                try #require(preparedUpdates.count == 1, "SQLite computes a User's PATCH on a reader's snapshot, and prepares it")
            }
            for prepared in preparedUpdates {
                guard case .updated(let preparedBefore, let preparedAfter) = prepared.write else { continue }
                #expect(prepared.task == "request", "prepare runs on the task that asked for the write")
                #expect(preparedBefore == before && preparedAfter == after, "the write prepared is the one notified")
                #expect(seen.written[1].token == PreparingObserver.Token(id: "updated \(ann.id) 2"))
            }
            if preparedUpdates.isEmpty { #expect(!seen.written[1].hadPrepared) }

            // A PATCH that changes nothing is neither prepared nor notified.
            _ = try await store.modify(id: ann.id, kind: .user, tenant: a, expectedVersion: nil, members: .none) { _ in
                ResourceModification(attributes: userJSON("ann", displayName: "Ann"))
            }
            #expect(observer.seen.prepared.count == seen.prepared.count && observer.seen.written.count == 2)
        }
    }
}
