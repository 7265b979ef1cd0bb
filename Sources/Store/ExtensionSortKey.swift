import SCIM

/// A sort on a single-valued string (or reference) attribute of an extension a tenant
/// declared (issue 15): read from the stored JSON, where the validator keeps it under the
/// URN and name as declared, and compared folded (``TextFolding``) unless `caseExact`.
/// No index orders it: the store sorts the tenant's rows for each page.
///
/// The URN and name are spliced into SQL as literals, so they are checked here again
/// (whatever the declaration check let through): a name is RFC 7643 §2.1 characters, and
/// the URN holds no `"` (it ends the JSON path label) and has its `'` doubled.
struct ExtensionSortKey {
    let urn: String
    let name: String
    let subAttribute: String?
    let isCaseExact: Bool

    /// The key of `resolved`, or `nil` when it cannot be sorted on: a built-in extension
    /// (Enterprise User, Percolator), a multi-valued or complex attribute, a non-string type.
    init?(_ resolved: ResolvedAttribute, builtIn: ResourceType) {
        guard resolved.isExtension, builtIn.schema(withID: resolved.schema.id) == nil else { return nil }
        let leaf = resolved.subDefinition ?? resolved.definition
        guard !resolved.definition.isMultiValued, leaf.type == .string || leaf.type == .reference,
              !resolved.schema.id.contains("\""), !resolved.schema.id.contains("\\") else { return nil }
        let names = [resolved.definition.name] + (resolved.subDefinition.map { [$0.name] } ?? [])
        guard names.allSatisfy({ name in name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } })
        else { return nil }
        urn = resolved.schema.id
        name = resolved.definition.name
        subAttribute = resolved.subDefinition?.name
        isCaseExact = leaf.isCaseExact
    }

    /// The URN as the inside of an SQL string literal.
    private var quotedURN: String { urn.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") }

    /// SQLite: `json_extract` of the value, `NULL` when absent or not a string, folded
    /// by `percolator_fold` unless case-exact.
    var sqliteExpression: String {
        let path = "$.\"\(quotedURN)\".\"\(name)\"" + (subAttribute.map { ".\"\($0)\"" } ?? "")
        let value = "json_extract(r.json, '\(path)')"
        let text = "(CASE WHEN json_type(r.json, '\(path)') = 'text' THEN \(value) END)"
        return isCaseExact ? text : "percolator_fold(\(text))"
    }

    /// PostgreSQL: the text value from the JSON (`NULL` when absent), lower-cased unless
    /// case-exact (`lower` folds as ``TextFolding`` does for every text but a few
    /// non-ASCII letters, which may then sort apart from where SQLite puts them).
    var postgresExpression: String {
        var json = "(r.json::jsonb -> '\(quotedURN)' -> '\(name)')"
        if let subAttribute { json = "(\(json) -> '\(subAttribute)')" }
        let text = "(CASE WHEN jsonb_typeof(\(json)) = 'string' THEN \(json) #>> '{}' END)"
        return isCaseExact ? text : "lower(\(text))"
    }

    /// The key of one resource, as the expressions compute it (for lists sorted in memory).
    func key(of resource: StoredResource) -> String? {
        var value = resource.attributes[attribute: urn]?[attribute: name]
        if let subAttribute { value = value?[attribute: subAttribute] }
        guard let text = value?.stringValue else { return nil }
        return isCaseExact ? text : TextFolding.fold(text)
    }
}
