import Testing
@testable import Coffee

@Suite("Sync planning benchmark — smoke test of what it measures (figures come from the release build)")
struct SyncPlanningBenchmarkTests {
    @Test("the first run links the SCIM half and creates the rest; the unchanged run plans nothing; 1% changed plans 1%")
    // 1% changed: of the 10 people changed, 5 leave (3 SCIM members only unlinked, 2
    // Slack members deactivated) and 5 get a new title (Job title is IdP-owned for the
    // 2 SCIM members, so 3 updates).
    func phases() {
        let rows = SyncPlanningBenchmark.measure(size: 1_000)
        #expect(rows.map(\.phase) == ["first", "unchanged", "1% changed"])
        #expect(rows[0].summary == SyncPlan.Summary(created: 500, linked: 500))
        #expect(rows[1].summary == SyncPlan.Summary())
        #expect(rows[2].summary == SyncPlan.Summary(updated: 3, deactivated: 2, unlinked: 5))
    }
}
