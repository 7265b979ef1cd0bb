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

    init(undeclaredAttributes: UndeclaredAttributes, declaredExtensions: [DeclaredExtensionDocument]) {
        self.undeclaredAttributes = undeclaredAttributes
        self.declaredExtensions = declaredExtensions
        options = UndeclaredAttributesOptions.options(undeclaredAttributes)
        userResourceType = ResourceType.user.declaring(declaredExtensions.compactMap(ExtensionSchemaService.schema(stored:)))
    }

    /// The configuration as `transaction` sees it.
    static func read(tenant: TenantID, in transaction: any StorageTransaction) throws -> TenantSCIMConfiguration {
        TenantSCIMConfiguration(undeclaredAttributes: try transaction.settings.settings(tenant: tenant).undeclaredAttributes,
                                declaredExtensions: try transaction.extensionSchemas.all(tenant: tenant))
    }

    /// The tenant's resource type for `kind`: a User's carries the declared extensions.
    func resourceType(for kind: ResourceKind) -> ResourceType {
        kind == .user ? userResourceType : kind.resourceType
    }

    /// The validator of `kind` under this configuration.
    func validator(for kind: ResourceKind) -> ResourceValidator {
        ResourceValidator(resourceType: resourceType(for: kind), options: options)
    }

    /// Equal when what they were made from is (the derived values follow from it).
    static func == (lhs: TenantSCIMConfiguration, rhs: TenantSCIMConfiguration) -> Bool {
        lhs.undeclaredAttributes == rhs.undeclaredAttributes && lhs.declaredExtensions == rhs.declaredExtensions
    }
}
