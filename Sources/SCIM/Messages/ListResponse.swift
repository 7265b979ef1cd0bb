/// A query result page, `urn:ietf:params:scim:api:messages:2.0:ListResponse`
/// (RFC 7644 §3.4.2).
///
/// The three counts are always rendered as JSON integers (Okta rejects strings), and
/// `Resources` is always present, empty when nothing matched (Entra's expected shape).
/// A page of a cursor walk (RFC 9865 §2) carries `nextCursor` unless it is the last, and
/// may carry `previousCursor`; it has no `startIndex`, which counts positions it does
/// not use.
public struct ListResponse: Sendable, Hashable {
    /// The number of results the query matched, across all pages (REQUIRED).
    public var totalResults: Int
    /// The 1-based index of the first result in this page (RFC 7644 §3.4.2.4); `nil` on
    /// a page of a cursor walk.
    public var startIndex: Int?
    /// The number of resources in this page.
    public var itemsPerPage: Int
    /// The resources of this page, already projected.
    public var resources: [JSONValue]
    /// The cursor of the next page (RFC 9865 §2, Table 2); `nil` on the last page only.
    public var nextCursor: String?
    /// The cursor of the previous page (RFC 9865 §2, Table 2); never on the first page.
    public var previousCursor: String?

    /// A page; `itemsPerPage` defaults to the number of resources given.
    public init(totalResults: Int, startIndex: Int? = 1, itemsPerPage: Int? = nil, resources: [JSONValue],
                nextCursor: String? = nil, previousCursor: String? = nil) {
        self.totalResults = totalResults
        self.startIndex = startIndex
        self.itemsPerPage = itemsPerPage ?? resources.count
        self.resources = resources
        self.nextCursor = nextCursor
        self.previousCursor = previousCursor
    }

    /// The message body.
    public var representation: JSONValue {
        var object = JSONObject()
        object["schemas"] = [.string(SCIMSchemaURN.listResponse)]
        object["totalResults"] = .integer(Int64(totalResults))
        if let startIndex { object["startIndex"] = .integer(Int64(startIndex)) }
        object["itemsPerPage"] = .integer(Int64(itemsPerPage))
        if let previousCursor { object["previousCursor"] = .string(previousCursor) }
        if let nextCursor { object["nextCursor"] = .string(nextCursor) }
        object["Resources"] = .array(resources)
        return .object(object)
    }
}
