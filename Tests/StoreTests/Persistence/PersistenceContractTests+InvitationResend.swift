import Coffee
import Foundation
import Testing
@testable import Store

/// Resending an invitation (issue 13, item 5) through the port: the pending row gets a
/// new token hash and expiry, the old token finds nothing; a registered row, another
/// tenant's or an unknown member is left alone. The same assertions on both backends.
@Suite("Persistence contract — renewing an invitation's token on SQLite and PostgreSQL")
struct PersistenceContractInvitationResendTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("renew: a pending invitation's new token works and the old one not; registered, other tenant, unknown: false, unchanged",
          arguments: StorageBackend.allCases)
    func renew(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("two")
            var generator = SystemRandomNumberGenerator()
            let pending = try Invitation.invite(try EmailAddress("zoe@example.com"), memberID: MemberID("m1"), tenantID: tenant,
                                                settings: TenantSettings(), at: Self.start, using: &generator)
            let accepted = try Invitation.invite(try EmailAddress("ada@example.com"), memberID: MemberID("m2"), tenantID: tenant,
                                                 settings: TenantSettings(), at: Self.start, using: &generator)
            try await backend.persistence.write { tx in
                for result in [pending, accepted] {
                    try tx.members.save(result.member)
                    try tx.invitations.insert(result.invitation)
                }
                try tx.invitations.markRegistered(memberID: MemberID("m2"), tenant: tenant, at: Self.start)
            }
            let fresh = InvitationToken.generate(using: &generator)
            let expiry = Self.start.addingTimeInterval(30 * 86_400)
            let renewed = try await backend.persistence.write { tx in
                (try tx.invitations.renew(memberID: MemberID("m1"), tenant: other, token: fresh, expiresAt: expiry),
                 try tx.invitations.renew(memberID: MemberID("m2"), tenant: tenant, token: fresh, expiresAt: expiry),
                 try tx.invitations.renew(memberID: MemberID("nobody"), tenant: tenant, token: fresh, expiresAt: expiry),
                 try tx.invitations.renew(memberID: MemberID("m1"), tenant: tenant, token: fresh, expiresAt: expiry))
            }
            #expect(renewed == (false, false, false, true))
            let read = try await backend.persistence.read { tx in
                (try tx.invitations.invitation(token: pending.invitation.token.rawValue), try tx.invitations.invitation(token: fresh.rawValue),
                 try tx.invitations.invitation(memberID: MemberID("m2"), tenant: tenant),
                 try tx.invitations.invitation(token: accepted.invitation.token.rawValue))
            }
            #expect(read.0 == nil, "the old token stops working")
            let stored = try #require(read.1)
            #expect(stored.memberID == MemberID("m1") && stored.tenantID == tenant && stored.status == .pending)
            #expect(stored.expiresAt == expiry && stored.createdAt == Self.start, "a new expiry; sent first at the same date")
            #expect(read.2?.status == .registered && read.2?.expiresAt == accepted.invitation.expiresAt, "the registered one unchanged")
            #expect(read.3?.memberID == MemberID("m2"), "its token hash unchanged")
        }
    }
}
