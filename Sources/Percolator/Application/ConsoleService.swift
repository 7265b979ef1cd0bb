import Coffee
import FoundationEssentials
import Store

/// The admin console's own rules (issue 13): who may sign in and with what role, the
/// sessions behind its cookies, the organisation's console address list, and the SCIM
/// tokens an administrator issues and revokes from the "Connect your identity provider"
/// page. Everything else the console shows or changes goes through the same services as
/// the admin API (``ApplicationServices``).
///
/// Secrets are random 256-bit values; only their SHA-256 is stored.
struct ConsoleService: Sendable {
    /// Where the address list, links and sessions are read and written.
    let persistence: any Persistence
    /// Where admin and SCIM tokens live.
    let accounts: any AccountStore
    /// How long a sign-in link works. Default: 15 minutes.
    var linkLifetime: TimeInterval = 15 * 60
    /// How long a console session lasts. Default: 12 hours.
    var sessionLifetime: TimeInterval = 12 * 3_600

    /// A new session: the cookie to set (shown once, stored hashed) and what it holds.
    struct SignedIn: Sendable {
        var cookie: String
        var session: ConsoleSession
    }

    /// Opens an administrator session with a pasted admin token; `nil` when the token is
    /// not a live admin token (a SCIM token never opens the console).
    func signIn(adminToken: String, at now: Date) async throws -> SignedIn? {
        let token = adminToken.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, token.utf8.count <= 256,
              let (tenant, tokenID) = try await accounts.authenticatedToken(plaintext: token, kind: .admin) else { return nil }
        return try await open(tenant: tenant, role: .administrator, email: nil, tokenID: tokenID.rawValue, at: now)
    }

