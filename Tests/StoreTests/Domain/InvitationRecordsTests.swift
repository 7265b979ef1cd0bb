import Coffee
import Foundation
import Testing
@testable import Store

@Suite("InvitationRecords (0005) — invitations and sign-up links, found by the hash of their token")
struct InvitationRecordsTests {
    static let date = Date(timeIntervalSince1970: 1_800_000_000)

    /// A migrated in-memory database with tenant `t1`, and a pending invitation of a member of it.
    static func database() throws -> (Connection, Invitation) {
        let db = try Connection(path: ":memory:")
        try StoreSchema.migrator.migrate(db)
        try db.execute("INSERT INTO tenants VALUES ('t1', 'one', 'now'), ('t2', 'two', 'now')")
        var generator = SystemRandomNumberGenerator()
        let result = try Invitation.invite(try EmailAddress("zoe@example.com"), memberID: MemberID("m1"),
                                           tenantID: DomainTenantID("t1"), settings: TenantSettings(), at: date,
                                           using: &generator)
        try db.members.save(result.member)
        try db.invitations.insert(result.invitation)
        return (db, result.invitation)
    }

    @Test("an invitation is found by its token, not stored in plaintext, and listed per tenant")
    func invitationByToken() throws {
        let (db, invitation) = try Self.database()
        let stored = try #require(try db.invitations.invitation(token: invitation.token.rawValue))
        #expect(stored.tenantID == TenantID(rawValue: "t1") && stored.memberID == MemberID("m1"))
        #expect(stored.status == .pending && stored.expiresAt == invitation.expiresAt && !stored.isExpired(at: Self.date))
        #expect(try stored.invitation(token: invitation.token) == invitation)
        #expect(try db.invitations.invitation(token: "wrong") == nil)
        #expect(try db.invitations.invitation(token: String(repeating: "x", count: 10_000)) == nil)
        #expect(try db.query("SELECT token_hash FROM invitations") { $0.blob(0) } == [SHA256.hash(invitation.token.rawValue)])
        #expect(try db.invitations.page(tenant: TenantID(rawValue: "t1"), after: 0, limit: 10).count == 1)
        #expect(try db.invitations.page(tenant: TenantID(rawValue: "t2"), after: 0, limit: 10).isEmpty)
        #expect(try db.invitations.invitation(memberID: MemberID("m1"), tenant: TenantID(rawValue: "t2")) == nil)
    }

    @Test("marking registered spends the invitation; a registered row must have its acceptance date")
    func registered() throws {
        let (db, invitation) = try Self.database()
        let later = Self.date.addingTimeInterval(60)
        try db.invitations.markRegistered(memberID: MemberID("m1"), tenant: TenantID(rawValue: "t1"), at: later)
        let stored = try #require(try db.invitations.invitation(token: invitation.token.rawValue))
        #expect(stored.status == .registered && stored.acceptedAt == later)
        #expect(try stored.invitation(token: invitation.token).status == .registered(at: later))
        #expect(throws: StoreError.self) {
            try db.execute("UPDATE invitations SET accepted_at = NULL")
        }
    }

    @Test("links: found by token, open or revoked; revoking touches one tenant only")
    func links() throws {
        let (db, _) = try Self.database()
        var generator = SystemRandomNumberGenerator()
        let one = InvitationLink.create(tenantID: DomainTenantID("t1"), using: &generator)
        let two = InvitationLink.create(tenantID: DomainTenantID("t2"), using: &generator)
        _ = try db.invitations.insertLink(id: "l1", tenant: TenantID(rawValue: "t1"), token: one.token, at: Self.date)
        _ = try db.invitations.insertLink(id: "l2", tenant: TenantID(rawValue: "t2"), token: two.token, at: Self.date)
        #expect(try db.invitations.link(token: one.token.rawValue)?.isEnabled == true)
        #expect(try db.invitations.revokeLinks(tenant: TenantID(rawValue: "t1"), at: Self.date) == 1)
        #expect(try db.invitations.revokeLinks(tenant: TenantID(rawValue: "t1"), at: Self.date) == 0)
        let revoked = try #require(try db.invitations.link(token: one.token.rawValue))
        #expect(!revoked.isEnabled && revoked.tenantID == TenantID(rawValue: "t1"))
        #expect(try db.invitations.link(token: two.token.rawValue)?.isEnabled == true)
        #expect(try db.invitations.link(token: "") == nil)
    }
}
