import SCIM

/// A PATCH on a Group split into what touches `members` and what does not, so that
/// adding or removing one member of a 10,000-member group inserts or deletes one row
/// instead of rewriting the group (RFC 7644 §3.5.2).
///
/// Member operations it understands without loading the members:
/// - `add` `members` with `[{"value": id}, …]`;
/// - `remove` `members[value eq "id"]`;
/// - `remove` `members` with a `value` array (Entra ID: removes only those members,
///   fixtures/entra/patch-remove-members-value-array.json);
/// - `remove` `members` without a value (removes them all);
/// - `replace` `members` with an array;
/// - a path-less `add` / `replace` whose object has a `members` key.
/// Anything else on `members` (a filter on `display`, a sub-attribute path) makes
/// ``init(_:)`` return `nil`, and the caller applies the PATCH to the full resource.
struct MemberPatchPlan {
    /// The operations on other attributes, in order.
    var attributeOperations: [PatchOperation] = []
    /// The final member list when a replace or remove-all happened, then adjusted.
    var replaced: [String]?
    var added: [String] = []
    var removed: [String] = []
    /// The `display` sent with added or replacing members, by id.
    var displays: [String: String] = [:]

    init?(_ request: PatchRequest) {
        for operation in request.operations {
            guard let path = operation.path else {
                guard case .object(var object)? = operation.value, let members = object.removeAttribute("members") else {
                    attributeOperations.append(operation)
                    continue
                }
                guard operation.op != .remove, apply(operation.op, values: members) else { return nil }
                if !object.isEmpty { attributeOperations.append(PatchOperation(op: operation.op, value: .object(object))) }
                continue
            }
            guard Self.isMembers(path.attribute) else {
                attributeOperations.append(operation)
                continue
            }
            if path.subAttribute != nil { return nil }
            if let filter = path.filter {
                // remove members[value eq "id"]
                guard operation.op == .remove, case .compare(let attribute, .eq, .string(let id)) = filter,
                      attribute.name.equalsIgnoringCase("value"), attribute.subAttribute == nil else { return nil }
                remove([id])
                continue
            }
            switch operation.op {
            case .remove:
                if let value = operation.value, !value.isNull {
                    guard let ids = Self.ids(in: value) else { return nil }
                    remove(ids)
                } else {
                    replaced = []
                    added = []
                    removed = []
                }
            case .add, .replace:
                guard let value = operation.value, apply(operation.op, values: value) else { return nil }
            }
        }
    }

    /// True when the plan changes membership at all.
    var touchesMembers: Bool { replaced != nil || !added.isEmpty || !removed.isEmpty }

    private mutating func apply(_ op: PatchOperation.Op, values: JSONValue) -> Bool {
        guard let ids = Self.ids(in: values) else { return false }
        displays.merge(Self.displays(in: values)) { _, last in last }
        if op == .replace {
            replaced = Self.unique(ids)
            added = []
            removed = []
        } else {
            add(ids)
        }
        return true
    }

    private mutating func add(_ ids: [String]) {
        for id in ids {
            if replaced != nil {
                if replaced?.contains(id) == false { replaced?.append(id) }
            } else {
                removed.removeAll { $0 == id }
                if !added.contains(id) { added.append(id) }
            }
        }
    }

    private mutating func remove(_ ids: [String]) {
        for id in ids {
            if replaced != nil {
                replaced?.removeAll { $0 == id }
            } else {
                added.removeAll { $0 == id }
                if !removed.contains(id) { removed.append(id) }
            }
        }
    }

    static func isMembers(_ path: AttributePath) -> Bool {
        guard path.name.equalsIgnoringCase("members") else { return false }
        return path.schemaURN.map { $0.equalsIgnoringCase(SCIMSchemaURN.group) } ?? true
    }

    /// The `value`s of `[{"value": "id"}, …]` (a single object is read as a one-element
    /// array: Entra sends both).
    static func ids(in value: JSONValue) -> [String]? {
        let elements: [JSONValue]
        switch value {
        case .array(let array): elements = array
        case .object: elements = [value]
        default: return nil
        }
        var ids: [String] = []
        for element in elements {
            guard let id = element[attribute: "value"]?.stringValue, !id.isEmpty else { return nil }
            ids.append(id)
        }
        return ids
    }

    /// The `display` of each `{"value": id, "display": …}` that has one.
    static func displays(in value: JSONValue) -> [String: String] {
        let elements = value.arrayValue ?? [value]
        var displays: [String: String] = [:]
        for element in elements {
            if let id = element[attribute: "value"]?.stringValue, let display = element[attribute: "display"]?.stringValue {
                displays[id] = display
            }
        }
        return displays
    }

    private static func unique(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }
}
