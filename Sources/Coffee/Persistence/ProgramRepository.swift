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
    /// `member`'s preference about program `id`, or `nil` when it never expressed one: one
    /// row, where ``preferences(program:tenant:)`` reads every member's.
    func preference(program id: ProgramID, member: MemberID, tenant: TenantID) throws -> ProgramPreference?
    /// Stores a member's preference about a program.
    func save(_ preference: ProgramPreference, tenant: TenantID) throws

    // Program owners (issue 13, migration 0021)

    /// The owners of program `id`: the addresses as the tenant's console list holds them,
    /// by folded address; empty when it has none.
    func owners(program id: ProgramID, tenant: TenantID) throws -> [EmailAddress]
    /// The owners of every program of `tenant` that has some.
    func owners(tenant: TenantID) throws -> [ProgramID: [EmailAddress]]
    /// The programs of `tenant` that `normalizedEmail` owns.
    func programs(ownedBy normalizedEmail: String, tenant: TenantID) throws -> Set<ProgramID>
    /// Replaces program `id`'s owners with `owners`. Each must be on the tenant's console
    /// list (the caller checks; the store refuses one that is not); removing an address
    /// from the list removes its ownerships.
    func setOwners(_ owners: [EmailAddress], program id: ProgramID, tenant: TenantID) throws
}
