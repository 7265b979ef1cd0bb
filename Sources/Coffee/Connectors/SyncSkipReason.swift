/// Why a sync left one listed person out (reported with the run's counts).
public enum SyncSkipReason: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// A guest, and this kind of connection excludes guests.
    case guest
    /// The source no longer counts the person as current (deleted, terminated) and no
    /// member is linked to them.
    case inactiveInSource
    /// The source gave no id for the person.
    case missingSourceID
    /// A second entry with an id already listed.
    case duplicateSourceID
    /// No email address: nothing to match or create a member by.
    case missingEmail
    /// An email address that is not one.
    case invalidEmail
    /// A second person with an address already listed.
    case duplicateEmail
    /// Several members have this address; matching would be a guess.
    case ambiguousEmail
    /// The member with this address is already linked to another person of this source.
    case emailLinkedToAnotherSourcePerson
    /// The matching member was deprovisioned or purged; a sync does not bring it back.
    case memberNotLive

    /// A sentence for the run's report.
    public var description: String {
        switch self {
        case .guest: "a guest; this source's guests are not members"
        case .inactiveInSource: "not current in the source (deleted or terminated)"
        case .missingSourceID: "the source gave no id"
        case .duplicateSourceID: "the source listed this id twice"
        case .missingEmail: "no email address"
        case .invalidEmail: "the email address is not valid"
        case .duplicateEmail: "another person of the listing has this email address"
        case .ambiguousEmail: "several members have this email address"
        case .emailLinkedToAnotherSourcePerson: "the member with this address is linked to another person of this source"
        case .memberNotLive: "the matching member was deprovisioned"
        }
    }
}
