/// Maps a method and path to a handler. Patterns are literal segments and `{name}`
/// parameters (`/scim/v2/Users/{id}`); a literal segment wins over a parameter
/// (`/Users/.search` before `/Users/{id}`), across methods too: a path a literal pattern fits
/// is never handed to a parameter pattern of another method. A trailing slash is ignored. HEAD falls
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
    /// Indices into ``routes`` by number of segments, ascending: only routes with as many
    /// segments as the path can fit it, so ``match(method:path:)`` looks at no other.
    private var routesBySegmentCount: [[Int]] = []
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
        while routesBySegmentCount.count <= segments.count { routesBySegmentCount.append([]) }
        routesBySegmentCount[segments.count].append(routes.count)
        routes.append(Route(method: method, pattern: pattern, bodyLimit: bodyLimit, headCheck: scopedHeadCheck,
                            handler: handler, segments: segments))
    }

    /// Registers an async handler.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, bodyLimit: Int? = nil,
                             _ handler: @escaping @Sendable (HTTPRequest) async -> HTTPResponse) {
        add(method, pattern, bodyLimit: bodyLimit, .async(handler))
    }

    /// Finds the route for `method` and `path` (not yet percent-decoded).
    ///
    /// The most specific pattern that fits the path decides, whatever its method: a
    /// literal segment beats a parameter at the first position where two patterns differ.
    /// Only routes of that shape may answer; if none has the method, the answer is 405
    /// with their methods, never a less specific route (`GET /invitations/accept` is not
    /// "the invitation of member `accept`" when only `POST /invitations/accept` exists).
    public func match(method: HTTPMethod, path: Substring) -> Match {
        let pathSegments = Self.split(path)
        // The best shape seen so far: its literal mask, and the best route of that shape
        // for `method` (an exact method beats the HEAD→GET fallback).
        var bestMask: UInt64?
        var best: (index: Int, parameters: [String: String], exact: Bool)?
        var allowed: [HTTPMethod] = []
        guard pathSegments.count < routesBySegmentCount.count else { return .notFound }
        // Indices, not `for route in routes`: copying a route retains its fields.
        for index in routesBySegmentCount[pathSegments.count] {
            guard let mask = Self.literalMask(routes[index].segments, fitting: pathSegments) else { continue }
            if let current = bestMask {
                if mask < current { continue }
                if mask > current {
                    best = nil
                    allowed.removeAll(keepingCapacity: true)
                }
            }
            bestMask = mask
            let routeMethod = routes[index].method
            let exact = routeMethod == method
            guard exact || (method == .head && routeMethod == .get) else {
                if !allowed.contains(routeMethod) { allowed.append(routeMethod) }
                continue
            }
            if let current = best, current.exact || !exact { continue }
            best = (index, Self.parameters(routes[index].segments, of: pathSegments), exact)
        }
        if let best { return .found(routes[best.index], parameters: best.parameters) }
        if !allowed.isEmpty {
            if allowed.contains(.get), !allowed.contains(.head) { allowed.append(.head) }
            return .methodNotAllowed(allowed: allowed)
        }
        return .notFound
    }

    /// `nil` when `segments` do not fit `path`; else a mask with one bit per literal
    /// segment, the first segment the highest bit, so that a greater mask is the more
    /// specific pattern (literals earlier in the path weigh more).
    private static func literalMask(_ segments: [Segment], fitting path: [Substring]) -> UInt64? {
        guard segments.count == path.count, segments.count <= 64 else { return nil }
        var mask: UInt64 = 0
        for (segment, value) in zip(segments, path) {
            mask <<= 1
            if case .literal(let literal) = segment {
                guard literal == value else { return nil }
                mask |= 1
            }
        }
        return mask
    }

    private static func parameters(_ segments: [Segment], of path: [Substring]) -> [String: String] {
        var parameters: [String: String] = [:]
        for (segment, value) in zip(segments, path) {
            if case .parameter(let name) = segment { parameters[name] = PercentDecoding.decode(value) }
        }
        return parameters
    }

    private static func split(_ path: Substring) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}
