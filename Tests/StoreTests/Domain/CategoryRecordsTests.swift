import Coffee
import Testing
@testable import Store

@Suite("CategoryRecords (0009) — known values as rows, absorbed without reading the catalog")
struct CategoryRecordsTests {
    static let tenant = TenantID(rawValue: "t1")

    static func database() throws -> Connection {
        let db = try Connection(path: ":memory:")
        try StoreSchema.migrator.migrate(db)
        try db.execute("INSERT INTO tenants VALUES ('t1', 'one', 'now'), ('t2', 'two', 'now')")
        return db
    }

    @Test("absorbing stores the defaults once, then appends new values case-insensitively, in order of arrival")
    func absorbAppends() throws {
        let db = try Self.database()
        try db.categories.absorb(CategoryValues([.department: ["Sales"], .city: [" Paris "]]), tenant: Self.tenant)
        try db.categories.absorb(CategoryValues([.department: ["sales", "Legal", ""], .costCenter: ["CC-1"]]),
                                   tenant: Self.tenant)
        try db.categories.absorb(CategoryValues([CategoryKey("unknown"): ["x"]]), tenant: Self.tenant)
        let catalog = try db.categories.catalog(tenant: Self.tenant)
        #expect(catalog.categories.map(\.key) == CategoryCatalog.identityProviderDefaults.categories.map(\.key))
        #expect(catalog[.department]?.knownValues == ["Sales", "Legal"])
        #expect(catalog[.city]?.knownValues == ["Paris"])
        #expect(catalog[.costCenter]?.knownValues == ["CC-1"])
        #expect(try db.queryOne("SELECT count(*) FROM category_values WHERE key = 'unknown'") { $0.int(0) } == 0)
        #expect(try db.categories.catalog(tenant: TenantID(rawValue: "t2")) == .identityProviderDefaults)
    }

    @Test("a text category keeps no values; saving keeps stored values in place and drops those of removed categories")
    func saveKeepsOrder() throws {
        let db = try Self.database()
        var catalog = CategoryCatalog([Category(key: .department, label: "Department", knownValues: ["B", "A"]),
                                       Category(key: CategoryKey("notes"), label: "Notes", type: .text)])
        try db.categories.save(catalog, tenant: Self.tenant)
        try db.categories.absorb(CategoryValues([.department: ["C"], CategoryKey("notes"): ["free text"]]),
                                   tenant: Self.tenant)
        catalog = try db.categories.catalog(tenant: Self.tenant)
        #expect(catalog[.department]?.knownValues == ["B", "A", "C"])
        #expect(catalog[CategoryKey("notes")]?.knownValues == [])
        try db.categories.save(CategoryCatalog([Category(key: .city, label: "City", knownValues: ["Lyon"])]),
                                 tenant: Self.tenant)
        #expect(try db.query("SELECT key, value FROM category_values ORDER BY rowid") { "\($0.string(0))=\($0.string(1))" }
                == ["city=Lyon"])
        try db.categories.save(CategoryCatalog(), tenant: Self.tenant)
        #expect(try db.categories.catalog(tenant: Self.tenant) == CategoryCatalog())
    }

    @Test("0009 moves the JSON known values of 0004's categories into rows, folded as Swift folds")
    func migrationMovesValues() throws {
        let db = try Connection(path: ":memory:")
        let before = Migrator(Array(StoreSchema.migrations.prefix { $0.identifier != StoreSchema.categoryValues.identifier }))
        try before.migrate(db)
        try db.execute("INSERT INTO tenants VALUES ('t1', 'one', 'now')")
        try db.execute("""
            INSERT INTO categories (tenant_id, key, position, label, type, source, read_only, member_editable, known_values)
            VALUES ('t1', 'city', 0, 'City', 'singleSelect', 'admin', 0, 1, '["Zürich","ÉCOLE","Berlin"]'),
                   ('t1', 'notes', 1, 'Notes', 'text', 'admin', 0, 1, '["ignored"]')
            """)
        try StoreSchema.migrator.migrate(db)
        #expect(try db.query("SELECT folded, value FROM category_values ORDER BY rowid") { "\($0.string(0))=\($0.string(1))" }
                == ["zürich=Zürich", "école=ÉCOLE", "berlin=Berlin"])
        // The folded spelling matches the domain's, so a later "école" is the same value.
        try db.categories.absorb(CategoryValues([.city: ["école", "Oslo"]]), tenant: Self.tenant)
        #expect(try db.categories.catalog(tenant: Self.tenant)[.city]?.knownValues == ["Zürich", "ÉCOLE", "Berlin", "Oslo"])
    }
}
