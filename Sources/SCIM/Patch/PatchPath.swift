/// The `path` of a PATCH operation (RFC 7644 §3.5.2):
///
/// ```
/// PATH = attrPath / valuePath [subAttr]
///
///   ── attrPath ──┬──────────────────────────────────────────────┬──
///                 └── "[" valFilter "]" ──┬─────────────────────┬┘
///                                         └── "." ATTRNAME ─────┘
/// ```
///
/// Examples: `active`, `name.familyName`, `members[value eq "2819c223…"]`,
/// `emails[type eq "work"].value`,
/// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`.
public struct PatchPath: Sendable, Hashable {
    /// The attribute, possibly URN-qualified, with its sub-attribute when written
    /// `name.familyName` (no filter).
    public var attribute: AttributePath
    /// The value filter in brackets, whose paths are the attribute's sub-attributes.
    public var filter: Filter?
    /// The sub-attribute after the closing bracket: `value` in `emails[…].value`.
    public var filteredSubAttribute: String?

    /// A path from its parts.
    public init(attribute: AttributePath, filter: Filter? = nil, filteredSubAttribute: String? = nil) {
        self.attribute = attribute
        self.filter = filter
        self.filteredSubAttribute = filteredSubAttribute
    }

    /// The sub-attribute the path ends at, whichever way it was written.
    public var subAttribute: String? { attribute.subAttribute ?? filteredSubAttribute }

    /// Parses a PATCH path. Throws `invalidPath` with the character position when the
    /// text is not `attrPath` or `valuePath [subAttr]` (RFC 7644 §3.5.2, Table 9).
    public static func parse(_ text: String, limits: FilterParser.Limits = .default) throws(SCIMError) -> PatchPath {
        let cacheable = limits == .default && text.utf8.count <= ParsedPatchPaths.maxKeyLength
        if cacheable, let parsed = ParsedPatchPaths.shared.path(for: text) { return parsed }
        let path = try parseUncached(text, limits: limits)
        // Paths without a value filter are the few an identity provider repeats on every
        // PATCH (`title`, `urn:…:enterprise:2.0:User:costCenter`); a filter names values.
        if cacheable, path.filter == nil { ParsedPatchPaths.shared.keep(path, for: text) }
        return path
    }

    private static func parseUncached(_ text: String, limits: FilterParser.Limits) throws(SCIMError) -> PatchPath {
        let parts: (attribute: AttributePath, filter: Filter?, subAttribute: String?)
        do {
            parts = try FilterParser.parsePatchPath(text, limits: limits)
        } catch {
            throw .invalidPath("Invalid PATCH path: \(error.detail)")
        }
        if parts.filter != nil, parts.attribute.subAttribute != nil {
            throw .invalidPath("Invalid PATCH path '\(text.prefix(200))': a value filter follows the attribute, not its sub-attribute")
        }
        return PatchPath(attribute: parts.attribute, filter: parts.filter, filteredSubAttribute: parts.subAttribute)
    }
}

extension PatchPath: CustomStringConvertible {
    /// The canonical text of the path.
    public var description: String {
        var text = attribute.description
        if let filter { text += "[\(filter)]" }
        if let filteredSubAttribute { text += "." + filteredSubAttribute }
        return text
    }
}
