import Coffee

/// Each tenant's ``CategoryCatalog``: its categories in `categories`, in display order,
/// and their known values in `category_values`, one row per value in order of arrival.
/// A tenant whose catalog was never stored (no `category_catalogs` row) starts from
/// ``CategoryCatalog/identityProviderDefaults``; one stored empty stays empty.
///
/// Writes that bring category values call ``absorb(_:tenant:in:)``, which inserts the
/// values and ignores those already known: its cost does not grow with the number of
/// values the tenant has ever seen.
public struct SQLiteCategoryRepository: CategoryRepository {
    /// The transaction's connection.
    let db: Connection

    /// The tenant's catalog.
    public func catalog(tenant: TenantID) throws -> CategoryCatalog {
        var values: [String: [String]] = [:]
        for (key, value) in try db.query("SELECT key, value FROM category_values WHERE tenant_id = ? ORDER BY rowid",
                                         tenant.rawValue, map: { ($0.string(0), $0.string(1)) }) {
            values[key, default: []].append(value)
        }
        let categories = try db.query("""
            SELECT key, label, type, source, read_only, member_editable FROM categories
            WHERE tenant_id = ? ORDER BY position
            """, tenant.rawValue) { row in try Self.category(row, values: values) }
        guard categories.isEmpty else { return CategoryCatalog(categories) }
        return try isStored(tenant: tenant) ? CategoryCatalog() : .identityProviderDefaults
    }

    /// A row of `key, label, type, source, read_only, member_editable` as a category with
    /// its known values from `values` (by key).
    static func category<R: StoredRow>(_ row: R, values: [String: [String]]) throws -> Category {
        guard let type = CategoryType(rawValue: row.string(2)), let source = CategorySource(rawValue: row.string(3)) else {
            throw StoreError(code: .corrupt, message: "a categories row has an unknown type or source")
        }
        let key = row.string(0)
        return Category(key: CategoryKey(key), label: row.string(1), type: type, knownValues: values[key] ?? [],
                        source: source, isReadOnly: row.bool(4), isMemberEditable: row.bool(5))
    }

    /// Stores `catalog` as the tenant's, replacing the categories it had. Known values
    /// already stored keep their place; new ones are appended; the values of categories
    /// that are gone (or now `text`) are deleted.
    public func save(_ catalog: CategoryCatalog, tenant: TenantID) throws {
        try db.execute("INSERT OR IGNORE INTO category_catalogs (tenant_id) VALUES (?)", tenant.rawValue)
        try db.execute("DELETE FROM categories WHERE tenant_id = ?", tenant.rawValue)
        for (position, category) in catalog.categories.enumerated() {
            try db.execute("""
                INSERT INTO categories (tenant_id, key, position, label, type, source, read_only, member_editable)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, tenant.rawValue, category.key.rawValue, position, category.label, category.type.rawValue,
                category.source.rawValue, category.isReadOnly, category.isMemberEditable)
        }
        try db.execute("""
            DELETE FROM category_values WHERE tenant_id = ?1
            AND key NOT IN (SELECT key FROM categories WHERE tenant_id = ?1 AND type <> 'text')
            """, tenant.rawValue)
        for category in catalog.categories where category.type != .text {
            try insert(category.knownValues, key: category.key, tenant: tenant)
        }
    }

    /// Adds `values` to the known values of the tenant's select categories (known values
    /// grow as members arrive); values of unknown or `text` categories are not kept. A
    /// catalog never stored is stored first (the identity provider's defaults), as a
    /// catalog that grows is.
    public func absorb(_ values: CategoryValues, tenant: TenantID) throws {
        guard !values.isEmpty else { return }
        if try !isStored(tenant: tenant) { try save(.identityProviderDefaults, tenant: tenant) }
        var rows: [(key: CategoryKey, value: String)] = []
        for key in values.keys {
            // Trimmed, without blanks or case-insensitive repeats, as the domain absorbs.
            var scratch = Category(key: key, label: "", type: .multiSelect)
            for value in scratch.absorb(values[key]) { rows.append((key, value)) }
        }
        // A SCIM write brings a few values (title, cost center, department, division):
        // one statement inserts them all instead of one statement each.
        try db.insert(rows, Self.absorbRows) { row, statement, offset in
            try statement.bind(tenant.rawValue, at: offset + 1)
            try statement.bind(row.key.rawValue, at: offset + 2)
            try statement.bind(TextFolding.fold(row.value), at: offset + 3)
            try statement.bind(row.value, at: offset + 4)
        }
    }

    /// The statements ``absorb(_:tenant:)`` inserts with: each value only when its key is a
    /// select category of the tenant; up to 8 values in one statement of exactly that many.
    static let absorbRows = RowInsert(head: """
        INSERT OR IGNORE INTO category_values (tenant_id, key, folded, value)
        SELECT v.column1, v.column2, v.column3, v.column4 FROM (
        """, tuple: "(?, ?, ?, ?)", tail: """
        ) AS v WHERE EXISTS (SELECT 1 FROM categories c WHERE c.tenant_id = v.column1 AND c.key = v.column2 AND c.type <> 'text')
        """, rowsPerStatement: Array((1...8).reversed()))

    /// Inserts `values` (already trimmed and distinct) as known values of `key`, ignoring
    /// those already known.
    private func insert(_ values: [String], key: CategoryKey, tenant: TenantID) throws {
        for value in values {
            try db.execute("INSERT OR IGNORE INTO category_values (tenant_id, key, folded, value) VALUES (?, ?, ?, ?)",
                           tenant.rawValue, key.rawValue, TextFolding.fold(value), value)
        }
    }

    /// Whether the tenant's catalog was ever stored.
    private func isStored(tenant: TenantID) throws -> Bool {
        try db.queryOne("SELECT 1 FROM category_catalogs WHERE tenant_id = ?", tenant.rawValue) { _ in true } ?? false
    }
}
