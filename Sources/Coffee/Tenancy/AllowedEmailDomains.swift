import Foundation

/// The email domains whose owners may sign up through a tenant's invitation link.
///
/// Domains compare case-insensitively and exactly: `example.com` does not admit
/// `mail.example.com`; list subdomains explicitly. A leading `@` is tolerated on input.
public struct AllowedEmailDomains: Sendable, Equatable {
    /// The allowed domains, lowercased, without a leading `@`.
    public private(set) var domains: Set<String>

    /// Creates the set from domain names as an admin typed them.
    public init(_ domains: some Sequence<String> = [String]()) {
        self.domains = Set(domains.compactMap(Self.normalize))
    }

    /// Whether `email`'s domain is allowed.
    public func allows(_ email: EmailAddress) -> Bool {
        domains.contains(email.domain)
    }

    /// Adds a domain; ignored when blank.
    public mutating func insert(_ domain: String) {
        if let normalized = Self.normalize(domain) { domains.insert(normalized) }
    }

    static func normalize(_ domain: String) -> String? {
        var value = domain.trimmingCharacters(in: .whitespaces).lowercased()
        if value.hasPrefix("@") { value.removeFirst() }
        return value.isEmpty ? nil : value
    }
}
