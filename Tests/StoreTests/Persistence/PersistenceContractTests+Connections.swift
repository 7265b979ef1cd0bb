import Coffee
import Foundation
import Testing
@testable import Store

extension PersistenceContractTests {
    @Test("connections: saved and replaced, due when scheduled, claimed by one instance at a time, runs newest first, links per connection",
          arguments: StorageBackend.allCases)
    func connections(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("two")
            let persistence = backend.persistence
            let id = ConnectionID("c1")
            var connection = StoredConnection(id: id, tenant: tenant, kind: .slack, name: "Slack", settings: "{}",
                                              sealedCredentials: "sealed", credentialHint: "WXYZ", createdAt: Self.start,
                                              nextRunAt: Self.start.addingTimeInterval(60))
            let ada = try Self.member("m1", tenant: tenant, email: "ada@example.com")
            try await persistence.write { [connection] tx in
                try tx.connections.save(connection)
                try tx.members.save(ada)
            }
            connection.name = "Slack (HQ)"
            try await persistence.write { [connection] tx in try tx.connections.save(connection) }
            let read = try await persistence.read { tx in
                (try tx.connections.connection(id: id, tenant: tenant), try tx.connections.connection(id: id, tenant: other),
                 try tx.connections.due(at: Self.start, limit: 10).count, try tx.connections.due(at: Self.start.addingTimeInterval(61), limit: 10))
            }
            #expect(read.0 == connection && read.1 == nil, "replaced; another tenant sees nothing")
            #expect(read.2 == 0 && read.3.map(\.id) == [id])

            let claims = try await persistence.write { tx in
                (try tx.connections.claimRun(of: id, tenant: tenant, by: "a", at: Self.start, leaseUntil: Self.start.addingTimeInterval(600)),
                 try tx.connections.claimRun(of: id, tenant: tenant, by: "b", at: Self.start.addingTimeInterval(1), leaseUntil: .distantFuture))
            }
            #expect(claims == (true, false), "one run at a time")
            let holders = try await persistence.read { tx in
                (try tx.connections.holdsRun(of: id, tenant: tenant, by: "a"), try tx.connections.holdsRun(of: id, tenant: tenant, by: "b"),
                 try tx.connections.holdsRun(of: id, tenant: other, by: "a"))
            }
            #expect(holders == (true, false, false), "the holder of the run, in its tenant only")
            #expect(try await persistence.read { tx in try tx.connections.due(at: Self.start.addingTimeInterval(61), limit: 10) }.isEmpty,
                    "a connection being run is not due")
            for (index, outcome) in [ConnectionRun.Outcome.failed, .succeeded].enumerated() {
                let run = ConnectionRun(id: "r\(index)", connectionID: id, tenant: tenant, startedAt: Self.start,
                                        finishedAt: Self.start.addingTimeInterval(Double(index + 1)), outcome: outcome,
                                        summary: #"{"created":1}"#, error: outcome == .failed ? "HTTP 500" : nil)
                try await persistence.write { tx in try tx.connections.append(run) }
            }
            try await persistence.write { tx in
                try tx.connections.releaseRun(of: id, tenant: tenant, by: "a", nextRunAt: Self.start.addingTimeInterval(86_400))
                try tx.connections.saveLinks([SourceLink(connectionID: id, sourceID: "U1"),
                                              SourceLink(connectionID: ConnectionID("elsewhere"), sourceID: "X")],
                                             of: id, member: ada.id, tenant: tenant)
            }
            let after = try await persistence.read { tx in
                (try tx.connections.runs(of: id, tenant: tenant, limit: 10), try tx.connections.links(tenant: tenant),
                 try tx.connections.connection(id: id, tenant: tenant)?.nextRunAt)
            }
            #expect(after.0.map(\.id) == ["r1", "r0"] && after.0.last?.error == "HTTP 500")
            #expect(after.1 == [ada.id: [SourceLink(connectionID: id, sourceID: "U1")]], "a connection saves only its own links")
            #expect(after.2 == Self.start.addingTimeInterval(86_400))
            #expect(try await persistence.write { tx in
                try tx.connections.claimRun(of: id, tenant: tenant, by: "b", at: Self.start, leaseUntil: .distantFuture)
            }, "released, it can be claimed again")
            try await persistence.write { tx in try tx.connections.delete(id: id, tenant: tenant) }
            let gone = try await persistence.read { tx in
                (try tx.connections.connections(tenant: tenant), try tx.connections.links(tenant: tenant),
                 try tx.connections.runs(of: id, tenant: tenant, limit: 10))
            }
            #expect(gone.0.isEmpty && gone.1.isEmpty && gone.2.isEmpty, "runs and links go with their connection")
        }
    }

    @Test("sync marks (0023): a link's fingerprint reads back while the member keeps the marked version and is live; relinking clears it",
          arguments: StorageBackend.allCases)
    func syncMarks(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("two")
            let persistence = backend.persistence
            let id = ConnectionID("c1"), elsewhere = ConnectionID("c2")
            var ada = try Self.member("m1", tenant: tenant, email: "ada@example.com")
            let alan = try Self.member("m2", tenant: tenant, email: "alan@example.com")
            try await persistence.write { [ada] tx in
                for connection in [id, elsewhere] {
                    try tx.connections.save(StoredConnection(id: connection, tenant: tenant, kind: .slack, name: "Slack", settings: "{}",
                                                             sealedCredentials: "sealed", credentialHint: "WXYZ", createdAt: Self.start,
                                                             nextRunAt: nil))
                }
                try tx.members.save(ada)
                try tx.members.save(alan)
                try tx.connections.saveLinks([SourceLink(connectionID: id, sourceID: "U1")], of: id, member: ada.id, tenant: tenant)
                try tx.connections.saveLinks([SourceLink(connectionID: id, sourceID: "U2", isActive: false)], of: id, member: alan.id, tenant: tenant)
                try tx.connections.saveLinks([SourceLink(connectionID: elsewhere, sourceID: "X1")], of: elsewhere, member: ada.id, tenant: tenant)
            }
            func synced() async throws -> [String: SyncedLink] {
                let links = try await persistence.read { tx in try tx.connections.syncedLinks(of: id, tenant: tenant) }
                return Dictionary(uniqueKeysWithValues: links.map { ($0.sourceID, $0) })
            }
            let fresh = try await synced()
            #expect(fresh == ["U1": SyncedLink(sourceID: "U1", memberID: ada.id, isActive: true, fingerprint: nil),
                              "U2": SyncedLink(sourceID: "U2", memberID: alan.id, isActive: false, fingerprint: nil)],
                    "this connection's links only, none marked yet")
            let mark = SyncFingerprint(rawValue: "0123456789abcdef")
            try await persistence.write { [ada] tx in
                try tx.connections.mark([SyncMark(sourceID: "U1", fingerprint: mark, memberVersion: ada.version),
                                         SyncMark(sourceID: "X1", fingerprint: mark, memberVersion: ada.version)],
                                        of: id, tenant: tenant)
            }
            #expect(try await synced()["U1"]?.fingerprint == mark)
            #expect(try await persistence.read { tx in try tx.connections.syncedLinks(of: elsewhere, tenant: tenant) }
                .allSatisfy { $0.fingerprint == nil }, "another connection's link of the same member is not marked")
            #expect(try await persistence.read { tx in try tx.connections.syncedLinks(of: id, tenant: other) }.isEmpty)

            ada.version += 1
            ada.givenName = "Augusta"
            try await persistence.write { [ada] tx in try tx.members.save(ada) }
            #expect(try await synced()["U1"]?.fingerprint == nil, "the member changed since the mark: no fingerprint")

            try await persistence.write { [ada] tx in
                try tx.connections.mark([SyncMark(sourceID: "U1", fingerprint: mark, memberVersion: ada.version)], of: id, tenant: tenant)
            }
            #expect(try await synced()["U1"]?.fingerprint == mark)
            try await persistence.write { [ada] tx in
                try tx.connections.saveLinks([SourceLink(connectionID: id, sourceID: "U1")], of: id, member: ada.id, tenant: tenant)
            }
            #expect(try await synced()["U1"]?.fingerprint == nil, "a link written again starts unmarked")
        }
    }
}
