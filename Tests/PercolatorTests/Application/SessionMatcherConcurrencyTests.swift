import Coffee
import Foundation
@testable import Percolator
import Store
import Synchronization
import Testing

/// A persistence port whose staging transactions wait until ``release()``: holds a match
/// between its engine and its commit.
final class HeldStagingPersistence: ForwardingPersistence {
    let base: any Persistence
    private let state = Mutex((held: true, staging: false))

    init(_ base: any Persistence) { self.base = base }

    /// Whether a staging transaction has started waiting.
    var isStaging: Bool { state.withLock { $0.staging } }

    /// Lets the staging transactions go on.
    func release() { state.withLock { $0.held = false } }

    func stage<T: Sendable>(_ body: @escaping @Sendable (any StorageTransaction) throws -> T) async throws -> T {
        state.withLock { $0.staging = true }
        while state.withLock({ $0.held }) { try await Task.sleep(for: .milliseconds(2)) }
        return try await base.stage(body)
    }
}

@Suite("SessionMatcher — one match of a session at a time")
struct SessionMatcherConcurrencyTests {
    @Test("a match asked while another of the same session runs is refused at once, before the engine; the first commits")
    func secondMatchRefused() async throws {
        try await ServiceFixture.with { fixture in
            let (prepared, _) = try await SessionMatcherCommitTests.matched(fixture)
            let id = prepared.session.id.rawValue
            let held = HeldStagingPersistence(fixture.persistence)
            // One matcher, as the server has one for its scheduler and its services.
            let matcher = SessionMatcher(persistence: held)
            let first = Task { try await matcher.match(session: id, tenant: ServiceFixture.t1, at: ServiceFixture.now) }
            while !held.isStaging { try await Task.sleep(for: .milliseconds(2)) }

            // Before, both ran: the second's staging met the first's rows (a unique constraint: 500).
            let second = await #expect(throws: SessionMatcher.Failure.self) {
                try await matcher.match(session: id, tenant: ServiceFixture.t1, at: ServiceFixture.now)
            }
            guard case .alreadyMatching(id)? = second else { Issue.record("\(String(describing: second))"); return }
            #expect(AdminErrors.scimError(for: SessionMatcher.Failure.alreadyMatching(id)).status == 409)

            held.release()
            let outcome = try await first.value
            #expect(outcome.session.state == .matched)
            #expect(outcome.result.groups.count == 2)
            // Once matched, a match is the session's own refusal, as before.
            await #expect(throws: SessionError.self) {
                try await matcher.match(session: id, tenant: ServiceFixture.t1, at: ServiceFixture.now)
            }
        }
    }
}
