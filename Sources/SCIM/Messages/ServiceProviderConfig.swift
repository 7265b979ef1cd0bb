/// The service provider's configuration served at `/ServiceProviderConfig`
/// (RFC 7643 §5, example §8.5). The server fills in the values it supports.
public struct ServiceProviderConfig: Sendable, Hashable {
    /// One supported authentication scheme (RFC 7643 §5 "authenticationSchemes").
    public struct AuthenticationScheme: Sendable, Hashable {
        /// The scheme keyword: `oauth`, `oauth2`, `oauthbearertoken`, `httpbasic`, `httpdigest`.
        public var type: String
        /// The common name, e.g. "OAuth Bearer Token".
        public var name: String
        /// A description for people.
        public var description: String
        /// The specification's URI, if any.
        public var specURI: String?
        /// Documentation for this server's use of the scheme, if any.
        public var documentationURI: String?
        /// Whether this is the preferred scheme.
        public var isPrimary: Bool

        /// A scheme with the given values.
        public init(type: String, name: String, description: String, specURI: String? = nil,
                    documentationURI: String? = nil, isPrimary: Bool = false) {
            self.type = type
            self.name = name
            self.description = description
            self.specURI = specURI
            self.documentationURI = documentationURI
            self.isPrimary = isPrimary
        }

        /// OAuth 2.0 bearer tokens (RFC 6750), as in the RFC 7643 §8.5 example.
        public static let oauthBearerToken = AuthenticationScheme(
            type: "oauthbearertoken", name: "OAuth Bearer Token",
            description: "Authentication scheme using the OAuth Bearer Token Standard",
            specURI: "https://www.rfc-editor.org/info/rfc6750", isPrimary: true)
    }

    /// The `pagination` attribute of RFC 9865 §4: which paging methods the service
    /// supports, its default, page sizes and how long a cursor stays valid.
    public struct Pagination: Sendable, Hashable {
        /// The two methods of RFC 9865 §2.4.
        public enum Method: String, Sendable, Hashable {
            /// RFC 9865 cursors (`cursor`, `nextCursor`).
            case cursor
            /// RFC 7644 §3.4.2.4 (`startIndex`, `count`).
            case index
        }

        /// Whether cursor paging is supported (REQUIRED).
        public var cursor: Bool
        /// Whether index paging is supported (REQUIRED).
        public var index: Bool
        /// The method used when a request names neither `cursor` nor `startIndex`.
        public var defaultPaginationMethod: Method?
        /// Results in a page when `count` is not given.
        public var defaultPageSize: Int?
        /// The most results in a page, whatever `count` asks.
        public var maxPageSize: Int?
        /// The least number of seconds a cursor stays valid between page requests.
        public var cursorTimeout: Int?

        /// A pagination configuration.
        public init(cursor: Bool, index: Bool, defaultPaginationMethod: Method? = nil, defaultPageSize: Int? = nil,
                    maxPageSize: Int? = nil, cursorTimeout: Int? = nil) {
            self.cursor = cursor
            self.index = index
            self.defaultPaginationMethod = defaultPaginationMethod
            self.defaultPageSize = defaultPageSize
            self.maxPageSize = maxPageSize
            self.cursorTimeout = cursorTimeout
        }

        /// The JSON of the attribute (RFC 9865 §4).
        public var representation: JSONValue {
            var object = JSONObject()
            object["cursor"] = .bool(cursor)
            object["index"] = .bool(index)
            if let defaultPaginationMethod { object["defaultPaginationMethod"] = .string(defaultPaginationMethod.rawValue) }
            if let defaultPageSize { object["defaultPageSize"] = .integer(Int64(defaultPageSize)) }
            if let maxPageSize { object["maxPageSize"] = .integer(Int64(maxPageSize)) }
            if let cursorTimeout { object["cursorTimeout"] = .integer(Int64(cursorTimeout)) }
            return .object(object)
        }
    }

