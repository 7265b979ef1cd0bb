extension PatchDocument {
    /// `add` (RFC 7644 §3.5.2.1) or `replace` (§3.5.2.3) of `value` at `target`.
    ///
    /// - single-valued simple: the value is set (add on an existing value replaces it);
    /// - single-valued complex: the given sub-attributes are merged, others kept;
    /// - multi-valued, add: new values are appended unless an identical value exists;
    /// - multi-valued, replace: the values become the given ones;
    /// - `attr.sub`: the sub-attribute of a single-valued complex attribute is set;
    /// - `attr[filter]` / `attr[filter].sub`: every matching element is merged (add),
    ///   replaced (replace) or has its sub-attribute set.
    /// `replace` of an attribute that does not exist adds it (§3.5.2.3).
    mutating func write(_ op: PatchOperation.Op, _ target: PatchTarget, _ value: JSONValue) throws(SCIMError) {
        let definition = target.definition
        let current = read(target.resolved)
        if target.predicate != nil {
            try writeFiltered(op, target, value, current: current)
        } else if let sub = target.sub {
            guard !definition.isMultiValued else {
                throw .invalidPath("'\(target.text)' would change every value of '\(definition.name)'; select values with a filter such as '\(definition.name)[type eq \"work\"].\(sub.name)' (RFC 7644 §3.5.2).")
            }
            var object = current?.objectValue ?? JSONObject()
            let coerced = try coerce(value, as: sub)
            try checkImmutable(sub, current: object[attribute: sub.name], new: coerced)
            if coerced.isNull {
                guard op == .replace else { return }
                try checkRemovable(sub, path: target.text)
                object.removeAttribute(sub.name)
            } else {
                object[attribute: sub.name] = coerced
            }
            store(target.resolved, object.isEmpty ? nil : .object(object))
        } else if definition.isMultiValued {
            let values = try PatchValueCoercion.many(value, as: definition)
            var array = op == .add ? (current?.arrayValue ?? current.map { [$0] } ?? []) : []
            var touched: [Int] = []
            for element in values {
                if let index = array.firstIndex(of: element) {
                    touched.append(index)  // RFC 7644 §3.5.2.1: no duplicate identical values
                } else {
                    array.append(element)
                    touched.append(array.count - 1)
                }
            }
            Self.normalisePrimary(&array, touched: touched, definition: definition)
            let new: JSONValue? = array.isEmpty ? nil : .array(array)
            try checkImmutable(definition, current: current, new: new)
            if new == nil, op == .replace, current != nil { try checkRemovable(definition, path: target.text) }
            if new == nil, op == .add { return }
            store(target.resolved, new)
        } else {
            let coerced = try PatchValueCoercion.single(value, as: definition)
            if coerced.isNull {
                guard op == .replace, current != nil else { return }
                try checkRemovable(definition, path: target.text)
                try checkImmutable(definition, current: current, new: nil)
                store(target.resolved, nil)
                return
            }
            var new = coerced
            if definition.type == .complex, let incoming = coerced.objectValue {
                // Complex: merge the given sub-attributes (RFC 7644 §3.5.2.1, §3.5.2.3
                // "Sub-attributes that are not specified in the value parameter are left unchanged").
                var object = current?.objectValue ?? JSONObject()
                for member in incoming.members { object[attribute: member.key] = member.value }
                new = .object(object)
            }
            try checkImmutable(definition, current: current, new: new)
            store(target.resolved, new)
        }
    }

    /// add/replace through a value filter (RFC 7644 §3.5.2.1, §3.5.2.3).
    private mutating func writeFiltered(_ op: PatchOperation.Op, _ target: PatchTarget, _ value: JSONValue,
                                        current: JSONValue?) throws(SCIMError) {
        let definition = target.definition
        var elements = current?.arrayValue ?? current.map { [$0] } ?? []
        let matched = matchingIndices(elements, target)
        var touched: [Int] = []
        if matched.isEmpty {
            // Entra sends Add/Replace on emails[type eq "work"].value for an email that
            // does not exist yet and expects it created
            // (fixtures/entra/patch-add-email-filter-no-match.json,
            // fixtures/entra/patch-replace-email-filter-no-match.json). RFC 7644
            // §3.5.2.3 would answer noTarget; we build the element from the filter's
            // equalities when there are only equalities and a sub-attribute is named.
            guard let sub = target.sub, definition.isMultiValued, let pairs = target.equalityPairs() else {
                throw .noTarget("No value of '\(definition.name)' matches '\(target.text)' (RFC 7644 §3.5.2.3).")
            }
            let coerced = try coerce(value, as: sub)
            if coerced.isNull { return }
            var element = JSONObject()
            for (attribute, filterValue) in pairs {
                element[attribute.name] = try PatchValueCoercion.single(filterValue.jsonValue, as: attribute)
            }
            element[sub.name] = coerced
            elements.append(.object(element))
            touched.append(elements.count - 1)
        } else {
            for index in matched {
                guard var element = elements[index].objectValue else { continue }
                if let sub = target.sub {
                    let coerced = try coerce(value, as: sub)
                    if coerced.isNull, op == .add { continue }  // adding null adds nothing
                    try checkImmutable(sub, current: element[attribute: sub.name], new: coerced)
                    if coerced.isNull { element.removeAttribute(sub.name) } else { element[attribute: sub.name] = coerced }
                } else {
                    guard case .object(let incoming) = try PatchValueCoercion.single(value, as: definition) else {
                        throw .invalidValue("The value for '\(target.text)' must be an object (RFC 7644 §3.5.2).")
                    }
                    if op == .add {
                        for member in incoming.members { element[attribute: member.key] = member.value }
                    } else {
                        // RFC 7644 §3.5.2.3: "all matching record values SHALL be replaced".
                        element = incoming
                    }
                }
                elements[index] = .object(element)
                touched.append(index)
            }
        }
        Self.normalisePrimary(&elements, touched: touched, definition: definition)
        if definition.isMultiValued {
            store(target.resolved, elements.isEmpty ? nil : .array(elements))
        } else {
            store(target.resolved, elements.first)
        }
    }

    /// A value for `attribute`, multi-valued or not.
    func coerce(_ value: JSONValue, as attribute: AttributeDefinition) throws(SCIMError) -> JSONValue {
        if attribute.isMultiValued {
            let values = try PatchValueCoercion.many(value, as: attribute)
            return values.isEmpty ? .null : .array(values)
        }
        return try PatchValueCoercion.single(value, as: attribute)
    }

    /// Indices of the elements the target's value filter selects.
    func matchingIndices(_ elements: [JSONValue], _ target: PatchTarget) -> [Int] {
        guard let predicate = target.predicate else { return Array(elements.indices) }
        return elements.indices.filter { elements[$0].objectValue.map(predicate) ?? false }
    }

    /// RFC 7643 §2.4: "The primary attribute value 'true' MUST appear no more than once."
    /// When several values are primary, the last one this operation wrote keeps the flag
    /// (RFC 7644 §3.5.2) and the others get `false`; see ``PrimaryValues``.
    static func normalisePrimary(_ elements: inout [JSONValue], touched: [Int], definition: AttributeDefinition) {
        guard definition.type == .complex, definition.subAttribute(named: "primary") != nil else { return }
        let preferred = touched.last { elements.indices.contains($0) && elements[$0][attribute: "primary"] == .bool(true) }
        elements = PrimaryValues.normalized(elements, preferring: preferred)
    }
}
