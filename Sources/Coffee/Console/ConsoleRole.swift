/// What a person signed in to the admin console may see and do (issue 13).
public enum ConsoleRole: String, Sendable, Hashable, CaseIterable {
    /// Everything: members, imports, invitations, programs, emails, identity providers.
    case administrator
    /// Programs and their sessions only.
    case programManager = "program-manager"

    /// Whether this role opens the organisation-wide pages (members, imports,
    /// invitations, emails, tokens); a program manager sees programs and sessions only.
    public var seesEverything: Bool { self == .administrator }
}
