import Coffee
import Foundation
@testable import Percolator
import Store
import Testing

/// The member rules of the admin API's closures, reached without a server.
@Suite("MemberService — members by hand without HTTP")
struct MemberServiceTests {
    static let t1 = ServiceFixture.t1
    static let t2 = ServiceFixture.t2
    static let now = ServiceFixture.now

    @Test("adding a member: a live member's address is taken (ignoring case), in one tenant only")
    func emailTaken() async throws {
        try await ServiceFixture.with { fixture in
            let service = MemberService(persistence: fixture.persistence)
            let ada = try await fixture.member("ada@example.com")
            #expect(ada.source == .manual && ada.lifecycle == .live)
            await #expect(throws: MemberError.self) { try await fixture.member("ADA@example.com") }
            let other = try await fixture.member("ada@example.com", tenant: Self.t2)
            #expect(other.tenantID == Self.t2)
            let page = try await service.page(tenant: Self.t1, matching: MemberQuery(), after: 0, limit: 10)
            #expect(page.map(\.member.id) == [ada.id])
        }
    }

    @Test("the welcome email follows the request, else the tenant's setting")
    func welcomeEmail() async throws {
        try await ServiceFixture.with { fixture in
            let service = MemberService(persistence: fixture.persistence)
            let asked = try await service.add(ManualEntry(givenName: "Bo", familyName: "K", email: "bo@example.com"),
                                              id: MemberID("m-bo"), sendsWelcomeEmail: true, tenant: Self.t1, at: Self.now)
            let (_, history) = try await service.memberWithHistory(asked.id, tenant: Self.t1)
            #expect(history.map(\.kind).contains(EventKind.welcomeEmailRequested.rawValue))
            let quiet = try await service.add(ManualEntry(givenName: "Cy", familyName: "N", email: "cy@example.com"),
                                              id: MemberID("m-cy"), sendsWelcomeEmail: false, tenant: Self.t1, at: Self.now)
            let (_, quietHistory) = try await service.memberWithHistory(quiet.id, tenant: Self.t1)
            #expect(!quietHistory.map(\.kind).contains(EventKind.welcomeEmailRequested.rawValue))
        }
    }

    @Test("a transition stores the member and its events; another tenant's member is not found")
    func transitions() async throws {
        try await ServiceFixture.with { fixture in
            let service = MemberService(persistence: fixture.persistence)
            let ada = try await fixture.member("ada@example.com")
            let inactive = try await service.apply(to: ada.id, tenant: Self.t1, at: Self.now) { member, now throws(MemberError) in
                try LocalStatusTransition.set(member, to: .inactive(.admin), at: now)
            }
            #expect(inactive.localStatus == .inactive(.admin))
            #expect(try await service.member(ada.id, tenant: Self.t1).localStatus == .inactive(.admin))
            await #expect(throws: ServiceError.notFound("Member '\(ada.id.rawValue)' not found.")) {
                try await service.apply(to: ada.id, tenant: Self.t2, at: Self.now) { member, now throws(MemberError) in
                    try LocalStatusTransition.set(member, to: .active, at: now)
                }
            }
            let unchanged = try await service.member(ada.id, tenant: Self.t1)
            #expect(unchanged.localStatus == .inactive(.admin), "unchanged")
        }
    }
}
