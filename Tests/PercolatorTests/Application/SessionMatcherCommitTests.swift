import Coffee
import Foundation
@testable import Percolator
import Store
import Testing

/// The check a matcher makes before committing a result computed from a snapshot.
@Suite("SessionMatcher — committing a match while members keep changing")
struct SessionMatcherCommitTests {
    static let t1 = ServiceFixture.t1
    static let now = ServiceFixture.now

    /// Four members, a program of pairs for everyone, one session; the snapshot and
    /// the result a matcher computed from it.
    static func matched(_ fixture: ServiceFixture) async throws -> (SessionMatcher.Prepared, SessionMatcher.Outcome) {
        for name in ["ada", "bo", "cy", "di"] { _ = try await fixture.member("\(name)@example.com") }
        let programs = ProgramService(persistence: fixture.persistence)
        let program = try await programs.create(tenant: t1, at: now, id: ProgramID("p1"), ServiceFixture.draft())
        let session = try await programs.addSession(to: program.id, matchAt: now.addingTimeInterval(86_400), tenant: t1, at: now)
        let prepared = try await fixture.persistence.read { tx in
            try SessionMatcher.prepare(session: session.id.rawValue, tenant: t1, at: now, in: tx)
        }
        let outcome = try SessionMatcher.run(prepared, seed: 1, at: now)
        #expect(outcome.result.groups.count == 2)
        return (prepared, outcome)
    }

    static func canCommit(_ fixture: ServiceFixture, _ prepared: SessionMatcher.Prepared,
                          _ outcome: SessionMatcher.Outcome) async throws -> Bool {
        try await fixture.persistence.read { tx in
            let decision = try SessionMatcher.canCommit(outcome, of: prepared, tenant: t1, at: now, in: tx)
            // What the storage closures capture (issue 16): without the members, the same decision.
            #expect(try SessionMatcher.canCommit(outcome, of: prepared.forCommitCheck, tenant: t1, at: now, in: tx) == decision)
            return decision
        }
    }

    @Test("a member who arrives after the snapshot does not stop the commit (continuous provisioning)")
    func newMemberArrives() async throws {
        try await ServiceFixture.with { fixture in
            let (prepared, outcome) = try await Self.matched(fixture)
            _ = try await MemberService(persistence: fixture.persistence).add(
                ManualEntry(givenName: "Ed", familyName: "New", email: "ed@example.com"), id: MemberID("m-ed"),
                sendsWelcomeEmail: false, tenant: Self.t1, at: Self.now.addingTimeInterval(60))
            #expect(try await Self.canCommit(fixture, prepared, outcome))
        }
    }

    @Test("a participant deactivated after the snapshot stops the commit: the match runs again")
    func participantDeactivated() async throws {
        try await ServiceFixture.with { fixture in
            let (prepared, outcome) = try await Self.matched(fixture)
            let participant = MemberID(outcome.result.groups[0].members[0].rawValue)
            _ = try await MemberService(persistence: fixture.persistence).apply(
                to: participant, tenant: Self.t1, at: Self.now.addingTimeInterval(60)) { member, now throws(MemberError) in
                try LocalStatusTransition.set(member, to: .inactive(.admin), at: now)
            }
            #expect(try await !Self.canCommit(fixture, prepared, outcome))
        }
    }

    @Test("the live members read a page at a time (several short reads, issue 16) give the selection one snapshot gives")
    func pagedPreparation() async throws {
        try await ServiceFixture.with { fixture in
            let count = SessionMatcher.membersPerRead + 7
            let members = try (0..<count).map { index in
                Member(id: MemberID("m\(index)"), tenantID: Self.t1, userName: "u\(index)@example.com", givenName: "U",
                       familyName: "\(index)", emails: [try EmailAddress("u\(index)@example.com")], source: .manual,
                       createdAt: Self.now)
            }
            try await fixture.persistence.write { tx in for member in members { try tx.members.save(member) } }
            let programs = ProgramService(persistence: fixture.persistence)
            let program = try await programs.create(tenant: Self.t1, at: Self.now, id: ProgramID("p1"), ServiceFixture.draft())
            let session = try await programs.addSession(to: program.id, matchAt: Self.now.addingTimeInterval(86_400), tenant: Self.t1,
                                                        at: Self.now)
            let paged = try await SessionMatcher.prepare(session: session.id.rawValue, tenant: Self.t1, at: Self.now,
                                                         persistence: fixture.persistence)
            let single = try await fixture.persistence.read { tx in
                try SessionMatcher.prepare(session: session.id.rawValue, tenant: Self.t1, at: Self.now, in: tx)
            }
            #expect(paged.members.count == count && Set(paged.members.keys) == Set(single.members.keys))
            // Read in two id ranges at once (issue 16), moved out of the candidates: the same members.
            #expect(paged.members == single.members)
            #expect(paged.selection.audienceSize == count && paged.selection.audienceSize == single.selection.audienceSize)
            #expect(paged.fingerprint == single.fingerprint && paged.membersStamp == single.membersStamp)
            // Read in id order ("m10" before "m2"), one read in creation order: the same selection.
            #expect(paged.selection == single.selection && paged.selection.participants.count == count)
        }
    }
}

