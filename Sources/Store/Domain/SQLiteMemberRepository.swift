import Coffee
import FoundationEssentials

/// Members as rows of `members` (migration 0004): reads and upserts on a connection the
/// caller holds, so they join whatever transaction is open (the SCIM write's, a CSV
/// import's). A member's tenant is part of every lookup.
public struct SQLiteMemberRepository: MemberRepository {
    /// The transaction's connection.
    let db: Connection

    /// The columns `member(_:)` reads.
    static let columns = """
        id, tenant_id, external_id, user_name, given_name, family_name, display_name, emails, locale, time_zone,
        categories, source, idp_active, local_status, inactive_reason, lifecycle, snoozed_until,
        welcome_requested_at, created_at, updated_at, deprovisioned_at, version
        """

    /// The member `id` of `tenant`, whatever its lifecycle, or `nil`.
    public func member(id: MemberID, tenant: TenantID) throws -> Member? {
        try db.queryOne("SELECT \(Self.columns) FROM members WHERE tenant_id = ? AND id = ?", tenant.rawValue, id.rawValue, map: Self.member)
    }

    /// The first live member of `tenant` whose primary email is `email` (ignoring case).
    public func liveMember(email: String, tenant: TenantID) throws -> Member? {
        try db.queryOne("""
            SELECT \(Self.columns) FROM members WHERE tenant_id = ? AND email_folded = ? AND lifecycle = 'live'
            ORDER BY seq LIMIT 1
            """, tenant.rawValue, TextFolding.fold(email), map: Self.member)
    }

    /// The members of `tenant` matching `query`, in creation order, after `afterSeq`, at
    /// most `limit`, with the `seq` of each (the cursor of the next page).
    public func page(tenant: TenantID, matching query: MemberQuery, after afterSeq: Int64,
                            limit: Int) throws -> [(seq: Int64, member: Member)] {
        let (conditions, bindings) = query.conditions
        return try db.query("""
            SELECT \(Self.columns), seq FROM members WHERE tenant_id = ? AND seq > ?\(conditions) ORDER BY seq LIMIT ?
            """, bindings: [.text(tenant.rawValue), .integer(afterSeq)] + bindings + [.integer(Int64(limit))]) { row in
            (row.int64(22), try Self.member(row))
        }
    }

    public func liveMembers(email: String) throws -> [Member] {
        try db.query("SELECT \(Self.columns) FROM members WHERE email_folded = ? AND lifecycle = 'live' ORDER BY tenant_id, seq",
                     TextFolding.fold(email), map: Self.member)
    }

    /// Every live member of `tenant`, in creation order.
    public func liveMembers(tenant: TenantID) throws -> [Member] {
        try db.query("SELECT \(Self.columns) FROM members WHERE tenant_id = ? AND lifecycle = 'live' ORDER BY seq",
                     tenant.rawValue, map: Self.member)
    }

    public func liveMembers(tenant: TenantID, afterID: String, throughID: String?, limit: Int) throws -> [Member] {
        guard let throughID else {
            return try db.query("""
                SELECT \(Self.columns) FROM members WHERE tenant_id = ? AND id > ? AND lifecycle = 'live' ORDER BY id LIMIT ?
                """, tenant.rawValue, afterID, limit, map: Self.member)
        }
        return try db.query("""
            SELECT \(Self.columns) FROM members WHERE tenant_id = ? AND id > ? AND id <= ? AND lifecycle = 'live'
            ORDER BY id LIMIT ?
            """, tenant.rawValue, afterID, throughID, limit, map: Self.member)
    }

    /// Along the (tenant, id) index alone (`members_by_id`): a count, then one offset per boundary.
    public func memberIDBoundaries(tenant: TenantID, parts: Int) throws -> [String] {
        let count = try db.queryOne("SELECT count(*) FROM members WHERE tenant_id = ?", tenant.rawValue) { $0.int(0) } ?? 0
        return try MemberIDBoundaries.offsets(count: count, parts: parts).compactMap { offset in
            try db.queryOne("SELECT id FROM members WHERE tenant_id = ? ORDER BY id LIMIT 1 OFFSET ?",
                            tenant.rawValue, offset) { $0.string(0) }
        }
    }

