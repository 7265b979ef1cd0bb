import Coffee
import SCIM
import Store
import Synchronization

/// The check that the configuration a SCIM write was validated against
/// (``TenantSCIMConfiguration``, from ``SCIMConfigurationCache``) is still the tenant's,
/// run by ``ProvisioningObserver/writeBegins(tenant:in:)`` first in the write's own
/// transaction, whether or not the write then changes anything. A write validated
/// against an older configuration throws ``changedError`` and is rolled back; the caller
/// reads the configuration again and retries (``ResourceOperations``). The settings the
/// check read are kept for the rest of the transaction (provisioning maps categories with
/// them), so that the write reads them once.
final class SCIMConfigurationCheck: Sendable {
    /// What the write was validated against.
    let expected: TenantSCIMConfiguration
    /// Whether the write depends on the declared extensions (a User's) or only on the
    /// undeclared-attributes policy (a Group's).
    let dependsOnExtensions: Bool

    private struct State {
        var settings: TenantSettings?
        var changed = false
    }
    private let state = Mutex(State())

    /// What the check throws when the configuration changed: 503, as the request may be
    /// retried at once (it is, up to three times, before a client sees it).
    static let changedError = SCIMError(status: 503, detail: "The organisation's SCIM settings changed during the request; retry.")

    init(expected: TenantSCIMConfiguration, kind: ResourceKind) {
        self.expected = expected
        dependsOnExtensions = kind == .user
    }

    /// Checks the configuration in `transaction`; throws ``changedError`` when it differs.
    func verify(tenant: TenantID, in transaction: any StorageTransaction) throws {
        let settings: TenantSettings
        let same: Bool
        if dependsOnExtensions {
            let read = try transaction.settingsAndExtensions(tenant: tenant)
            settings = read.settings
            same = settings.undeclaredAttributes == expected.undeclaredAttributes && read.extensions == expected.declaredExtensions
        } else {
            settings = try transaction.settings.settings(tenant: tenant)
            same = settings.undeclaredAttributes == expected.undeclaredAttributes
        }
        state.withLock { state in
            state.settings = same ? settings : nil
            state.changed = !same
        }
        if !same { throw Self.changedError }
    }

    /// The tenant's settings as the write's transaction read them, once verified.
    var settings: TenantSettings? { state.withLock { $0.settings } }

    /// True once a transaction ran the check (whatever it found).
    var ran: Bool { state.withLock { $0.settings != nil || $0.changed } }

    /// True when the last check found the configuration changed.
    var foundChanged: Bool { state.withLock { $0.changed } }
}
