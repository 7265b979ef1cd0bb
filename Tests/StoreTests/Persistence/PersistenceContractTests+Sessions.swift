import Coffee
import Foundation
import Synchronization
import Testing
@testable import Store

/// Programs, sessions and the outbox through the port, the same assertions on both backends.
@Suite("Persistence contract — programs, sessions, outbox on SQLite and PostgreSQL")
struct PersistenceContractSessionTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let people = (0..<4).map { Participant(id: ParticipantID("m\($0)")) }

    static func program(_ id: String, tenant: TenantID, name: String = "Coffee", at date: Date = start) throws -> Program {
        let draft = ProgramDraft(name: name, schedule: .once(at: start.addingTimeInterval(86_400 * 30), optInOpensAt: nil))
        return try ProgramTransition.create(id: ProgramID(id), tenantID: tenant, draft: draft, at: date)
    }

    /// Two tenants; programs `p1` and `p2` of the first, and `p1` of the other (the same id
    /// in another tenant).
    static func programsOfTwoTenants(_ backend: BackendUnderTest) async throws
        -> (tenant: TenantID, other: TenantID, program: Program, second: Program, elsewhere: Program) {
        let tenant = try await backend.tenant()
        let other = try await backend.tenant("other")
        return (tenant, other, try program("p1", tenant: tenant), try program("p2", tenant: tenant), try program("p1", tenant: other))
    }

    /// A session of `program` matching at `matchAt` and opening a day before, with
    /// `optedIn` members opted in (`m0`, `m1`…).
    static func session(_ program: Program, _ state: SessionState = .scheduled, matchAt: Date, optedIn: Int = 0) -> Session {
        Session(id: SessionID(programID: program.id, matchAt: matchAt), programID: program.id, tenantID: program.tenantID,
                state: state, opensAt: matchAt.addingTimeInterval(-86_400), matchAt: matchAt,
                optedIn: Set((0..<optedIn).map { MemberID("m\($0)") }), createdAt: start)
    }

    @Test("programs: upsert, oldest first, preferences upserted, delete takes sessions and preferences along",
          arguments: StorageBackend.allCases)
    func programs(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let second = try Self.program("p2", tenant: tenant, at: Self.start.addingTimeInterval(1.25))
            let first = try Self.program("p1", tenant: tenant)
            var renamed = first
            renamed.name = "Renamed"
            let stored = renamed  // a program saved again under another name
            try await backend.persistence.write { tx in
                try tx.programs.save(second)
                try tx.programs.save(first)
                try tx.programs.save(stored)
                try tx.programs.save(ProgramPreference(memberID: MemberID("m1"), programID: first.id), tenant: tenant)
                try tx.programs.save(ProgramPreference(memberID: MemberID("m1"), programID: first.id, hasLeft: true), tenant: tenant)
                _ = try tx.sessions.insert(Session.scheduled(for: first, matchAt: Self.start.addingTimeInterval(86_400), at: Self.start))
            }
            let read = try await backend.persistence.read { tx in
                (try tx.programs.programs(tenant: tenant), try tx.programs.program(id: ProgramID("p1"), tenant: tenant),
                 try tx.programs.preferences(program: stored.id, tenant: tenant), try tx.programs.tenantsWithPrograms())
            }
            #expect(read.0.map(\.id) == [ProgramID("p1"), ProgramID("p2")], "oldest first")
            #expect(read.1 == stored && read.0[1] == second, "a program reads back as saved, milliseconds included")
            #expect(read.2.map(\.hasLeft) == [true], "one preference per member and program, the last one saved")
            #expect(read.3 == [tenant])
            // One member's preference by key: the one saved last, none for another member,
            // program or tenant.
            let other = try await backend.tenant("other")
            let one = try await backend.persistence.read { tx in
                (try tx.programs.preference(program: stored.id, member: MemberID("m1"), tenant: tenant),
                 try tx.programs.preference(program: stored.id, member: MemberID("m2"), tenant: tenant),
                 try tx.programs.preference(program: second.id, member: MemberID("m1"), tenant: tenant),
                 try tx.programs.preference(program: stored.id, member: MemberID("m1"), tenant: other))
            }
            #expect(one.0 == read.2.first && one.0?.hasLeft == true)
            #expect(one.1 == nil && one.2 == nil && one.3 == nil)
            let gone = try await backend.persistence.write { tx in
                try tx.programs.delete(id: stored.id, tenant: tenant)
                return (try tx.programs.program(id: stored.id, tenant: tenant), try tx.sessions.sessions(tenant: tenant),
                        try tx.programs.preferences(program: stored.id, tenant: tenant))
            }
            #expect(gone.0 == nil && gone.1.isEmpty && gone.2.isEmpty)
        }
    }

    @Test("nextSession: the program's earliest pending session after the instant; not one past, decided, of another program or tenant",
          arguments: StorageBackend.allCases)
    func nextSession(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let (tenant, other, program, second, elsewhere) = try await Self.programsOfTwoTenants(backend)
            let now = Self.start.addingTimeInterval(10 * 86_400)
            func session(_ program: Program, _ state: SessionState, inDays days: Double, optedIn: Int = 0) -> Session {
                Self.session(program, state, matchAt: now.addingTimeInterval(days * 86_400), optedIn: optedIn)
            }
            let open = session(program, .open, inDays: 3)
            let stored = [
                session(program, .closed, inDays: -7, optedIn: 50), session(program, .scheduled, inDays: -1),
                session(program, .cancelled, inDays: 1), session(program, .matched, inDays: 2),
                open, session(program, .scheduled, inDays: 10),
                session(second, .scheduled, inDays: 0.5), session(elsewhere, .scheduled, inDays: 0.5),
            ]
            try await backend.persistence.write { tx in
                for program in [program, second, elsewhere] { try tx.programs.save(program) }
                for session in stored { _ = try tx.sessions.insert(session) }
            }
            let read = try await backend.persistence.read { tx in
                (try tx.sessions.nextSession(program: program.id, tenant: tenant, after: now),
                 try tx.sessions.nextSession(program: program.id, tenant: tenant, after: open.matchAt),
                 try tx.sessions.nextSession(program: program.id, tenant: tenant, after: open.matchAt.addingTimeInterval(-0.001)),
                 try tx.sessions.nextSession(program: program.id, tenant: tenant, after: now.addingTimeInterval(11 * 86_400)),
                 try tx.sessions.nextSession(program: second.id, tenant: other, after: now))
            }
            #expect(read.0 == open, "the open session in 3 days, not the past, cancelled or matched ones")
            #expect(read.1?.matchAt == now.addingTimeInterval(10 * 86_400), "strictly after: at its match time, the next one")
            #expect(read.2 == open, "a millisecond before its match time it is still next")
            #expect(read.3 == nil && read.4 == nil)
            // In a write transaction (for update on PostgreSQL): the same session, and a
            // member's choice stored on it.
            let chosen = try await backend.persistence.write { tx in
                let next = try #require(try tx.sessions.nextSession(program: program.id, tenant: tenant, after: now))
                try tx.sessions.update(try SessionTransition.optOut(next, member: MemberID("m9"), at: now))
                return try tx.sessions.session(id: next.id, tenant: tenant)
            }
            #expect(chosen?.id == open.id && chosen?.optedOut == [MemberID("m9")])
        }
    }

    @Test("sessions a page at a time: by match time, after the page before's last, every one once; not another program's or tenant's",
          arguments: StorageBackend.allCases)
    func sessionPages(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let (tenant, other, program, second, elsewhere) = try await Self.programsOfTwoTenants(backend)
            // Eight sessions inserted out of order, one 80 ms past its second, and sessions
            // of the same instants in another program and in another tenant.
            let offsets: [Double] = [5, 1, 3.25, 2, 7, 4, 6]
            @Sendable func session(_ program: Program, _ offset: Double) -> Session {
                Self.session(program, matchAt: Self.start.addingTimeInterval(offset * 3_600), optedIn: Int(offset) * 7)
            }
            try await backend.persistence.write { tx in
                for program in [program, second, elsewhere] { try tx.programs.save(program) }
                for offset in offsets {
                    for owner in [program, second, elsewhere] { _ = try tx.sessions.insert(session(owner, offset)) }
                }
                _ = try tx.sessions.insert(session(program, 4.0003))
            }
            let all = try await backend.persistence.read { tx in try tx.sessions.sessions(program: program.id, tenant: tenant) }
            #expect(all.count == 8 && all.map(\.matchAt) == all.map(\.matchAt).sorted())
            // Every page from the first, each after the last one's match time (ten at most).
            func pages(limit: Int, maxBytes: Int) async throws -> [ProgramSessionPage] {
                var pages: [ProgramSessionPage] = []
                var after: Date?
                while pages.count <= 10 {
                    let from = after
                    let page = try await backend.persistence.read { tx in
                        try tx.sessions.sessions(program: program.id, tenant: tenant, matchingAfter: from, limit: limit, maxBytes: maxBytes)
                    }
                    pages.append(page)
                    guard page.hasMore, let last = page.sessions.last else { break }
                    after = last.matchAt
                }
                return pages
            }
            for limit in [1, 3, 7, 8, 20] {
                let pages = try await pages(limit: limit, maxBytes: 1 << 20)
                #expect(pages.flatMap(\.sessions) == all, "limit \(limit): every session once, in order, read back whole")
                #expect(pages.dropLast().allSatisfy { $0.sessions.count == limit && $0.hasMore })
                #expect(pages.last?.hasMore == false && pages.count == (all.count + limit - 1) / limit, "limit \(limit): no empty last page")
            }
            // A byte budget: pages end before the session that would pass it, never cut and
            // never empty (a session larger than the budget comes alone), and say more follow.
            let sizes = all.map { try? JSONText.encode($0).utf8.count }.compactMap { $0 }
            let budget = sizes.max() ?? 0
            let budgeted = try await pages(limit: 100, maxBytes: budget)
            #expect(budgeted.flatMap(\.sessions) == all)
            #expect(budgeted.count > 1 && budgeted.allSatisfy { !$0.sessions.isEmpty } && budgeted.last?.hasMore == false)
            for page in budgeted {
                let bytes = page.sessions.map { (try? JSONText.encode($0).utf8.count) ?? 0 }
                #expect(bytes.count == 1 || bytes.reduce(0, +) <= budget, "\(bytes) over \(budget)")
            }
            let alone = try await backend.persistence.read { tx in
                try tx.sessions.sessions(program: program.id, tenant: tenant, matchingAfter: nil, limit: 100, maxBytes: 1)
            }
            #expect(alone.sessions == [all[0]] && alone.hasMore, "a session over the budget comes alone")
            let read = try await backend.persistence.read { tx in
                (try tx.sessions.sessions(program: program.id, tenant: tenant, matchingAfter: all[2].matchAt.addingTimeInterval(-0.001),
                                          limit: 2, maxBytes: 1 << 20),
                 try tx.sessions.sessions(program: program.id, tenant: other, matchingAfter: nil, limit: 10, maxBytes: 1 << 20),
                 try tx.sessions.sessions(program: program.id, tenant: tenant, matchingAfter: all[7].matchAt, limit: 10, maxBytes: 1 << 20),
                 try tx.sessions.sessions(program: program.id, tenant: tenant, matchingAfter: nil, limit: 0, maxBytes: 1 << 20))
            }
            #expect(read.0.sessions == Array(all[2...3]) && read.0.hasMore, "a millisecond before a match time, that session comes first")
            #expect(read.1.sessions.map(\.tenantID) == Array(repeating: other, count: 7) && !read.1.hasMore,
                    "the other tenant's program of the same id, its own sessions")
            #expect(read.2.sessions.isEmpty && !read.2.hasMore && read.3.sessions.isEmpty)
        }
    }

    @Test("sessionsToPlan: pending sessions and each program's latest; the planner's plan over them is its plan over all; pendingSessions",
          arguments: StorageBackend.allCases)
    func sessionsToPlan(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let other = try await backend.tenant("other")
            let weekly = Schedule.recurring(everyWeeks: 1, weekday: 1, time: TimeOfDay(hour: 9, minute: 30),
                                            timeZoneIdentifier: "Europe/Paris", optInWindow: 48 * 3_600, startingFrom: Self.start)
            var active: [Program] = []
            for (index, name) in ["p1", "p2", "p3"].enumerated() {
                var program = try ProgramTransition.activate(try Self.program(name, tenant: tenant), at: Self.start)
                if index < 2 { program.schedule = weekly }
                active.append(program)
            }
            let programs = active
            let elsewhere = try Self.program("p1", tenant: other)
            @Sendable func session(_ program: Program, _ state: SessionState, week: Int) -> Session {
                let matchAt = Self.start.addingTimeInterval(Double(week) * 7 * 86_400)
                return Session(id: SessionID(programID: program.id, matchAt: matchAt), programID: program.id,
                               tenantID: program.tenantID, state: state, opensAt: matchAt.addingTimeInterval(-2 * 86_400),
                               matchAt: matchAt, optedIn: [MemberID("m\(week)")], createdAt: Self.start)
            }
            // p1: a history, an overdue scheduled one, an open one and a later scheduled one;
            // p2: a history only, its latest cancelled; p3: none.
            let p1 = [session(programs[0], .closed, week: 1), session(programs[0], .matched, week: 2),
                      session(programs[0], .scheduled, week: 3), session(programs[0], .cancelled, week: 4),
                      session(programs[0], .open, week: 5), session(programs[0], .scheduled, week: 6)]
            let p2 = [session(programs[1], .closed, week: 1), session(programs[1], .closed, week: 2),
                      session(programs[1], .cancelled, week: 3)]
            let stored = p1 + p2 + [session(elsewhere, .scheduled, week: 1), session(elsewhere, .closed, week: 9)]
            try await backend.persistence.write { tx in
                for program in programs + [elsewhere] { try tx.programs.save(program) }
                for session in stored { _ = try tx.sessions.insert(session) }
            }
            let read = try await backend.persistence.read { tx in
                (try tx.sessions.sessionsToPlan(tenant: tenant, program: nil),
                 try tx.sessions.sessionsToPlan(tenant: tenant, program: programs[1].id),
                 try tx.sessions.sessionsToPlan(tenant: tenant, program: programs[2].id),
                 try tx.sessions.sessions(tenant: tenant))
            }
            #expect(read.0.map(\.id) == [p1[2], p2[2], p1[4], p1[5]].map(\.id), "pending ones and each latest, by match time and id")
            #expect(read.0[1] == p2[2], "read whole, opt-ins included")
            #expect(read.1.map(\.id) == [p2[2].id] && read.2.isEmpty)
            // What is coming: the pending sessions alone, of the tenant asked for.
            let pending = try await backend.persistence.read { tx in
                (try tx.sessions.pendingSessions(tenant: tenant), try tx.sessions.pendingSessions(tenant: other))
            }
            #expect(pending.0 == [p1[2], p1[4], p1[5]], "by match time, read whole")
            #expect(pending.1.map(\.id) == [stored[9].id])
            // The plan is the same over these as over every session, at instants before,
            // between and after them.
            #expect(read.3.count == 9)
            for days in stride(from: -3.0, through: 60, by: 2.5) {
                let now = Self.start.addingTimeInterval(days * 86_400)
                #expect(SchedulePlanner.plan(programs: programs, sessions: read.0, now: now)
                        == SchedulePlanner.plan(programs: programs, sessions: read.3, now: now), "at \(days) days")
            }
        }
    }

    @Test("matchedSessions: the last n matched or closed sessions, oldest first: what the statistics count of all; listing",
          arguments: StorageBackend.allCases)
    func matchedSessions(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let program = try Self.program("p1", tenant: tenant)
            let other = try Self.program("p2", tenant: tenant)
            try await backend.persistence.write { tx in
                try tx.programs.save(program)
                try tx.programs.save(other)
            }
            // Matched in another order than scheduled; one closed, one cancelled, one pending,
            // and a matched one of another program.
            var matched: [Session] = []
            for (days, seed) in [(3.0, 1), (1.0, 2), (2.0, 3)] as [(Double, UInt64)] {
                matched.append(try await Self.match(program, scheduledIn: days, matchedAt: Self.start.addingTimeInterval(days * 86_400 + 60),
                                                    seed: seed, in: backend.persistence).0)
            }
            _ = try await Self.match(other, scheduledIn: 2.5, matchedAt: Self.start.addingTimeInterval(2.5 * 86_400), seed: 4,
                                     in: backend.persistence)
            let closed = try SessionTransition.close(matched[1], at: Self.start.addingTimeInterval(5 * 86_400))
            let cancelled = try SessionTransition.cancel(Session.scheduled(for: program, matchAt: Self.start.addingTimeInterval(4 * 86_400),
                                                                           at: Self.start), reason: .byAdmin, at: Self.start)
            try await backend.persistence.write { tx in
                try tx.sessions.update(closed)
                _ = try tx.sessions.insert(cancelled)
                _ = try tx.sessions.insert(Session.scheduled(for: program, matchAt: Self.start.addingTimeInterval(6 * 86_400), at: Self.start))
            }
            let all = try await backend.persistence.read { tx in try tx.sessions.sessions(program: program.id, tenant: tenant) }
            #expect(all.count == 5)
            // The console's list of them: the same rows, from the columns alone.
            let listing = try await backend.persistence.read { tx in try tx.sessions.listing(program: program.id, tenant: tenant) }
            #expect(listing == all.map(SessionListing.init), "id, state and match time of each, by match time")
            for last in [-1, 0, 1, 2, 3, 4] {
                let read = try await backend.persistence.read { tx in
                    try tx.sessions.matchedSessions(program: program.id, tenant: tenant, last: last)
                }
                #expect(read == ProgramStatistics.counted(all, last: last), "last \(last)")
            }
            let two = try await backend.persistence.read { tx in try tx.sessions.matchedSessions(program: program.id, tenant: tenant, last: 2) }
            #expect(two.map(\.id) == [matched[2].id, matched[0].id], "scheduled in 2 and 3 days, oldest first")
        }
    }

    /// Creates a session scheduled `days` after the start, and matches it at `matchedAt`.
    static func match(_ program: Program, scheduledIn days: Double, matchedAt: Date, seed: UInt64,
                      in persistence: any Persistence) async throws -> (Session, MatchingResult) {
        let session = Session.scheduled(for: program, matchAt: start.addingTimeInterval(days * 86_400), at: start)
        let result = MatchingEngine.run(MatchingInput(participants: people, configuration: program.matching,
                                                      history: MatchHistory(), priority: [], seed: seed))
        let matched = try SessionTransition.match(try SessionTransition.open(session, at: matchedAt), result: result,
                                                  audienceSize: people.count, at: matchedAt)
        let inserted = try await persistence.write { tx in
            let first = try tx.sessions.insert(session)
            let again = try tx.sessions.insert(session)
            try tx.sessions.update(matched)
            try tx.sessions.saveResult(result, of: matched)
            return (first, again)
        }
        #expect(inserted.0 && !inserted.1, "a round is inserted once")
        return (matched, result)
    }

    static func pairs(_ groups: [[ParticipantID]]) -> Set<Set<ParticipantID>> { Set(groups.map(Set.init)) }

    @Test("sessions: history in the order sessions were matched, excluding one; results, unavailability, fingerprint",
          arguments: StorageBackend.allCases)
    func sessions(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let program = try Self.program("p1", tenant: tenant)
            try await backend.persistence.write { tx in try tx.programs.save(program) }
            var matched: [(Session, MatchingResult)] = []
            for (index, days) in [9.0, 5, 1].enumerated() {
                matched.append(try await Self.match(program, scheduledIn: days,
                                                    matchedAt: Self.start.addingTimeInterval(Double(index) * 3_600),
                                                    seed: UInt64(index), in: backend.persistence))
            }
            let last = matched[2].0.id
            let read = try await backend.persistence.read { tx in
                (try tx.sessions.history(program: ProgramID("p1"), tenant: tenant, sessions: 10),
                 try tx.sessions.history(program: nil, tenant: tenant, sessions: 1),
                 try tx.sessions.history(program: ProgramID("p1"), tenant: tenant, sessions: 10, excluding: last),
                 try tx.sessions.sessions(program: ProgramID("p1"), tenant: tenant).map(\.id),
                 try tx.sessions.result(session: last, tenant: tenant), try tx.sessions.session(id: last, tenant: tenant),
                 try tx.sessions.selectionFingerprint(tenant: tenant, session: last, includingGroups: true),
                 try tx.sessions.latestResult(program: ProgramID("p1"), tenant: tenant),
                 try tx.sessions.latestResult(program: ProgramID("p2"), tenant: tenant))
            }
            #expect(read.7 == matched[2].1, "the result of the session matched last, though scheduled first")
            #expect(read.8 == nil)
            #expect(read.0.count == 3)
            for (stored, (_, result)) in zip(read.0, matched.reversed()) {
                #expect(Self.pairs(stored) == Self.pairs(result.groups.map(\.members)), "most recently matched first")
            }
            #expect(read.1.count == 1 && Self.pairs(read.1[0]) == Self.pairs(matched[2].1.groups.map(\.members)))
            #expect(read.2.count == 2, "the excluded session is not its own history")
            #expect(read.3 == matched.reversed().map(\.0.id), "sessions by scheduled time")
            #expect(read.4 == matched[2].1 && read.5 == matched[2].0)
            let member = try PersistenceContractTests.member("m0", tenant: tenant, email: "m0@example.com")
            let after = try await backend.persistence.write { tx in
                try tx.sessions.markUnavailable(member: MemberID("m0"), tenant: tenant)
                try tx.members.save(member)
                return (try tx.sessions.unavailableMembers(session: last, tenant: tenant),
                        try tx.sessions.selectionFingerprint(tenant: tenant, session: last, includingGroups: true),
                        try tx.members.updated(since: Date(timeIntervalSince1970: 0), tenant: tenant).map(\.id),
                        try tx.members.latestUpdate(tenant: tenant))
            }
            #expect(after.0 == ["m0"])
            #expect(after.1 == read.6, "members are checked one by one, not in the fingerprint")
            #expect(after.2 == [MemberID("m0")] && after.3 == member.updatedAt, "a member change is found since a snapshot")
        }
    }

    static func welcomes(_ count: Int, tenant: TenantID) throws -> [DomainEvent] {
        try (0..<count).map { index in
            DomainEvent.welcomeEmailRequested(WelcomeEmailRequested(
                header: EventHeader(tenantID: tenant, subject: "m\(index)", sequence: 1, occurredAt: start.addingTimeInterval(Double(index))),
                email: try EmailAddress("user\(index)@example.com"), givenName: "User \(index)", locale: "fr"))
        }
    }

    @Test("outbox: idempotent append, claims with leases, renew, release, delivery, failure, scrubbing",
          arguments: StorageBackend.allCases)
    func outbox(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let events = try Self.welcomes(5, tenant: tenant)
            let appended = try await backend.persistence.write { tx in
                (try tx.outbox.append(events), try tx.outbox.append(events))
            }
            #expect(appended == (5, 0), "an event already in the outbox is skipped")
            let now = Self.start.addingTimeInterval(10)
            let until = now.addingTimeInterval(60)
            let claims = try await backend.persistence.write { tx in
                (try tx.outbox.claimDue(by: "a", at: now, leaseUntil: until, limit: 3),
                 try tx.outbox.claimDue(by: "b", at: now, leaseUntil: until, limit: 10),
                 try tx.outbox.claimDue(by: "c", at: now, leaseUntil: until, limit: 10),
                 try tx.outbox.due(at: now, limit: 10), try tx.outbox.nextDue())
            }
            #expect(claims.0.map(\.subject) == ["m0", "m1", "m2"], "oldest first")
            #expect(claims.0.allSatisfy { $0.claimedBy == "a" && $0.leaseUntil == until && $0.status == .pending })
            #expect(claims.1.map(\.subject) == ["m3", "m4"] && claims.2.isEmpty && claims.3.isEmpty)
            #expect(claims.4 == until, "the next entry falls due when its lease expires")
            let seqs = claims.0.map(\.seq)
            let later = until.addingTimeInterval(1)
            let outcome = try await backend.persistence.write { tx in
                let renewed = try tx.outbox.renewLease(seq: seqs[0], by: "a", at: now, until: until.addingTimeInterval(600))
                let stolen = try tx.outbox.renewLease(seq: seqs[1], by: "b", at: now, until: until)
                try tx.outbox.markDelivered(seq: seqs[0], at: now, note: "one recipient left out")
                try tx.outbox.markFailed(seq: seqs[1], error: "refused", retryAt: later, at: now)
                try tx.outbox.markFailed(seq: seqs[2], error: "gone", retryAt: nil, at: now)
                try tx.outbox.release(claims.1.map(\.seq), by: "b")
                try tx.outbox.scrubPersonalData(subject: "m3", tenant: tenant)
                return (renewed, stolen, try tx.outbox.due(at: now, limit: 10).map(\.subject),
                        try tx.outbox.due(at: later, limit: 10).map(\.subject),
                        try tx.outbox.page(tenant: tenant, after: 0, limit: 10),
                        try tx.outbox.page(tenant: tenant, after: 0, limit: 10, kind: "MemberProvisioned").count,
                        try tx.outbox.about(subject: "m3", tenant: tenant, limit: 10))
            }
            #expect(outcome.0 && !outcome.1, "only the holder renews a lease")
            #expect(outcome.2 == ["m3", "m4"], "released entries are due at once")
            #expect(outcome.3 == ["m3", "m4", "m1"], "a failed attempt is retried at its time (due order)")
            let page = outcome.4
            #expect(page.map(\.status) == [.delivered, .pending, .failed, .pending, .pending])
            #expect(page[0].lastError == "one recipient left out" && page[0].attempts == 1 && page[0].leaseUntil == nil)
            #expect(page[1].attempts == 1 && page[1].nextAttemptAt == later && page[2].failedAt == now)
            #expect(outcome.5 == 0)
            let scrubbed = try #require(outcome.6.first)
            #expect(scrubbed.payload.email == nil && scrubbed.payload.givenName == nil && scrubbed.payload.locale == nil)
            #expect(page[4].payload.email == "user4@example.com" && page[4].payload.givenName == "User 4")
        }
    }

    @Test("outbox: two deliverers claiming at once never get the same entry, and every entry is claimed",
          arguments: StorageBackend.allCases)
    func concurrentClaims(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let events = try Self.welcomes(200, tenant: tenant)
            try await backend.persistence.write { tx in _ = try tx.outbox.append(events) }
            let now = Self.start.addingTimeInterval(1_000)
            let persistence = backend.persistence
            let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for deliverer in ["a", "b"] {
                    group.addTask {
                        var mine: [Int64] = []
                        while true {
                            let batch = try await persistence.write { tx in
                                try tx.outbox.claimDue(by: deliverer, at: now, leaseUntil: now.addingTimeInterval(60), limit: 7)
                            }
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.seq)
                        }
                    }
                }
                return try await group.reduce(into: [[Int64]]()) { $0.append($1) }
            }
            let all = claimed.flatMap { $0 }
            #expect(all.count == 200 && Set(all).count == 200, "each entry claimed exactly once")
        }
    }

    @Test("tenants and tokens: unique names, hashed tokens that authenticate until revoked", arguments: StorageBackend.allCases)
    func tenantsAndTokens(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let store = backend.store
            let tenant = try await store.createTenant(name: "acme")
            #expect(await storeErrorCode { _ = try await store.createTenant(name: "acme") } == .constraintUnique)
            #expect(await storeErrorCode { _ = try await store.createTenant(name: "") } == .constraintCheck)
            #expect(try await store.tenant(named: "acme") == tenant)
            #expect(try await store.tenant(id: tenant.id) == tenant)
            _ = try await store.createTenant(name: "Zeta")
            _ = try await store.createTenant(name: "beta")
            #expect(try await store.tenants().map(\.name) == ["Zeta", "acme", "beta"], "byte order")
            let issued = try await store.issueToken(tenant: tenant.id, kind: .scim, label: "IdP")
            #expect(await storeErrorCode {
                _ = try await store.issueToken(tenant: TenantID(rawValue: "missing"), kind: .scim, label: nil)
            } == .constraintForeignKey)
            #expect(try await store.authenticate(plaintext: issued.plaintext, kind: .scim) == tenant.id)
            #expect(try await store.authenticate(plaintext: issued.plaintext, kind: .admin) == nil)
            #expect(try await store.tokens(tenant: tenant.id).first?.lastUsedAt != nil, "a use is recorded")
            #expect(try await store.revokeToken(id: issued.record.id))
            #expect(try await !store.revokeToken(id: issued.record.id))
            #expect(try await store.authenticate(plaintext: issued.plaintext, kind: .scim) == nil)
            #expect(try await store.tokens(tenant: tenant.id).map(\.isRevoked) == [true])
        }
    }
}

