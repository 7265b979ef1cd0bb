import Coffee
import Foundation
import Testing
@testable import Store

/// `save(_:replacing:)` (issue 10: a write names only the indexed columns that change):
/// whatever changes — a title, the primary email, the lifecycle and its date — the row
/// read back is the member saved, and the lookups by those indexed columns follow, on
/// both backends.
@Suite("Persistence contract — replacing a member with save(_:replacing:) on SQLite and PostgreSQL")
struct PersistenceContractMemberReplaceTests {
    struct Change: Sendable, CustomTestStringConvertible {
        let name: String
        let apply: @Sendable (inout Member) throws -> Void
        var testDescription: String { name }
    }

    static let later = PersistenceContractTests.start.addingTimeInterval(60)

    static let changes: [Change] = [
        Change(name: "categories only") { $0.categoryValues = CategoryValues([.department: ["Research"]]) },
        Change(name: "primary email") { $0.emails = [try EmailAddress("Augusta@Example.com")] },
        Change(name: "deprovisioned") { member in
            member.lifecycle = .deprovisioned
            member.deprovisionedAt = later
        },
        Change(name: "email and names") { member in
            member.emails = [try EmailAddress("countess@example.com")]
            member.givenName = "Augusta"
            member.localStatus = .inactive(.bounced)
        },
    ]

    @Test("the row read back is the member saved; lookups by email and lifecycle follow",
          arguments: StorageBackend.allCases, changes)
    func replace(_ backend: StorageBackend, change: Change) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let ada = try PersistenceContractTests.member("m1", tenant: tenant, email: "Ada@Example.com",
                                                          categories: [.department: ["Sales"]])
            var edited = ada
            try change.apply(&edited)
            edited.version = 2
            edited.updatedAt = Self.later
            let changed = edited
            try await backend.persistence.write { tx in
                try tx.members.save(ada)
                let previous = try #require(try tx.members.member(id: ada.id, tenant: tenant))
                try tx.members.save(changed, replacing: previous)
            }
            let read = try await backend.persistence.read { tx in
                (try tx.members.member(id: ada.id, tenant: tenant),
                 try changed.primaryEmail.map { try tx.members.liveMember(email: $0.rawValue.uppercased(), tenant: tenant) },
                 try tx.members.liveMember(email: "ada@example.com", tenant: tenant),
                 try tx.members.deprovisioned(before: Self.later.addingTimeInterval(1), limit: 10).map(\.id))
            }
            #expect(read.0 == changed)
            let live = changed.lifecycle == .live
            #expect((read.1 ?? nil)?.id == (live ? ada.id : nil), "found live by its new primary email, ignoring case")
            let stillAda = live && changed.primaryEmail?.rawValue.lowercased() == "ada@example.com"
            #expect(read.2?.id == (stillAda ? ada.id : nil), "not found by an email it no longer has")
            #expect(read.3 == (live ? [] : [ada.id]), "a deprovisioned member is found by its date")
        }
    }

    @Test("a member not stored yet is inserted", arguments: StorageBackend.allCases)
    func absent(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let ada = try PersistenceContractTests.member("m1", tenant: tenant, email: "ada@example.com")
            try await backend.persistence.write { tx in try tx.members.save(ada, replacing: ada) }
            let read = try await backend.persistence.read { tx in try tx.members.member(id: ada.id, tenant: tenant) }
            #expect(read == ada)
        }
    }
}
