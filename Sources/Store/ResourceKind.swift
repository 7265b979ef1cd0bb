import SCIM

/// The SCIM resource types the Store keeps: Users and Groups (RFC 7643 §4), stored as
/// `'User'` and `'Group'` in `scim_resources.resource_type`.
public enum ResourceKind: String, Sendable, Hashable, CaseIterable {
    /// `/Users`, `urn:ietf:params:scim:schemas:core:2.0:User`.
    case user = "User"
    /// `/Groups`, `urn:ietf:params:scim:schemas:core:2.0:Group`.
    case group = "Group"

    /// The SCIM resource type definition (schema and extensions), for filters.
    public var resourceType: ResourceType {
        switch self {
        case .user: return .user
        case .group: return .group
        }
    }

    /// The value as an SQL string literal, e.g. `'User'`. Spliced into SQL (never input),
    /// so the planner can match the partial indexes' `resource_type = '…'` predicates.
    var sqlLiteral: String { "'\(rawValue)'" }
}
