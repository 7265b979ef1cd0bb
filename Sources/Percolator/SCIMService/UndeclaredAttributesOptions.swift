import Coffee
import SCIM
import Store

/// How a tenant's ``UndeclaredAttributes`` setting becomes the SCIM validator's options
/// (issue 15): the SCIM module knows no tenant settings, so the policy is passed in as
/// a value.
enum UndeclaredAttributesOptions {
    /// The validation options of `policy`: `store` keeps undeclared extensions and drops
    /// undeclared core attributes, `ignore` drops both, `reject` refuses both naming them.
    static func options(_ policy: UndeclaredAttributes) -> ResourceValidator.Options {
        switch policy {
        case .store: ResourceValidator.Options(unknownAttributes: .drop, keepsUndeclaredExtensions: true)
        case .ignore: ResourceValidator.Options(unknownAttributes: .drop)
        case .reject: ResourceValidator.Options(unknownAttributes: .reject)
        }
    }

    /// Reads a tenant's options from its settings row: one indexed read per write, the
    /// document decoded only when its text changed (``TenantSettingsRepository/settings(tenant:)``),
    /// so a settings change applies to the next request of any instance.
    static func reader(persistence: any Persistence) -> @Sendable (Store.TenantID) async throws -> ResourceValidator.Options {
        { tenant in
            let policy = try await persistence.read { db in
                try db.settings.settings(tenant: tenant).undeclaredAttributes
            }
            return options(policy)
        }
    }
}
