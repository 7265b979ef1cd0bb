/// Applies a PATCH request to a resource (RFC 7644 §3.5.2).
///
/// The operations run in order on a copy; the copy is returned only if every one
/// succeeds ("Each operation… the entire set of operations SHALL be applied… or none",
/// RFC 7644 §3.5.2), so a failing request leaves the stored resource untouched. `changed`
/// is false when the result equals the input (members compared without regard to
/// order), so the caller does not bump `meta.version` or `meta.lastModified` for a no-op.
///
/// Behaviour beyond the letter of the RFC, each with its fixture:
/// - op names in any case (fixtures/entra/patch-capitalised-op.json);
/// - `"True"`/`"False"` strings for booleans (fixtures/entra/patch-replace-active-string.json);
/// - path-less values whose keys are dotted or URN-qualified paths, or extension URNs
///   holding objects (fixtures/entra/patch-replace-no-path-dotted-keys.json,
///   fixtures/entra/patch-replace-no-path-urn-keys.json);
/// - `add`/`replace` on `emails[type eq "work"].value` with no such email creates
///   `{"type": "work", "value": …}` (fixtures/entra/patch-add-email-filter-no-match.json,
///   fixtures/entra/patch-replace-email-filter-no-match.json);
/// - `remove` of `members` with a `value` list removes only the listed members
///   (fixtures/entra/patch-remove-members-value-array.json);
/// - a read-only attribute inside a path-less value is ignored when it equals the
///   current value: Okta sends the group's `id` (fixtures/okta/patch-replace-group-with-id.json).
///
/// Decisions where the RFC is silent:
/// - removing a required attribute, or replacing it with `null`, fails with `mutability`
///   (RFC 7644 §3.5.2: operations must be compatible with the attribute's schema);
/// - `remove` with a filter that matches nothing succeeds and changes nothing, so
///   retried removals are idempotent;
/// - `replace` of a multi-valued attribute with `[]` removes the attribute (an empty
///   multi-valued attribute is unassigned, RFC 7643 §2.4).
public enum PatchApplier {
    /// Applies `request` to `resource` of type `resourceType`, all or nothing. With
    /// `keepsUndeclaredExtensions`, paths into extensions the resource type does not
    /// declare (`urn:…:CustomExtensionName:2.0:User:costCenterCode`) set, add to or
    /// remove the stored values as sent instead of failing with `invalidPath`.
    public static func apply(_ request: PatchRequest, to resource: JSONObject, resourceType: ResourceType,
                             keepsUndeclaredExtensions: Bool = false) throws(SCIMError) -> (resource: JSONObject, changed: Bool) {
        var document = PatchDocument(resource: resource, resourceType: resourceType,
                                     keepsUndeclaredExtensions: keepsUndeclaredExtensions)
        for operation in request.operations {
            try document.apply(operation)
        }
        return (document.resource, document.resource != resource)
    }

    /// Parses `body` (``PatchRequest/parse(_:limits:)``) and applies it.
    public static func apply(body: JSONValue, to resource: JSONObject,
                             resourceType: ResourceType) throws(SCIMError) -> (resource: JSONObject, changed: Bool) {
        try apply(PatchRequest.parse(body), to: resource, resourceType: resourceType)
    }
}
