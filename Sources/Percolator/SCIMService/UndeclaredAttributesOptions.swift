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
}
