import Coffee

/// Programs and members' preferences about them on PostgreSQL, as JSON text of the
/// domain values (as ``SQLiteProgramRepository``).
struct PostgresProgramRepository: ProgramRepository {
    /// The transaction's connection.
    let db: PostgresConnection
    /// ` FOR UPDATE` in a write transaction (see `PostgresTransaction.lock`), else empty.
    let lock: String

    func program(id: ProgramID, tenant: TenantID) throws -> Program? {
        try db.queryOne("SELECT json FROM programs WHERE tenant_id = $1 AND id = $2\(lock)", tenant, id) {
            try SQLiteProgramRepository.program(stored: $0.string(0))
        }
    }

    func programs(tenant: TenantID) throws -> [Program] {
        try db.query("SELECT json FROM programs WHERE tenant_id = $1 ORDER BY created_at, id COLLATE \"C\"", tenant) {
            try SQLiteProgramRepository.program(stored: $0.string(0))
        }
    }

    func tenantsWithPrograms() throws -> [TenantID] {
        try db.query("SELECT DISTINCT tenant_id FROM programs") { TenantID(rawValue: $0.string(0)) }
    }

    func save(_ program: Program) throws {
        try db.execute("""
            INSERT INTO programs (tenant_id, id, name, created_at, json) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, json = excluded.json
            """, program.tenantID, program.id, program.name, program.createdAt, try JSONText.encode(program))
    }

    func delete(id: ProgramID, tenant: TenantID) throws {
        try db.execute("DELETE FROM programs WHERE tenant_id = $1 AND id = $2", tenant, id)
    }

    func preferences(program id: ProgramID, tenant: TenantID) throws -> [ProgramPreference] {
        try db.query("SELECT json FROM program_preferences WHERE tenant_id = $1 AND program_id = $2", tenant, id) {
            try JSONText.decode($0.string(0))
        }
    }

    func preference(program id: ProgramID, member: MemberID, tenant: TenantID) throws -> ProgramPreference? {
        try db.queryOne("SELECT json FROM program_preferences WHERE tenant_id = $1 AND program_id = $2 AND member_id = $3",
                        tenant, id, member) { try JSONText.decode($0.string(0)) }
    }

    func save(_ preference: ProgramPreference, tenant: TenantID) throws {
        try db.execute("""
            INSERT INTO program_preferences (tenant_id, program_id, member_id, json) VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant_id, program_id, member_id) DO UPDATE SET json = excluded.json
            """, tenant, preference.programID, preference.memberID, try JSONText.encode(preference))
    }

    // MARK: - Owners (migration 0021)

    func owners(program id: ProgramID, tenant: TenantID) throws -> [EmailAddress] {
        try db.query("""
            SELECT a.email FROM program_owners o
            JOIN console_admins a ON a.tenant_id = o.tenant_id AND a.email_folded = o.email_folded
            WHERE o.tenant_id = $1 AND o.program_id = $2 ORDER BY o.email_folded COLLATE "C"
            """, tenant, id) { EmailAddress(stored: $0.string(0)) }
    }

    func owners(tenant: TenantID) throws -> [ProgramID: [EmailAddress]] {
        let rows = try db.query("""
            SELECT o.program_id, a.email FROM program_owners o
            JOIN console_admins a ON a.tenant_id = o.tenant_id AND a.email_folded = o.email_folded
            WHERE o.tenant_id = $1 ORDER BY o.program_id COLLATE "C", o.email_folded COLLATE "C"
            """, tenant) { (ProgramID($0.string(0)), EmailAddress(stored: $0.string(1))) }
        return Dictionary(grouping: rows, by: \.0).mapValues { $0.map(\.1) }
    }

    func programs(ownedBy normalizedEmail: String, tenant: TenantID) throws -> Set<ProgramID> {
        Set(try db.query("SELECT program_id FROM program_owners WHERE tenant_id = $1 AND email_folded = $2",
                         tenant, normalizedEmail) { ProgramID($0.string(0)) })
    }

    func setOwners(_ owners: [EmailAddress], program id: ProgramID, tenant: TenantID) throws {
        try db.execute("DELETE FROM program_owners WHERE tenant_id = $1 AND program_id = $2", tenant, id)
        for folded in Set(owners.map(\.normalized)).sorted() {
            try db.execute("INSERT INTO program_owners (tenant_id, program_id, email_folded) VALUES ($1, $2, $3)",
                           tenant, id, folded)
        }
    }
}

