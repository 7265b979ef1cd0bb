/// The bytes one list page may carry (``SQLiteResourceStore/Configuration/maxPageBytes``),
/// spent in page order: each resource's stored JSON, plus ``referenceBytes`` for each
/// member or group it carries. A resource that would overspend ends the page (fewer
/// items, never a cut resource); the first resource is always admitted.
struct PageBudget {
    /// A rendered member or group reference (`value`, `display`, `type`, `$ref`), roughly.
    static let referenceBytes = 160

    let limit: Int
    private(set) var spent = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Spends `bytes` and returns true when they fit (or nothing was spent yet), else
    /// returns false and spends nothing.
    mutating func admits(_ bytes: Int) -> Bool {
        guard spent == 0 || spent + bytes <= limit else { return false }
        spent += bytes
        return true
    }

    /// What `resource`, `bytes` of stored JSON, costs with its references.
    static func cost(of resource: StoredResource, bytes: Int) -> Int {
        bytes + ((resource.members?.count ?? 0) + (resource.groups?.count ?? 0)) * referenceBytes
    }
}
