/// The query parameters of a search: a POST `/.search` body,
/// `urn:ietf:params:scim:api:messages:2.0:SearchRequest` (RFC 7644 §3.4.3), or the
/// query string of a GET (RFC 7644 §3.4.2).
///
/// Paging follows RFC 7644 §3.4.2.4: a `startIndex` below 1 is read as 1 and a
/// negative `count` as 0. A `cursor` (RFC 9865 §2, §3) asks for cursor paging instead:
/// present and empty for the first page, else a `nextCursor` or `previousCursor` this
/// service returned. A request naming both a cursor and a `startIndex` above 1 is
/// `invalidValue`: RFC 9865 §2.4 has a client choose one method by the parameter it sends. Tolerances: integers written as strings (`"10"`) and
/// `attributes` given as one comma-separated string are accepted.
public struct SearchRequest: Sendable, Hashable {
    /// Attributes to return (§3.4.2.5), as written.
    public var attributes: [String] = []
    /// Attributes not to return (§3.4.2.5), as written.
    public var excludedAttributes: [String] = []
    /// The filter expression (§3.4.2.2), unparsed.
    public var filter: String?
    /// The attribute to sort by (§3.4.2.3).
    public var sortBy: String?
    /// The sort order (§3.4.2.3); `nil` when not given, which means ascending when
    /// `sortBy` is given.
    public var sortOrder: SortOrder?
    /// The 1-based index of the first result (§3.4.2.4); at least 1.
    public var startIndex: Int = 1
    /// The most results to return (§3.4.2.4); `nil` when not given, never negative.
    public var count: Int?
    /// The RFC 9865 cursor: `nil` for index paging, `""` for the first page of a cursor
    /// walk, else a cursor from an earlier response, as sent (checked only for its
    /// characters here: RFC 9865 §2 allows the unreserved set of RFC 3986 §2.3).
    public var cursor: String?

    /// The longest cursor accepted; this service's own are far shorter.
    public static let maxCursorLength = 4096

    /// An empty request: everything, from the first result.
    public init() {}

    /// Reads a POST `/.search` body.
    ///
    /// - Throws: `invalidSyntax` when the body is not an object or its `schemas` does
    ///   not list the SearchRequest URN; `invalidValue` naming a parameter of the
    ///   wrong type.
    public init(body: JSONValue) throws(SCIMError) {
        guard case .object(let object) = body else {
            throw .invalidSyntax("A search request must be a JSON object (RFC 7644 §3.4.3).")
        }
        if let schemas = object[attribute: "schemas"] {
            guard let list = schemas.arrayValue,
                  list.contains(where: { $0.stringValue?.equalsIgnoringCase(SCIMSchemaURN.searchRequest) == true }) else {
                throw .invalidSyntax("'schemas' must list \(SCIMSchemaURN.searchRequest) (RFC 7644 §3.4.3).")
            }
        }
        attributes = try Self.stringList(object[attribute: "attributes"], name: "attributes")
        excludedAttributes = try Self.stringList(object[attribute: "excludedAttributes"], name: "excludedAttributes")
        filter = try Self.string(object[attribute: "filter"], name: "filter")
        sortBy = try Self.string(object[attribute: "sortBy"], name: "sortBy")
        if let order = try Self.string(object[attribute: "sortOrder"], name: "sortOrder") {
            sortOrder = try SortOrder(parameter: order)
        }
        try setCursor(object[attribute: "cursor"])
        try setPaging(startIndex: object[attribute: "startIndex"], count: object[attribute: "count"])
    }

