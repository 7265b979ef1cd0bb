extension PatchDocument {
    /// `remove` at `target` (RFC 7644 §3.5.2.2):
    /// - `attr`: the attribute and all its values are removed;
    /// - `attr.sub`: the sub-attribute is removed (from every value, if multi-valued);
    /// - `attr[filter]`: the matching values are removed;
    /// - `attr[filter].sub`: the sub-attribute of the matching values is removed.
    /// A multi-valued attribute left empty is removed. Nothing to remove is not an error.
    mutating func remove(_ target: PatchTarget, value: JSONValue?) throws(SCIMError) {
        let definition = target.definition
        guard let current = read(target.resolved) else { return }
        if target.predicate == nil, target.sub == nil {
            if let value, !value.isNull, definition.isMultiValued {
                // Entra removes group members with {"op":"Remove","path":"members",
                // "value":[{"value":"id"}]} and means only those members
                // (fixtures/entra/patch-remove-members-value-array.json); a literal
                // reading of RFC 7644 §3.5.2.2 would empty the group.
                try removeListed(target, value, current: current)
                return
            }
            try checkRemovable(definition, path: target.text)
            try checkImmutable(definition, current: current, new: nil)
            store(target.resolved, nil)
            return
        }
        var elements = current.arrayValue ?? [current]
        let matched = Set(matchingIndices(elements, target))
        if matched.isEmpty { return }
        if let sub = target.sub {
            for index in matched.sorted() {
                guard var element = elements[index].objectValue, element[attribute: sub.name] != nil else { continue }
                try checkRemovable(sub, path: target.text)
                try checkImmutable(sub, current: element[attribute: sub.name], new: nil)
                element.removeAttribute(sub.name)
                elements[index] = .object(element)
            }
            elements = elements.filter { $0.objectValue?.isEmpty != true }
        } else {
            elements = elements.indices.filter { !matched.contains($0) }.map { elements[$0] }
        }
        if elements.isEmpty { try checkRemovable(definition, path: target.text) }
        if definition.isMultiValued {
            store(target.resolved, elements.isEmpty ? nil : .array(elements))
        } else {
            store(target.resolved, elements.first)
        }
    }

    /// Removes the listed values of a multi-valued attribute: complex values are matched
    /// on their `value` sub-attribute when the listed item has one, other values by
    /// equality. Items that are not present are skipped.
    private mutating func removeListed(_ target: PatchTarget, _ value: JSONValue, current: JSONValue) throws(SCIMError) {
        let definition = target.definition
        let valueAttribute = definition.type == .complex ? definition.subAttribute(named: "value") : nil
        let items = value.arrayValue ?? [value]
        var elements = current.arrayValue ?? [current]
        for item in items {
            if let valueAttribute, let wanted = item[attribute: valueAttribute.name]?.stringValue {
                elements.removeAll { element in
                    guard let have = element[attribute: valueAttribute.name]?.stringValue else { return false }
                    return valueAttribute.isCaseExact ? have == wanted : have.equalsIgnoringCase(wanted)
                }
            } else {
                let coerced = try PatchValueCoercion.single(item, as: definition)
                elements.removeAll { $0 == coerced }
            }
        }
        if elements.isEmpty { try checkRemovable(definition, path: target.text) }
        store(target.resolved, elements.isEmpty ? nil : .array(elements))
    }
}
