import SCIM
import Store

/// The SCIM operations on Users and Groups (RFC 7644 §3.3–§3.6), independent of HTTP
/// so that the endpoints and Bulk share them. Every call is scoped to one tenant.
struct ResourceOperations: Sendable {
    let resources: any ResourceStore
    let settings: SCIMServiceSettings
    /// The validation options of a tenant (its undeclared-attributes setting,
    /// ``UndeclaredAttributesOptions``), read on every write.
    let validationOptions: @Sendable (TenantID) async throws -> ResourceValidator.Options
    /// The tenants' declared User extensions (issue 15), read on every User request.
    let extensionSchemas: ExtensionSchemaService

    /// The tenant's resource type for `kind`: a User's carries the tenant's declared
    /// extensions.
    func resourceType(for kind: ResourceKind, tenant: TenantID) async throws(SCIMError) -> ResourceType {
        guard kind == .user else { return kind.resourceType }
        do {
            return try await extensionSchemas.resourceType(kind.resourceType, tenant: tenant)
        } catch {
            throw StoreErrorMapping.scimError(for: error, kind: kind)
        }
    }

    /// The validator of `kind` under the tenant's options.
    func validator(for kind: ResourceKind, tenant: TenantID) async throws(SCIMError) -> ResourceValidator {
        let options: ResourceValidator.Options
        do {
            options = try await validationOptions(tenant)
        } catch {
            throw StoreErrorMapping.scimError(for: error, kind: kind)
        }
        return ResourceValidator(resourceType: try await resourceType(for: kind, tenant: tenant), options: options)
    }

    /// POST (RFC 7644 §3.3).
    func create(_ kind: ResourceKind, body: JSONValue, tenant: TenantID) async throws(SCIMError) -> StoredResource {
        let validated = try await validator(for: kind, tenant: tenant).validate(body, for: .create)
        guard let object = validated.objectValue else { throw .invalidSyntax("The resource must be a JSON object.") }
        do {
            return try await resources.create(Self.storable(object), kind: kind, tenant: tenant)
        } catch {
            throw StoreErrorMapping.scimError(for: error, kind: kind)
        }
    }

    /// GET by id (RFC 7644 §3.4.1).
    func get(_ kind: ResourceKind, id: String, tenant: TenantID, includeMembers: Bool) async throws(SCIMError) -> StoredResource {
        let found: StoredResource?
        do {
            found = try await resources.get(id: id, kind: kind, tenant: tenant, includeMembers: includeMembers)
        } catch {
            throw StoreErrorMapping.scimError(for: error, kind: kind, id: id)
        }
        guard let found else { throw StoreErrorMapping.scimError(for: ResourceStoreError.notFound, kind: kind, id: id) }
        return found
    }

    /// The Group with its members when it has at most `memberLimit`; without them beyond.
    func group(id: String, tenant: TenantID, memberLimit: Int) async throws(SCIMError) -> StoredResource {
        let found: StoredResource?
        do {
            found = try await resources.group(id: id, tenant: tenant, memberLimit: memberLimit)
        } catch {
            throw StoreErrorMapping.scimError(for: error, kind: .group, id: id)
        }
        guard let found else { throw StoreErrorMapping.scimError(for: ResourceStoreError.notFound, kind: .group, id: id) }
        return found
    }

    /// PUT (RFC 7644 §3.5.1): replaces the resource, never creates one. `immutable`
    /// attributes are checked against the stored values.
    func replace(_ kind: ResourceKind, id: String, body: JSONValue, expectedVersion: Int64?,
                 tenant: TenantID) async throws(SCIMError) -> StoredResource {
        // Read, validate against what is stored, then write only if nothing changed in
        // between; a concurrent change is retried unless the client pinned a version.
        for _ in 0..<3 {
            let existing = try await get(kind, id: id, tenant: tenant, includeMembers: false)
            if let expectedVersion, expectedVersion != existing.version {
                throw StoreErrorMapping.scimError(for: ResourceStoreError.versionMismatch(current: existing.version), kind: kind)
            }
            let validated = try await validator(for: kind, tenant: tenant).validate(body, for: .replace, existing: .object(existing.attributes))
            guard let object = validated.objectValue else { throw .invalidSyntax("The resource must be a JSON object.") }
            do {
                return try await resources.replace(id: id, kind: kind, tenant: tenant, expectedVersion: existing.version,
                                                   Self.storable(object))
            } catch ResourceStoreError.versionMismatch where expectedVersion == nil {
                continue
            } catch {
                throw StoreErrorMapping.scimError(for: error, kind: kind, id: id)
            }
        }
        throw SCIMError(status: 503, detail: "The \(kind.rawValue) is being changed by other requests; retry shortly.")
    }

    /// DELETE (RFC 7644 §3.6).
    func delete(_ kind: ResourceKind, id: String, expectedVersion: Int64?, tenant: TenantID) async throws(SCIMError) {
        do {
            try await resources.delete(id: id, kind: kind, tenant: tenant, expectedVersion: expectedVersion)
        } catch {
            throw StoreErrorMapping.scimError(for: error, kind: kind, id: id)
        }
    }

    /// GET with a query, or POST /.search (RFC 7644 §3.4.2, §3.4.3).
    /// With `seek`, a keyset page of a cursor walk (RFC 9865) instead of one at `startIndex`.
    func list(_ kind: ResourceKind, search: SearchRequest, includeMembers: Bool, tenant: TenantID,
              countOverride: Int? = nil, startOverride: Int? = nil, seek: ResourceSeek? = nil) async throws(SCIMError) -> ResourcePage {
        var query = ResourceQuery(includeMembers: includeMembers, seek: seek)
        let resourceType = try await resourceType(for: kind, tenant: tenant)
        query.resourceType = resourceType
        if let text = search.filter {
            let filter = try FilterParser.parse(text)
            try FilterValidator.validate(filter, against: resourceType)
            query.filter = filter
        }
        if let sortBy = search.sortBy {
            let path = try AttributePath.parse(sortBy)
            query.sortBy = path
            query.ascending = search.sortOrder != .descending
        }
        query.startIndex = startOverride ?? max(1, search.startIndex)
        // RFC 7644 §3.4.2.4: a count above the maximum is capped, not refused.
        query.count = countOverride ?? min(max(0, search.count ?? settings.maxResults), settings.maxResults)
        do {
            return try await resources.list(query, kind: kind, tenant: tenant)
        } catch {
            throw StoreErrorMapping.scimError(for: error, kind: kind)
        }
    }

    /// What is stored of a validated resource: never a password (Percolator does not
    /// authenticate members; `password` is writeOnly and returned never, RFC 7643 §4.1.1).
    static func storable(_ object: JSONObject) -> JSONObject {
        var object = object
        object.removeAttribute("password")
        return object
    }
}
