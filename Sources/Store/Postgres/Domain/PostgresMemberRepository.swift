import Coffee
import FoundationEssentials

/// Members as rows of `members` on PostgreSQL: the same reads and upserts as
/// ``SQLiteMemberRepository``, mapped by the same functions.
struct PostgresMemberRepository: MemberRepository {
    /// The transaction's connection.
    let db: PostgresConnection
    /// ` FOR UPDATE` in a write transaction (see `PostgresTransaction.lock`), else empty.
    let lock: String

    /// The columns ``SQLiteMemberRepository/member(_:)`` maps.
    static let columns = SQLiteMemberRepository.columns

    func member(id: MemberID, tenant: TenantID) throws -> Member? {
        try db.queryOne("SELECT \(Self.columns) FROM members WHERE tenant_id = $1 AND id = $2\(lock)", tenant, id,
                        map: SQLiteMemberRepository.member)
    }

    func liveMember(email: String, tenant: TenantID) throws -> Member? {
        try db.queryOne("""
            SELECT \(Self.columns) FROM members WHERE tenant_id = $1 AND email_folded = $2 AND lifecycle = 'live'
            ORDER BY seq LIMIT 1
            """, tenant, TextFolding.fold(email), map: SQLiteMemberRepository.member)
    }

    func page(tenant: TenantID, matching query: MemberQuery, after afterSeq: Int64,
              limit: Int) throws -> [(seq: Int64, member: Member)] {
        let (conditions, parameters) = query.postgresConditions(first: 3)
        return try db.query("""
            SELECT \(Self.columns), seq FROM members WHERE tenant_id = $1 AND seq > $2\(conditions)
            ORDER BY seq LIMIT $\(3 + parameters.count)
            """, parameters: [tenant, afterSeq] + parameters + [limit]) { row in
            (row.int64(22), try SQLiteMemberRepository.member(row))
        }
    }

    func liveMembers(email: String) throws -> [Member] {
        try db.query("""
            SELECT \(Self.columns) FROM members WHERE email_folded = $1 AND lifecycle = 'live' ORDER BY tenant_id, seq
            """, TextFolding.fold(email), map: SQLiteMemberRepository.member)
    }

    func latestUpdate(tenant: TenantID) throws -> Date? {
        try db.queryOne("SELECT max(updated_at) FROM members WHERE tenant_id = $1", tenant) { $0.instant(0) } ?? nil
    }

    func updated(since date: Date, tenant: TenantID) throws -> [Member] {
        try db.query("SELECT \(Self.columns) FROM members WHERE tenant_id = $1 AND updated_at >= $2 ORDER BY updated_at",
                     tenant, date, map: SQLiteMemberRepository.member)
    }

    func liveMembers(tenant: TenantID) throws -> [Member] {
        try db.query("SELECT \(Self.columns) FROM members WHERE tenant_id = $1 AND lifecycle = 'live' ORDER BY seq",
                     tenant, map: SQLiteMemberRepository.member)
    }

    func liveMembers(tenant: TenantID, afterID: String, throughID: String?, limit: Int) throws -> [Member] {
        guard let throughID else {
            return try db.query("""
                SELECT \(Self.columns) FROM members WHERE tenant_id = $1 AND id > $2 AND lifecycle = 'live' ORDER BY id LIMIT $3
                """, parameters: [tenant, afterID, limit], map: SQLiteMemberRepository.member)
        }
        return try db.query("""
            SELECT \(Self.columns) FROM members WHERE tenant_id = $1 AND id > $2 AND id <= $3 AND lifecycle = 'live'
            ORDER BY id LIMIT $4
            """, parameters: [tenant, afterID, throughID, limit], map: SQLiteMemberRepository.member)
    }

    /// Along the (tenant, id) unique index: a count, then one offset per boundary.
    func memberIDBoundaries(tenant: TenantID, parts: Int) throws -> [String] {
        let count = try db.queryOne("SELECT count(*) FROM members WHERE tenant_id = $1", tenant) { $0.int(0) } ?? 0
        return try MemberIDBoundaries.offsets(count: count, parts: parts).compactMap { offset in
            try db.queryOne("SELECT id FROM members WHERE tenant_id = $1 ORDER BY id LIMIT 1 OFFSET $2", tenant, offset) {
                $0.string(0)
            }
        }
    }

    func counts(tenant: TenantID) throws -> [Lifecycle: Int] {
        var counts: [Lifecycle: Int] = [:]
        for (lifecycle, count) in try db.query("SELECT lifecycle, count(*) FROM members WHERE tenant_id = $1 GROUP BY lifecycle",
                                               tenant, map: { ($0.string(0), $0.int(1)) }) {
            if let value = Lifecycle(rawValue: lifecycle) { counts[value] = count }
        }
        return counts
    }

    func liveStatusCounts(tenant: TenantID) throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try db.query("""
            SELECT local_status, count(*) FROM members WHERE tenant_id = $1 AND lifecycle = 'live' GROUP BY local_status
            """, tenant, map: { ($0.string(0), $0.int(1)) }))
    }

    func deprovisioned(before cutoff: Date, limit: Int) throws -> [(tenant: TenantID, id: MemberID)] {
        try db.query("""
            SELECT tenant_id, id FROM members WHERE lifecycle = 'deprovisioned' AND deprovisioned_at <= $1
            ORDER BY deprovisioned_at LIMIT $2
            """, cutoff, limit) { (TenantID(rawValue: $0.string(0)), MemberID($0.string(1))) }
    }

    /// PostgreSQL leaves an index alone when its columns keep their values (a HOT
    /// update): the whole row is written, as by ``save(_:)``.
    func save(_ member: Member, replacing previous: Member) throws {
        try save(member)
    }

    /// Sent with the transaction's next statement or its commit (``PostgresConnection/enqueue(_:_:)``):
    /// a later read of the member in the transaction follows it on the connection.
    func save(_ member: Member) throws {
        let (status, reason) = SQLiteMemberRepository.storedStatus(member.localStatus)
        try db.enqueue("""
            INSERT INTO members (id, tenant_id, external_id, user_name, given_name, family_name, display_name, emails,
                locale, time_zone, categories, source, idp_active, local_status, inactive_reason, lifecycle,
                snoozed_until, welcome_requested_at, created_at, updated_at, deprovisioned_at, version, email_folded)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
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
            member.id, member.tenantID, member.externalID, member.userName, member.givenName,
            member.familyName, member.displayName, try JSONText.encode(member.emails.map(\.rawValue)),
            member.locale, member.timeZoneIdentifier,
            try JSONText.encode(SQLiteMemberRepository.categoryObject(member.categoryValues)),
            member.source.rawValue, member.idpActive, status, reason, member.lifecycle.rawValue,
            member.snoozedUntil, member.welcomeEmailRequestedAt, member.createdAt, member.updatedAt,
            member.deprovisionedAt, member.version, member.primaryEmail.map { TextFolding.fold($0.rawValue) })
    }

    /// Each User's manager (the enterprise extension's `manager.value`), by the User's id.
    func managers(tenant: TenantID) throws -> [String: MemberID] {
        let rows = try db.query("""
            SELECT id, json::jsonb -> 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User' -> 'manager' ->> 'value'
            FROM scim_resources WHERE tenant_id = $1 AND resource_type = 'User'
            """, tenant) { ($0.string(0), $0.optionalString(1)) }
        var managers: [String: MemberID] = [:]
        for (member, manager) in rows {
            if let manager, !manager.isEmpty { managers[member] = MemberID(manager) }
        }
        return managers
    }
}
