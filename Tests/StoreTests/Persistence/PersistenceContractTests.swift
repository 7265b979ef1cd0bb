import Coffee
import Foundation
import Testing
@testable import Store

/// The persistence port's repositories, the same assertions on SQLite and on PostgreSQL:
/// what the application relies on must not depend on the backend.
@Suite("Persistence contract — the same repository tests on SQLite and PostgreSQL")
struct PersistenceContractTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func member(_ id: String, tenant: TenantID, email: String, given: String = "Ada", family: String = "Lovelace",
                       source: MemberSource = .scim, localStatus: LocalStatus = .active, lifecycle: Lifecycle = .live,
                       categories: [CategoryKey: [String]] = [:], at date: Date = start) throws -> Member {
        Member(id: MemberID(id), tenantID: tenant, externalID: "ext-" + id, userName: email, givenName: given,
               familyName: family, emails: [try EmailAddress(email)], locale: "fr-FR",
               categoryValues: CategoryValues(categories), source: source, localStatus: localStatus,
               lifecycle: lifecycle, snoozedUntil: date.addingTimeInterval(3_600.5), createdAt: date,
               deprovisionedAt: lifecycle == .live ? nil : date)
    }

    @Test("members: upsert, lookups ignoring case, filtered pages in creation order, counts, deprovisioned",
          arguments: StorageBackend.allCases)
    func members(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("two")
            let ada = try Self.member("m1", tenant: tenant, email: "Ada@Example.com", categories: [.department: ["Sales"]])
            let bob = try Self.member("m2", tenant: tenant, email: "bob@example.com", given: "Bob", source: .csv,
                                      lifecycle: .deprovisioned)
            let zoe = try Self.member("m3", tenant: tenant, email: "zoe@example.com", given: "Zoë", family: "100%_real",
                                      localStatus: .inactive(.bounced))
            let stranger = try Self.member("m1", tenant: other, email: "ada@example.com")
            try await backend.persistence.write { tx in
                for member in [ada, bob, zoe, stranger] { try tx.members.save(member) }
                var updated = ada
                updated.givenName = "Augusta"
                updated.version = 2
                try tx.members.save(updated)
            }
            let found = try await backend.persistence.read { tx in
                (try tx.members.member(id: MemberID("m1"), tenant: tenant),
                 try tx.members.liveMember(email: "ADA@example.COM", tenant: tenant),
                 try tx.members.liveMember(email: "bob@example.com", tenant: tenant),
                 try tx.members.member(id: MemberID("m3"), tenant: tenant))
            }
            #expect(found.0?.givenName == "Augusta" && found.0?.version == 2, "a save replaces the row of the same id")
            #expect(found.0?.snoozedUntil == ada.snoozedUntil && found.0?.createdAt == Self.start)
            #expect(found.0?.categoryValues == ada.categoryValues && found.0?.emails == ada.emails && found.0?.locale == "fr-FR")
            #expect(found.1?.id == MemberID("m1"), "a live member is found by email ignoring case")
            #expect(found.2 == nil, "a deprovisioned member is not live")
            #expect(found.3 == zoe)

            let pages = try await backend.persistence.read { tx in
                var byLifecycle = MemberQuery()
                byLifecycle.lifecycle = .live
                var byText = MemberQuery()
                byText.text = "%_R"
                var byCategory = MemberQuery()
                byCategory.category = (key: "department", value: "sales")
                var bySource = MemberQuery()
                bySource.source = .csv
                return (try tx.members.page(tenant: tenant, after: 0, limit: 10).map(\.member.id),
                        try tx.members.page(tenant: tenant, after: 0, limit: 2).map(\.seq),
                        try tx.members.page(tenant: tenant, matching: byLifecycle, after: 0, limit: 10).map(\.member.id),
                        try tx.members.page(tenant: tenant, matching: byText, after: 0, limit: 10).map(\.member.id),
                        try tx.members.page(tenant: tenant, matching: byCategory, after: 0, limit: 10).map(\.member.id),
                        try tx.members.page(tenant: tenant, matching: bySource, after: 0, limit: 10).map(\.member.id),
                        try tx.members.liveMembers(tenant: tenant).map(\.id),
                        try tx.members.counts(tenant: tenant))
            }
            #expect(pages.0 == ["m1", "m2", "m3"].map { MemberID($0) }, "creation order, whatever was updated since")
            let cursor = try #require(pages.1.last)
            let rest = try await backend.persistence.read { tx in
                try tx.members.page(tenant: tenant, after: cursor, limit: 10).map(\.member.id)
            }
            #expect(rest == [MemberID("m3")], "the last seq of a page is the next page's cursor")
            // The live members a page at a time along the id key (issue 16).
            let live = try await backend.persistence.read { tx in
                (try tx.members.liveMembers(tenant: tenant, afterID: "", throughID: nil, limit: 1),
                 try tx.members.liveMembers(tenant: tenant, afterID: "m1", throughID: nil, limit: 5))
            }
            #expect(live.0.map(\.id) == [MemberID("m1")] && live.1.map(\.id) == [MemberID("m3")], "live only, by id")
            #expect(pages.2 == [MemberID("m1"), MemberID("m3")])
            #expect(pages.3 == [MemberID("m3")], "text search escapes % and _ and ignores case")
            // A NUL in the search is left out: SQLite's LIKE ended the pattern there (all members), PostgreSQL refused it.
            let withNUL = try await backend.persistence.read { tx in
                var nul = MemberQuery(), inside = MemberQuery()
                nul.text = "\u{0}"
                inside.text = "zo\u{0}ë"
                return (try tx.members.page(tenant: tenant, matching: nul, after: 0, limit: 10).map(\.member.id),
                        try tx.members.page(tenant: tenant, matching: inside, after: 0, limit: 10).map(\.member.id))
            }
            #expect(withNUL.0 == pages.0, "nothing left to search: every member, as without a search")
            #expect(withNUL.1 == [MemberID("m3")])
            #expect(pages.4 == [MemberID("m1")], "a category value matches ignoring case")
            #expect(pages.5 == [MemberID("m2")])
            #expect(pages.6 == [MemberID("m1"), MemberID("m3")])
            #expect(pages.7 == [.live: 2, .deprovisioned: 1])
            let due = try await backend.persistence.read { tx in
                (try tx.members.deprovisioned(before: Self.start, limit: 10),
                 try tx.members.deprovisioned(before: Self.start.addingTimeInterval(-1), limit: 10))
            }
            #expect(due.0.map(\.id) == [MemberID("m2")] && due.0.map(\.tenant) == [tenant] && due.1.isEmpty)
        }
    }

    @Test("a write whose closure throws keeps nothing it wrote", arguments: StorageBackend.allCases)
    func rollback(_ backend: StorageBackend) async throws {
        struct Refused: Error {}
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let ada = try Self.member("m1", tenant: tenant, email: "ada@example.com")
            await #expect(throws: Refused.self) {
                try await backend.persistence.write { tx in
                    try tx.members.save(ada)
                    throw Refused()
                }
            }
            #expect(try await backend.persistence.read { tx in try tx.members.member(id: ada.id, tenant: tenant) } == nil)
        }
    }

    @Test("categories: absorbing stores the defaults once and appends new values in order, ignoring case; saving keeps order",
          arguments: StorageBackend.allCases)
    func categories(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("two")
            try await backend.persistence.write { tx in
                try tx.categories.absorb(CategoryValues([.department: ["Sales"], .city: [" Paris "]]), tenant: tenant)
                try tx.categories.absorb(CategoryValues([.department: ["sales", "Legal", ""], .costCenter: ["CC-1"]]), tenant: tenant)
                try tx.categories.absorb(CategoryValues([CategoryKey("unknown"): ["x"]]), tenant: tenant)
            }
            let catalog = try await backend.persistence.read { tx in try tx.categories.catalog(tenant: tenant) }
            #expect(catalog.categories.map(\.key) == CategoryCatalog.identityProviderDefaults.categories.map(\.key))
            #expect(catalog[.department]?.knownValues == ["Sales", "Legal"])
            #expect(catalog[.city]?.knownValues == ["Paris"])
            #expect(catalog[.costCenter]?.knownValues == ["CC-1"])
            #expect(try await backend.persistence.read { tx in try tx.categories.catalog(tenant: other) } == .identityProviderDefaults)

            let saved = try await backend.persistence.write { tx in
                try tx.categories.save(CategoryCatalog([Category(key: .department, label: "Department", knownValues: ["B", "A"]),
                                                        Category(key: CategoryKey("notes"), label: "Notes", type: .text)]),
                                       tenant: other)
                try tx.categories.absorb(CategoryValues([.department: ["C", "b"], CategoryKey("notes"): ["free text"]]), tenant: other)
                return try tx.categories.catalog(tenant: other)
            }
            #expect(saved.categories.map(\.key) == [.department, CategoryKey("notes")])
            #expect(saved[.department]?.knownValues == ["B", "A", "C"])
            #expect(saved[CategoryKey("notes")]?.knownValues == [])
            let emptied = try await backend.persistence.write { tx in
                try tx.categories.save(CategoryCatalog(), tenant: other)
                return try tx.categories.catalog(tenant: other)
            }
            #expect(emptied == CategoryCatalog(), "a catalog stored empty stays empty")
        }
    }

    @Test("categories: one absorb of many values over several keys keeps each key's order and skips repeats, blanks, text and unknown keys",
          arguments: StorageBackend.allCases)
    func categoriesAbsorbMany(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let departments = (1...19).map { "D\($0)" }
            let catalog = try await backend.persistence.write { tx in
                try tx.categories.save(CategoryCatalog([Category(key: .department, label: "Department", knownValues: ["D3"]),
                                                        Category(key: .costCenter, label: "Cost center", knownValues: []),
                                                        Category(key: CategoryKey("notes"), label: "Notes", type: .text)]),
                                       tenant: tenant)
                try tx.categories.absorb(CategoryValues([.department: departments + ["d5", " D20 ", ""],
                                                         .costCenter: ["CC-2", "CC-1", "cc-2"],
                                                         CategoryKey("notes"): ["free text"], CategoryKey("unknown"): ["x"]]),
                                         tenant: tenant)
                try tx.categories.absorb(CategoryValues([.costCenter: ["CC-3", "CC-1"]]), tenant: tenant)
                return try tx.categories.catalog(tenant: tenant)
            }
            #expect(catalog[.department]?.knownValues == ["D3"] + departments.filter { $0 != "D3" } + ["D20"])
            #expect(catalog[.costCenter]?.knownValues == ["CC-2", "CC-1", "CC-3"])
            #expect(catalog[CategoryKey("notes")]?.knownValues == [])
            #expect(catalog[CategoryKey("unknown")] == nil)
        }
    }

    @Test("settings: the defaults until saved, then what was saved", arguments: StorageBackend.allCases)
    func settings(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            #expect(try await backend.persistence.read { tx in try tx.settings.settings(tenant: tenant) } == TenantSettings())
            var settings = TenantSettings()
            settings.sendsWelcomeEmail = !settings.sendsWelcomeEmail
            settings.timeZoneIdentifier = "Europe/Paris"
            settings.allowedEmailDomains = AllowedEmailDomains(["example.com"])
            let stored = settings
            try await backend.persistence.write { tx in try tx.settings.save(stored, tenant: tenant) }
            try await backend.persistence.write { tx in try tx.settings.save(stored, tenant: tenant) }
            #expect(try await backend.persistence.read { tx in try tx.settings.settings(tenant: tenant) } == stored)
        }
    }

    @Test("invitations and links: found by the token's hash, listed per tenant, registered, revoked per tenant",
          arguments: StorageBackend.allCases)
    func invitations(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("two")
            var generator = SystemRandomNumberGenerator()
            let invited = try Invitation.invite(try EmailAddress("zoe@example.com"), memberID: MemberID("m1"),
                                                tenantID: tenant, settings: TenantSettings(), at: Self.start, using: &generator)
            let one = InvitationLink.create(tenantID: tenant, using: &generator)
            let two = InvitationLink.create(tenantID: other, using: &generator)
            try await backend.persistence.write { tx in
                try tx.members.save(invited.member)
                try tx.invitations.insert(invited.invitation)
                _ = try tx.invitations.insertLink(id: "l1", tenant: tenant, token: one.token, at: Self.start)
                _ = try tx.invitations.insertLink(id: "l2", tenant: other, token: two.token, at: Self.start)
            }
            let token = invited.invitation.token
            let read = try await backend.persistence.read { tx in
                (try tx.invitations.invitation(token: token.rawValue), try tx.invitations.invitation(token: "wrong"),
                 try tx.invitations.invitation(token: String(repeating: "x", count: 10_000)),
                 try tx.invitations.page(tenant: tenant, after: 0, limit: 10).count,
                 try tx.invitations.page(tenant: other, after: 0, limit: 10).count,
                 try tx.invitations.invitation(memberID: MemberID("m1"), tenant: other))
            }
            let stored = try #require(read.0)
            #expect(stored.tenantID == tenant && stored.memberID == MemberID("m1") && stored.status == .pending)
            #expect(stored.expiresAt == invited.invitation.expiresAt && stored.invitation(token: token) == invited.invitation)
            #expect(read.1 == nil && read.2 == nil && read.3 == 1 && read.4 == 0 && read.5 == nil)

            let later = Self.start.addingTimeInterval(60)
            let revoked = try await backend.persistence.write { tx in
                try tx.invitations.markRegistered(memberID: MemberID("m1"), tenant: tenant, at: later)
                return try tx.invitations.revokeLinks(tenant: tenant, at: later)
            }
            #expect(revoked == 1)
            let after = try await backend.persistence.read { tx in
                (try tx.invitations.invitation(token: token.rawValue), try tx.invitations.link(token: one.token.rawValue),
                 try tx.invitations.link(token: two.token.rawValue), try tx.invitations.link(token: "nope"))
            }
            #expect(after.0?.status == .registered && after.0?.acceptedAt == later)
            #expect(after.1?.isEnabled == false && after.1?.revokedAt == later && after.1?.tenantID == tenant)
            #expect(after.2?.isEnabled == true && after.3 == nil)
            await #expect(throws: StoreError.self, "a token hash is unique across tenants") {
                try await backend.persistence.write { tx in
                    _ = try tx.invitations.insertLink(id: "l3", tenant: other, token: one.token, at: later)
                }
            }
        }
    }
}

extension PersistenceContractTests {
    @Test("concurrent read-modify-write transactions of one member lose no update", arguments: StorageBackend.allCases)
    func concurrentUpdates(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let ada = try Self.member("m1", tenant: tenant, email: "ada@example.com")
            try await backend.persistence.write { tx in try tx.members.save(ada) }
            let persistence = backend.persistence
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await persistence.write { tx in
                            guard var member = try tx.members.member(id: ada.id, tenant: tenant) else { return }
                            member.version += 1
                            try tx.members.save(member)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await persistence.read { tx in try tx.members.member(id: ada.id, tenant: tenant)?.version } == 13)
        }
    }
}
