import SCIM
import Store

extension ResourceOperations {
    /// PATCH (RFC 7644 §3.5.2): all operations or none, in one write transaction; a
    /// PATCH that changes nothing keeps the version. The result carries what `members`
    /// asks for of its members or groups, read in the same transaction.
    func patch(_ kind: ResourceKind, id: String, body: JSONValue, expectedVersion: Int64?,
               members: MemberInclusion, tenant: TenantID) async throws(SCIMError) -> StoredResource {
        try await patch(kind, id: id, request: PatchRequest.parse(body), expectedVersion: expectedVersion,
                        members: members, tenant: tenant)
    }

    /// ``patch(_:id:body:expectedVersion:members:tenant:)`` of a request already parsed.
    func patch(_ kind: ResourceKind, id: String, request: PatchRequest, expectedVersion: Int64?,
               members: MemberInclusion, tenant: TenantID) async throws(SCIMError) -> StoredResource {
        // Groups: member changes become row inserts and deletes, unless the PATCH needs
        // the member list itself (then the whole resource is patched and diffed).
        let plan = kind == .group ? MemberPatchPlan(request) : nil
        if let plan, plan.attributeOperations.isEmpty {
            // Only members change: nothing is validated against the tenant's configuration.
            return try await patch(kind, id: id, request: request, plan: plan, expectedVersion: expectedVersion,
                                   members: members, validator: ResourceValidator(resourceType: kind.resourceType), tenant: tenant)
        }
        return try await checked(kind, tenant: tenant) { configuration throws(SCIMError) in
            try await patch(kind, id: id, request: request, plan: plan, expectedVersion: expectedVersion,
                            members: members, validator: configuration.validator(for: kind), tenant: tenant)
        }
    }

    private func patch(_ kind: ResourceKind, id: String, request: PatchRequest, plan: MemberPatchPlan?,
                       expectedVersion: Int64?, members: MemberInclusion, validator: ResourceValidator,
                       tenant: TenantID) async throws(SCIMError) -> StoredResource {
        let resourceType = validator.resourceType
        let keepsUndeclared = validator.options.keepsUndeclaredExtensions
        let needsMembers = kind == .group && plan == nil
        do {
            return try await resources.modify(id: id, kind: kind, tenant: tenant, expectedVersion: expectedVersion,
                                              members: needsMembers ? .all : members) { stored in
                if let plan {
                    var modification = ResourceModification()
                    if !plan.attributeOperations.isEmpty {
                        let patched = try PatchApplier.apply(PatchRequest(operations: plan.attributeOperations),
                                                             to: Self.withID(stored.attributes, stored.id), resourceType: resourceType,
                                                             keepsUndeclaredExtensions: keepsUndeclared)
                        if patched.changed {
                            modification.attributes = try Self.revalidated(Self.withoutID(patched.resource), validator: validator,
                                                                           existing: stored)
                        }
                    }
                    modification.replacedMembers = plan.replaced
                    modification.addedMembers = plan.added
                    modification.removedMembers = plan.removed
                    modification.memberDisplays = plan.displays
                    return modification
                }
                var full = Self.withID(stored.attributes, stored.id)
                if needsMembers {
                    full["members"] = .array((stored.members ?? []).map { reference in
                        var object = JSONObject()
                        object["value"] = .string(reference.value)
                        if let display = reference.display { object["display"] = .string(display) }
                        object["type"] = .string(reference.kind.rawValue)
                        return .object(object)
                    })
                }
                let patched = try PatchApplier.apply(request, to: full, resourceType: resourceType,
                                                     keepsUndeclaredExtensions: keepsUndeclared)
                guard patched.changed else { return .unchanged }
                var attributes = Self.withoutID(patched.resource)
                var modification = ResourceModification()
                if needsMembers {
                    let members = attributes.removeAttribute("members")
                    // No `members` left (removed) is an empty group; a member without an id is
                    // refused, not read as none: that emptied the group on an `add` (as POST and PUT refuse it).
                    if let members {
                        guard let ids = MemberPatchPlan.ids(in: members) else {
                            throw SCIMError.invalidValue("Every member needs a non-empty string 'value', the id of a User or Group (RFC 7643 §4.2); nothing was changed.")
                        }
                        modification.replacedMembers = ids
                    } else {
                        modification.replacedMembers = []
                    }
                    modification.memberDisplays = members.map(MemberPatchPlan.displays(in:)) ?? [:]
                    let before = stored.attributes
                    if attributes != before {
                        modification.attributes = try Self.revalidated(attributes, validator: validator, existing: stored)
                    }
                } else {
                    modification.attributes = try Self.revalidated(attributes, validator: validator, existing: stored)
                }
                return modification
            }
        } catch {
            throw StoreErrorMapping.scimError(for: error, kind: kind, id: id)
        }
    }

    /// The stored attributes with `id`, so PATCH sees the resource as a client does
    /// (Okta repeats the id inside a path-less replace: fixtures/okta/patch-replace-group-with-id.json).
    static func withID(_ attributes: JSONObject, _ id: String) -> JSONObject {
        var members = attributes.members
        let at = members.first?.key.equalsIgnoringCase("schemas") == true ? 1 : 0
        // A JSONObject's keys are distinct: unless one is "id", the new member is too, and
        // the members need no search for duplicates (one scan of all keys per key).
        let hasID = members.contains { $0.key == "id" }
        members.insert(.init(key: "id", value: .string(id)), at: at)
        return hasID ? JSONObject(members) : JSONObject(uniqueMembers: members)
    }

    /// The attributes without `id` again (the store keeps it apart).
    static func withoutID(_ attributes: JSONObject) -> JSONObject {
        var attributes = attributes
        attributes.removeAttribute("id")
        return attributes
    }

    /// The patched resource checked as a whole (required attributes still present,
    /// `primary` normalised, immutables unchanged) and made storable.
    static func revalidated(_ attributes: JSONObject, validator: ResourceValidator,
                            existing: StoredResource) throws(SCIMError) -> JSONObject {
        let validated = try validator.validate(.object(attributes), for: .patch, existing: .object(existing.attributes))
        guard let object = validated.objectValue else { throw .invalidSyntax("The resource must be a JSON object.") }
        return storable(object)
    }
}
