import Coffee
import FoundationEssentials

/// Fills in compact match introductions (``MatchIntroRequested/isCompact``: the group's
/// member ids only, what a match stages; issue 16) as they are read — by the admin API's
/// and the console's outbox lists — or sent, by the deliverer: each member's names,
/// address, the values of the categories the program's rules read and time zone, and the
/// meeting time, from the session, its program, the tenant's catalog and settings (read
/// once per session) and the members as they are then (one who left since is named, not
/// emailed). An introduction whose session or
/// program no longer exists stays compact: it names no one, and nothing is sent.
enum IntroductionHydration {
    /// `entries` with every compact introduction filled in from `db`; others as they are.
    static func hydrate(_ entries: [OutboxEntry], in db: any StorageTransaction) throws -> [OutboxEntry] {
        guard entries.contains(where: { $0.payload.introduction?.isCompact == true }) else { return entries }
        var builders: [String: SessionMatcher.IntroductionBuilder] = [:], gone: Set<String> = []
        return try entries.map { entry in
            guard let introduction = entry.payload.introduction, introduction.isCompact else { return entry }
            let session = introduction.session
            if builders[session] == nil, !gone.contains(session) {
                if let builder = try builder(session: SessionID(session), tenant: entry.tenantID, in: db) {
                    builders[session] = builder
                } else {
                    gone.insert(session)
                }
            }
            guard var builder = builders[session] else { return entry }
            let ids = introduction.members.map { MemberID($0.id) }
            var members: [String: Member] = [:]
            for id in ids {
                guard var member = try db.members.member(id: id, tenant: entry.tenantID) else { continue }
                // One who left since (deprovisioned, purged) is named, not emailed.
                if member.lifecycle != .live { member.emails = [] }
                members[id.rawValue] = member
            }
            var hydrated = entry
            hydrated.payload.introduction = OutboxIntroduction(builder.introduction(group: introduction.group, members: ids, from: members))
            builders[session] = builder
            return hydrated
        }
    }

    /// The builder of session `id`'s introductions, or `nil` when it or its program is gone.
    private static func builder(session id: SessionID, tenant: TenantID,
                                in db: any StorageTransaction) throws -> SessionMatcher.IntroductionBuilder? {
        guard let session = try db.sessions.session(id: id, tenant: tenant),
              let program = try db.programs.program(id: session.programID, tenant: tenant) else { return nil }
        return SessionMatcher.IntroductionBuilder(
            session: session, context: try SessionMatcher.introductionContext(rules: program.matching.rules, tenant: tenant, in: db))
    }
}
