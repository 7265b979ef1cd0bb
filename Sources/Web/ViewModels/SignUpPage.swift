/// The tenant's shareable sign-up form: names and work email; POST to
/// ``PortalPaths/signUp`` sends a confirmation link when the domain is allowed.
public struct SignUpPage: Sendable, Hashable {
    /// What went wrong with the last POST.
    public enum Problem: Sendable, Hashable {
        case missingName, invalidEmail, domainNotAllowed
    }

    /// The sign-up link's token, posted back with the form; untrusted.
    public var token: String
    /// The first name typed.
    public var givenName: String
    /// The last name typed.
    public var familyName: String
    /// The address typed.
    public var email: String
    /// The allowed email domains (`example.com`), shown as a hint and in the error; empty
    /// when any domain may sign up.
    public var allowedDomains: [String]
    /// The problems of the last POST, in field order.
    public var problems: [Problem]

    /// Creates the page.
    public init(token: String = "", givenName: String = "", familyName: String = "", email: String = "",
                allowedDomains: [String] = [], problems: [Problem] = []) {
        self.token = token
        self.givenName = givenName
        self.familyName = familyName
        self.email = email
        self.allowedDomains = allowedDomains
        self.problems = problems
    }
}
