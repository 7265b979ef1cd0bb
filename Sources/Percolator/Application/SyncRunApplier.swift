import Coffee
import FoundationEssentials
import Store

/// How a run ends once applied: its record, and the connection given back with its next
/// scheduled run.
struct RunFinish: Sendable {
    /// The run's id.
    var runID: String
    /// When the run started.
    var startedAt: Date
    /// The connection's next scheduled run, if it has a schedule.
    var nextRunAt: Date?
    /// The instance holding the run.
    var owner: String
}

/// Applies one run's complete listing (issue 14), after ``UnchangedPeopleSieve`` sorted
/// it, in bounded write transactions so a large run never holds the single SQLite
/// writer for long:
///
/// - mostly unchanged people, nobody linked to plan, no leaver, and nobody to create: the
///   run changed nothing, and only its record is written — no member is loaded;
/// - otherwise the tenant's members are read (no write lock) and planned; then the
///   members the plan keeps or changes are written ``chunkSize`` at a time, then the
///   creations ``chunkSize`` at a time, and last, in one transaction with the run's
///   record, the removals (links no longer kept, deactivations) — decided only from the
///   complete listing, as before.
///
/// Every transaction first checks that this instance still holds the run (``LostRun``
/// otherwise), and writes a member only if it is still the version the plan was made
/// against (another door changed it meanwhile: left for the next run, whose fingerprint
/// check then plans it afresh); a creation whose address a live member took meanwhile is
/// left too. A run stopped between chunks keeps what it applied, and the next run
/// (idempotent) completes the rest: the people applied carry their fingerprints.
struct SyncRunApplier: Sendable {
    let persistence: any Persistence
    let connection: StoredConnection
    let context: SyncContext
    let unchanged: [UnchangedPerson]
    let fingerprints: [String: SyncFingerprint]
    let hasNoLeaver: Bool
    let at: Date
    let chunkSize: Int
    let finish: RunFinish

    /// An applier for the listing `sieve` sorted.
    init(persistence: any Persistence, connection: StoredConnection, sieve: UnchangedPeopleSieve, at now: Date,
         chunkSize: Int, finish: RunFinish) {
        self.persistence = persistence
        self.connection = connection
        self.context = sieve.context
        self.unchanged = sieve.unchanged
        self.fingerprints = sieve.fingerprints
        self.hasNoLeaver = sieve.leavers.isEmpty
        self.at = now
        self.chunkSize = max(1, chunkSize)
        self.finish = finish
    }

    /// Plans and applies `listing` (the people the sieve left for planning); returns the
    /// succeeded run, recorded.
    func apply(_ listing: SourceListing, linkedAmongPlanned: Bool) async throws -> ConnectionRun {
        if hasNoLeaver, !linkedAmongPlanned, unchanged.count >= listing.people.count {
            // Mostly unchanged, and nobody to plan is matched by link: without members, only
            // creations could differ (a first run, with everybody new, skips this try).
            let quick = SyncPlanner.plan(listing, unchanged: unchanged, members: [], context: context).plan
            if quick.isEmpty { return try await removeAndRecord(SyncPlan(), applied: quick) }
        }
        let tenant = connection.tenant
        let before = try await persistence.read { db in
            let links = try db.connections.links(tenant: tenant)
            return try db.members.liveMembers(tenant: tenant).map { LinkedMember(member: $0, links: links[$0.id] ?? []) }
        }
        let (plan, kept) = SyncPlanner.plan(listing, unchanged: unchanged, members: before, context: context)
        var planned: [MemberID: LinkedMember] = [:]
        for linked in before { planned[linked.member.id] = linked }

        // Every member the plan changes (bar removals), then those kept whose fingerprint
        // is new: each once, in a fixed order.
        var order: [MemberID] = []
        var queued: Set<MemberID> = []
        func queue(_ id: MemberID) { if queued.insert(id).inserted { order.append(id) } }
        plan.updates.forEach { queue($0.memberID) }
        for change in plan.linkChanges {
            if case .added(let id, _) = change { queue(id) }
            if case .activated(let id, _) = change { queue(id) }
        }
        plan.reactivations.forEach(queue)
        for (sourceID, id) in kept.sorted(by: { $0.key < $1.key }) where fingerprints[sourceID] != nil { queue(id) }

        var applied = SyncPlan(skipped: plan.skipped)
        for start in stride(from: 0, to: order.count, by: chunkSize) {
            let ids = Array(order[start..<min(order.count, start + chunkSize)])
            applied.absorb(try await applyChunk(members: ids, creations: [], of: plan, planned: planned))
        }
        for start in stride(from: 0, to: plan.creations.count, by: chunkSize) {
            let creations = Array(plan.creations[start..<min(plan.creations.count, start + chunkSize)])
            applied.absorb(try await applyChunk(members: [], creations: creations, of: plan, planned: planned))
        }
        var removals = SyncPlan(deactivations: plan.deactivations)
        removals.linkChanges = plan.linkChanges.filter { if case .deactivated = $0 { true } else { false } }
        return try await removeAndRecord(removals, applied: applied, planned: planned)
    }

