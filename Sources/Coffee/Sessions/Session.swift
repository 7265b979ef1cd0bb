import Foundation

/// One round of one program (domain.md, "Sessions"). Change it through
/// ``SessionTransition``; the memberwise initializer is for the store.
///
/// Participation is recorded per session: ``optedIn`` matters for `optIn` programs,
/// ``optedOut`` for every program; the two sets are disjoint (the last choice wins).
public struct Session: Hashable, Sendable, Codable, Identifiable {
    /// Our identifier (natural for planned sessions: see ``SessionID/init(programID:matchAt:)``).
    public let id: SessionID
    /// The program.
    public let programID: ProgramID
    /// The organisation.
    public let tenantID: TenantID
    /// Scheduled, open, matched, closed or cancelled.
    public internal(set) var state: SessionState
    /// When it opens for opt-ins.
    public let opensAt: Date
    /// When it is matched.
    public let matchAt: Date
    /// Members who opted in.
    public internal(set) var optedIn: Set<MemberID>
    /// Members who opted out.
    public internal(set) var optedOut: Set<MemberID>
    /// Set once matched: seed, configuration, engine version, time and counts.
    public internal(set) var match: MatchSnapshot?
    /// Set once cancelled.
    public internal(set) var cancellationReason: CancellationReason?
    /// When it was created.
    public let createdAt: Date
    /// When a transition last changed it.
    public internal(set) var updatedAt: Date
    /// How many transitions changed it; 1 after creation.
    public internal(set) var version: Int

    /// Creates a session value as stored.
    public init(
        id: SessionID, programID: ProgramID, tenantID: TenantID, state: SessionState = .scheduled,
        opensAt: Date, matchAt: Date, optedIn: Set<MemberID> = [], optedOut: Set<MemberID> = [],
        match: MatchSnapshot? = nil, cancellationReason: CancellationReason? = nil,
        createdAt: Date, updatedAt: Date? = nil, version: Int = 1
    ) {
        self.id = id
        self.programID = programID
        self.tenantID = tenantID
        self.state = state
        self.opensAt = opensAt
        self.matchAt = matchAt
        self.optedIn = optedIn
        self.optedOut = optedOut
        self.match = match
        self.cancellationReason = cancellationReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.version = version
    }

    /// A new `scheduled` session of `program` matched at `matchAt`, opening as its
    /// schedule says, with the natural identifier.
    public static func scheduled(for program: Program, matchAt: Date, at date: Date) -> Session {
        Session(id: SessionID(programID: program.id, matchAt: matchAt), programID: program.id,
                tenantID: program.tenantID, opensAt: program.schedule.openTime(forMatchAt: matchAt),
                matchAt: matchAt, createdAt: date)
    }

    /// A seed derived from the session's identifier (64-bit FNV-1a): a retried match
    /// of the same session, with the same participants, gives the same groups.
    public var derivedSeed: UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id.rawValue.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
