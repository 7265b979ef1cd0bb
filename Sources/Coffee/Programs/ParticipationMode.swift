/// How members of a program's audience take part in its sessions (domain.md, "Programs").
public enum ParticipationMode: String, Hashable, Sendable, Codable, CaseIterable {
    /// Everyone eligible in the audience is matched, unless they opt out of the session.
    case automatic
    /// Only members who opt in to the session are matched.
    case optIn
}
