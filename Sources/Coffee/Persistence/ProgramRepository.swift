/// Programs, and members' preferences about them.
public protocol ProgramRepository {
    /// The program `id` of `tenant`, or `nil`.
    func program(id: ProgramID, tenant: TenantID) throws -> Program?
    /// The tenant's programs, oldest first.
    func programs(tenant: TenantID) throws -> [Program]
    /// The tenants that have programs (the scheduler's work list).
    func tenantsWithPrograms() throws -> [TenantID]
    /// Inserts or replaces `program`.
    func save(_ program: Program) throws
    /// Deletes a program with its sessions and preferences.
    func delete(id: ProgramID, tenant: TenantID) throws
    /// The members' preferences about program `id`.
    func preferences(program id: ProgramID, tenant: TenantID) throws -> [ProgramPreference]
    /// Stores a member's preference about a program.
    func save(_ preference: ProgramPreference, tenant: TenantID) throws
}