extension PersistenceContractSessionTests {
    @Test("a session is matched once: a second result for it is refused and the history holds one",
          arguments: StorageBackend.allCases)
    func matchedOnce(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let program = try Self.program("p1", tenant: tenant)
            try await backend.persistence.write { tx in try tx.programs.save(program) }
            let (session, result) = try await Self.match(
                program, scheduledIn: 1, matchedAt: Self.start, seed: 1, in: backend.persistence)
            let persistence = backend.persistence
            let outcomes = await withTaskGroup(of: ResultCode?.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        await storeErrorCode { try await persistence.write { tx in try tx.sessions.saveResult(result, of: session) } }
                    }
                }
                return await group.reduce(into: [ResultCode?]()) { $0.append($1) }
            }
            #expect(outcomes.allSatisfy { $0 == .constraintUnique || $0 == .constraintPrimaryKey }, "\(outcomes)")
            #expect(try await persistence.read { tx in try tx.sessions.history(program: nil, tenant: tenant, sessions: 10).count } == 1)
        }
    }
}

extension PersistenceContractSessionTests {
    @Test("a result staged (Persistence.stage) member by member in id order, in several parts, is the same history and result as one written whole",
          arguments: StorageBackend.allCases)
    func stagedByMember(_ backend: StorageBackend) async throws {
        try await withBackend(backend) { backend in
            let tenant = try await backend.tenant()
            let program = try Self.program("p1", tenant: tenant)
            try await backend.persistence.write { tx in try tx.programs.save(program) }
            // Ids whose byte order differs from their group order.
            let people = ["z9", "a1", "M3", "b2", "Y0", "c4", "é5", "0x"].map { Participant(id: ParticipantID($0)) }
            let session = Session.scheduled(for: program, matchAt: Self.start.addingTimeInterval(86_400), at: Self.start)
            let result = MatchingEngine.run(MatchingInput(participants: people, configuration: program.matching,
                                                          history: MatchHistory(), priority: [], seed: 5))
            let matched = try SessionTransition.match(try SessionTransition.open(session, at: Self.start), result: result,
                                                      audienceSize: people.count, at: Self.start)
            let placements = GroupPlacement.byMember(result)
            #expect(placements.map(\.member.rawValue) == ["0x", "M3", "Y0", "a1", "b2", "c4", "z9", "é5"], "byte order of the ids")
            #expect(Set(placements) == Set(GroupPlacement.of(result, groups: result.groups.indices)))
            let encoded = try backend.persistence.encode(result)
            try await backend.persistence.write { tx in try tx.sessions.insert(session) }
            // Staged as a match stages them: commits that wait for the next durable write's flush.
            // The group rows in another split than the member rows (issue 16, 0030).
            let groups = HistoryGroup.of(result, groups: result.groups.indices)
            for part in [0..<3, 3..<5, 5..<8] {
                try await backend.persistence.stage { tx in
                    let cut = groups.count * part.lowerBound / 8..<groups.count * part.upperBound / 8
                    try tx.sessions.stageHistory(groups: groups[cut], placements: placements[part], of: matched,
                                                 matchedAt: Self.start, sequence: 1)
                }
            }
            #expect(try await backend.persistence.read { tx in try tx.sessions.history(program: nil, tenant: tenant, sessions: 5) }.isEmpty,
                    "staged rows are not history before the result is stored")
            try await backend.persistence.write { tx in
                try tx.sessions.update(matched)
                try tx.sessions.saveResult(encoded, of: matched)
            }
            let read = try await backend.persistence.read { tx in
                (try tx.sessions.history(program: nil, tenant: tenant, sessions: 5),
                 try tx.sessions.result(session: matched.id, tenant: tenant),
                 try people.map { try tx.sessions.groups(of: MemberID($0.id.rawValue), tenant: tenant, limit: 5) })
            }
            #expect(read.0.count == 1 && Self.pairs(read.0[0]) == Self.pairs(result.groups.map(\.members)))
            #expect(read.1 == result, "the encoded result reads back as the result")
            for (person, groups) in zip(people, read.2) {
                let number = result.groups.firstIndex { $0.members.contains(person.id) }
                #expect(groups.map(\.number) == [number].compactMap { $0 }, "\(person.id) is in its own group")
            }
        }
    }
}
