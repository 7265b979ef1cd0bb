import Coffee
import FoundationEssentials
import Store

extension SessionMatcher {
    /// What a run reads: the program, the session, the selection, the history and the
    /// last session's leftovers, and what the commit compares.
    struct Prepared: Sendable {
        var program: Program
        var session: Session
        var selection: ParticipantSelection
        var history: MatchHistory
        var priority: Set<ParticipantID>
        /// The tenant's live members as read, page after page in id order.
        var memberPages: [[Member]]
        var fingerprint: String
        /// The latest member change seen before the members were read.
        var membersStamp: Date?
        /// What the introductions name besides the members.
        var introductions: IntroductionContext

        /// The members read, by id: built on each use — read it once — and only where a
        /// step needs it (a preview's names, the notices of members left out), not on the
        /// way to the engine (issue 16: 100,000 members moved into a dictionary, a core
        /// busy while the other one idled).
        var members: [String: Member] { SessionMatcher.byID(memberPages) }

        /// The members read whose id is in `ids`, by id: a few members (those left
        /// unmatched) without building the dictionary of all (issue 16: 100,000 members
        /// copied into it, 0.1 s of CPU, to name none).
        func members(_ ids: some Sequence<ParticipantID>) -> [String: Member] {
            let wanted = Set(ids.lazy.map(\.rawValue))
            guard !wanted.isEmpty else { return [:] }
            var found: [String: Member] = [:]
            for page in memberPages {
                for member in page where wanted.contains(member.id.rawValue) && found[member.id.rawValue] == nil {
                    found[member.id.rawValue] = member
                }
            }
            return found
        }

        /// What ``canCommit(_:of:tenant:at:in:)`` compares, without the members, the
        /// selection and the history: what a storage closure captures (issue 16: the
        /// writer freed the 100,000 members the commit's closure held last).
        var forCommitCheck: Prepared {
            var lean = self
            lean.memberPages = []
            lean.selection = ParticipantSelection(participants: [], excluded: [], audienceSize: 0)
            lean.history = MatchHistory()
            lean.priority = []
            return lean
        }
    }

    /// Everything a run reads but the members, from one snapshot.
    struct Snapshot: Sendable {
        var program: Program
        var session: Session
        var groupsByMember: [String: Set<GroupID>]
        var managers: [String: MemberID]
        var sources: [MemberID: Set<ConnectionID>]
        var preferences: [ProgramPreference]
        var history: MatchHistory
        var priority: Set<ParticipantID>
        var fingerprint: String
        var membersStamp: Date?
        var introductions: IntroductionContext
    }

    /// Live members read per short read transaction by ``prepare(session:tenant:at:persistence:)``.
    static let membersPerRead = 1_000

    /// The id ranges ``prepare(session:tenant:at:persistence:)`` reads at once, each on
    /// its own reader (issue 16: the machine's two cores decode two pages at a time).
    static let concurrentReads = 2

