/// A tenant's categories, by key, in the order they were defined.
public struct CategoryCatalog: Sendable, Equatable {
    /// The categories, in definition order.
    public private(set) var categories: [Category]

    /// Creates a catalog. Later duplicates of a key are dropped.
    public init(_ categories: [Category] = []) {
        self.categories = []
        for category in categories where self[category.key] == nil { self.categories.append(category) }
    }

    /// The categories filled by the default ``CategoryMapping``: Department, Division,
    /// Organization, Cost center, Job title, City; read-only, single select.
    public static let identityProviderDefaults = CategoryCatalog([
        Category(key: .department, label: "Department", source: .identityProvider),
        Category(key: .division, label: "Division", source: .identityProvider),
        Category(key: .organization, label: "Organization", source: .identityProvider),
        Category(key: .costCenter, label: "Cost center", source: .identityProvider),
        Category(key: .jobTitle, label: "Job title", source: .identityProvider),
        Category(key: .city, label: "City", source: .identityProvider),
    ])

    /// The category with `key`, if defined.
    public subscript(key: CategoryKey) -> Category? {
        categories.first { $0.key == key }
    }

    /// The category whose key or label matches `name`, ignoring case, accents and spaces
    /// (used to suggest a CSV column's category). A name with nothing left once folded
    /// (empty, spaces, `-`) designates none, even beside a label that folds to nothing too.
    public func category(named name: String) -> Category? {
        let wanted = HeaderName.fold(name)
        guard !wanted.isEmpty else { return nil }
        return categories.first { HeaderName.fold($0.label) == wanted || HeaderName.fold($0.key.rawValue) == wanted }
    }

    /// Adds a category; replaces none. Returns `false` when the key exists.
    @discardableResult
    public mutating func add(_ category: Category) -> Bool {
        guard self[category.key] == nil else { return false }
        categories.append(category)
        return true
    }

    /// Grows every select category's known values with `values`, returning the values
    /// that were new, by key. Keys the catalog lacks are ignored here; validate first
    /// with ``validate(_:allowingReadOnly:)``.
    @discardableResult
    public mutating func absorb(_ values: CategoryValues) -> [CategoryKey: [String]] {
        var grown: [CategoryKey: [String]] = [:]
        for index in categories.indices {
            let added = categories[index].absorb(values[categories[index].key])
            if !added.isEmpty { grown[categories[index].key] = added }
        }
        return grown
    }

    /// Checks every key is defined, fits its type, and (unless `allowingReadOnly`, as the
    /// identity provider is) is not read-only.
    public func validate(_ values: CategoryValues, allowingReadOnly: Bool) throws(MemberError) {
        for key in values.keys {
            guard let category = self[key] else { throw .unknownCategory(key) }
            if category.isReadOnly, !allowingReadOnly { throw .readOnlyCategory(key) }
            try category.validate(values[key])
        }
    }
}
