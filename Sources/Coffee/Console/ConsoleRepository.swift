import FoundationEssentials

/// The admin console's rows (migration 0018): each organisation's list of console
/// addresses with their role, single-use sign-in links, and signed-in sessions. Only the
/// SHA-256 of a link's token or of a session's cookie is stored.
public protocol ConsoleRepository {
    /// Adds `email` to `tenant`'s console list with `role`, or changes its role.
    func addAdministrator(_ administrator: ConsoleAdministrator) throws
    /// `tenant`'s console list, by address.
    func administrators(tenant: TenantID) throws -> [ConsoleAdministrator]
    /// Every organisation whose console list holds `normalizedEmail`.
    func administrators(normalizedEmail: String) throws -> [ConsoleAdministrator]
    /// Removes `normalizedEmail` from `tenant`'s list; `true` if it was there.
    @discardableResult
    func removeAdministrator(normalizedEmail: String, tenant: TenantID) throws -> Bool
    /// Stores a sign-in link for `normalizedEmail` in `tenant`, usable once until `expiresAt`.
    func insertLink(token: String, tenant: TenantID, normalizedEmail: String, at date: Date, expiresAt: Date) throws
    /// Spends the link whose token is `token`: its tenant and address if it was unused and
    /// unexpired at `date`, else `nil` (a second use finds nothing).
    func consumeLink(token: String, at date: Date) throws -> (tenant: TenantID, normalizedEmail: String)?
    /// Stores a session whose cookie is `id`.
    func insertSession(id: String, _ session: ConsoleSession) throws
    /// The live session whose cookie is `id` at `date`: neither revoked nor expired.
    func session(id: String, at date: Date) throws -> ConsoleSession?
    /// Revokes the session whose cookie is `id` (sign-out).
    func revokeSession(id: String, at date: Date) throws
}
