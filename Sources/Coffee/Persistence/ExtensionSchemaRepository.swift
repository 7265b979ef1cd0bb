/// The schema extensions a tenant's administrators declare for the attributes their
/// identity provider sends beyond the standard ones (issue 15), each kept as one opaque
/// document (what the SCIM side reads it as is its business, not the domain's), found by
/// its URN ignoring case.
public protocol ExtensionSchemaRepository {
    /// The tenant's declared extensions, in URN order (ignoring case).
    func all(tenant: TenantID) throws -> [DeclaredExtensionDocument]
    /// Stores `document`, replacing the one of the same URN (ignoring case).
    func save(_ document: DeclaredExtensionDocument, tenant: TenantID) throws
    /// Removes the extension `urn` (ignoring case); false when there was none.
    func delete(urn: String, tenant: TenantID) throws -> Bool
}

/// One declared schema extension as stored: its URN and its declaration, a JSON text.
public struct DeclaredExtensionDocument: Sendable, Hashable {
    /// The extension's URN as declared, e.g. `urn:example:params:scim:schemas:extension:acme:2.0:User`.
    public var urn: String
    /// The declaration (a JSON text the SCIM layer wrote and reads back).
    public var json: String

    /// A stored declaration.
    public init(urn: String, json: String) {
        self.urn = urn
        self.json = json
    }
}
