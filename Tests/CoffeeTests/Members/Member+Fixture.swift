import Foundation
@testable import Coffee

/// Factories with defaulted arguments for the member tests.
enum Fixture {
    static let tenant = TenantID("acme")
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    static let day: TimeInterval = 24 * 60 * 60

    static func email(_ text: String = "ada@example.com") throws -> EmailAddress {
        try EmailAddress(text)
    }

    static func draft(
        id: String = "m1", userName: String = "ada@example.com", given: String = "Ada", family: String = "Lovelace",
        email: String = "ada@example.com", active: Bool? = nil, categories: [CategoryKey: [String]] = [:]
    ) throws -> MemberDraft {
        MemberDraft(id: MemberID(id), externalID: "ext-" + id, userName: userName, givenName: given, familyName: family,
                    emails: [try Fixture.email(email)], active: active, categoryValues: CategoryValues(categories))
    }

    static func member(
        id: String = "m1", source: MemberSource = .scim, idpActive: Bool = true, localStatus: LocalStatus = .active,
        lifecycle: Lifecycle = .live, given: String = "Ada", family: String = "Lovelace", email: String = "ada@example.com",
        categories: [CategoryKey: [String]] = [:], snoozedUntil: Date? = nil, welcomed: Bool = true, version: Int = 1
    ) throws -> Member {
        Member(id: MemberID(id), tenantID: tenant, externalID: "ext-" + id, userName: email, givenName: given,
               familyName: family, emails: [try Fixture.email(email)], categoryValues: CategoryValues(categories),
               source: source, idpActive: idpActive, localStatus: localStatus, lifecycle: lifecycle,
               snoozedUntil: snoozedUntil, welcomeEmailRequestedAt: welcomed ? t0 : nil, createdAt: t0,
               deprovisionedAt: lifecycle == .live ? nil : t0, version: version)
    }
}

/// A seeded SplitMix64, so tokens and ids are reproducible.
struct FixtureRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
