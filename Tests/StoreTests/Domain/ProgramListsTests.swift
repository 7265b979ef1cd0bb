import Coffee
import Foundation
import Testing
@testable import Store

/// The tenant's programs as the last read kept them (``ProgramLists``): a read that finds
/// the same stored texts returns the kept list, and any change made outside this process's
/// repository — another connection, another instance — is read, never served stale.
@Suite("ProgramLists — a tenant's programs kept by their stored texts")
struct ProgramListsTests {
    static let start = PersistenceContractSessionTests.start

    static func program(_ id: String, tenant: TenantID, name: String = "Coffee", after seconds: Double = 0) throws -> Program {
        try PersistenceContractSessionTests.program(id, tenant: tenant, name: name, at: start.addingTimeInterval(seconds))
    }

    /// The stored document and creation text of `program`, as the repository writes them.
    static func row(_ program: Program) throws -> (json: String, createdAt: String) {
        (try JSONText.encode(program), Timestamp.string(from: program.createdAt))
    }

    @Test("oldest first, ties by id; read again from the kept list; rows changed, deleted and added by another connection are read")
    func changesFromAnotherConnectionAreRead() async throws {
        try await withTemporaryStore { store in
            let tenant = try await store.createTenant(name: "one").id
            let persistence = store.persistence()
            let b = try Self.program("b", tenant: tenant), a = try Self.program("a", tenant: tenant)
            let early = try Self.program("z", tenant: tenant, after: -60)
            try await persistence.write { tx in for program in [b, a, early] { try tx.programs.save(program) } }
            let read = { try await persistence.read { tx in try tx.programs.programs(tenant: tenant) } }
            #expect(try await read().map(\.id.rawValue) == ["z", "a", "b"], "by creation time, then id")
            #expect(SQLiteProgramRepository.lists.entry(for: tenant)?.programs.map(\.id.rawValue) == ["z", "a", "b"])
            #expect(try await read().map(\.id.rawValue) == ["z", "a", "b"], "the kept list, the same")

            // Another connection on the same file: the repository's process never sees
            // these writes go by.
            let other = try Connection(path: store.database.path)
            var renamed = a
            renamed.name = "Renamed"
            try other.execute("UPDATE programs SET json = ? WHERE tenant_id = ? AND id = 'a'", try Self.row(renamed).json, tenant.rawValue)
            #expect(try await read().map(\.name) == ["Coffee", "Renamed", "Coffee"], "a changed text is decoded again")
            try other.execute("DELETE FROM programs WHERE tenant_id = ? AND id = 'z'", tenant.rawValue)
            #expect(try await read().map(\.id.rawValue) == ["a", "b"], "a deleted program is gone")
            let added = try Self.program("c", tenant: tenant, after: -120)
            let row = try Self.row(added)
            try other.execute("INSERT INTO programs (tenant_id, id, name, created_at, json) VALUES (?, 'c', 'Coffee', ?, ?)",
                              tenant.rawValue, row.createdAt, row.json)
            #expect(try await read().map(\.id.rawValue) == ["c", "a", "b"], "an added program is read, in its place")
            try other.execute("DELETE FROM programs WHERE tenant_id = ?", tenant.rawValue)
            #expect(try await read().isEmpty, "no programs left")
        }
    }

    @Test("tenants are kept apart; an empty list is kept too and a first program is still read")
    func tenantsApart() async throws {
        try await withTemporaryStore { store in
            let one = try await store.createTenant(name: "one").id, two = try await store.createTenant(name: "two").id
            let persistence = store.persistence()
            try await persistence.write { tx in try tx.programs.save(try Self.program("p", tenant: one)) }
            let read = { (tenant: TenantID) in try await persistence.read { tx in try tx.programs.programs(tenant: tenant) } }
            #expect(try await read(one).map(\.tenantID) == [one])
            #expect(try await read(two).isEmpty)
            #expect(SQLiteProgramRepository.lists.entry(for: two)?.texts == [])
            try await persistence.write { tx in try tx.programs.save(try Self.program("p", tenant: two, name: "Two's")) }
            #expect(try await read(two).map(\.name) == ["Two's"])
            #expect(try await read(one).map(\.name) == ["Coffee"])
        }
    }

    @Test("bounded: past the limit a new tenant replaces one kept")
    func bounded() throws {
        let lists = ProgramLists(limit: 2)
        for index in 0..<5 {
            lists.keep(ProgramLists.Entry(texts: [], programs: []), for: TenantID(rawValue: "t\(index)"))
            #expect(lists.count == min(index + 1, 2))
        }
        #expect(lists.entry(for: TenantID(rawValue: "t4")) != nil, "the last one kept")
    }
}
