/// Reads the values a PATCH-style path reaches in a resource (RFC 7644 §3.5.2 path
/// syntax): `title`, `name.givenName`, an extension attribute by its URN
/// (`urn:…:enterprise:2.0:User:department`), or a value-filtered sub-attribute
/// (`addresses[type eq "work"].locality`). Used to map SCIM attributes onto domain data.
public struct AttributeValueReader: Sendable {
    /// The path as written.
    public let path: String
    private let target: PatchTarget

    /// Resolves `path` against `resourceType`; throws `invalidPath` or `invalidFilter`
    /// exactly as a PATCH with that path would.
    public init(path: String, resourceType: ResourceType) throws(SCIMError) {
        self.path = path
        target = try PatchTarget(PatchPath.parse(path), resourceType: resourceType)
    }

    /// The values the path reaches in `resource`, in document order: several for a
    /// multi-valued attribute or a filter matching several elements, none when absent.
    /// `null` values are skipped.
    public func values(in resource: JSONObject) -> [JSONValue] {
        guard let container = target.resolved.container(in: resource),
              let value = container[attribute: target.definition.name] else { return [] }
        var elements: [JSONValue] = target.definition.isMultiValued ? (value.arrayValue ?? [value]) : [value]
        if let predicate = target.predicate {
            elements = elements.filter { element in element.objectValue.map(predicate) ?? false }
        }
        guard let sub = target.sub else { return elements.filter { !$0.isNull } }
        return elements.compactMap { $0.objectValue?[attribute: sub.name] }.filter { !$0.isNull }
    }

    /// The string values the path reaches (numbers and booleans as written in JSON),
    /// trimmed, empty ones dropped.
    public func strings(in resource: JSONObject) -> [String] {
        values(in: resource).compactMap { value -> String? in
            switch value {
            case .string(let text): text
            case .integer(let number): String(number)
            case .decimal(let number): String(number)
            case .bool(let flag): String(flag)
            default: nil
            }
        }
        .compactMap(Self.trimmed)
    }

    /// `text` without leading and trailing whitespace; `nil` when nothing is left. Most
    /// values have none, and come back as they are, without a copy.
    static func trimmed(_ text: String) -> String? {
        // Printable ASCII at both ends: the first character starts with a byte that is no
        // whitespace, and the last is that byte (or starts with a non-space prefix mark):
        // nothing to trim, known without breaking the text into characters.
        if let first = text.utf8.first, let last = text.utf8.last,
           (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) { return text }
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
              let last = text.lastIndex(where: { !$0.isWhitespace }) else { return nil }
        if first == text.startIndex, last == text.index(before: text.endIndex) { return text }
        return String(text[first...last])
    }
}
