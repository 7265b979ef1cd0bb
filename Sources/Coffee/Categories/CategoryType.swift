/// How a category takes values (domain.md, "Categories").
public enum CategoryType: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// One value from a drop-down whose known values grow as values arrive.
    case singleSelect
    /// Several values from a growing drop-down.
    case multiSelect
    /// Free text; no drop-down, no known values collected.
    case text
}

/// Where a category's values come from.
public enum CategorySource: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// Filled by the identity provider through the tenant's ``CategoryMapping``.
    case identityProvider
    /// Created by an admin, by hand or while mapping a CSV column.
    case admin
}
