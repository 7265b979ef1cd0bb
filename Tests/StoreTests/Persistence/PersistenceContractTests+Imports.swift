import Coffee
import Foundation
import Testing
@testable import Store

extension PersistenceContractTests {
    @Test("import runs: stored whole, advanced only by their owner, taken over once after the lease, finished",
          arguments: StorageBackend.allCases)
    func importRuns(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("two")
            let csv = Array("First name,Last name,Email\nAda,Lovelace,ada@example.com\n".utf8) + [0, 255]
            let run = ImportRun(id: "r1", tenant: tenant, csv: csv, options: #"{"columns":[]}"#, acceptedAt: Self.start,
                                owner: "a", leaseUntil: Self.start.addingTimeInterval(15))
            let persistence = backend.persistence
            try await persistence.write { tx in try tx.imports.insert(run) }
            #expect(try await persistence.read { tx in try tx.imports.run(id: "r1", tenant: tenant) } == run)
            #expect(try await persistence.read { tx in try tx.imports.run(id: "r1", tenant: other) } == nil, "tenant-bound")

            let advanced = try await persistence.write { tx in
                (try tx.imports.advance(id: "r1", tenant: tenant, owner: "a", to: 1_000, leaseUntil: Self.start.addingTimeInterval(30)),
                 try tx.imports.advance(id: "r1", tenant: tenant, owner: "b", to: 2_000, leaseUntil: .distantFuture))
            }
            #expect(advanced == (true, false), "only the owner advances a run")
            let early = try await persistence.write { tx in
                try tx.imports.takeOverAbandoned(by: "b", at: Self.start.addingTimeInterval(29), leaseUntil: .distantFuture)
            }
            #expect(early == nil, "a run within its lease is not taken over")

            // Two instances look for abandoned runs at once: one gets it.
            let later = Self.start.addingTimeInterval(31)
            let takers = await withTaskGroup(of: ImportRun?.self) { group in
                for owner in ["b", "c"] {
                    group.addTask {
                        try? await persistence.write { tx in
                            try tx.imports.takeOverAbandoned(by: owner, at: later, leaseUntil: later.addingTimeInterval(15))
                        }
                    }
                }
                return await group.reduce(into: [ImportRun]()) { if let run = $1 { $0.append(run) } }
            }
            #expect(takers.count == 1 && takers.first?.nextRow == 1_000 && takers.first?.csv == csv)
            let owner = try #require(takers.first?.owner)
            #expect(try await persistence.write { tx in
                try tx.imports.advance(id: "r1", tenant: tenant, owner: "a", to: 2_000, leaseUntil: .distantFuture)
            } == false, "the former owner is refused")
            try await persistence.write { tx in
                #expect(try tx.imports.advance(id: "r1", tenant: tenant, owner: owner, to: 2_000, leaseUntil: later))
                try tx.imports.finish(id: "r1", tenant: tenant)
            }
            #expect(try await persistence.read { tx in try tx.imports.run(id: "r1", tenant: tenant) } == nil)
        }
    }
}