    /// Prepares a run without holding a reader for long (issue 16: one read of 100,000
    /// members and the selection inside it held a reader's queue — and the SCIM requests
    /// queued on it — for a second): one short snapshot of everything but the members,
    /// then the live members ``membersPerRead`` at a time along the (tenant, id) key, in
    /// ``concurrentReads`` id ranges read at once (each read on the next reader, between
    /// requests), each range's members selected off the storage threads as its pages
    /// arrive (issue 16: the selection of 100,000 members, after every page was read, left
    /// a core idle), and the ranges' selections joined.
    ///
    /// The snapshot reads what the commit compares (the fingerprint, the latest member
    /// change) before any member: a member changed while the pages are read is changed
    /// after that stamp, so ``canCommit`` re-checks it if it was selected — as it re-checks
    /// a member changed after a single snapshot. Reading the ranges at once changes only
    /// which pages are read at the same time: each page is still its own read, every page
    /// starts after the snapshot, and the ranges (cut by ids the snapshot read) together
    /// cover every id, whatever was created or changed since — the same guarantee as
    /// one page after another.
    static func prepare(session id: String, tenant: Store.TenantID, at date: Date,
                        persistence: any Persistence) async throws -> Prepared {
        try await withTaskExecutorPreference(globalConcurrentExecutor) {
            let (snapshot, boundaries) = try await persistence.read { db in
                (try Self.snapshot(session: id, tenant: tenant, in: db),
                 try db.members.memberIDBoundaries(tenant: tenant, parts: Self.concurrentReads))
            }
            let ranges = Array(zip([""] + boundaries, boundaries.map(Optional.some) + [nil]))
            // Each range's pages as read and its selection, range after range: in id order,
            // so that the joined selection's sort by id finds them sorted (issue 16: neither
            // copied into one array nor put back in creation order — that sorted 100,000
            // positions and copied every member again).
            let reads = try await withThrowingTaskGroup(of: (Int, RangeRead).self) { group in
                for (index, (after, through)) in ranges.enumerated() {
                    group.addTask {
                        (index, try await Self.read(snapshot, tenant: tenant, after: after, through: through, at: date,
                                                    persistence: persistence))
                    }
                }
                var byRange = [RangeRead?](repeating: nil, count: ranges.count)
                for try await (index, read) in group { byRange[index] = read }
                return byRange.compactMap { $0 }
            }
            return Self.prepared(snapshot, selection: ParticipantSelection.joined(reads.map(\.selection)),
                                 pages: reads.flatMap(\.pages))
        }
    }

    /// The pages of one id range of the live members and the selection of their members.
    struct RangeRead: Sendable {
        var pages: [[Member]]
        var selection: ParticipantSelection
    }

    /// The pages of the live members whose id is in (`after`, `through`] (no upper bound
    /// when `nil`), in id order, ``membersPerRead`` at a time, each in its own read, and
    /// the selection of their members for the snapshot's session, each page selected as
    /// soon as it is read (CPU only, off the storage threads).
    static func read(_ snapshot: Snapshot, tenant: Store.TenantID, after first: String, through: String?, at date: Date,
                     persistence: any Persistence) async throws -> RangeRead {
        var selector = try Self.selector(snapshot, at: date, expectedCount: 0)
        var pages: [[Member]] = [], after = first
        while true {
            let from = after
            let page = try await persistence.read { db in
                try db.members.liveMembers(tenant: tenant, afterID: from, throughID: through, limit: Self.membersPerRead)
            }
            Self.consider(page, of: snapshot, into: &selector)
            let full = page.count == Self.membersPerRead
            if let last = page.last { after = last.id.rawValue }
            pages.append(page)
            guard full else { return RangeRead(pages: pages, selection: selector.finish()) }
        }
    }

    /// Prepares a run from one snapshot, `db`.
    static func prepare(session id: String, tenant: Store.TenantID, at date: Date, in db: any StorageTransaction) throws -> Prepared {
        let snapshot = try snapshot(session: id, tenant: tenant, in: db)
        return try select(snapshot, pages: [try db.members.liveMembers(tenant: tenant)], at: date)
    }

