import Coffee

/// Each tenant's ``CategoryCatalog`` in `categories`, in display order. A tenant whose
/// catalog was never stored (no `category_catalogs` row) starts from
/// ``CategoryCatalog/identityProviderDefaults``; one stored empty stays empty.
public enum CategoryRecords {
    /// The tenant's catalog.
    public static func catalog(tenant: TenantID, in db: Connection) throws -> CategoryCatalog {
        let categories = try db.query("""
            SELECT key, label, type, source, read_only, member_editable, known_values FROM categories
            WHERE tenant_id = ? ORDER BY position
            """, tenant.rawValue) { row -> Category in
            guard let type = CategoryType(rawValue: row.string(2)), let source = CategorySource(rawValue: row.string(3)) else {
                throw StoreError(code: .corrupt, message: "a categories row has an unknown type or source")
            }
            let values: [String] = try JSONText.decode(row.string(6))
            return Category(key: CategoryKey(row.string(0)), label: row.string(1), type: type, knownValues: values,
                            source: source, isReadOnly: row.bool(4), isMemberEditable: row.bool(5))
        }
        guard categories.isEmpty else { return CategoryCatalog(categories) }
        let stored = try db.queryOne("SELECT 1 FROM category_catalogs WHERE tenant_id = ?", tenant.rawValue) { _ in true } ?? false
        return stored ? CategoryCatalog() : .identityProviderDefaults
    }

    /// Stores `catalog` as the tenant's, replacing the rows it had.
    public static func save(_ catalog: CategoryCatalog, tenant: TenantID, in db: Connection) throws {
        try db.execute("INSERT OR IGNORE INTO category_catalogs (tenant_id) VALUES (?)", tenant.rawValue)
        try db.execute("DELETE FROM categories WHERE tenant_id = ?", tenant.rawValue)
        for (position, category) in catalog.categories.enumerated() {
            try db.execute("""
                INSERT INTO categories (tenant_id, key, position, label, type, source, read_only, member_editable, known_values)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, tenant.rawValue, category.key.rawValue, position, category.label, category.type.rawValue,
                category.source.rawValue, category.isReadOnly, category.isMemberEditable,
                try JSONText.encode(category.knownValues))
        }
    }

    /// Adds `values` to the tenant's catalog (known values grow as members arrive) and
    /// stores it if anything was new.
    public static func absorb(_ values: CategoryValues, tenant: TenantID, in db: Connection) throws {
        guard !values.isEmpty else { return }
        var catalog = try catalog(tenant: tenant, in: db)
        let added = catalog.absorb(values)
        if !added.isEmpty { try save(catalog, tenant: tenant, in: db) }
    }
}