    /// A link to human-readable help, if any.
    public var documentationURI: String?
    /// PATCH support (RFC 7644 §3.5.2).
    public var patchSupported: Bool
    /// Bulk support (RFC 7644 §3.7).
    public var bulkSupported: Bool
    /// The most operations a bulk request may carry.
    public var bulkMaxOperations: Int
    /// The largest bulk request body, in bytes.
    public var bulkMaxPayloadSize: Int
    /// Filter support (RFC 7644 §3.4.2.2).
    public var filterSupported: Bool
    /// The most resources a query returns.
    public var filterMaxResults: Int
    /// Password change support.
    public var changePasswordSupported: Bool
    /// Sorting support (RFC 7644 §3.4.2.3).
    public var sortSupported: Bool
    /// ETag support (RFC 7644 §3.14).
    public var etagSupported: Bool
    /// The accepted authentication schemes.
    public var authenticationSchemes: [AuthenticationScheme]
    /// Paging methods and limits (RFC 9865 §4); not advertised when `nil`.
    public var pagination: Pagination?

    /// A configuration; every value must be given so nothing is advertised by accident.
    public init(documentationURI: String? = nil, patchSupported: Bool, bulkSupported: Bool,
                bulkMaxOperations: Int, bulkMaxPayloadSize: Int, filterSupported: Bool, filterMaxResults: Int,
                changePasswordSupported: Bool, sortSupported: Bool, etagSupported: Bool,
                authenticationSchemes: [AuthenticationScheme], pagination: Pagination? = nil) {
        self.documentationURI = documentationURI
        self.patchSupported = patchSupported
        self.bulkSupported = bulkSupported
        self.bulkMaxOperations = bulkMaxOperations
        self.bulkMaxPayloadSize = bulkMaxPayloadSize
        self.filterSupported = filterSupported
        self.filterMaxResults = filterMaxResults
        self.changePasswordSupported = changePasswordSupported
        self.sortSupported = sortSupported
        self.etagSupported = etagSupported
        self.authenticationSchemes = authenticationSchemes
        self.pagination = pagination
    }

    /// The representation (RFC 7643 §5, shaped like §8.5), with `meta.location`
    /// built from `baseURL` (a trailing `/` is ignored).
    public func representation(baseURL: String) -> JSONValue {
        var object = JSONObject()
        object["schemas"] = [.string(SCIMSchemaURN.serviceProviderConfig)]
        if let documentationURI { object["documentationUri"] = .string(documentationURI) }
        object["patch"] = ["supported": .bool(patchSupported)]
        object["bulk"] = ["supported": .bool(bulkSupported), "maxOperations": .integer(Int64(bulkMaxOperations)),
                          "maxPayloadSize": .integer(Int64(bulkMaxPayloadSize))]
        object["filter"] = ["supported": .bool(filterSupported), "maxResults": .integer(Int64(filterMaxResults))]
        object["changePassword"] = ["supported": .bool(changePasswordSupported)]
        object["sort"] = ["supported": .bool(sortSupported)]
        object["etag"] = ["supported": .bool(etagSupported)]
        if let pagination { object["pagination"] = pagination.representation }
        object["authenticationSchemes"] = .array(authenticationSchemes.map { scheme in
            var entry = JSONObject()
            entry["type"] = .string(scheme.type)
            entry["name"] = .string(scheme.name)
            entry["description"] = .string(scheme.description)
            if let specURI = scheme.specURI { entry["specUri"] = .string(specURI) }
            if let documentationURI = scheme.documentationURI { entry["documentationUri"] = .string(documentationURI) }
            entry["primary"] = .bool(scheme.isPrimary)
            return .object(entry)
        })
        object["meta"] = ["resourceType": "ServiceProviderConfig",
                          "location": .string(Schema.trimmedBaseURL(baseURL) + "/ServiceProviderConfig")]
        return .object(object)
    }
}