    /// Sends a sign-in link to `email` for every organisation that lists it (an outbox
    /// event, delivered by email as the portal's links are); returns how many were sent
    /// (never shown to the client, who sees the same answer either way).
    @discardableResult
    func requestSignInLinks(email: String, at now: Date) async throws -> Int {
        guard let address = try? EmailAddress(email) else { return 0 }
        let lifetime = linkLifetime
        // Each email names its organisation. Every tenant's name is read, listed or not:
        // the answer takes as long for an address that is on no list.
        let organisations = Dictionary(try await accounts.tenants().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return try await persistence.write { tx in
            let administrators = try tx.console.administrators(normalizedEmail: address.normalized)
            for administrator in administrators {
                var generator = SystemRandomNumberGenerator()
                let token = InvitationToken.generate(using: &generator).rawValue
                let linkID = InvitationToken.generate(using: &generator).rawValue
                try tx.console.insertLink(token: token, tenant: administrator.tenantID, normalizedEmail: address.normalized,
                                          at: now, expiresAt: now.addingTimeInterval(lifetime))
                let header = EventHeader(tenantID: administrator.tenantID, subject: "console:" + address.normalized,
                                         sequence: 0, occurredAt: now)
                try tx.outbox.append([.consoleSignInLinkRequested(SignInLinkRequested(
                    header: header, email: administrator.email, givenName: "", locale: nil, token: token, linkID: linkID,
                    validMinutes: Int(lifetime / 60), organisation: organisations[administrator.tenantID]))])
            }
            return administrators.count
        }
    }

    /// Signs in with the link whose token is `token`: spends it and opens a session with
    /// the address's current role; `nil` for an unknown, spent or expired link, or an
    /// address taken off the list since.
    func signIn(linkToken token: String, at now: Date) async throws -> SignedIn? {
        let found: (TenantID, ConsoleAdministrator)? = try await persistence.write { tx in
            guard let (tenant, email) = try tx.console.consumeLink(token: token, at: now),
                  let administrator = try tx.console.administrators(tenant: tenant).first(where: { $0.email.normalized == email })
            else { return nil }
            return (tenant, administrator)
        }
        guard let (tenant, administrator) = found else { return nil }
        return try await open(tenant: tenant, role: administrator.role, email: administrator.email.rawValue, at: now)
    }

    /// The live session behind `cookie` at `now`, or `nil`: neither signed out nor
    /// expired, and its credential still holds. A session opened with an admin token
    /// ends when that token is revoked; one opened by magic link ends when its address
    /// leaves the organisation's console list, and has the address's current role (an
    /// administrator made program manager is one on the next request). Before, a session
    /// kept the rights it had at sign-in for its 12 hours, whatever was revoked.
    func session(cookie: String, at now: Date) async throws -> ConsoleSession? {
        let found: ConsoleSession? = try await persistence.read { tx in
            guard var session = try tx.console.session(id: cookie, at: now) else { return nil }
            guard let email = session.email else { return session }
            guard let address = try? EmailAddress(email),
                  let listed = try tx.console.administrators(normalizedEmail: address.normalized)
                    .first(where: { $0.tenantID == session.tenantID }) else { return nil }
            session.role = listed.role
            return session
        }
        guard let session = found else { return nil }
        if session.email != nil { return session }
        guard let tokenID = session.tokenID,
              try await accounts.tokens(tenant: session.tenantID)
                .contains(where: { $0.id.rawValue == tokenID && $0.kind == .admin && !$0.isRevoked }) else { return nil }
        return session
    }

    /// Ends the session behind `cookie`.
    func signOut(cookie: String, at now: Date) async throws {
        try await persistence.write { tx in try tx.console.revokeSession(id: cookie, at: now) }
    }

    /// Adds `email` to `tenant`'s console list with `role` (or changes its role).
    func addAdministrator(email: String, role: ConsoleRole, tenant: TenantID, at now: Date) async throws -> ConsoleAdministrator {
        guard let address = try? EmailAddress(email) else { throw ServiceError.invalid("'\(email)' is not an email address.") }
        let administrator = ConsoleAdministrator(tenantID: tenant, email: address, role: role, addedAt: now)
        try await persistence.write { tx in try tx.console.addAdministrator(administrator) }
        return administrator
    }

    /// Takes `email` off `tenant`'s console list, with its program ownerships (the
    /// foreign key cascades); its open sessions end on their next request
    /// (``session(cookie:at:)``). `false` when it was not on the list.
    func removeAdministrator(email: String, tenant: TenantID) async throws -> Bool {
        guard let address = try? EmailAddress(email) else { throw ServiceError.invalid("'\(email)' is not an email address.") }
        return try await persistence.write { tx in
            try tx.console.removeAdministrator(normalizedEmail: address.normalized, tenant: tenant)
        }
    }

    /// `tenant`'s console list.
    func administrators(tenant: TenantID) async throws -> [ConsoleAdministrator] {
        try await persistence.read { tx in try tx.console.administrators(tenant: tenant) }
    }

    /// `tenant`'s SCIM tokens, newest first (revoked ones included).
    func scimTokens(tenant: TenantID) async throws -> [TokenRecord] {
        try await accounts.tokens(tenant: tenant).filter { $0.kind == .scim }.reversed()
    }

    /// Issues a SCIM token for `tenant`; its plaintext is in the result, shown once.
    func issueSCIMToken(tenant: TenantID, label: String?) async throws -> IssuedToken {
        let label = label?.trimmingCharacters(in: .whitespaces)
        return try await accounts.issueToken(tenant: tenant, kind: .scim, label: label?.isEmpty == false ? label : nil)
    }

    /// Revokes `tenant`'s SCIM token `id`; another tenant's token, or an admin token, is
    /// `notFound` (the store's revoke is not scoped to a tenant, so it is checked here).
    func revokeSCIMToken(_ id: String, tenant: TenantID) async throws {
        guard try await accounts.tokens(tenant: tenant).contains(where: { $0.id.rawValue == id && $0.kind == .scim }) else {
            throw ServiceError.notFound("No SCIM token '\(id)'.")
        }
        try await accounts.revokeToken(id: TokenID(rawValue: id))
    }

    /// What the console's home page shows.
    struct Overview: Sendable {
        /// Live members by local status (`pending`, `active`, `inactive`).
        var statusCounts: [String: Int]
        /// Deprovisioned members (not yet purged).
        var deprovisioned: Int
        /// The next sessions to match (scheduled or open), soonest first, with their program.
        var nextSessions: [(session: Session, program: Program?)]
        /// Emails waiting to be sent, and failed for good.
        var emails: (waiting: Int, failed: Int)
    }

    /// The home page's figures for `tenant` at `now`; at most `sessions` next sessions.
    /// `viewer` sees the next sessions of the programs it reaches only (a program manager:
    /// those it owns).
    func overview(tenant: TenantID, at now: Date, sessions limit: Int = 5,
                  visibleTo viewer: ProgramViewer = .administrator) async throws -> Overview {
        try await persistence.read { tx in
            let programs = Dictionary(try tx.programs.programs(tenant: tenant).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let owned = try ProgramService.programIDs(visibleTo: viewer, tenant: tenant, in: tx)
            // Soonest first, as the repository returns them.
            let next = try tx.sessions.pendingSessions(tenant: tenant)
                .filter { owned?.contains($0.programID) != false }
                .prefix(limit)
                .map { (session: $0, program: programs[$0.programID]) }
            return Overview(statusCounts: try tx.members.liveStatusCounts(tenant: tenant),
                            deprovisioned: try tx.members.counts(tenant: tenant)[.deprovisioned] ?? 0,
                            nextSessions: Array(next), emails: try tx.outbox.emailCounts(tenant: tenant))
        }
    }

    /// Member `member`'s last `limit` groups, newest first, with the names of the people
    /// in them and of their programs (a member's page).
    func matchHistory(of member: MemberID, tenant: TenantID, limit: Int = 50)
        async throws -> [(group: MatchedGroup, program: String, partners: [String])] {
        try await persistence.read { tx in
            let programs = Dictionary(try tx.programs.programs(tenant: tenant).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            return try tx.sessions.groups(of: member, tenant: tenant, limit: limit).map { group in
                let partners = try group.members.filter { $0 != member }.map { id in
                    try tx.members.member(id: id, tenant: tenant).map { "\($0.givenName) \($0.familyName)" } ?? id.rawValue
                }
                return (group, programs[group.programID] ?? group.programID.rawValue, partners)
            }
        }
    }

    private func open(tenant: TenantID, role: ConsoleRole, email: String?, tokenID: String? = nil,
                      at now: Date) async throws -> SignedIn {
        var generator = SystemRandomNumberGenerator()
        let cookie = InvitationToken.generate(using: &generator).rawValue
        let session = ConsoleSession(tenantID: tenant, role: role, email: email, tokenID: tokenID,
                                     csrfToken: InvitationToken.generate(using: &generator).rawValue,
                                     createdAt: now, expiresAt: now.addingTimeInterval(sessionLifetime))
        try await persistence.write { tx in try tx.console.insertSession(id: cookie, session) }
        return SignedIn(cookie: cookie, session: session)
    }
}
