/// One entry of `attributes` or `excludedAttributes` (RFC 7644 §3.4.2.5, §3.10),
/// resolved against a resource type.
///
/// ```
/// userName                                                   → core, userName
/// name.givenName                                             → core, name, givenName
/// urn:ietf:params:scim:schemas:core:2.0:User:name.givenName  → core, name, givenName
/// urn:ietf:params:scim:schemas:extension:enterprise:2.0:User → enterprise, whole schema
/// urn:…:enterprise:2.0:User:manager.value                    → enterprise, manager, value
/// ```
///
/// Names are matched ignoring case and stored in the schema's spelling when the schema
/// defines them. Tolerances: a value filter (`emails[type eq "work"]`, which Entra's
/// Postman collection sends) is dropped, leaving `emails`; an unqualified name that
/// only an extension defines resolves to that extension.
struct ProjectionPath: Sendable, Hashable {
    /// The schema URN, as declared.
    var schema: String
    /// The attribute, `nil` for the whole extension.
    var attribute: String?
    /// The sub-attribute, if any.
    var subAttribute: String?

    /// A resolved path.
    init(schema: String, attribute: String?, subAttribute: String?) {
        self.schema = schema
        self.attribute = attribute
        self.subAttribute = subAttribute
    }

    /// Resolves `text`, or `nil` when it is empty or malformed.
    init?(_ text: String, in resourceType: ResourceType) {
        let trimmed = Self.removingValueFilters(text)
        guard !trimmed.isEmpty else { return nil }
        var schema = resourceType.schema
        var rest = Substring(trimmed)
        let lowered = trimmed.lowercased()
        for candidate in resourceType.allSchemas.sorted(by: { $0.id.count > $1.id.count }) {
            let urn = candidate.id.lowercased()
            if lowered == urn {
                if candidate.id == resourceType.schema.id { return nil }
                self.schema = candidate.id
                return
            }
            if lowered.hasPrefix(urn + ":") {
                schema = candidate
                rest = rest.dropFirst(urn.count + 1)
                break
            }
        }
        if rest.count == trimmed.count, lowered.hasPrefix("urn:") {
            guard let path = Self.undeclared(trimmed, in: resourceType) else { return nil }
            self = path
            return
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1 ... 2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        let name = String(parts[0])
        var definition = schema.attribute(named: name)
        if definition == nil, schema.id == resourceType.schema.id {
            definition = Schema.commonAttribute(named: name)
            if definition == nil, trimmed.firstIndex(of: ":") == nil {
                let owners = resourceType.extensions.filter { $0.schema.attribute(named: name) != nil }
                if owners.count == 1, let owner = owners.first {
                    schema = owner.schema
                    definition = owner.schema.attribute(named: name)
                }
            }
        }
        self.schema = schema.id
        self.attribute = definition?.name ?? name
        if parts.count == 2 {
            let sub = String(parts[1])
            self.subAttribute = definition?.subAttribute(named: sub)?.name ?? sub
        }
    }

    /// A path into an extension the resource type does not declare, kept as sent
    /// (issue 15): the whole extension when the last segment is the resource type's
    /// name (`urn:…:CustomExtensionName:2.0:User`), else the URN before the last `:` and
    /// the attribute after it (`…:2.0:User:costCenterCode`, `…:2.0:User:badge.number`).
    private static func undeclared(_ text: String, in resourceType: ResourceType) -> ProjectionPath? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let last = text[text.index(after: colon)...]
        if String(last).equalsIgnoringCase(resourceType.name) {
            return ProjectionPath(schema: text, attribute: nil, subAttribute: nil)
        }
        let parts = last.split(separator: ".", omittingEmptySubsequences: false)
        guard (1 ... 2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        return ProjectionPath(schema: String(text[..<colon]), attribute: String(parts[0]),
                              subAttribute: parts.count == 2 ? String(parts[1]) : nil)
    }

    /// `emails[type eq "work"].value` → `emails.value`.
    static func removingValueFilters(_ text: String) -> String {
        var output = ""
        var depth = 0
        var inQuotes = false
        for character in text {
            if depth > 0 {
                if character == "\"" { inQuotes.toggle() }
                if !inQuotes { if character == "[" { depth += 1 } else if character == "]" { depth -= 1 } }
                continue
            }
            if character == "[" { depth = 1; continue }
            if !character.isWhitespace { output.append(character) }
        }
        return output
    }

    /// Splits a comma-separated parameter value at the commas outside value filters
    /// and quotes.
    static func split(_ list: String) -> [String] {
        var items: [String] = []
        var current = ""
        var depth = 0
        var inQuotes = false
        for character in list {
            if character == "\"" { inQuotes.toggle() }
            if !inQuotes {
                if character == "[" { depth += 1 } else if character == "]" { depth = max(0, depth - 1) }
                if character == ",", depth == 0 {
                    items.append(current)
                    current = ""
                    continue
                }
            }
            current.append(character)
        }
        items.append(current)
        return items.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
