/// Maps a method and path to a handler. Patterns are literal segments and `{name}`
/// parameters (`/scim/v2/Users/{id}`); a literal segment wins over a parameter
/// (`/Users/.search` before `/Users/{id}`). A trailing slash is ignored. HEAD falls
/// back to GET.
public struct Router: Sendable {
    /// Looks at a request head before its body is read: `nil` lets the request go on,
    /// a response is sent instead and the connection closed without reading the body.
    /// It runs only for requests that carry a body, on the concurrency pool (or the
    /// server's task executor), so it may await storage — for example to refuse a bad
    /// credential with 401 before a 64 MiB upload is read. The handler still sees every
    /// request and must check again: a head check is a gate, not a replacement.
    public typealias HeadCheck = @Sendable (HTTPRequestHead) async -> HTTPResponse?

    /// A registered route.
    public struct Route: Sendable {
        public var method: HTTPMethod
        public var pattern: String
        /// The body limit for this route in bytes, or `nil` for the server default.
        public var bodyLimit: Int?
        /// Runs on the head of a request with a body before the body is read.
        public var headCheck: HeadCheck?
        public var handler: HTTPHandler
        let segments: [Segment]
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    /// The outcome of routing a request.
    public enum Match: Sendable {
        case found(Route, parameters: [String: String])
        /// The path exists for other methods; `allowed` lists them for the `Allow` field.
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    public private(set) var routes: [Route] = []
    /// The head check given to routes added now (inside ``checkingHeads(with:_:)``).
    private var scopedHeadCheck: HeadCheck?

    public init() {}

    /// Adds the routes `register` adds with `check` as their head check.
    public mutating func checkingHeads(with check: @escaping HeadCheck, _ register: (inout Router) -> Void) {
        let outer = scopedHeadCheck
        scopedHeadCheck = check
        register(&self)
        scopedHeadCheck = outer
    }

    /// Registers `handler` for `method` on `pattern`.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, bodyLimit: Int? = nil, _ handler: HTTPHandler) {
        let segments = Self.split(Substring(pattern)).map { segment -> Segment in
            if segment.hasPrefix("{"), segment.hasSuffix("}") { return .parameter(String(segment.dropFirst().dropLast())) }
            return .literal(String(segment))
        }
        routes.append(Route(method: method, pattern: pattern, bodyLimit: bodyLimit, headCheck: scopedHeadCheck,
                            handler: handler, segments: segments))
    }

    /// Registers an async handler.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, bodyLimit: Int? = nil,
                             _ handler: @escaping @Sendable (HTTPRequest) async -> HTTPResponse) {
        add(method, pattern, bodyLimit: bodyLimit, .async(handler))
    }

    /// Finds the route for `method` and `path` (not yet percent-decoded).
    public func match(method: HTTPMethod, path: Substring) -> Match {
        let pathSegments = Self.split(path)
        var best: (index: Int, parameters: [String: String], literals: Int, exact: Bool)?
        var allowed: [HTTPMethod] = []
        // Indices, not `for route in routes`: copying a route retains its fields.
        for index in routes.indices {
            guard let (parameters, literals) = Self.bind(routes[index].segments, to: pathSegments) else { continue }
            let routeMethod = routes[index].method
            let exact = routeMethod == method
            guard exact || (method == .head && routeMethod == .get) else {
                if !allowed.contains(routeMethod) { allowed.append(routeMethod) }
                continue
            }
            // An exact method beats the HEAD→GET fallback; more literal segments win.
            if let current = best {
                if current.exact && !exact { continue }
                if current.exact == exact && literals <= current.literals { continue }
            }
            best = (index, parameters, literals, exact)
        }
        if let best { return .found(routes[best.index], parameters: best.parameters) }
        if !allowed.isEmpty {
            if allowed.contains(.get), !allowed.contains(.head) { allowed.append(.head) }
            return .methodNotAllowed(allowed: allowed)
        }
        return .notFound
    }

    private static func bind(_ segments: [Segment], to path: [Substring]) -> ([String: String], Int)? {
        guard segments.count == path.count else { return nil }
        var parameters: [String: String] = [:]
        var literals = 0
        for (segment, value) in zip(segments, path) {
            switch segment {
            case .literal(let literal):
                guard literal == value else { return nil }
                literals += 1
            case .parameter(let name):
                parameters[name] = PercentDecoding.decode(value)
            }
        }
        return (parameters, literals)
    }

    private static func split(_ path: Substring) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}
