import SCIM

/// A multi-valued attribute kept in its own table, as a filter sees it: `emails` of
/// Users, `members` of Groups, and a User's computed `groups`. A condition on one
/// element becomes `… IN (SELECT … WHERE tenant_id = ? AND condition)`, which is
/// "some element matches" (RFC 7644 §3.4.2.2) and uses the table's tenant-first index.
struct ElementTable {
    /// The SQL up to the element condition; the condition and `)` follow.
    private let prefix: String
    private let columns: [String: FilterColumn]
    private let tenant: TenantID
    /// Whether every row is a present element (`members pr` is "any row").
    let rowsArePresent: Bool

    /// The table of `attribute` (a schema name, e.g. `emails`) on `kind`, or `nil`.
    init?(attribute: String, kind: ResourceKind, tenant: TenantID) {
        self.tenant = tenant
        switch (attribute, kind) {
        case ("emails", .user):
            prefix = "r.seq IN (SELECT e.resource_seq FROM scim_emails e WHERE e.tenant_id = ? AND "
            columns = [
                "value": FilterColumn(sql: "e.value_folded", kind: .folded, isNullable: true),
                "type": FilterColumn(sql: "e.type", kind: .folded, isNullable: true),
                "primary": FilterColumn(sql: "e.is_primary", kind: .boolean, isNullable: true),
            ]
            rowsArePresent = false
        case ("members", .group):
            // Ids are lower-case UUIDs, so the id columns are their own folded form.
            prefix = "r.id IN (SELECT m.group_id FROM scim_group_members m WHERE m.tenant_id = ? AND "
            columns = [
                "value": FilterColumn(sql: "m.member_id", kind: .folded, isNullable: false),
                "type": FilterColumn(sql: "lower(m.member_type)", kind: .folded, isNullable: false),
            ]
            rowsArePresent = true
        case ("groups", .user):
            prefix = "r.id IN (SELECT g.member_id FROM scim_group_members g WHERE g.tenant_id = ? AND "
            columns = [
                "value": FilterColumn(sql: "g.group_id", kind: .folded, isNullable: false),
                "type": FilterColumn(sql: "'direct'", kind: .folded, isNullable: false),
            ]
            rowsArePresent = true
        default:
            return nil
        }
    }

    /// The column of sub-attribute `name` (any case), or `nil` (`display`, `$ref`).
    func column(_ name: String) -> FilterColumn? {
        columns[name.lowercased()]
    }

    /// Some element meets `condition`.
    func any(_ condition: SQLFragment) -> SQLFragment {
        SQLFragment("(" + prefix + condition.sql + "))", [.text(tenant.rawValue)] + condition.bindings)
    }

    /// `attribute.sub op value` over all elements, as the evaluator reads it: some
    /// element's value matches; `ne` when none equals; `eq null` when none has one.
    func compare(_ column: FilterColumn, _ op: ComparisonOperator, _ value: FilterValue) -> SQLFragment? {
        if case .null = value {
            let someValue = any(SQLFragment(column.isNullable ? "\(column.sql) IS NOT NULL" : "1"))
            switch op {
            case .eq: return .not(someValue)
            case .ne: return someValue
            default: return nil
            }
        }
        if op == .ne { return column.compare(.eq, value).map { .not(any($0)) } }
        return column.compare(op, value).map(any)
    }
}