    /// One chunk: `members` (as planned) and `creations`, with the marks of the people kept.
    private func applyChunk(members ids: [MemberID], creations: [SyncPlan.Creation], of plan: SyncPlan,
                            planned: [MemberID: LinkedMember]) async throws -> SyncPlan {
        try await persistence.write { [self] db in
            try requireRun(db)
            let fresh = try current(ids, planned: planned, in: db)
            let present = Set(fresh.map(\.member.id))
            var chunk = SyncPlan()
            chunk.updates = plan.updates.filter { present.contains($0.memberID) }
            chunk.linkChanges = plan.linkChanges.filter {
                switch $0 {
                case .added(let id, _), .activated(let id, _): present.contains(id)
                case .deactivated: false
                }
            }
            chunk.reactivations = plan.reactivations.filter(present.contains)
            for creation in creations where try db.members.liveMember(email: creation.template.userName, tenant: connection.tenant) == nil {
                chunk.creations.append(creation)
            }
            let after = try ConnectionService.write(chunk, over: fresh, tenant: connection.tenant, context: context, at: at, in: db)
            var marks: [SyncMark] = []
            for linked in after {
                guard let link = linked.link(of: connection.id), link.isActive, let fingerprint = fingerprints[link.sourceID] else { continue }
                marks.append(SyncMark(sourceID: link.sourceID, fingerprint: fingerprint, memberVersion: linked.member.version))
            }
            try db.connections.mark(marks, of: connection.id, tenant: connection.tenant)
            return chunk
        }
    }

    /// The last transaction: `removals` (links no longer kept, deactivations — a member
    /// another connection now keeps active is not deactivated), then the run's record.
    private func removeAndRecord(_ removals: SyncPlan, applied: SyncPlan,
                                 planned: [MemberID: LinkedMember] = [:]) async throws -> ConnectionRun {
        try await persistence.write { [self] db in
            try requireRun(db)
            var applied = applied
            if !removals.isEmpty {
                var ids: [MemberID] = removals.deactivations
                for change in removals.linkChanges { if case .deactivated(let id, _) = change { ids.append(id) } }
                let fresh = try current(Array(Set(ids)).sorted(), planned: planned, in: db)
                let present = Set(fresh.map(\.member.id))
                let links = try db.connections.links(tenant: connection.tenant)
                var chunk = SyncPlan()
                chunk.linkChanges = removals.linkChanges.filter {
                    if case .deactivated(let id, _) = $0 { present.contains(id) } else { false }
                }
                chunk.deactivations = removals.deactivations.filter { id in
                    present.contains(id) && !(links[id] ?? []).contains { $0.connectionID != connection.id && $0.isActive }
                }
                _ = try ConnectionService.write(chunk, over: fresh, tenant: connection.tenant, context: context, at: at, in: db)
                applied.absorb(chunk)
            }
            let run = ConnectionRun(id: finish.runID, connectionID: connection.id, tenant: connection.tenant,
                                    startedAt: finish.startedAt, finishedAt: Date(), outcome: .succeeded,
                                    summary: try ConnectionService.encode(applied.summary), error: nil)
            try db.connections.append(run)
            try db.connections.releaseRun(of: connection.id, tenant: connection.tenant, by: finish.owner, nextRunAt: finish.nextRunAt)
            return run
        }
    }

    /// Throws ``LostRun`` unless this instance still holds the run.
    private func requireRun(_ db: any StorageTransaction) throws {
        guard try db.connections.holdsRun(of: connection.id, tenant: connection.tenant, by: finish.owner) else { throw LostRun() }
    }

    /// The members `ids` as stored now, each with this connection's links, when still live
    /// and at the version planned against; the others are left for the next run.
    private func current(_ ids: [MemberID], planned: [MemberID: LinkedMember],
                         in db: any StorageTransaction) throws -> [LinkedMember] {
        var fresh: [LinkedMember] = []
        for id in ids {
            guard let plannedMember = planned[id], let member = try db.members.member(id: id, tenant: connection.tenant),
                  member.version == plannedMember.member.version, member.lifecycle == .live else { continue }
            fresh.append(LinkedMember(member: member, links: plannedMember.links.filter { $0.connectionID == connection.id }))
        }
        return fresh
    }
}

extension SyncPlan {
    /// Adds what `chunk` applied to this record of a run's applied plan.
    fileprivate mutating func absorb(_ chunk: SyncPlan) {
        creations += chunk.creations
        updates += chunk.updates
        reactivations += chunk.reactivations
        deactivations += chunk.deactivations
        linkChanges += chunk.linkChanges
    }
}
