import FoundationEssentials

extension PostgresStore: TenantStore {
    private static let columns = "id, name, created_at"

    private static func tenant(_ row: PostgresRow) throws -> Tenant {
        Tenant(id: TenantID(rawValue: row.string(0)), name: row.string(1), createdAt: try row.date(2))
    }

    /// Inserts a tenant with a random id. Throws `.constraintUnique` for a taken name,
    /// `.constraintCheck` for an empty one.
    public func createTenant(name: String) async throws -> Tenant {
        let id = TenantID(rawValue: RandomID.make())
        let createdAt = now()
        let tenant = try await write { db in
            try db.queryOne("INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, $3) RETURNING \(Self.columns)",
                            id, name, createdAt, map: Self.tenant)
        }
        guard let tenant else { throw StoreError(code: .internal, message: "created tenant not returned by its insert") }
        return tenant
    }

    public func tenant(named name: String) async throws -> Tenant? {
        try await read { db in
            try db.queryOne("SELECT \(Self.columns) FROM tenants WHERE name = $1", name, map: Self.tenant)
        }
    }

    public func tenant(id: TenantID) async throws -> Tenant? {
        try await read { db in
            try db.queryOne("SELECT \(Self.columns) FROM tenants WHERE id = $1", id, map: Self.tenant)
        }
    }

    /// Every tenant, ordered by name (byte order, as SQLite orders it).
    public func tenants() async throws -> [Tenant] {
        try await read { db in
            try db.query("SELECT \(Self.columns) FROM tenants ORDER BY name COLLATE \"C\"", map: Self.tenant)
        }
    }
}
