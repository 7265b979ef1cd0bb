import Coffee
import Foundation
import Testing
@testable import Store

/// Program owners (migration 0021) through the port, the same assertions on both
/// backends: owners are console users of the program's tenant, folded case-insensitively,
/// spelled as the console list spells them, and go when the program or the address goes.
@Suite("Persistence contract — program owners on SQLite and PostgreSQL")
struct PersistenceContractProgramOwnerTests {
    static let start = PersistenceContractSessionTests.start

    static func listed(_ email: String, _ role: ConsoleRole, tenant: TenantID) throws -> ConsoleAdministrator {
        ConsoleAdministrator(tenantID: tenant, email: try EmailAddress(email), role: role, addedAt: start)
    }

    @Test("owners: set, replaced, read per program and per tenant, found by folded address, gone with the program or the address",
          arguments: StorageBackend.allCases)
    func owners(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let one = try await backend.tenant("one"), two = try await backend.tenant("two")
            try await backend.persistence.write { tx in
                try tx.console.addAdministrator(try Self.listed("Pat@Example.com", .programManager, tenant: one))
                try tx.console.addAdministrator(try Self.listed("boss@example.com", .administrator, tenant: one))
                try tx.console.addAdministrator(try Self.listed("pat@example.com", .programManager, tenant: two))
                for id in ["p1", "p2", "p3"] { try tx.programs.save(try PersistenceContractSessionTests.program(id, tenant: one)) }
                try tx.programs.save(try PersistenceContractSessionTests.program("p1", tenant: two))
                try tx.programs.setOwners([try EmailAddress("PAT@example.com"), try EmailAddress("pat@EXAMPLE.com")], program: ProgramID("p1"), tenant: one)
                try tx.programs.setOwners([try EmailAddress("boss@example.com")], program: ProgramID("p2"), tenant: one)
                try tx.programs.setOwners([try EmailAddress("pat@example.com")], program: ProgramID("p1"), tenant: two)
            }
            let read = try await backend.persistence.read { tx in
                (try tx.programs.owners(program: ProgramID("p1"), tenant: one), try tx.programs.owners(tenant: one),
                 try tx.programs.programs(ownedBy: "pat@example.com", tenant: one), try tx.programs.owners(program: ProgramID("p3"), tenant: one))
            }
            #expect(read.0.map(\.rawValue) == ["Pat@Example.com"], "one row per folded address, spelled as on the console list")
            #expect(read.1.mapValues { $0.map(\.rawValue) } == [ProgramID("p1"): ["Pat@Example.com"], ProgramID("p2"): ["boss@example.com"]])
            #expect(read.2 == [ProgramID("p1")], "another tenant's program of the same id is not counted")
            #expect(read.3.isEmpty)

            try await backend.persistence.write { tx in
                try tx.programs.setOwners([try EmailAddress("boss@example.com"), try EmailAddress("pat@example.com")],
                                          program: ProgramID("p1"), tenant: one)
            }
            #expect(try await backend.persistence.read { tx in try tx.programs.owners(program: ProgramID("p1"), tenant: one) }.map(\.normalized)
                    == ["boss@example.com", "pat@example.com"], "replaced, by folded address")

            try await backend.persistence.write { tx in
                try tx.console.removeAdministrator(normalizedEmail: "pat@example.com", tenant: one)
                try tx.programs.delete(id: ProgramID("p2"), tenant: one)
            }
            let after = try await backend.persistence.read { tx in
                (try tx.programs.owners(tenant: one), try tx.programs.programs(ownedBy: "pat@example.com", tenant: two))
            }
            #expect(after.0.mapValues { $0.map(\.normalized) } == [ProgramID("p1"): ["boss@example.com"]],
                    "an address taken off the list owns nothing; a deleted program has no owners")
            #expect(after.1 == [ProgramID("p1")], "the other tenant's ownership stays")
        }
    }

    @Test("an owner must be on the console list of the program's tenant: the store refuses another, and keeps what was there",
          arguments: StorageBackend.allCases)
    func ownerMustBeListed(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let one = try await backend.tenant("one"), two = try await backend.tenant("two")
            try await backend.persistence.write { tx in
                try tx.console.addAdministrator(try Self.listed("pat@example.com", .programManager, tenant: two))
                try tx.programs.save(try PersistenceContractSessionTests.program("p1", tenant: one))
            }
            await #expect(throws: (any Error).self) {
                try await backend.persistence.write { tx in
                    try tx.programs.setOwners([try EmailAddress("pat@example.com")], program: ProgramID("p1"), tenant: one)
                }
            }
            #expect(try await backend.persistence.read { tx in try tx.programs.owners(tenant: one) }.isEmpty)
        }
    }
}
