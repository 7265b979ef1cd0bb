import Store

/// What `serve` does on an empty database so that the README's run command gives a
/// newcomer a working endpoint: create the `default` tenant and its first SCIM and
/// admin tokens, taken from `PERCOLATOR_SCIM_TOKEN` / `PERCOLATOR_ADMIN_TOKEN` when set,
/// generated otherwise and shown once.
public enum FirstStart {
    /// What was created; plaintexts only for generated tokens (an operator-supplied one
    /// is never echoed).
    public struct Outcome: Sendable, Equatable {
        public var tenantName: String
        public var generatedSCIMToken: String?
        public var generatedAdminToken: String?
    }

    /// Why tokens from the environment were refused, before anything was created.
    public enum TokenRefusal: Error, Equatable, CustomStringConvertible {
        /// The variable's value is not a well-formed bearer token.
        case malformed(variable: String)
        /// `PERCOLATOR_SCIM_TOKEN` and `PERCOLATOR_ADMIN_TOKEN` hold the same token. A token
        /// has one kind (its digest is unique): the admin one would not be stored, and the
        /// token given to the identity provider would be the only one.
        case shared

        public var description: String {
            switch self {
            case .malformed(let variable):
                "\(variable) must look like \(BearerToken.prefix) followed by 43 base64url characters; "
                    + "'percolator token generate' prints one."
            case .shared:
                "PERCOLATOR_SCIM_TOKEN and PERCOLATOR_ADMIN_TOKEN must be two different tokens: the SCIM one goes to "
                    + "your identity provider, the admin one opens the whole admin API; 'percolator token generate' "
                    + "prints a new one each time."
            }
        }
    }

    /// Creates the default tenant and its tokens when there is no tenant yet; `nil` otherwise.
    public static func run(store: any AccountStore, environment: [String: String]) async throws -> Outcome? {
        guard try await store.tenants().isEmpty else { return nil }
        for variable in ["PERCOLATOR_SCIM_TOKEN", "PERCOLATOR_ADMIN_TOKEN"] {
            if let value = environment[variable], !BearerToken.isWellFormed(value) { throw TokenRefusal.malformed(variable: variable) }
        }
        if let scim = environment["PERCOLATOR_SCIM_TOKEN"], scim == environment["PERCOLATOR_ADMIN_TOKEN"] {
            throw TokenRefusal.shared
        }
        let tenant: Tenant
        do {
            tenant = try await store.createTenant(name: "default")
        } catch {
            // Another instance on the same database (started at the same time) created it
            // first: its start shows the tokens, and this one has nothing to create.
            if try await store.tenant(named: "default") != nil { return nil }
            throw error
        }
        var outcome = Outcome(tenantName: tenant.name)
        if let supplied = environment["PERCOLATOR_SCIM_TOKEN"] {
            _ = try await store.importToken(tenant: tenant.id, kind: .scim, plaintext: supplied, label: "PERCOLATOR_SCIM_TOKEN")
        } else {
            outcome.generatedSCIMToken = try await store.issueToken(tenant: tenant.id, kind: .scim, label: "first start").plaintext
        }
        if let supplied = environment["PERCOLATOR_ADMIN_TOKEN"] {
            _ = try await store.importToken(tenant: tenant.id, kind: .admin, plaintext: supplied, label: "PERCOLATOR_ADMIN_TOKEN")
        } else {
            outcome.generatedAdminToken = try await store.issueToken(tenant: tenant.id, kind: .admin, label: "first start").plaintext
        }
        return outcome
    }
}
