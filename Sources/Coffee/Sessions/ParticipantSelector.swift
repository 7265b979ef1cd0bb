import Foundation

/// ``ParticipantSelection/select(program:session:candidates:preferences:at:)`` one member
/// at a time, the caller keeping the members: each is borrowed, never copied into a
/// ``SelectionCandidate`` (issue 16: copying 100,000 members, each retaining its strings,
/// was a large part of a whole-session match's selection).
public struct ParticipantSelector: Sendable {
    let program: Program
    let session: Session
    let date: Date
    var preferenceByMember: [MemberID: ProgramPreference] = [:]
    /// The ids considered while they came in ascending order, the last one last: a member
    /// considered again cannot come after itself, so no set is needed (issue 16: a match
    /// reads its members in id order, and hashing 100,000 ids into a set was a tenth of
    /// the selection). Emptied into ``seen`` when the order breaks.
    var ascending: [MemberID] = []
    /// The ids considered, once the order broke.
    var seen: Set<MemberID> = []
    var isAscending = true
    var participants: [Participant] = []
    var excluded: [Exclusion] = []
    var audienceSize = 0

    /// A selector for `session` of `program` at `date`, with the members' own choices
    /// about the program in `preferences` (records of other programs are ignored), sized
    /// for about `expectedCount` members.
    public init(program: Program, session: Session, preferences: [ProgramPreference] = [], at date: Date,
                expectedCount: Int = 0) throws(SessionError) {
        guard session.programID == program.id, session.tenantID == program.tenantID else {
            throw .wrongProgram(session: session.id, program: program.id)
        }
        self.program = program
        self.session = session
        self.date = date
        for preference in preferences where preference.programID == program.id {
            preferenceByMember[preference.memberID] = preference
        }
        ascending.reserveCapacity(expectedCount)
        participants.reserveCapacity(expectedCount)
    }

    /// Considers `member`, with the groups it belongs to, its manager and the connections
    /// that keep it active. A member considered twice counts once; members of other
    /// tenants are ignored.
    public mutating func consider(_ member: Member, groupIDs: Set<GroupID> = [], managerID: MemberID? = nil,
                                  connectionIDs: Set<ConnectionID> = []) {
        guard member.tenantID == program.tenantID, firstVisit(member.id) else { return }
        guard program.audience.includes(member: member, groupsOfMember: groupIDs, sourcesOfMember: connectionIDs) else {
            if session.optedIn.contains(member.id) {
                excluded.append(Exclusion(memberID: member.id, reasons: [.outsideAudience]))
            }
            return
        }
        if member.lifecycle == .live { audienceSize += 1 }
        let preference = preferenceByMember[member.id]
        var reasons: [ExclusionReason] = []
        if case .ineligible(let why) = Eligibility.of(member, at: date, isOptedOutOfProgram: preference?.hasLeft ?? false) {
            reasons.append(contentsOf: why.map(ExclusionReason.ineligible))
        }
        if let until = preference?.snoozedUntil, until > date { reasons.append(.snoozedInProgram(until: until)) }
        if session.optedOut.contains(member.id) { reasons.append(.optedOutOfSession) }
        if program.participationMode == .optIn, !session.optedIn.contains(member.id) { reasons.append(.notOptedIn) }
        if reasons.isEmpty {
            participants.append(ParticipantSelection.participant(for: member, avoiding: preference?.avoid ?? [],
                                                                 managerID: managerID, at: session.matchAt))
        } else {
            excluded.append(Exclusion(memberID: member.id, reasons: reasons))
        }
    }

    /// Whether `id` is considered for the first time, recording it.
    private mutating func firstVisit(_ id: MemberID) -> Bool {
        if isAscending {
            if let last = ascending.last, !(last < id) {
                // Out of order (or a repeat of the last): from now on, a set of every id.
                isAscending = false
                seen = Set(ascending)
                ascending = []
            } else {
                ascending.append(id)
                return true
            }
        }
        return seen.insert(id).inserted
    }

    /// The selection of the members considered: participants and exclusions sorted by id
    /// (whatever order the members came in; members considered in id order sort fastest),
    /// in place.
    public mutating func finish() -> ParticipantSelection {
        participants.sort { $0.id < $1.id }
        excluded.sort { $0.memberID < $1.memberID }
        return ParticipantSelection(participants: participants, excluded: excluded, audienceSize: audienceSize)
    }
}
