import Coffee
import FoundationEssentials

/// The tenant's categories (City, Department…) as every door edits them. Categories the
/// identity provider fills are read-only for members; an admin may relabel them, not
/// delete them while the attribute mapping uses them.
struct CategoryService: Sendable {
    /// Where the catalog and the settings are read and written.
    let persistence: any Persistence

    /// What an edit changes; `nil` leaves a field as it is.
    struct Edit: Sendable {
        var label: String?
        var isMemberEditable: Bool?
        /// Known values to add.
        var values: [String]?
    }

    /// The tenant's catalog.
    func catalog(tenant: TenantID) async throws -> CategoryCatalog {
        try await persistence.read { tx in try tx.categories.catalog(tenant: tenant) }
    }

    /// Category `key` of the tenant.
    func category(_ key: CategoryKey, tenant: TenantID) async throws -> Category {
        guard let category = try await catalog(tenant: tenant)[key] else { throw Self.notFound(key) }
        return category
    }

    /// Adds `category`; its key must be free.
    func add(_ category: Category, tenant: TenantID) async throws {
        try await persistence.write { tx in
            var catalog = try tx.categories.catalog(tenant: tenant)
            guard catalog.add(category) else {
                throw ServiceError.duplicate("A category with key '\(category.key)' already exists.")
            }
            try tx.categories.save(catalog, tenant: tenant)
        }
    }

    /// Edits category `key`: a category the identity provider fills never becomes
    /// member-editable.
    func edit(_ key: CategoryKey, tenant: TenantID, _ edit: Edit) async throws -> Category {
        if edit.label?.isEmpty == true { throw ServiceError.invalid("'label' must not be empty.") }
        return try await persistence.write { tx in
            let catalog = try tx.categories.catalog(tenant: tenant)
            guard var category = catalog[key] else { throw Self.notFound(key) }
            if let label = edit.label { category.label = label }
            if let editable = edit.isMemberEditable {
                guard !category.isReadOnly || !editable else {
                    throw ServiceError.immutable("'\(key)' is filled by the identity provider: members cannot edit it.")
                }
                category.isMemberEditable = editable
            }
            if let values = edit.values { category.absorb(values) }
            try tx.categories.save(CategoryCatalog(catalog.categories.map { $0.key == key ? category : $0 }), tenant: tenant)
            return category
        }
    }

    /// Deletes category `key`, unless the attribute mapping fills it.
    func delete(_ key: CategoryKey, tenant: TenantID) async throws {
        try await persistence.write { tx in
            let catalog = try tx.categories.catalog(tenant: tenant)
            guard catalog[key] != nil else { throw Self.notFound(key) }
            if try tx.settings.settings(tenant: tenant).categoryMapping.keys.contains(key) {
                throw ServiceError.conflict("The attribute mapping fills '\(key)'; remove it from the mapping (PATCH /api/v1/settings) first.")
            }
            try tx.categories.save(CategoryCatalog(catalog.categories.filter { $0.key != key }), tenant: tenant)
        }
    }

    /// How many live members have each value of each category, and how many have any
    /// value of it: read in pages of ``countPage`` members, one read transaction each
    /// (the console's categories page).
    func valueCounts(tenant: TenantID) async throws -> [CategoryKey: (members: Int, values: [String: Int])] {
        var counts: [CategoryKey: (members: Int, values: [String: Int])] = [:]
        var query = MemberQuery()
        query.lifecycle = .live
        var after: Int64 = 0
        while true {
            let page = try await persistence.read { [after, query] tx in
                try tx.members.page(tenant: tenant, matching: query, after: after, limit: Self.countPage)
            }
            for (_, member) in page {
                for key in member.categoryValues.keys {
                    let values = member.categoryValues[key]
                    guard !values.isEmpty else { continue }
                    var entry = counts[key] ?? (0, [:])
                    entry.members += 1
                    for value in Set(values) { entry.values[value, default: 0] += 1 }
                    counts[key] = entry
                }
            }
            guard page.count == Self.countPage, let last = page.last else { break }
            after = last.seq
        }
        return counts
    }

    /// Members read per transaction by ``valueCounts(tenant:)``.
    static let countPage = 1_000

    static func notFound(_ key: CategoryKey) -> ServiceError { .notFound("Category '\(key)' not found.") }
}
