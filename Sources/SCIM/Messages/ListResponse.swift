/// A query result page, `urn:ietf:params:scim:api:messages:2.0:ListResponse`
/// (RFC 7644 §3.4.2).
///
/// The three counts are always rendered as JSON integers (Okta rejects strings), and
/// `Resources` is always present, empty when nothing matched (Entra's expected shape).
public struct ListResponse: Sendable, Hashable {
    /// The number of results the query matched, across all pages (REQUIRED).
    public var totalResults: Int
    /// The 1-based index of the first result in this page (RFC 7644 §3.4.2.4).
    public var startIndex: Int
    /// The number of resources in this page.
    public var itemsPerPage: Int
    /// The resources of this page, already projected.
    public var resources: [JSONValue]

    /// A page; `itemsPerPage` defaults to the number of resources given.
    public init(totalResults: Int, startIndex: Int = 1, itemsPerPage: Int? = nil, resources: [JSONValue]) {
        self.totalResults = totalResults
        self.startIndex = startIndex
        self.itemsPerPage = itemsPerPage ?? resources.count
        self.resources = resources
    }

    /// The message body.
    public var representation: JSONValue {
        var object = JSONObject()
        object["schemas"] = [.string(SCIMSchemaURN.listResponse)]
        object["totalResults"] = .integer(Int64(totalResults))
        object["startIndex"] = .integer(Int64(startIndex))
        object["itemsPerPage"] = .integer(Int64(itemsPerPage))
        object["Resources"] = .array(resources)
        return .object(object)
    }
}
