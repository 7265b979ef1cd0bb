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
            try JSONText.decode($0.string(0))
        }
    }

    func programs(tenant: TenantID) throws -> [Program] {
        try db.query("SELECT json FROM programs WHERE tenant_id = $1 ORDER BY created_at, id COLLATE \"C\"", tenant) {
            try JSONText.decode($0.string(0))
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

    func save(_ preference: ProgramPreference, tenant: TenantID) throws {
        try db.execute("""
            INSERT INTO program_preferences (tenant_id, program_id, member_id, json) VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant_id, program_id, member_id) DO UPDATE SET json = excluded.json
            """, tenant, preference.programID, preference.memberID, try JSONText.encode(preference))
    }
}
