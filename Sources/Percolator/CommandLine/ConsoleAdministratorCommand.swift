import Coffee
import FoundationEssentials
import Store

/// `percolator admin add --tenant T [--role R] EMAIL`, `percolator admin remove --tenant T EMAIL`
/// and `percolator admin list --tenant T`: the tenant's admin console address list
/// (issue 13), through ``ConsoleService``.
enum ConsoleAdministratorCommand {
    static func run(path: [String], arguments: ParsedArguments, storage: any StorageBackend, invocation: String) async throws -> Int32 {
        let name = arguments.options["tenant"] ?? ""
        guard let tenant = try await storage.accounts.tenant(named: name) else {
            ConsoleOutput.standardError("\(invocation): no tenant named '\(name)'. See 'percolator tenant list'.\n")
            return 1
        }
        let console = ConsoleService(persistence: storage.persistence(), accounts: storage.accounts)
        if path == ["admin", "list"] {
            for administrator in try await console.administrators(tenant: tenant.id) {
                ConsoleOutput.standardOutput("\(administrator.email.rawValue)\t\(administrator.role.rawValue)\n")
            }
            return 0
        }
        if path == ["admin", "remove"] {
            let email = arguments.positionals[0]
            guard (try? EmailAddress(email)) != nil else {
                ConsoleOutput.standardError("\(invocation): '\(email)' is not an email address.\n")
                return 64
            }
            guard try await console.removeAdministrator(email: email, tenant: tenant.id) else {
                ConsoleOutput.standardError("\(invocation): '\(email)' is not on the admin console list of \(tenant.name). See 'percolator admin list'.\n")
                return 1
            }
            ConsoleOutput.standardOutput("\(email) may no longer sign in to the admin console of \(tenant.name); its sessions and program ownerships ended.\n")
            return 0
        }
        let roleName = arguments.options["role"] ?? ConsoleRole.administrator.rawValue
        guard let role = ConsoleRole(rawValue: roleName) else {
            ConsoleOutput.standardError("\(invocation): --role must be administrator or program-manager; it was '\(roleName)'.\n")
            return 64
        }
        let email = arguments.positionals[0]
        guard (try? EmailAddress(email)) != nil else {
            ConsoleOutput.standardError("\(invocation): '\(email)' is not an email address.\n")
            return 64
        }
        let added = try await console.addAdministrator(email: email, role: role, tenant: tenant.id, at: Date())
        ConsoleOutput.standardOutput("""
            \(added.email.rawValue) may sign in to the admin console of \(tenant.name) as \(role.rawValue) \
            (a magic link from /admin/sign-in)\n
            """)
        return 0
    }
}
