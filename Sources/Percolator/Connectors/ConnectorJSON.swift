import Foundation

/// Decoding of vendor pages, with failures that say which page and which field
/// without quoting any value.
enum ConnectorJSON {
    static func decode<Page: Decodable>(
        _ type: Page.Type, from data: Data, page: Int, what: String, snakeCase: Bool = false
    ) throws(ConnectorFailure) -> Page {
        let decoder = JSONDecoder()
        if snakeCase { decoder.keyDecodingStrategy = .convertFromSnakeCase }
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw .malformedResponse("page \(page) is not a \(what): \(describe(error))")
        } catch {
            throw .malformedResponse("page \(page) is not a \(what)")
        }
    }

    /// A decoding error as a path and a kind, never the offending value.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let components = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }
            let joined = components.joined()
            return joined.hasPrefix(".") ? String(joined.dropFirst()) : (joined.isEmpty ? "the document" : joined)
        }
        switch error {
        case .dataCorrupted(let context): return "invalid JSON at \(path(context))"
        case .keyNotFound(let key, let context): return "\(path(context).isEmpty ? "" : path(context) + ".")\(key.stringValue) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context)) has the wrong type"
        @unknown default: return "undecodable"
        }
    }

    /// `base` with `path` appended and `query` items set; throws for a base that is not
    /// an absolute http(s) URL.
    static func url(_ base: URL, path: String, query: [URLQueryItem] = []) throws(ConnectorFailure) -> URL {
        guard let scheme = base.scheme?.lowercased(), scheme == "https" || scheme == "http", base.host != nil,
              var components = URLComponents(url: base, resolvingAgainstBaseURL: false)
        else { throw .invalidConfiguration("the base URL must be an absolute http(s) URL") }
        components.path = (components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path) + path
        if !query.isEmpty { components.queryItems = query }
        guard let url = components.url else { throw .invalidConfiguration("the base URL cannot take the path \(path)") }
        return url
    }

    /// Whether `url` points at the same scheme, host and port as `base`, so that a
    /// vendor's next-page link never carries our credentials elsewhere.
    static func isSameOrigin(_ url: URL, as base: URL) -> Bool {
        url.scheme?.lowercased() == base.scheme?.lowercased() && url.host?.lowercased() == base.host?.lowercased()
            && (url.port ?? defaultPort(url.scheme)) == (base.port ?? defaultPort(base.scheme))
    }

    private static func defaultPort(_ scheme: String?) -> Int { scheme?.lowercased() == "http" ? 80 : 443 }
}