/// A program bound to a connection (issue 14, a Teams team): a leaver between the snapshot
/// and the commit.
extension SessionMatcherCommitTests {
    @Test("a participant who left the program's team after the snapshot stops the commit; an unchanged team does not")
    func teamLeaverAfterSnapshot() async throws {
        try await ServiceFixture.with { fixture in
            let connection = ConnectionID("team-1")
            var members: [Member] = []
            for name in ["ada", "bo", "cy", "di"] { members.append(try await fixture.member("\(name)@example.com")) }
            try await fixture.persistence.write { [members] tx in
                try tx.connections.save(StoredConnection(id: connection, tenant: Self.t1, kind: .teams, name: "Team", settings: "{}",
                                                         sealedCredentials: "sealed", credentialHint: "WXYZ", createdAt: Self.now,
                                                         nextRunAt: nil))
                for (index, member) in members.enumerated() {
                    try tx.connections.saveLinks([SourceLink(connectionID: connection, sourceID: "u\(index)")], of: connection,
                                                 member: member.id, tenant: Self.t1)
                }
            }
            let programs = ProgramService(persistence: fixture.persistence)
            let program = try await programs.create(tenant: Self.t1, at: Self.now, id: ProgramID("p1"),
                                                    ServiceFixture.draft(audience: .connection(connection)))
            let session = try await programs.addSession(to: program.id, matchAt: Self.now.addingTimeInterval(86_400), tenant: Self.t1,
                                                        at: Self.now)
            let prepared = try await fixture.persistence.read { tx in
                try SessionMatcher.prepare(session: session.id.rawValue, tenant: Self.t1, at: Self.now, in: tx)
            }
            let outcome = try SessionMatcher.run(prepared, seed: 1, at: Self.now)
            #expect(outcome.result.groups.flatMap(\.members).count == 4)
            #expect(try await Self.canCommit(fixture, prepared, outcome), "nothing changed")

            // The team's run lets Ada go: her link turns inactive, the member itself unchanged
            // (another source, or none that deactivates her yet).
            let leaver = try #require(members.first { $0.userName.hasPrefix("ada") })
            try await fixture.persistence.write { tx in
                try tx.connections.saveLinks([SourceLink(connectionID: connection, sourceID: "u0", isActive: false)], of: connection,
                                             member: leaver.id, tenant: Self.t1)
            }
            #expect(try await !Self.canCommit(fixture, prepared, outcome), "the leaver would be matched: the match runs again")
        }
    }
}

/// Whom a session gives priority to: the members left out by the program's session
/// matched last.
@Suite("SessionMatcher — priority from the session matched last")
struct SessionMatcherPriorityTests {
    static let t1 = ServiceFixture.t1
    static let now = ServiceFixture.now

    @Test("the next session's snapshot gives priority to whom the session matched last left out, whatever the scheduled order")
    func priorityFromLastMatched() async throws {
        try await ServiceFixture.with { fixture in
            // Three members; each of the first two sessions keeps one of them (the others
            // sit it out), who is left out alone, with priority next time.
            var added: [MemberID] = []
            for name in ["ada", "bo", "cy"] { added.append(try await fixture.member("\(name)@example.com").id) }
            let members = added
            let programs = ProgramService(persistence: fixture.persistence)
            let program = try await programs.create(tenant: Self.t1, at: Self.now, id: ProgramID("p1"), ServiceFixture.draft())
            let matcher = SessionMatcher(persistence: fixture.persistence)
            let later = try await programs.addSession(to: program.id, matchAt: Self.now.addingTimeInterval(3 * 86_400),
                                                      tenant: Self.t1, at: Self.now)
            let earlier = try await programs.addSession(to: program.id, matchAt: Self.now.addingTimeInterval(2 * 86_400),
                                                        tenant: Self.t1, at: Self.now)
            let next = try await programs.addSession(to: program.id, matchAt: Self.now.addingTimeInterval(4 * 86_400),
                                                     tenant: Self.t1, at: Self.now)
            let before = try await fixture.persistence.read { tx in
                try SessionMatcher.snapshot(session: next.id.rawValue, tenant: Self.t1, in: tx).priority
            }
            #expect(before.isEmpty, "no session matched yet")
            for (session, kept) in [(later, members[0]), (earlier, members[1])] {
                try await fixture.persistence.write { tx in
                    var stored = try #require(try tx.sessions.session(id: session.id, tenant: Self.t1))
                    for member in members where member != kept {
                        stored = try SessionTransition.optOut(stored, member: member, at: Self.now)
                    }
                    try tx.sessions.update(stored)
                }
            }
            // The later-scheduled session is matched first, the earlier one last.
            let first = try await matcher.match(session: later.id.rawValue, tenant: Self.t1, at: Self.now.addingTimeInterval(60))
            let last = try await matcher.match(session: earlier.id.rawValue, tenant: Self.t1, at: Self.now.addingTimeInterval(120))
            #expect(first.result.priorityNextSession.map(\.rawValue) == [members[0].rawValue])
            #expect(last.result.priorityNextSession.map(\.rawValue) == [members[1].rawValue])
            let priority = try await fixture.persistence.read { tx in
                try SessionMatcher.snapshot(session: next.id.rawValue, tenant: Self.t1, in: tx).priority
            }
            #expect(priority == Set(last.result.priorityNextSession))
        }
    }
}
