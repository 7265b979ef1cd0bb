import Coffee
import FoundationEssentials
import Web

/// Program owners on the console's program forms (issue 13, item 1): an administrator
/// ticks the tenant's program managers who own a program; a program manager reads who
/// owns it, and its forms send no owners (``ProgramService`` refuses owners from one).
extension ConsoleEndpoints {
    /// The owners block of a program form for `visit`, showing `owners` (addresses as
    /// the console list spells them): for an administrator, a box per program manager of
    /// the tenant and per current owner.
    func ownersBlock(_ visit: ConsoleVisit, owners: [String]) async throws -> ConsoleProgramOwners {
        guard visit.programViewer.changesOwners else { return ConsoleProgramOwners(owners: owners) }
        var choices = try await console.administrators(tenant: visit.tenant).filter { $0.role == .programManager }.map(\.email.rawValue)
        for owner in owners where !choices.contains(where: { $0.lowercased() == owner.lowercased() }) { choices.append(owner) }
        return ConsoleProgramOwners(choices: choices.map { ConsoleChoice(value: $0, label: $0) }, owners: owners, isEditable: true)
    }

    /// The owners a program form posted: `nil` (keep them) when it showed no owners boxes
    /// — a program manager's form — else the ticked addresses (none ticked: no owners).
    static func postedOwners(_ visit: ConsoleVisit) -> [String]? {
        guard visit.programViewer.changesOwners, visit.form?[ConsoleField.ownersShown] != nil else { return nil }
        return visit.form?.values(for: ConsoleField.owner) ?? []
    }
}
