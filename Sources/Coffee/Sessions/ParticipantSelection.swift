import Foundation

/// Who takes part in a session, computed when it is matched (or previewed) from the
/// members as they are then (domain.md: eligibility is checked again at match time).
///
/// A member takes part when it is of the program's tenant, in the audience (now: a
/// member who joined the group or gained the category while the session was open
/// takes part, one who left does not), eligible (``Eligibility``, with leaving the
/// program as its opt-out), not snoozed in the program, not opted out of the session,
/// and — in an `optIn` program — opted in to it. Every other member of the audience is
/// listed in ``excluded`` with its reasons; members outside the audience are not
/// listed, except those who had opted in (``ExclusionReason/outsideAudience``).
public struct ParticipantSelection: Sendable, Equatable {
    /// The participants for the engine, sorted by id, with their category values.
    public var participants: [Participant]
    /// Members of the audience (and opted-in members outside it) not taken, sorted
    /// by id.
    public var excluded: [Exclusion]
    /// Live members of the audience, taken or not: the denominator of the
    /// participation rate. Deprovisioned and purged members are listed in
    /// ``excluded`` but not counted.
    public var audienceSize: Int

    /// Creates a selection value.
    public init(participants: [Participant], excluded: [Exclusion], audienceSize: Int) {
        self.participants = participants
        self.excluded = excluded
        self.audienceSize = audienceSize
    }

    /// Selects the participants of `session` of `program` at `date` among
    /// `candidates`, with the members' own choices about the program in `preferences`
    /// (records of other programs are ignored). A member listed twice is considered
    /// once; members of other tenants are ignored.
    public static func select(
        program: Program, session: Session, candidates: [SelectionCandidate],
        preferences: [ProgramPreference] = [], at date: Date
    ) throws(SessionError) -> ParticipantSelection {
        var selector = try ParticipantSelector(program: program, session: session, preferences: preferences, at: date,
                                               expectedCount: candidates.count)
        for index in candidates.indices {
            selector.consider(candidates[index].member, groupIDs: candidates[index].groupIDs,
                              managerID: candidates[index].managerID, connectionIDs: candidates[index].connectionIDs)
        }
        return selector.finish()
    }

    /// One selection of the members `parts` selected, each from its own members (no
    /// member in two parts, as with the disjoint id ranges of a whole-session match, read
    /// and selected at once: issue 16): participants and exclusions sorted by id, the
    /// audience sizes added. The same selection as one selector considering every member.
    public static func joined(_ parts: [ParticipantSelection]) -> ParticipantSelection {
        guard parts.count > 1 else { return parts.first ?? ParticipantSelection(participants: [], excluded: [], audienceSize: 0) }
        var participants = parts.flatMap(\.participants)
        var excluded = parts.flatMap(\.excluded)
        // Parts in id order are sorted already: the stable sort only checks it.
        participants.sort { $0.id < $1.id }
        excluded.sort { $0.memberID < $1.memberID }
        return ParticipantSelection(participants: participants, excluded: excluded,
                                    audienceSize: parts.reduce(0) { $0 + $1.audienceSize })
    }

    /// The engine's input for these participants under `configuration` (the
    /// program's ``Program/matching``), with the history and priority set the
    /// application built, and `seed` (``Session/derivedSeed``, unless the application
    /// draws its own).
    public func matchingInput(configuration: MatchingConfiguration, history: MatchHistory = MatchHistory(),
                              priority: Set<ParticipantID> = [], seed: UInt64) -> MatchingInput {
        MatchingInput(participants: participants, configuration: configuration, history: history,
                      priority: priority, seed: seed)
    }

    /// The engine's view of a member: its id, category values by raw key, manager, and
    /// UTC offset at `date` (the session's match time: daylight saving time as it will
    /// be then) when its time zone is known.
    static func participant(for member: Member, avoiding avoid: Set<MemberID> = [], managerID: MemberID? = nil,
                            at date: Date = Date(timeIntervalSinceReferenceDate: 0)) -> Participant {
        let offset = member.timeZoneIdentifier.flatMap { TimeZone(identifier: $0) }.map { $0.secondsFromGMT(for: date) / 60 }
        return Participant(id: ParticipantID(member.id.rawValue), categoryValues: member.categoryValues.lists,
                           avoid: Set(avoid.map { ParticipantID($0.rawValue) }),
                           managerID: managerID.map { ParticipantID($0.rawValue) }, utcOffsetMinutes: offset)
    }
}
