import Coffee
import FoundationEssentials
import SCIM
import Synchronization

/// The schema extensions of the User resource type a tenant's administrators declare
/// (issue 15): listed, declared (created or replaced) and removed through
/// `/api/v1/schemas`, and read on every SCIM User request, so that the tenant's
/// `/Schemas`, `/ResourceTypes`, validation, projection, filters and category mapping
/// know them.
///
/// Each declaration is stored as its RFC 7643 §7 representation (without `meta`) and
/// read back with ``ExtensionSchemaDeclaration``; the decoded schemas are kept by their
/// stored text, so a request costs one indexed read and no parsing, and a change made
/// through another instance applies to the next request.
struct ExtensionSchemaService: Sendable {
    /// Where declarations are stored.
    let persistence: any Persistence

    /// The most extensions one tenant may declare.
    static let maxDeclaredPerTenant = 20

    /// Schemas already decoded, by their stored text; bounded like the settings cache.
    private static let decoded = Mutex<[String: Schema]>([:])
    private static let decodedLimit = 512

    /// The tenant's declared extensions, in URN order.
    func schemas(tenant: TenantID) async throws -> [Schema] {
        let documents = try await persistence.read { tx in try tx.extensionSchemas.all(tenant: tenant) }
        return documents.compactMap(Self.schema(stored:))
    }

    /// The tenant's resource type for `name` (`User` carries the declared extensions).
    func resourceType(_ builtIn: ResourceType, tenant: TenantID) async throws -> ResourceType {
        guard builtIn.name == ResourceType.user.name else { return builtIn }
        return builtIn.declaring(try await schemas(tenant: tenant))
    }

    /// The declared extension `urn` (ignoring case).
    func schema(urn: String, tenant: TenantID) async throws -> Schema {
        guard let schema = try await schemas(tenant: tenant).first(where: { $0.id.equalsIgnoringCase(urn) }) else {
            throw ServiceError.notFound("No schema extension '\(urn.prefix(200))' is declared; GET /api/v1/schemas lists them.")
        }
        return schema
    }

    /// Declares the extension `body` describes (``ExtensionSchemaDeclaration``), replacing
    /// the one of the same URN; `urn`, when the request named one in its path, must be
    /// the body's. Returns the schema and whether it is new.
    func declare(_ body: JSONValue, urn: String? = nil, tenant: TenantID) async throws -> (schema: Schema, created: Bool) {
        let schema = try ExtensionSchemaDeclaration.parse(body)
        if let urn, !urn.equalsIgnoringCase(schema.id) {
            throw ServiceError.invalid("The body declares \(schema.id) but the path names \(urn.prefix(200)).")
        }
        let document = DeclaredExtensionDocument(urn: schema.id, json: Self.storedText(of: schema))
        return try await persistence.write { tx in
            let existing = try tx.extensionSchemas.all(tenant: tenant)
            let isNew = !existing.contains { $0.urn.equalsIgnoringCase(schema.id) }
            if isNew, existing.count >= Self.maxDeclaredPerTenant {
                throw ServiceError.invalid("A tenant may declare at most \(Self.maxDeclaredPerTenant) schema extensions; remove one first.")
            }
            let lowered = schema.id.lowercased()
            if let overlapping = existing.first(where: { other in
                let otherID = other.urn.lowercased()
                return otherID != lowered && (otherID.hasPrefix(lowered + ":") || lowered.hasPrefix(otherID + ":"))
            }) {
                // `urn:a:b:c` would read as attribute `c` of `urn:a:b` (RFC 7644 §3.10).
                throw ServiceError.conflict("\(schema.id) overlaps the declared extension \(overlapping.urn): one URN may not extend the other.")
            }
            try tx.extensionSchemas.save(document, tenant: tenant)
            return (schema, isNew)
        }
    }

    /// Removes the declared extension `urn`. Users keep what they stored under it, which
    /// the tenant's undeclared-attributes setting then governs.
    func remove(urn: String, tenant: TenantID) async throws {
        let removed = try await persistence.write { tx in try tx.extensionSchemas.delete(urn: urn, tenant: tenant) }
        if !removed {
            throw ServiceError.notFound("No schema extension '\(urn.prefix(200))' is declared; GET /api/v1/schemas lists them.")
        }
    }

    /// The stored form of `schema`: its declaration as JSON text.
    static func storedText(of schema: Schema) -> String {
        ExtensionSchemaDeclaration.declaration(of: schema).encodedString()
    }

    /// The schema a stored text declares (decoded once per distinct text), or `nil` for
    /// one this version cannot read (it is then left out rather than failing every request).
    static func schema(stored document: DeclaredExtensionDocument) -> Schema? {
        if let schema = decoded.withLock({ $0[document.json] }) { return schema }
        guard let value = try? JSONParser.parse(document.json),
              let schema = try? ExtensionSchemaDeclaration.parse(value) else { return nil }
        decoded.withLock { cache in
            if cache.count >= decodedLimit { cache.removeAll(keepingCapacity: true) }
            cache[document.json] = schema
        }
        return schema
    }
}