    /// Everything but the members, what the commit compares first.
    static func snapshot(session id: String, tenant: Store.TenantID, in db: any StorageTransaction) throws -> Snapshot {
        guard let session = try db.sessions.session(id: SessionID(id), tenant: tenant) else { throw Failure.sessionNotFound(id) }
        guard let program = try db.programs.program(id: session.programID, tenant: tenant) else {
            throw Failure.programNotFound(id)
        }
        let fingerprint = try db.sessions.selectionFingerprint(tenant: tenant, session: SessionID(id),
                                                               includingGroups: program.audience.dependsOnGroups)
        // With no member yet, any member read later is checked at the commit.
        let membersStamp = try db.members.latestUpdate(tenant: tenant) ?? Date(timeIntervalSince1970: 0)
        let groupsByMember = try db.groups.userMemberships(tenant: tenant)
        let managers = program.matching.rules.contains { if case .notWithManager = $0 { true } else { false } }
            ? try db.members.managers(tenant: tenant) : [:]
        // A program bound to a connection (a Teams team): the members its source keeps now.
        let sources = program.audience.dependsOnSources ? try activeSources(tenant: tenant, in: db) : [:]
        // The hard window and a few sessions more, for the decaying penalty on older meetings.
        let depth = max(program.matching.repeatWindow * 2, 12)
        let recent = try db.sessions.history(program: program.avoidsRepeatsAcrossPrograms ? nil : program.id,
                                             tenant: tenant, sessions: depth, excluding: SessionID(id))
        // The session matched last (in the order of matching, not by scheduled time).
        let priority = try db.sessions.latestResult(program: program.id, tenant: tenant).map { Set($0.priorityNextSession) } ?? []
        return Snapshot(program: program, session: session, groupsByMember: groupsByMember, managers: managers, sources: sources,
                        preferences: try db.programs.preferences(program: program.id, tenant: tenant),
                        history: MatchHistory(sessions: recent.reversed()), priority: priority, fingerprint: fingerprint,
                        membersStamp: membersStamp,
                        introductions: try introductionContext(rules: program.matching.rules, tenant: tenant, in: db))
    }

    /// The selection of the members in `pages` for the snapshot's session (CPU only), each
    /// member borrowed by the selector.
    static func select(_ snapshot: Snapshot, pages: [[Member]], at date: Date) throws -> Prepared {
        let count = pages.reduce(0) { $0 + $1.count }
        var selector = try Self.selector(snapshot, at: date, expectedCount: count)
        for index in pages.indices { Self.consider(pages[index], of: snapshot, into: &selector) }
        return Self.prepared(snapshot, selection: selector.finish(), pages: pages)
    }

    /// A selector for the snapshot's session at `date`.
    static func selector(_ snapshot: Snapshot, at date: Date, expectedCount: Int) throws -> ParticipantSelector {
        try ParticipantSelector(program: snapshot.program, session: snapshot.session, preferences: snapshot.preferences,
                                at: date, expectedCount: expectedCount)
    }

    /// Considers each member of `page`, borrowed (issue 16: passing `pages[p][i]` copied
    /// every member, retaining each of its strings, and destroyed the copy), with its
    /// groups, manager and sources from the snapshot (not looked up when there are none).
    static func consider(_ page: [Member], of snapshot: Snapshot, into selector: inout ParticipantSelector) {
        let groups = snapshot.groupsByMember, managers = snapshot.managers, sources = snapshot.sources
        page.withUnsafeBufferPointer { members in
            for index in members.indices {
                let id = members[index].id
                selector.consider(members[index], groupIDs: groups.isEmpty ? [] : groups[id.rawValue] ?? [],
                                  managerID: managers.isEmpty ? nil : managers[id.rawValue],
                                  connectionIDs: sources.isEmpty ? [] : sources[id] ?? [])
            }
        }
    }

    /// The run prepared from `snapshot` with `selection` and the members of `pages`.
    static func prepared(_ snapshot: Snapshot, selection: ParticipantSelection, pages: [[Member]]) -> Prepared {
        Prepared(program: snapshot.program, session: snapshot.session, selection: selection, history: snapshot.history,
                 priority: snapshot.priority, memberPages: pages,
                 fingerprint: snapshot.fingerprint, membersStamp: snapshot.membersStamp,
                 introductions: snapshot.introductions)
    }

    /// The members of `pages` by id (of a member read twice, the one read first).
    static func byID(_ pages: [[Member]]) -> [String: Member] {
        var members: [String: Member] = [:]
        members.reserveCapacity(pages.reduce(0) { $0 + $1.count })
        for page in pages.reversed() {
            for member in page.reversed() { members[member.id.rawValue] = member }
        }
        return members
    }

    /// The connections that keep each member active (its active links).
    static func activeSources(tenant: Store.TenantID, in db: any StorageTransaction) throws -> [MemberID: Set<ConnectionID>] {
        try db.connections.links(tenant: tenant).compactMapValues { links in
            let active = Set(links.filter(\.isActive).map(\.connectionID))
            return active.isEmpty ? nil : active
        }
    }
}
