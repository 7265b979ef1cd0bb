import Testing
@testable import Coffee

@Suite("Manual add — mandatory fields, optional categories, welcome email by choice")
struct ManualEntryTests {
    static let catalog = CategoryCatalog([
        Category(key: "team", label: "Team"),
        Category(key: .city, label: "City", source: .identityProvider),
    ])

    static func add(_ entry: ManualEntry, welcome: Bool = true, taken: Bool = false) throws(MemberError) -> TransitionResult {
        try entry.add(id: MemberID("m9"), tenantID: Fixture.tenant, catalog: catalog, settings: TenantSettings(),
                      sendsWelcomeEmail: welcome, existingMember: { _ in taken ? try? Fixture.member() : nil }, at: Fixture.t0)
    }

    @Test(arguments: [
        (ManualEntry(givenName: " ", familyName: "L", email: "a@example.com"), MemberError.missingField("givenName")),
        (ManualEntry(givenName: "A", familyName: "", email: "a@example.com"), .missingField("familyName")),
        (ManualEntry(givenName: "A", familyName: "L", email: " "), .missingField("email")),
        (ManualEntry(givenName: "A", familyName: "L", email: "a@"), .invalidEmail("a@")),
        (ManualEntry(givenName: "A", familyName: "L", email: "a@example.com", categoryValues: CategoryValues(["nope": ["x"]])), .unknownCategory("nope")),
        (ManualEntry(givenName: "A", familyName: "L", email: "a@example.com", categoryValues: CategoryValues(["team": ["Red", "Blue"]])), .tooManyValues("team", count: 2)),
    ])
    func refusesInvalidEntries(entry: ManualEntry, error: MemberError) {
        #expect(throws: error) { try Self.add(entry) }
    }

    @Test("an email already taken is refused")
    func emailTaken() throws {
        #expect(throws: MemberError.emailTaken(try Fixture.email("a@example.com"))) {
            try Self.add(ManualEntry(givenName: "A", familyName: "L", email: "a@example.com"), taken: true)
        }
    }

    @Test("a valid entry creates an Active manual member, with or without welcome", arguments: [true, false])
    func createsActive(welcome: Bool) throws {
        let result = try Self.add(ManualEntry(givenName: " Ada ", familyName: "Lovelace", email: "Ada@Example.com",
                                              categoryValues: CategoryValues(["team": ["Blue"]])), welcome: welcome)
        #expect(result.member.source == .manual && result.member.localStatus == .active && result.member.givenName == "Ada")
        #expect(result.member.userName == "Ada@Example.com" && result.member.categoryValues["team"] == ["Blue"])
        #expect(result.events.map(\.kind) == (welcome ? [.memberProvisioned, .welcomeEmailRequested] : [.memberProvisioned]))
    }

    @Test("a manual member may fill a category the identity provider fills for its own members (issue 16, defect 4)")
    func fillsIdentityProviderCategory() throws {
        let result = try Self.add(ManualEntry(givenName: "A", familyName: "L", email: "a@example.com",
                                              categoryValues: CategoryValues([.city: ["Paris"]])))
        #expect(result.member.categoryValues[.city] == ["Paris"])
    }
}
