import SCIM
import Store

/// The SCIM operations on Users and Groups (RFC 7644 §3.3–§3.6), independent of HTTP
/// so that the endpoints and Bulk share them. Every call is scoped to one tenant.
struct ResourceOperations: Sendable {
    let resources: any ResourceStore
    let settings: SCIMServiceSettings
    /// Each tenant's validation configuration as last read, checked again first in every
    /// write's own transaction (``SCIMConfigurationCheck``): a write costs one transaction.
    let configurations: SCIMConfigurationCache
    /// The tenants' declared User extensions (issue 15), read on every User read.
    let extensionSchemas: ExtensionSchemaService

    /// The tenant's resource type for `kind`, read now: a User's carries the tenant's
    /// declared extensions.
    func resourceType(for kind: ResourceKind, tenant: TenantID) async throws(SCIMError) -> ResourceType {
        guard kind == .user else { return kind.resourceType }
        do {
            return try await extensionSchemas.resourceType(kind.resourceType, tenant: tenant)
        } catch {
            throw StoreErrorMapping.scimError(for: error, kind: kind)
        }
    }

    /// The resource type a write of the tenant was just checked against (kept by
    /// ``configurations``), to render its answer without reading it again.
    func writtenResourceType(for kind: ResourceKind, tenant: TenantID) async throws(SCIMError) -> ResourceType {
        guard kind == .user else { return kind.resourceType }
        return try await configuration(kind, tenant: tenant, fresh: false).resourceType(for: kind)
    }

    private func configuration(_ kind: ResourceKind, tenant: TenantID, fresh: Bool) async throws(SCIMError) -> TenantSCIMConfiguration {
        do {
            return fresh ? try await configurations.fresh(tenant: tenant) : try await configurations.configuration(tenant: tenant)
        } catch {
            throw StoreErrorMapping.scimError(for: error, kind: kind)
        }
    }

    /// Runs `write` under the tenant's configuration as kept, with a
    /// ``SCIMConfigurationCheck`` that the store's observer runs first in the write's
    /// transaction. When the configuration changed since it was kept — the check failed, or
    /// `write` refused the request before reaching the store and the configuration read
    /// now differs —, runs `write` again under the one read now (at most three runs).
    func checked<T: Sendable>(_ kind: ResourceKind, tenant: TenantID,
                              _ write: (TenantSCIMConfiguration) async throws(SCIMError) -> T) async throws(SCIMError) -> T {
        var configuration = try await configuration(kind, tenant: tenant, fresh: false)
        var attempt = 1
        while true {
            let check = SCIMConfigurationCheck(expected: configuration, kind: kind)
            var context = SCIMWriteContext.current ?? SCIMWriteContext()
            context.check = check
            let outcome = await ResourceWriteContext.$current.withValue(context) { () async -> Result<T, SCIMError> in
                do throws(SCIMError) {
                    return .success(try await write(configuration))
                } catch {
                    return .failure(error)
                }
            }
            switch outcome {
            case .success(let value):
                // No observer ran the check (a store without provisioning): read again next time.
                if !check.ran { configurations.forget(tenant: tenant) }
                return value
            case .failure(let error):
                guard attempt < 3, check.foundChanged || !check.ran else { throw error }
                let current = try await self.configuration(kind, tenant: tenant, fresh: true)
                guard check.foundChanged || current != configuration else { throw error }
                configuration = current
                attempt += 1
            }
        }
    }

    /// POST (RFC 7644 §3.3).
    func create(_ kind: ResourceKind, body: JSONValue, tenant: TenantID) async throws(SCIMError) -> StoredResource {
        try await checked(kind, tenant: tenant) { configuration throws(SCIMError) in
            let validated = try configuration.validator(for: kind).validate(body, for: .create)
            guard let object = validated.objectValue else { throw .invalidSyntax("The resource must be a JSON object.") }
            do {
                return try await resources.create(Self.storable(object), kind: kind, tenant: tenant)
            } catch {
                throw StoreErrorMapping.scimError(for: error, kind: kind)
            }
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
            let replaced = try await checked(kind, tenant: tenant) { configuration throws(SCIMError) -> StoredResource? in
                let validated = try configuration.validator(for: kind).validate(body, for: .replace, existing: .object(existing.attributes))
                guard var object = validated.objectValue else { throw .invalidSyntax("The resource must be a JSON object.") }
                // A User's `active` left out of a PUT keeps its value (RFC 7644 §3.5.1 lets the
                // provider keep what a replace does not assert), as the member domain does: after a
                // PATCH active=false, a PUT without it showed no `active` and `active eq false` no
                // longer found the user, while the member stayed deactivated.
                if kind == .user, object[attribute: "active"] == nil, let active = existing.attributes[attribute: "active"] {
                    object["active"] = active
                }
                do {
                    return try await resources.replace(id: id, kind: kind, tenant: tenant, expectedVersion: existing.version,
                                                       Self.storable(object))
                } catch ResourceStoreError.versionMismatch where expectedVersion == nil {
                    return nil
                } catch {
                    throw StoreErrorMapping.scimError(for: error, kind: kind, id: id)
                }
            }
            if let replaced { return replaced }
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