    /// Reads the query parameters of a GET (names matched ignoring case; the last of
    /// a repeated parameter wins).
    public init(queryParameters: [(name: String, value: String)]) throws(SCIMError) {
        var startIndex: JSONValue?
        var count: JSONValue?
        var cursor: JSONValue?
        for (name, value) in queryParameters {
            switch name.lowercased() {
            case "attributes": attributes = ProjectionPath.split(value)
            case "excludedattributes": excludedAttributes = ProjectionPath.split(value)
            case "filter": filter = value
            case "sortby": sortBy = value.isEmpty ? nil : value
            case "sortorder": sortOrder = value.isEmpty ? nil : try SortOrder(parameter: value)
            case "startindex": startIndex = .string(value)
            case "count": count = .string(value)
            // RFC 9865 §2: `?cursor` (no value) and `?cursor=` both ask for the first page.
            case "cursor": cursor = .string(value)
            default: continue
            }
        }
        try setCursor(cursor)
        try setPaging(startIndex: startIndex, count: count)
    }

    /// The `attributes` / `excludedAttributes` projection of this request.
    public func projection(for resourceType: ResourceType) -> AttributeProjection {
        AttributeProjection(attributes: attributes, excludedAttributes: excludedAttributes, resourceType: resourceType)
    }

    private mutating func setCursor(_ value: JSONValue?) throws(SCIMError) {
        switch value {
        case nil, .null?: cursor = nil
        case .string(let text)?:
            // RFC 9865 §2: a cursor holds only unreserved characters (RFC 3986 §2.3).
            guard text.utf8.count <= Self.maxCursorLength, text.utf8.allSatisfy(Self.isUnreserved) else {
                throw .invalidCursor("This cursor was not issued by this service: send the nextCursor or previousCursor of a previous page, or an empty cursor for the first page (RFC 9865 §2.1).")
            }
            cursor = text
        default: throw .invalidCursor("'cursor' must be a string: empty for the first page, else a nextCursor or previousCursor value (RFC 9865 §3).")
        }
    }

    /// Whether `byte` is an unreserved character of RFC 3986 §2.3 (`ALPHA / DIGIT / "-" /
    /// "." / "_" / "~"`), the only ones a cursor may hold (RFC 9865 §2).
    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "_"), UInt8(ascii: "~"): return true
        default: return false
        }
    }

    private mutating func setPaging(startIndex: JSONValue?, count: JSONValue?) throws(SCIMError) {
        // RFC 7644 §3.4.2.4: "A value less than 1 SHALL be interpreted as 1."
        if let value = try Self.integer(startIndex, name: "startIndex") {
            // RFC 9865 §2.4: `startIndex` or `cursor` chooses the method; both is ambiguous.
            if cursor != nil, value > 1 {
                throw .invalidValue("Send either 'cursor' (cursor paging) or 'startIndex' (index paging), not both (RFC 9865 §2.4).")
            }
            self.startIndex = max(1, value)
        }
        // RFC 7644 §3.4.2.4: "A negative value SHALL be interpreted as 0."
        if let value = try Self.integer(count, name: "count") { self.count = max(0, value) }
    }

    static func integer(_ value: JSONValue?, name: String) throws(SCIMError) -> Int? {
        switch value {
        case nil, .null?: return nil
        case .integer(let integer)?: return Int(clamping: integer)
        case .string(let text)? where Int(text.trimmingWhitespace) != nil: return Int(text.trimmingWhitespace)
        case .string(let text)? where text.isEmpty: return nil
        default: throw .invalidValue("'\(name)' must be an integer (RFC 7644 §3.4.2.4).")
        }
    }

    static func string(_ value: JSONValue?, name: String) throws(SCIMError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text.isEmpty ? nil : text
        default: throw .invalidValue("'\(name)' must be a string (RFC 7644 §3.4.3).")
        }
    }

    static func stringList(_ value: JSONValue?, name: String) throws(SCIMError) -> [String] {
        switch value {
        case nil, .null?: return []
        case .string(let text)?: return ProjectionPath.split(text)
        case .array(let elements)?:
            var strings: [String] = []
            for element in elements {
                guard case .string(let text) = element else {
                    throw .invalidValue("'\(name)' must be an array of attribute names (RFC 7644 §3.4.3).")
                }
                strings.append(text)
            }
            return strings
        default: throw .invalidValue("'\(name)' must be an array of attribute names (RFC 7644 §3.4.3).")
        }
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
