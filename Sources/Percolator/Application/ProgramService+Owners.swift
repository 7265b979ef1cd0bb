import Coffee
import FoundationEssentials

/// Program owners (issue 13, item 1): the console users who own a program. A program
/// manager reaches only the programs it owns (``ProgramViewer``): any other answers
/// not found, as if it did not exist, and nothing changes. Only administrators set
/// owners, and an owner must be on the organisation's console list (an administrator or
/// a program manager), compared case-insensitively.
extension ProgramService {
    /// Program `id`'s owners, by folded address (the program must be one `viewer` reaches).
    func owners(of id: ProgramID, tenant: TenantID, visibleTo viewer: ProgramViewer = .administrator) async throws -> [EmailAddress] {
        try await persistence.read { tx in
            _ = try Self.require(id, tenant: tenant, visibleTo: viewer, in: tx)
            return try tx.programs.owners(program: id, tenant: tenant)
        }
    }

    /// The owners of the tenant's programs that have some.
    func owners(tenant: TenantID) async throws -> [ProgramID: [EmailAddress]] {
        try await persistence.read { tx in try tx.programs.owners(tenant: tenant) }
    }

    /// Replaces program `id`'s owners with `owners` (addresses on the console list); an
    /// administrator's change only.
    func setOwners(_ owners: [String], of id: ProgramID, tenant: TenantID, by viewer: ProgramViewer = .administrator) async throws {
        try Self.checkMayChangeOwners(owners, viewer)
        try await persistence.write { tx in
            _ = try Self.require(id, tenant: tenant, visibleTo: viewer, in: tx)
            try tx.programs.setOwners(try Self.checkedOwners(owners, tenant: tenant, in: tx), program: id, tenant: tenant)
        }
    }

    /// `owners` as addresses of the tenant's console list; `invalid` names the first that
    /// is not (a form can say so before it saves; saving checks again).
    func checkOwners(_ owners: [String], tenant: TenantID) async throws -> [EmailAddress] {
        try await persistence.read { tx in try Self.checkedOwners(owners, tenant: tenant, in: tx) }
    }

    // MARK: - Inside a transaction

    /// Program `id` of the tenant if `viewer` reaches it; else not found, with the same
    /// sentence as a program that does not exist.
    static func require(_ id: ProgramID, tenant: TenantID, visibleTo viewer: ProgramViewer,
                        in tx: any StorageTransaction) throws -> Program {
        let program = try require(id, tenant: tenant, in: tx)
        guard try viewer.seesEveryProgram || viewer.sees(ownedBy: tx.programs.owners(program: id, tenant: tenant)) else {
            throw ServiceError.notFound("Program '\(id.rawValue)' not found.")
        }
        return program
    }

    /// The programs of the tenant `viewer` reaches: `nil` for every one (an administrator),
    /// else those its address owns.
    static func programIDs(visibleTo viewer: ProgramViewer, tenant: TenantID, in tx: any StorageTransaction) throws -> Set<ProgramID>? {
        guard case .programManager(let address) = viewer else { return nil }
        return address.normalized.isEmpty ? [] : try tx.programs.programs(ownedBy: address.normalized, tenant: tenant)
    }

    /// Refuses owners given by a viewer who may not set them.
    static func checkMayChangeOwners(_ owners: [String]?, _ viewer: ProgramViewer) throws {
        guard owners == nil || viewer.changesOwners else {
            throw ServiceError.forbidden("Only an administrator changes a program's owners.")
        }
    }

    /// `owners` as addresses of the tenant's console list (duplicates folded together);
    /// `invalid` names the first that is not an address or not on the list.
    static func checkedOwners(_ owners: [String], tenant: TenantID, in tx: any StorageTransaction) throws -> [EmailAddress] {
        let listed = Set(try tx.console.administrators(tenant: tenant).map(\.email))
        var checked: [EmailAddress] = []
        for text in owners {
            guard let address = try? EmailAddress(text) else {
                throw ServiceError.invalid("'\(text)' in 'owners' is not an email address.")
            }
            guard listed.contains(address) else {
                throw ServiceError.invalid("'\(address.rawValue)' in 'owners' is not a console user of this organisation: add it as an administrator or a program manager first.")
            }
            if !checked.contains(address) { checked.append(address) }
        }
        return checked
    }
}
