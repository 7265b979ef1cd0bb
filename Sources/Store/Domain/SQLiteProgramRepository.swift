import Coffee

/// Programs and members' preferences about them, as JSON documents of the domain values.
public struct SQLiteProgramRepository: ProgramRepository {
    /// The transaction's connection.
    let db: Connection

    /// Programs already decoded, by their stored text: every SCIM write that can move a
    /// member between audiences reads all of the tenant's programs. Up to 4,096 documents
    /// (a few KiB each with the decoded program: an estimated 16 MiB at most).
    private static let decoded = DecodedDocuments<Program>(limit: 4_096)

    /// The program `id` of `tenant`, or `nil`.
    public func program(id: ProgramID, tenant: TenantID) throws -> Program? {
        try db.queryOne("SELECT json FROM programs WHERE tenant_id = ? AND id = ?", tenant.rawValue, id) {
            try Self.program(stored: $0.string(0))
        }
    }

    /// Each tenant's programs as last read (see ``ProgramLists``): up to 4,096 tenants.
    static let lists = ProgramLists(limit: 4_096)

    /// The tenant's programs, oldest first (by creation time, then id). The rows are
    /// compared with the texts the last read kept; only a difference reads them again.
    public func programs(tenant: TenantID) throws -> [Program] {
        if let kept = Self.lists.entry(for: tenant) {
            var index = 0
            var same = true
            _ = try db.query("SELECT json FROM programs WHERE tenant_id = ?", tenant.rawValue) { row in
                if same, index < kept.texts.count, row.text(0, equals: kept.texts[index]) { index += 1 } else { same = false }
            }
            if same, index == kept.texts.count { return kept.programs }
        }
        let rows = try db.query("SELECT json, created_at, id FROM programs WHERE tenant_id = ?", tenant.rawValue) {
            (text: $0.string(0), createdAt: $0.string(1), id: $0.string(2))
        }
        // As `ORDER BY created_at, id` does: SQLite's BINARY collation compares bytes.
        let ordered = rows.sorted { a, b in
            a.createdAt != b.createdAt ? a.createdAt.utf8.lexicographicallyPrecedes(b.createdAt.utf8)
                : a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
        }
        let programs = try ordered.map { try Self.program(stored: $0.text) }
        Self.lists.keep(ProgramLists.Entry(texts: rows.map(\.text), programs: programs), for: tenant)
        return programs
    }

    /// The program a stored document says (decoded once per distinct text). Shared with
    /// the PostgreSQL repository, which stores the same document.
    static func program(stored text: String) throws -> Program {
        try decoded.value(stored: text) { try JSONText.decode($0) }
    }

    /// The tenants that have programs (the scheduler's work list).
    public func tenantsWithPrograms() throws -> [TenantID] {
        try db.query("SELECT DISTINCT tenant_id FROM programs") { TenantID(rawValue: $0.string(0)) }
    }

    /// Inserts or replaces `program`.
    public func save(_ program: Program) throws {
        try db.execute("""
            INSERT INTO programs (tenant_id, id, name, created_at, json) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, json = excluded.json
            """, program.tenantID.rawValue, program.id.rawValue, program.name, Timestamp.string(from: program.createdAt),
            try JSONText.encode(program))
    }

    /// Deletes a program with its sessions and preferences.
    public func delete(id: ProgramID, tenant: TenantID) throws {
        try db.execute("DELETE FROM programs WHERE tenant_id = ? AND id = ?", tenant.rawValue, id)
    }

    /// The members' preferences about program `id`.
    public func preferences(program id: ProgramID, tenant: TenantID) throws -> [ProgramPreference] {
        try db.query("SELECT json FROM program_preferences WHERE tenant_id = ? AND program_id = ?", tenant.rawValue, id) {
            try JSONText.decode($0.string(0))
        }
    }

    /// `member`'s preference about program `id`, or `nil`: one row by primary key.
    public func preference(program id: ProgramID, member: MemberID, tenant: TenantID) throws -> ProgramPreference? {
        try db.queryOne("SELECT json FROM program_preferences WHERE tenant_id = ? AND program_id = ? AND member_id = ?",
                        tenant.rawValue, id, member) { try JSONText.decode($0.string(0)) }
    }

    /// Stores a member's preference about a program.
    public func save(_ preference: ProgramPreference, tenant: TenantID) throws {
        try db.execute("""
            INSERT INTO program_preferences (tenant_id, program_id, member_id, json) VALUES (?, ?, ?, ?)
            ON CONFLICT (tenant_id, program_id, member_id) DO UPDATE SET json = excluded.json
            """, tenant.rawValue, preference.programID.rawValue, preference.memberID.rawValue, try JSONText.encode(preference))
    }

    // MARK: - Owners (migration 0021)

    /// The owners of program `id`, as the console list spells them, by folded address.
    public func owners(program id: ProgramID, tenant: TenantID) throws -> [EmailAddress] {
        try db.query("""
            SELECT a.email FROM program_owners o
            JOIN console_admins a ON a.tenant_id = o.tenant_id AND a.email_folded = o.email_folded
            WHERE o.tenant_id = ? AND o.program_id = ? ORDER BY o.email_folded
            """, tenant.rawValue, id) { EmailAddress(stored: $0.string(0)) }
    }

    /// The owners of every program of `tenant` that has some.
    public func owners(tenant: TenantID) throws -> [ProgramID: [EmailAddress]] {
        let rows = try db.query("""
            SELECT o.program_id, a.email FROM program_owners o
            JOIN console_admins a ON a.tenant_id = o.tenant_id AND a.email_folded = o.email_folded
            WHERE o.tenant_id = ? ORDER BY o.program_id, o.email_folded
            """, tenant.rawValue) { (ProgramID($0.string(0)), EmailAddress(stored: $0.string(1))) }
        return Dictionary(grouping: rows, by: \.0).mapValues { $0.map(\.1) }
    }

    /// The programs of `tenant` that `normalizedEmail` owns.
    public func programs(ownedBy normalizedEmail: String, tenant: TenantID) throws -> Set<ProgramID> {
        Set(try db.query("SELECT program_id FROM program_owners WHERE tenant_id = ? AND email_folded = ?",
                         tenant.rawValue, normalizedEmail) { ProgramID($0.string(0)) })
    }

    /// Replaces program `id`'s owners with `owners` (each on the tenant's console list).
    public func setOwners(_ owners: [EmailAddress], program id: ProgramID, tenant: TenantID) throws {
        try db.execute("DELETE FROM program_owners WHERE tenant_id = ? AND program_id = ?", tenant.rawValue, id)
        for folded in Set(owners.map(\.normalized)).sorted() {
            try db.execute("INSERT INTO program_owners (tenant_id, program_id, email_folded) VALUES (?, ?, ?)",
                           tenant.rawValue, id, folded)
        }
    }
}

