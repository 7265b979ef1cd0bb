import Coffee
import FoundationEssentials
import SCIM

/// The provisioning log's SQL, shared by both backends: the columns and their mapping, the
/// values of a row, and the conditions of a query with the placeholders each dialect
/// writes (`?` for SQLite, `$n` for PostgreSQL).
enum ProvisioningLogSQL {
    /// A value bound to a placeholder.
    enum Value {
        case text(String?)
        case integer(Int64)
    }

    /// The columns ``entry(_:)`` maps, in order.
    static let columns = """
        id, tenant_id, occurred_at, token_id, user_agent, operation, resource_type, resource_id, resource_name,
        status, scim_type, detail, duration_us, changes
        """

    /// The columns an insert writes, in the order of ``values(of:)``.
    static let insertColumns = """
        tenant_id, id, occurred_at, token_id, user_agent, operation, resource_type, resource_id, resource_name,
        resource_name_folded, status, outcome, scim_type, detail, duration_us, changes
        """

    /// How many ``insertColumns`` there are (the placeholders of an insert).
    static let columnCount = 16

    /// What an upsert replaces when the entry is recorded again.
    static let onConflict = """
        ON CONFLICT (tenant_id, id) DO UPDATE SET resource_type = excluded.resource_type,
            resource_id = excluded.resource_id, resource_name = excluded.resource_name,
            resource_name_folded = excluded.resource_name_folded, status = excluded.status,
            outcome = excluded.outcome, duration_us = excluded.duration_us, changes = excluded.changes
        """

    /// `date` in microseconds since 1970.
    static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// The values of `entry`, in the order of ``insertColumns``.
    static func values(of entry: ProvisioningLogEntry) throws -> [Value] {
        let changes = entry.changes.isEmpty ? "[]" : Self.text(of: entry.changes)
        return [
            .text(entry.tenantID.rawValue), .text(entry.id), .integer(microseconds(entry.occurredAt)),
            .text(entry.tokenID), .text(entry.userAgent), .text(entry.operation), .text(entry.resourceType),
            .text(entry.resourceID), .text(entry.resourceName), .text(entry.resourceName.map(TextFolding.fold)),
            .integer(Int64(entry.status)), .text(entry.succeeded ? "success" : "failure"), .text(entry.scimType),
            .text(entry.detail), .integer(Int64(entry.durationMicroseconds)), .text(changes),
        ]
    }

    /// `changes` as the JSON text `ProvisioningLogChange`'s `Codable` form reads, written
    /// with the SCIM module's writer (`JSONEncoder` costs several microseconds a call, and
    /// every logged write pays it).
    static func text(of changes: [ProvisioningLogChange]) -> String {
        JSONValue.array(changes.map { change in
            var object = JSONObject()
            object["attribute"] = .string(change.attribute)
            if let old = change.old { object["old"] = .string(old) }
            if let new = change.new { object["new"] = .string(new) }
            if let added = change.added { object["added"] = .array(added.map(JSONValue.string)) }
            if let removed = change.removed { object["removed"] = .array(removed.map(JSONValue.string)) }
            if let count = change.addedCount { object["addedCount"] = .integer(Int64(count)) }
            if let count = change.removedCount { object["removedCount"] = .integer(Int64(count)) }
            return .object(object)
        }).encodedString()
    }

    /// The aggregate ``ProvisioningLogRepository/clientActivity(tenant:since:)`` runs:
    /// binds the tenant and the start of the window (twice each, numbered
    /// `placeholder(1)`, `placeholder(2)`); `sameToken` compares two token ids, nulls equal.
    static func clientActivity(placeholder: (Int) -> String, sameToken: String) -> String {
        """
        SELECT token_id, count(*), sum(CASE WHEN status >= 400 THEN 1 ELSE 0 END), max(occurred_at),
               (SELECT latest.user_agent FROM provisioning_log latest
                WHERE latest.tenant_id = \(placeholder(1)) AND latest.occurred_at >= \(placeholder(2))
                  AND latest.token_id \(sameToken) log.token_id
                ORDER BY latest.occurred_at DESC LIMIT 1)
        FROM provisioning_log log
        WHERE log.tenant_id = \(placeholder(1)) AND log.occurred_at >= \(placeholder(2))
        GROUP BY log.token_id
        """
    }

    /// A row of ``clientActivity(placeholder:sameToken:)``.
    static func clientActivity<R: StoredRow>(_ row: R) -> ProvisioningClientActivity {
        ProvisioningClientActivity(tokenID: row.optionalString(0), userAgent: row.optionalString(4), requests: row.int(1),
                                   errors: row.int(2), lastRequestAt: Date(timeIntervalSince1970: Double(row.int64(3)) / 1_000_000))
    }

    /// The entry in a row of ``columns``.
    static func entry<R: StoredRow>(_ row: R) throws -> ProvisioningLogEntry {
        let changesText = row.string(13)
        let changes: [ProvisioningLogChange] = changesText == "[]" ? [] : try JSONText.decode(changesText)
        return ProvisioningLogEntry(
            id: row.string(0), tenantID: TenantID(rawValue: row.string(1)),
            occurredAt: Date(timeIntervalSince1970: Double(row.int64(2)) / 1_000_000),
            tokenID: row.optionalString(3), userAgent: row.optionalString(4), operation: row.string(5),
            resourceType: row.optionalString(6), resourceID: row.optionalString(7), resourceName: row.optionalString(8),
            status: row.int(9), scimType: row.optionalString(10), detail: row.optionalString(11),
            durationMicroseconds: row.int(12), changes: changes)
    }

    /// The `SELECT` of `query` and its values; `placeholder(n)` writes the n-th (from 1)
    /// placeholder and `collate` what orders ids bytewise (empty for SQLite).
    static func select(_ query: ProvisioningLogQuery, placeholder: (Int) -> String,
                       collate: String = "") -> (sql: String, values: [Value]) {
        var values: [Value] = []
        func bind(_ value: Value) -> String {
            values.append(value)
            return placeholder(values.count)
        }
        var conditions = ["tenant_id = \(bind(.text(query.tenantID.rawValue)))"]
        if let since = query.since { conditions.append("occurred_at >= \(bind(.integer(microseconds(since))))") }
        if let until = query.until { conditions.append("occurred_at < \(bind(.integer(microseconds(until))))") }
        if let user = query.user {
            conditions.append("(resource_id = \(bind(.text(user.lowercased()))) OR resource_name_folded = \(bind(.text(TextFolding.fold(user)))))")
        }
        switch query.outcome {
        case .success: conditions.append("outcome = 'success'")
        case .failure: conditions.append("outcome = 'failure'")
        case .status(let status): conditions.append("status = \(bind(.integer(Int64(status))))")
        case nil: break
        }
        if let operation = query.operation { conditions.append("operation = \(bind(.text(operation)))") }
        if let after = query.after {
            let time = microseconds(after.occurredAt)
            conditions.append("(occurred_at < \(bind(.integer(time))) OR (occurred_at = \(bind(.integer(time))) AND id\(collate) < \(bind(.text(after.id)))))")
        }
        let sql = """
            SELECT \(columns) FROM provisioning_log WHERE \(conditions.joined(separator: " AND "))
            ORDER BY occurred_at DESC, id\(collate) DESC LIMIT \(bind(.integer(Int64(max(0, query.limit)))))
            """
        return (sql, values)
    }
}
