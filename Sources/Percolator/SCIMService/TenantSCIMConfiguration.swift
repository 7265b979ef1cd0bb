import Coffee
import SCIM
import Store

/// What a tenant's SCIM writes are validated against (issue 15): the undeclared-attributes
/// policy of its settings and its declared User extensions, with the validator options and
/// the User resource type they make. Kept per tenant by ``SCIMConfigurationCache`` and
/// checked again first in each write's own transaction (``SCIMConfigurationCheck``).
struct TenantSCIMConfiguration: Sendable, Equatable {
    /// The tenant's undeclared-attributes setting.
    let undeclaredAttributes: UndeclaredAttributes
    /// The tenant's declared User extensions as stored, in URN order.
    let declaredExtensions: [DeclaredExtensionDocument]
    /// The validator options of ``undeclaredAttributes``.
    let options: ResourceValidator.Options
    /// The User resource type with the declared extensions (those this version can read).
    let userResourceType: ResourceType
    /// The tenant's settings as read with the rest, if they were: what provisioning
    /// prepares a write with before its transaction (the category mapping, the welcome
    /// email), checked again there. Not part of what a write is validated against.
    let settings: TenantSettings?

    init(undeclaredAttributes: UndeclaredAttributes, declaredExtensions: [DeclaredExtensionDocument],
         settings: TenantSettings? = nil) {
        self.undeclaredAttributes = undeclaredAttributes
        self.declaredExtensions = declaredExtensions
        self.settings = settings
        options = UndeclaredAttributesOptions.options(undeclaredAttributes)
        userResourceType = ResourceType.user.declaring(declaredExtensions.compactMap(ExtensionSchemaService.schema(stored:)))
    }

    /// The configuration as `transaction` sees it.
    static func read(tenant: TenantID, in transaction: any StorageTransaction) throws -> TenantSCIMConfiguration {
        let settings = try transaction.settings.settings(tenant: tenant)
        return TenantSCIMConfiguration(undeclaredAttributes: settings.undeclaredAttributes,
                                       declaredExtensions: try transaction.extensionSchemas.all(tenant: tenant),
                                       settings: settings)
    }

    /// The tenant's resource type for `kind`: a User's carries the declared extensions.
    func resourceType(for kind: ResourceKind) -> ResourceType {
        kind == .user ? userResourceType : kind.resourceType
    }

    /// The validator of `kind` under this configuration.
    func validator(for kind: ResourceKind) -> ResourceValidator {
        ResourceValidator(resourceType: resourceType(for: kind), options: options)
    }

    /// Equal when what writes are validated against is (the derived values follow from
    /// it; ``settings`` is not compared).
    static func == (lhs: TenantSCIMConfiguration, rhs: TenantSCIMConfiguration) -> Bool {
        lhs.undeclaredAttributes == rhs.undeclaredAttributes && lhs.declaredExtensions == rhs.declaredExtensions
    }
}