    /// How many members `tenant` has in each lifecycle.
    public func counts(tenant: TenantID) throws -> [Lifecycle: Int] {
        var counts: [Lifecycle: Int] = [:]
        for (lifecycle, count) in try db.query("SELECT lifecycle, count(*) FROM members WHERE tenant_id = ? GROUP BY lifecycle",
                                               tenant.rawValue, map: { ($0.string(0), $0.int(1)) }) {
            if let value = Lifecycle(rawValue: lifecycle) { counts[value] = count }
        }
        return counts
    }

    public func liveStatusCounts(tenant: TenantID) throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try db.query("""
            SELECT local_status, count(*) FROM members WHERE tenant_id = ? AND lifecycle = 'live' GROUP BY local_status
            """, tenant.rawValue, map: { ($0.string(0), $0.int(1)) }))
    }

    /// The ids and tenants of members deprovisioned before `cutoff` and not yet purged,
    /// oldest first, at most `limit`. Retention is per tenant, so the caller checks each.
    public func deprovisioned(before cutoff: Date, limit: Int) throws -> [(tenant: TenantID, id: MemberID)] {
        try db.query("""
            SELECT tenant_id, id FROM members WHERE lifecycle = 'deprovisioned' AND deprovisioned_at <= ?
            ORDER BY deprovisioned_at LIMIT ?
            """, Timestamp.string(from: cutoff), limit) { (TenantID(rawValue: $0.string(0)), MemberID($0.string(1))) }
    }

    public func latestUpdate(tenant: TenantID) throws -> Date? {
        try db.queryOne("SELECT max(updated_at) FROM members WHERE tenant_id = ?", tenant) { row in
            row.isNull(0) ? nil : try row.date(0)
        } ?? nil
    }

    public func updated(since date: Date, tenant: TenantID) throws -> [Member] {
        try db.query("SELECT \(Self.columns) FROM members WHERE tenant_id = ? AND updated_at >= ? ORDER BY updated_at",
                     tenant, Timestamp.string(from: date), map: Self.member)
    }

    /// Inserts `member`, or replaces the stored row with the same tenant and id.
    public func save(_ member: Member) throws {
        let (status, reason) = Self.storedStatus(member.localStatus)
        try db.execute("""
            INSERT INTO members (id, tenant_id, external_id, user_name, given_name, family_name, display_name, emails,
                locale, time_zone, categories, source, idp_active, local_status, inactive_reason, lifecycle,
                snoozed_until, welcome_requested_at, created_at, updated_at, deprovisioned_at, version, email_folded)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, id) DO UPDATE SET external_id = excluded.external_id,
                user_name = excluded.user_name, given_name = excluded.given_name, family_name = excluded.family_name,
                display_name = excluded.display_name, emails = excluded.emails, locale = excluded.locale,
                time_zone = excluded.time_zone, categories = excluded.categories, idp_active = excluded.idp_active,
                local_status = excluded.local_status, inactive_reason = excluded.inactive_reason,
                lifecycle = excluded.lifecycle, snoozed_until = excluded.snoozed_until,
                welcome_requested_at = excluded.welcome_requested_at, updated_at = excluded.updated_at,
                deprovisioned_at = excluded.deprovisioned_at, version = excluded.version,
                email_folded = excluded.email_folded
            """,
            member.id.rawValue, member.tenantID.rawValue, member.externalID, member.userName, member.givenName,
            member.familyName, member.displayName, try JSONText.encode(member.emails.map(\.rawValue)),
            member.locale, member.timeZoneIdentifier, try JSONText.encode(Self.categoryObject(member.categoryValues)),
            member.source.rawValue, member.idpActive, status, reason, member.lifecycle.rawValue,
            member.snoozedUntil.map(Timestamp.string(from:)), member.welcomeEmailRequestedAt.map(Timestamp.string(from:)),
            Timestamp.string(from: member.createdAt), Timestamp.string(from: member.updatedAt),
            member.deprovisionedAt.map(Timestamp.string(from:)), member.version,
            member.primaryEmail.map { TextFolding.fold($0.rawValue) })
    }

    /// ``MemberRepository/save(_:replacing:)``: an `UPDATE` that names `email_folded`,
    /// `lifecycle` and `deprovisioned_at` only when they change (each is in an index);
    /// the row being absent after all, an upsert by ``save(_:)``.
    public func save(_ member: Member, replacing previous: Member) throws {
        guard member.id == previous.id, member.tenantID == previous.tenantID else { return try save(member) }
        let (status, reason) = Self.storedStatus(member.localStatus)
        var assignments = ["external_id = ?", "user_name = ?", "given_name = ?", "family_name = ?", "display_name = ?",
                           "emails = ?", "locale = ?", "time_zone = ?", "categories = ?", "idp_active = ?",
                           "local_status = ?", "inactive_reason = ?", "snoozed_until = ?", "welcome_requested_at = ?",
                           "updated_at = ?", "version = ?"]
        var values: [any SQLBindable] = [
            member.externalID, member.userName, member.givenName, member.familyName, member.displayName,
            try JSONText.encode(member.emails.map(\.rawValue)), member.locale, member.timeZoneIdentifier,
            try JSONText.encode(Self.categoryObject(member.categoryValues)), member.idpActive, status, reason,
            member.snoozedUntil.map(Timestamp.string(from:)), member.welcomeEmailRequestedAt.map(Timestamp.string(from:)),
            Timestamp.string(from: member.updatedAt), member.version]
        let emailFolded = member.primaryEmail.map { TextFolding.fold($0.rawValue) }
        if emailFolded != previous.primaryEmail.map({ TextFolding.fold($0.rawValue) }) {
            assignments.append("email_folded = ?")
            values.append(emailFolded)
        }
        if member.lifecycle != previous.lifecycle {
            assignments.append("lifecycle = ?")
            values.append(member.lifecycle.rawValue)
        }
        if member.deprovisionedAt != previous.deprovisionedAt {
            assignments.append("deprovisioned_at = ?")
            values.append(member.deprovisionedAt.map(Timestamp.string(from:)))
        }
        values += [member.tenantID.rawValue, member.id.rawValue] as [any SQLBindable]
        let statement = try db.cachedStatement(
            "UPDATE members SET \(assignments.joined(separator: ", ")) WHERE tenant_id = ? AND id = ?")
        try statement.bind(values)
        try statement.execute()
        if db.changes == 0 { try save(member) }
    }

    /// The `local_status` and `inactive_reason` columns of `status`.
    static func storedStatus(_ status: LocalStatus) -> (status: String, reason: String?) {
        switch status {
        case .pending: return ("pending", nil)
        case .active: return ("active", nil)
        case .inactive(let why): return ("inactive", why.rawValue)
        }
    }

    /// A row of `columns` as a member. Values that do not parse are storage corruption.
    static func member<R: StoredRow>(_ row: R) throws -> Member {
        guard let source = MemberSource(rawValue: row.string(11)),
              let lifecycle = Lifecycle(rawValue: row.string(15)),
              let createdAt = row.instant(18),
              let updatedAt = row.instant(19)
        else { throw StoreError(code: .corrupt, message: "a members row has an unknown source, lifecycle or timestamp") }
        let localStatus: LocalStatus
        switch row.string(13) {
        case "pending": localStatus = .pending
        case "active": localStatus = .active
        default: localStatus = .inactive(row.optionalString(14).flatMap(InactiveReason.init(rawValue:)) ?? .admin)
        }
        let emails: [String] = try JSONText.decode(row.string(7))
        let categories: [String: [String]] = try JSONText.decode(row.string(10))
        return Member(
            id: MemberID(row.string(0)), tenantID: DomainTenantID(row.string(1)), externalID: row.optionalString(2),
            userName: row.string(3), givenName: row.string(4), familyName: row.string(5),
            displayName: row.optionalString(6), emails: emails.map(EmailAddress.init(stored:)),
            locale: row.optionalString(8), timeZoneIdentifier: row.optionalString(9),
            categoryValues: CategoryValues(lists: categories),
            source: source, idpActive: row.bool(12), localStatus: localStatus, lifecycle: lifecycle,
            snoozedUntil: row.instant(16),
            welcomeEmailRequestedAt: row.instant(17),
            createdAt: createdAt, updatedAt: updatedAt,
            deprovisionedAt: row.instant(20), version: row.int(21))
    }

    /// Category values as a JSON-ready dictionary.
    static func categoryObject(_ values: CategoryValues) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: values.keys.map { ($0.rawValue, values[$0]) })
    }
}
