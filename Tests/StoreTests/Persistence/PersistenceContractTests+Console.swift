import Coffee
import Foundation
import Testing
@testable import Store

/// The admin console's rows (migration 0018) and the home page's status counts through
/// the port, the same assertions on both backends.
@Suite("Persistence contract — console addresses, links, sessions on SQLite and PostgreSQL")
struct PersistenceContractConsoleTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("console addresses: added once per folded address with the last role, found across tenants, removed",
          arguments: StorageBackend.allCases)
    func administrators(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let one = try await backend.tenant("one"), two = try await backend.tenant("two")
            try await backend.persistence.write { tx in
                try tx.console.addAdministrator(ConsoleAdministrator(tenantID: one, email: try EmailAddress("Ann@Example.com"),
                                                                     role: .administrator, addedAt: Self.start))
                try tx.console.addAdministrator(ConsoleAdministrator(tenantID: one, email: try EmailAddress("ann@example.com"),
                                                                     role: .programManager, addedAt: Self.start))
                try tx.console.addAdministrator(ConsoleAdministrator(tenantID: two, email: try EmailAddress("ann@example.com"),
                                                                     role: .administrator, addedAt: Self.start))
            }
            let read = try await backend.persistence.read { tx in
                (try tx.console.administrators(tenant: one), try tx.console.administrators(normalizedEmail: "ann@example.com"))
            }
            #expect(read.0.map(\.role) == [.programManager] && read.0.first?.addedAt == Self.start)
            #expect(Set(read.1.map(\.tenantID)) == [one, two])
            let removed = try await backend.persistence.write { tx in
                (try tx.console.removeAdministrator(normalizedEmail: "ann@example.com", tenant: one),
                 try tx.console.removeAdministrator(normalizedEmail: "ann@example.com", tenant: one))
            }
            #expect(removed == (true, false))
        }
    }

    @Test("console links work once and not after expiry; sessions end at expiry or revocation; status counts",
          arguments: StorageBackend.allCases)
    func linksAndSessions(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let later = Self.start.addingTimeInterval(600)
            let session = ConsoleSession(tenantID: tenant, role: .programManager, email: "pm@example.com", csrfToken: "csrf",
                                         createdAt: Self.start, expiresAt: Self.start.addingTimeInterval(3_600))
            let tokenSession = ConsoleSession(tenantID: tenant, role: .administrator, email: nil, csrfToken: "other",
                                              createdAt: Self.start, expiresAt: Self.start.addingTimeInterval(3_600))
            try await backend.persistence.write { tx in
                try tx.console.insertLink(token: "link", tenant: tenant, normalizedEmail: "pm@example.com", at: Self.start,
                                          expiresAt: later)
                try tx.console.insertLink(token: "old", tenant: tenant, normalizedEmail: "pm@example.com", at: Self.start,
                                          expiresAt: Self.start.addingTimeInterval(1))
                try tx.console.insertSession(id: "cookie", session)
                try tx.console.insertSession(id: "token-cookie", tokenSession)
                try tx.members.save(try PersistenceContractTests.member("a", tenant: tenant, email: "a@example.com"))
                try tx.members.save(try PersistenceContractTests.member("p", tenant: tenant, email: "p@example.com", localStatus: .pending))
                try tx.members.save(try PersistenceContractTests.member("d", tenant: tenant, email: "d@example.com", lifecycle: .deprovisioned))
            }
            let spent = try await backend.persistence.write { tx in
                (try tx.console.consumeLink(token: "link", at: Self.start.addingTimeInterval(5)),
                 try tx.console.consumeLink(token: "link", at: Self.start.addingTimeInterval(6)),
                 try tx.console.consumeLink(token: "old", at: Self.start.addingTimeInterval(5)))
            }
            #expect(spent.0?.tenant == tenant && spent.0?.normalizedEmail == "pm@example.com")
            #expect(spent.1 == nil && spent.2 == nil, "a link works once, and not after it expired")
            let read = try await backend.persistence.read { tx in
                (try tx.console.session(id: "cookie", at: later), try tx.console.session(id: "token-cookie", at: later),
                 try tx.console.session(id: "cookie", at: Self.start.addingTimeInterval(3_601)), try tx.members.liveStatusCounts(tenant: tenant))
            }
            #expect(read.0 == session && read.1 == tokenSession && read.2 == nil)
            #expect(read.3 == ["active": 1, "pending": 1], "live members only")
            let emails = try await backend.persistence.read { tx in try tx.outbox.emailCounts(tenant: tenant) }
            #expect(emails == (0, 0))
            try await backend.persistence.write { tx in try tx.console.revokeSession(id: "cookie", at: later) }
            #expect(try await backend.persistence.read { tx in try tx.console.session(id: "cookie", at: later) } == nil)
        }
    }
}
