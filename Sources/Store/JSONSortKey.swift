import SCIM

/// A sort on an attribute that has no column of its own (RFC 7644 §3.4.2.3): `title`,
/// `name.familyName`, `emails`, the Enterprise User's `employeeNumber`, a declared
/// extension's attribute… It is read from the stored JSON, where the validator keeps every
/// attribute under its schema's spelling (an extension's under its URN), and compared
/// folded (``TextFolding``) unless `caseExact`. No index orders it: the store sorts the
/// tenant's rows for each page, so such a sort is bounded like a filter that reads JSON.
///
/// What it reads, as the RFC says: a singular attribute's value; for a multi-valued
/// attribute, the value of its `primary` element if any, else of its first element (a
/// complex one's `value`, or the sub-attribute the path names: `emails.type`). Only
/// strings and references sort; a complex attribute needs a sub-attribute
/// (`name.givenName`). An attribute no response holds (``AttributeDefinition/isNeverReturned``)
/// does not sort: the order would tell its values.
///
/// The URN and names are spliced into SQL as literals, so they are checked here again
/// (whatever the schema let through): a name is RFC 7643 §2.1 characters, and the URN
/// holds no `"` or `\` (they end the JSON path label) and has its `'` doubled.
struct JSONSortKey {
    /// The extension's URN; `nil` for the core schema's attributes.
    let urn: String?
    let name: String
    let subAttribute: String?
    let isCaseExact: Bool
    /// Whether the attribute holds a list: its primary element, else its first, sorts.
    let isMultiValued: Bool

    /// The attributes with columns of their own (``FilterSQL/sortColumn(_:kind:resourceType:)``)
    /// or kept outside the JSON (`members`, and a User's computed `groups`).
    static let notInJSON: Set<String> = ["id", "externalId", "userName", "displayName", "meta", "members", "groups", "schemas"]

    /// The key of `resolved`, or `nil` when it cannot be sorted on.
    init?(_ resolved: ResolvedAttribute) {
        let definition = resolved.definition
        guard resolved.isExtension || !Self.notInJSON.contains(definition.name) else { return nil }
        var sub = resolved.subDefinition
        if sub == nil, definition.isMultiValued, definition.type == .complex {
            sub = definition.subAttribute(named: "value")
        }
        let leaf = sub ?? definition
        guard leaf.type == .string || leaf.type == .reference, !definition.isNeverReturned, !leaf.isNeverReturned,
              !resolved.schema.id.contains("\""), !resolved.schema.id.contains("\\") else { return nil }
        let names = [definition.name] + (sub.map { [$0.name] } ?? [])
        guard names.allSatisfy({ name in name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } })
        else { return nil }
        urn = resolved.isExtension ? resolved.schema.id : nil
        name = definition.name
        subAttribute = sub?.name
        isCaseExact = leaf.isCaseExact
        isMultiValued = definition.isMultiValued
    }

    /// `s` as the inside of an SQL string literal.
    private static func quoted(_ s: String) -> String { s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") }

    /// The JSON path of the attribute itself (`$."name"` or `$."urn"."name"`).
    private var attributePath: String { "$" + (urn.map { ".\"\(Self.quoted($0))\"" } ?? "") + ".\"\(name)\"" }

    /// SQLite: the value (`NULL` when absent or not a string), folded by `percolator_fold`
    /// unless case-exact.
    var sqliteExpression: String {
        let text: String
        switch (isMultiValued, subAttribute) {
        case (false, _):
            let path = attributePath + (subAttribute.map { ".\"\($0)\"" } ?? "")
            text = "(CASE WHEN json_type(r.json, '\(path)') = 'text' THEN json_extract(r.json, '\(path)') END)"
        case (true, let sub?):
            text = """
                (SELECT CASE WHEN e.type = 'object' AND json_type(e.value, '$."\(sub)"') = 'text' \
                THEN json_extract(e.value, '$."\(sub)"') END FROM json_each(r.json, '\(attributePath)') e \
                ORDER BY (e.type = 'object' AND json_type(e.value, '$.primary') = 'true') DESC, e.key LIMIT 1)
                """
        case (true, nil):
            text = "(SELECT CASE WHEN e.type = 'text' THEN e.value END FROM json_each(r.json, '\(attributePath)') e ORDER BY e.key LIMIT 1)"
        }
        return isCaseExact ? text : "percolator_fold(\(text))"
    }

    /// PostgreSQL: the same, lower-cased unless case-exact (`lower` folds as
    /// ``TextFolding`` does for every text but a few non-ASCII letters, which may then
    /// sort apart from where SQLite puts them).
    var postgresExpression: String {
        var json = "(r.json::jsonb" + (urn.map { " -> '\(Self.quoted($0))'" } ?? "") + " -> '\(name)')"
        let text: String
        switch (isMultiValued, subAttribute) {
        case (false, let sub):
            if let sub { json = "(\(json) -> '\(sub)')" }
            text = "(CASE WHEN jsonb_typeof(\(json)) = 'string' THEN \(json) #>> '{}' END)"
        case (true, let sub):
            let elements = "jsonb_array_elements(CASE WHEN jsonb_typeof(\(json)) = 'array' THEN \(json) ELSE '[]'::jsonb END) WITH ORDINALITY AS e(v, n)"
            if let sub {
                text = """
                    (SELECT CASE WHEN jsonb_typeof(e.v -> '\(sub)') = 'string' THEN e.v ->> '\(sub)' END FROM \(elements) \
                    ORDER BY COALESCE(e.v -> 'primary' = 'true'::jsonb, false) DESC, e.n LIMIT 1)
                    """
            } else {
                text = "(SELECT CASE WHEN jsonb_typeof(e.v) = 'string' THEN e.v #>> '{}' END FROM \(elements) ORDER BY e.n LIMIT 1)"
            }
        }
        return isCaseExact ? text : "lower(\(text))"
    }

    /// The key of one resource, as the expressions compute it (for lists sorted in memory).
    func key(of resource: StoredResource) -> String? {
        var value = urn.map { resource.attributes[attribute: $0]?[attribute: name] } ?? resource.attributes[attribute: name]
        if isMultiValued {
            let elements = value?.arrayValue ?? []
            value = elements.first { $0[attribute: "primary"]?.boolValue == true && $0.objectValue != nil } ?? elements.first
        }
        if let subAttribute { value = value?.objectValue.flatMap { $0[attribute: subAttribute] } }
        guard let text = value?.stringValue else { return nil }
        return isCaseExact ? text : TextFolding.fold(text)
    }
}
