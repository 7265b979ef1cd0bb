import Coffee

/// Each tenant's ``CategoryCatalog`` on PostgreSQL, as ``SQLiteCategoryRepository`` keeps
/// it: categories in display order, known values as rows in order of arrival (`seq`),
/// absorbed with `INSERT … ON CONFLICT DO NOTHING`.
struct PostgresCategoryRepository: CategoryRepository {
    /// The transaction's connection.
    let db: PostgresConnection

    func catalog(tenant: TenantID) throws -> CategoryCatalog {
        var values: [String: [String]] = [:]
        for (key, value) in try db.query("SELECT key, value FROM category_values WHERE tenant_id = $1 ORDER BY seq",
                                         tenant, map: { ($0.string(0), $0.string(1)) }) {
            values[key, default: []].append(value)
        }
        let categories = try db.query("""
            SELECT key, label, type, source, read_only, member_editable FROM categories
            WHERE tenant_id = $1 ORDER BY position
            """, tenant) { row in try SQLiteCategoryRepository.category(row, values: values) }
        guard categories.isEmpty else { return CategoryCatalog(categories) }
        return try isStored(tenant: tenant) ? CategoryCatalog() : .identityProviderDefaults
    }

    func save(_ catalog: CategoryCatalog, tenant: TenantID) throws {
        try db.execute("INSERT INTO category_catalogs (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING", tenant)
        // One save of a tenant's catalog at a time: a second one waits for the first to
        // commit, then deletes what it stored (its DELETE sees it) instead of inserting
        // beside it into `categories_pkey`.
        _ = try db.queryOne("SELECT 1 FROM category_catalogs WHERE tenant_id = $1 FOR UPDATE", tenant) { _ in true }
        try db.execute("DELETE FROM categories WHERE tenant_id = $1", tenant)
        for (position, category) in catalog.categories.enumerated() {
            try db.execute("""
                INSERT INTO categories (tenant_id, key, position, label, type, source, read_only, member_editable)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """, tenant, category.key.rawValue, position, category.label, category.type.rawValue,
                category.source.rawValue, category.isReadOnly, category.isMemberEditable)
        }
        try db.execute("""
            DELETE FROM category_values WHERE tenant_id = $1
            AND key NOT IN (SELECT key FROM categories WHERE tenant_id = $1 AND type <> 'text')
            """, tenant)
        for category in catalog.categories where category.type != .text {
            for value in category.knownValues {
                try db.execute("""
                    INSERT INTO category_values (tenant_id, key, folded, value) VALUES ($1, $2, $3, $4)
                    ON CONFLICT DO NOTHING
                    """, tenant, category.key.rawValue, TextFolding.fold(value), value)
            }
        }
    }

    func absorb(_ values: CategoryValues, tenant: TenantID) throws {
        guard !values.isEmpty else { return }
        // The defaults are stored by the transaction that creates the catalog's row, and by
        // no other: concurrent first absorbs wait for it to commit (then see its categories),
        // and a catalog an admin saved meanwhile is never replaced by the defaults.
        if try !isStored(tenant: tenant), try createsCatalog(tenant: tenant) {
            try save(.identityProviderDefaults, tenant: tenant)
        }
        // Trimmed, without blanks or case-insensitive repeats, as the domain absorbs; all
        // in one statement, in order (`seq` keeps the order of arrival).
        var keys: [String] = [], folded: [String] = [], texts: [String] = []
        for key in values.keys {
            var scratch = Category(key: key, label: "", type: .multiSelect)
            for value in scratch.absorb(values[key]) {
                keys.append(key.rawValue)
                folded.append(TextFolding.fold(value))
                texts.append(value)
            }
        }
        guard !keys.isEmpty else { return }
        // Read by no later statement of the write: sent with its next one.
        try db.enqueue("""
            INSERT INTO category_values (tenant_id, key, folded, value)
            SELECT $1::text, v.key, v.folded, v.value
            FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS v(key, folded, value, position)
            WHERE EXISTS (SELECT 1 FROM categories c WHERE c.tenant_id = $1 AND c.key = v.key AND c.type <> 'text')
            ORDER BY v.position
            ON CONFLICT DO NOTHING
            """, tenant, PostgresTextArray(keys), PostgresTextArray(folded), PostgresTextArray(texts))
    }

    /// Inserts the tenant's catalog row; whether this transaction did (false when another
    /// one had, after waiting for it to commit).
    private func createsCatalog(tenant: TenantID) throws -> Bool {
        try db.queryOne("INSERT INTO category_catalogs (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1",
                        tenant) { _ in true } ?? false
    }

    /// Whether the tenant's catalog was ever stored.
    private func isStored(tenant: TenantID) throws -> Bool {
        try db.queryOne("SELECT 1 FROM category_catalogs WHERE tenant_id = $1", tenant) { _ in true } ?? false
    }
}
