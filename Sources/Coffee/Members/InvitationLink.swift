import Foundation

/// A tenant's shareable invitation link: anyone whose email domain is in the tenant's
/// allowed domains may sign up through it; others get a clear refusal.
public struct InvitationLink: Sendable, Equatable {
    /// The organisation.
    public let tenantID: TenantID
    /// The token the link carries; rotate by creating a new link.
    public let token: InvitationToken
    /// Whether sign-ups are open.
    public var isEnabled: Bool

    /// Creates a link value.
    public init(tenantID: TenantID, token: InvitationToken, isEnabled: Bool = true) {
        self.tenantID = tenantID
        self.token = token
        self.isEnabled = isEnabled
    }

    /// A new link with a fresh token from `generator`.
    public static func create(tenantID: TenantID, using generator: inout some RandomNumberGenerator) -> InvitationLink {
        InvitationLink(tenantID: tenantID, token: InvitationToken.generate(using: &generator))
    }

    /// Checks that the link and `email` admit a sign-up: the token matches, the link is
    /// enabled and the email's domain is allowed.
    public func checkSignUp(presentedToken: String, email: EmailAddress, settings: TenantSettings) throws(InvitationError) {
        guard token.matches(presentedToken) else { throw .invalidToken }
        guard isEnabled else { throw .linkDisabled }
        guard settings.allowedEmailDomains.allows(email) else { throw .domainNotAllowed(email.domain) }
    }

    /// Signs up through the link: checks as ``checkSignUp(presentedToken:email:settings:)``
    /// and creates an Active member of source `invitation`, with the welcome email if the
    /// tenant wants it. The Store refuses an email already taken.
    public func signUp(presentedToken: String, draft: MemberDraft, settings: TenantSettings, at date: Date) throws(InvitationError) -> TransitionResult {
        guard let email = draft.emails.first else { throw .invalidMember(.missingField("email")) }
        try checkSignUp(presentedToken: presentedToken, email: email, settings: settings)
        return try Self.completeSignUp(draft: draft, tenantID: tenantID, isEnabled: isEnabled, settings: settings, at: date)
    }

    /// Signs up through a link whose token was checked when the sign-up was asked for
    /// (the Member Portal confirms the address by email first): the link must still be
    /// enabled and the domain still allowed; creates an Active member of source `invitation`.
    public static func completeSignUp(draft: MemberDraft, tenantID: TenantID, isEnabled: Bool, settings: TenantSettings,
                                      at date: Date) throws(InvitationError) -> TransitionResult {
        guard let email = draft.emails.first else { throw .invalidMember(.missingField("email")) }
        guard isEnabled else { throw .linkDisabled }
        guard settings.allowedEmailDomains.allows(email) else { throw .domainNotAllowed(email.domain) }
        guard !draft.givenName.trimmingCharacters(in: .whitespaces).isEmpty else { throw .invalidMember(.missingField("givenName")) }
        guard !draft.familyName.trimmingCharacters(in: .whitespaces).isEmpty else { throw .invalidMember(.missingField("familyName")) }
        var signUp = draft
        signUp.active = nil
        do {
            return try ProvisioningTransition.provision(signUp, tenantID: tenantID, source: .invitation, settings: settings, at: date)
        } catch {
            throw .invalidMember(error)
        }
    }
}
