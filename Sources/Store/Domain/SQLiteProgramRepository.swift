import Coffee

/// Programs and members' preferences about them, as JSON documents of the domain values.
public struct SQLiteProgramRepository: ProgramRepository {
    /// The transaction's connection.
    let db: Connection

    /// The program `id` of `tenant`, or `nil`.
    public func program(id: ProgramID, tenant: TenantID) throws -> Program? {
        try db.queryOne("SELECT json FROM programs WHERE tenant_id = ? AND id = ?", tenant.rawValue, id) {
            try JSONText.decode($0.string(0))
        }
    }

    /// The tenant's programs, oldest first.
    public func programs(tenant: TenantID) throws -> [Program] {
        try db.query("SELECT json FROM programs WHERE tenant_id = ? ORDER BY created_at, id", tenant.rawValue) {
            try JSONText.decode($0.string(0))
        }
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

    /// Stores a member's preference about a program.
    public func save(_ preference: ProgramPreference, tenant: TenantID) throws {
        try db.execute("""
            INSERT INTO program_preferences (tenant_id, program_id, member_id, json) VALUES (?, ?, ?, ?)
            ON CONFLICT (tenant_id, program_id, member_id) DO UPDATE SET json = excluded.json
            """, tenant.rawValue, preference.programID.rawValue, preference.memberID.rawValue, try JSONText.encode(preference))
    }
}
