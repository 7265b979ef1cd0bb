import Coffee
import FoundationEssentials

/// A program's statistics session by session (the console's charts) and the matrix of
/// connections across the values of a category (which departments met which), over the
/// same sessions as ``ProgramService/statistics(of:last:tenant:)``.
extension ProgramService {
    /// One counted session: its counts and what its members answered about meeting.
    struct SessionFigures: Sendable {
        /// The session.
        var session: Session
        /// Its counts (see ``SessionSummary``).
        var summary: SessionSummary
        /// Its members' "did you meet?" answers and ratings.
        var feedback: MeetingFeedbackStatistics

        /// Participants over audience.
        var participationRate: Double? { Self.ratio(summary.participants, summary.audienceSize) }
        /// Pairs that had met before over pairs.
        var repeatRate: Double? { Self.ratio(summary.repeatPairs, summary.pairs) }
        /// Pairs that satisfied a rule over the pairs it applied to, per rule of the session.
        var ruleRates: [(rule: MatchingRule, rate: Double?)] {
            summary.ruleSatisfaction.map { ($0.rule, Self.ratio($0.satisfiedPairs, $0.applicablePairs)) }
        }

        private static func ratio(_ numerator: Int, _ denominator: Int) -> Double? {
            denominator == 0 ? nil : Double(numerator) / Double(denominator)
        }
    }

    /// Program `id`'s last `last` matched sessions, oldest first, each with its figures.
    func sessionFigures(of id: ProgramID, last: Int, tenant: TenantID,
                        visibleTo viewer: ProgramViewer = .administrator) async throws -> [SessionFigures] {
        let counted = try await countedSessions(of: id, last: last, tenant: tenant, visibleTo: viewer)
        return try await persistence.read { tx in
            try counted.compactMap { session in
                guard let summary = session.match?.summary else { return nil }
                return SessionFigures(session: session, summary: summary,
                                      feedback: MeetingFeedbackStatistics(try tx.portal.feedback(session: session.id, tenant: tenant)))
            }
        }
    }

    /// Which values of `category` (a key or a label of the tenant's catalog) met which in
    /// the groups of program `id`'s last `last` matched sessions. Members are read with
    /// their current values; a member since purged counts as having none.
    func connections(of id: ProgramID, last: Int, category: String, tenant: TenantID,
                     visibleTo viewer: ProgramViewer = .administrator) async throws -> ConnectionMatrix {
        let counted = try await countedSessions(of: id, last: last, tenant: tenant, visibleTo: viewer).map(\.id)
        return try await persistence.read { tx in
            let catalog = try tx.categories.catalog(tenant: tenant)
            guard let key = catalog.category(named: category)?.key else {
                if HeaderName.fold(category).isEmpty {
                    throw ServiceError.invalid("Name a category with 'category'; the known categories are \(catalog.knownKeysDescription).")
                }
                throw ServiceError.invalid("'\(category)' is not a category of this organisation; the known categories are \(catalog.knownKeysDescription).")
            }
            var groups: [[ParticipantID]] = []
            for session in counted {
                guard let result = try tx.sessions.result(session: session, tenant: tenant) else { continue }
                groups += result.groups.map(\.members)
            }
            var values: [ParticipantID: [String]] = [:]
            for member in Set(groups.joined()) {
                values[member] = try tx.members.member(id: MemberID(member.rawValue), tenant: tenant)?.categoryValues[key] ?? []
            }
            return ConnectionMatrix(groups: groups) { values[$0] ?? [] }
        }
    }
}
