import Testing
@testable import Coffee

@Suite("Tenant settings — documented defaults")
struct TenantSettingsTests {
    @Test("defaults: welcome on, portal on, no allowed domains, UTC, 30 days retention, default mapping")
    func defaults() {
        let settings = TenantSettings()
        #expect(settings.sendsWelcomeEmail && settings.isMemberPortalEnabled)
        #expect(settings.allowedEmailDomains.domains.isEmpty)
        #expect(settings.timeZoneIdentifier == "UTC")
        #expect(settings.deprovisionedRetention == 30 * 86_400)
        #expect(settings.categoryMapping == .default)
    }

    @Test("allowed domains are normalized: case, spaces and a leading @", arguments: [
        ("Example.COM", "example.com"), (" @example.fr ", "example.fr"), ("sub.example.com", "sub.example.com"),
    ])
    func domainsNormalized(input: String, stored: String) {
        #expect(AllowedEmailDomains([input]).domains == [stored])
    }

    @Test("blank domains are ignored")
    func blankIgnored() {
        var domains = AllowedEmailDomains(["", " "])
        domains.insert("@")
        #expect(domains.domains.isEmpty)
    }

    @Test("member ids from a seeded generator are reproducible UUID-shaped strings")
    func memberIDs() {
        var a = FixtureRandom(seed: 3), b = FixtureRandom(seed: 3)
        let id = MemberID.random(using: &a)
        #expect(id == MemberID.random(using: &b))
        #expect(id.rawValue.count == 36 && id.rawValue.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(Array(id.rawValue)[14] == "4")
    }
}
