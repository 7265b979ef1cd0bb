import Foundation

/// A recurring (or one-time) round of random coffees for one audience of one
/// organisation (domain.md, "Programs"). Create and change it through
/// ``ProgramTransition``, which validates and counts versions.
public struct Program: Hashable, Sendable, Codable, Identifiable {
    /// Our identifier.
    public let id: ProgramID
    /// The organisation.
    public let tenantID: TenantID
    /// The name shown to members and admins.
    public var name: String
    /// Who the program is for.
    public var audience: Audience
    /// Everyone eligible, or opt-in per session.
    public var participationMode: ParticipationMode
    /// Group size, ordered rules, repeat window and decay, and engine settings; a copy
    /// is snapshotted with every matched session.
    public var matching: MatchingConfiguration
    /// Whether meetings in the tenant's other programs count as repeats: when true, the
    /// application builds the engine's ``MatchHistory`` from the sessions of all the
    /// tenant's programs that also avoid cross-program repeats, else from this
    /// program's sessions only.
    public var avoidsRepeatsAcrossPrograms: Bool
    /// When sessions happen.
    public var schedule: Schedule
    /// Draft, active, paused (with a reason) or archived.
    public var status: ProgramStatus
    /// When the program was created.
    public let createdAt: Date
    /// Days after a match before its members are asked "Did you meet?" (a
    /// ``MeetingFeedbackRequested``); `nil` (programs stored before it existed) is
    /// ``defaultFeedbackDelayDays``.
    public var feedbackDelayDays: Int?
    /// When a transition last changed it.
    public var updatedAt: Date
    /// How many transitions changed it; 1 after creation. Used for optimistic locking.
    public var version: Int

    /// Creates a program value as stored. Prefer ``ProgramTransition/create(id:tenantID:draft:at:)``,
    /// which validates.
    public init(
        id: ProgramID, tenantID: TenantID, name: String, audience: Audience, participationMode: ParticipationMode,
        matching: MatchingConfiguration, avoidsRepeatsAcrossPrograms: Bool, schedule: Schedule,
        status: ProgramStatus = .draft, createdAt: Date, updatedAt: Date? = nil, version: Int = 1
    ) {
        self.id = id
        self.tenantID = tenantID
        self.name = name
        self.audience = audience
        self.participationMode = participationMode
        self.matching = matching
        self.avoidsRepeatsAcrossPrograms = avoidsRepeatsAcrossPrograms
        self.schedule = schedule
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.version = version
    }

    /// The editable fields as a draft, e.g. to fill an edit form or re-validate a
    /// stored program.
    public var draft: ProgramDraft {
        ProgramDraft(name: name, audience: audience, participationMode: participationMode,
                     groupSize: matching.groupSize, rules: matching.rules, repeatWindow: matching.repeatWindow,
                     repeatDecay: matching.repeatDecay, avoidsRepeatsAcrossPrograms: avoidsRepeatsAcrossPrograms,
                     schedule: schedule, feedbackDelayDays: feedbackDelayDays)
    }

    /// The feedback delay of a program that sets none.
    public static let defaultFeedbackDelayDays = 3
    /// The longest feedback delay, in days.
    public static let feedbackDelayDaysRange = 0...60

    /// How long after a match its members are asked "Did you meet?".
    public var feedbackDelay: TimeInterval { TimeInterval(feedbackDelayDays ?? Self.defaultFeedbackDelayDays) * 86_400 }

    /// Every problem of the program's settings; empty when it is valid.
    public var validationErrors: [ProgramError] { draft.validationErrors }
}
