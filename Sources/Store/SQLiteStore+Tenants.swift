import FoundationEssentials

extension SQLiteStore: TenantStore {
    private static let columns = "id, name, created_at"

    private static func tenant(_ row: Row) throws -> Tenant {
        Tenant(id: TenantID(rawValue: row.string(0)), name: row.string(1), createdAt: try row.date(2))
    }

    /// Inserts a tenant with a random id. Throws `.constraintUnique` for a taken name.
    public func createTenant(name: String) async throws -> Tenant {
        let id = TenantID(rawValue: RandomID.make())
        let createdAt = Timestamp.string(from: now())
        let tenant = try await database.write { db in
            try db.execute("INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)",
                           id.rawValue, name, createdAt)
            // Read back through the stored format, so callers see what later reads will see.
            return try db.queryOne("SELECT \(Self.columns) FROM tenants WHERE id = ?", id.rawValue,
                                   map: Self.tenant)
        }
        guard let tenant else {
            throw StoreError(code: .internal, message: "created tenant not found after insert")
        }
        return tenant
    }

    /// The tenant named `name`, or `nil`.
    public func tenant(named name: String) async throws -> Tenant? {
        try await database.read { db in
            try db.queryOne("SELECT \(Self.columns) FROM tenants WHERE name = ?", name, map: Self.tenant)
        }
    }

    /// The tenant with identifier `id`, or `nil`.
    public func tenant(id: TenantID) async throws -> Tenant? {
        try await database.read { db in
            try db.queryOne("SELECT \(Self.columns) FROM tenants WHERE id = ?", id.rawValue, map: Self.tenant)
        }
    }

    /// Every tenant, ordered by name.
    public func tenants() async throws -> [Tenant] {
        try await database.read { db in
            try db.query("SELECT \(Self.columns) FROM tenants ORDER BY name", map: Self.tenant)
        }
    }
}
