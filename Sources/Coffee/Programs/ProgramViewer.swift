/// Who reads or changes an organisation's programs, and so which of them they reach
/// (issue 13, item 1): an administrator (the console's role, or an admin API token)
/// reaches every program; a program manager only the programs whose owners include
/// their address, compared case-insensitively. A program a viewer does not reach is
/// answered as if it did not exist.
public enum ProgramViewer: Sendable, Hashable {
    /// Every program of the organisation; may change owners.
    case administrator
    /// The programs owned by this address only; becomes the owner of what it creates,
    /// and changes no owners.
    case programManager(EmailAddress)

    /// Whether the viewer reaches every program, whoever owns it.
    public var seesEveryProgram: Bool { self == .administrator }

    /// Whether the viewer may set a program's owners.
    public var changesOwners: Bool { seesEveryProgram }

    /// Whether the viewer reaches a program owned by `owners`.
    public func sees(ownedBy owners: some Sequence<EmailAddress>) -> Bool {
        switch self {
        case .administrator: true
        case .programManager(let address): !address.normalized.isEmpty && owners.contains(address)
        }
    }

    /// The owners a program created by this viewer starts with: a program manager owns
    /// what it creates; an administrator's program starts with none.
    public var ownersOnCreation: [EmailAddress] {
        switch self {
        case .administrator: []
        case .programManager(let address): address.normalized.isEmpty ? [] : [address]
        }
    }
}
