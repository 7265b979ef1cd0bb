/// A file the portal serves as is (its stylesheet, its script), under a URL that holds a
/// hash of its content so it can be cached for a year (``SecurityHeaders/asset``).
public struct StaticAsset: Sendable, Equatable {
    /// The URL path, for example `/assets/portal.3f2a…c1.css`.
    public let path: String
    /// The bytes of the response body.
    public let bytes: [UInt8]
    /// The `Content-Type` of the response.
    public let contentType: String

    /// An asset named `<stem>.<hash>.<extension>` under `/assets/`.
    public init(stem: String, extension fileExtension: String, contentType: String, content: String) {
        let bytes = Array(content.utf8)
        self.bytes = bytes
        self.contentType = contentType
        self.path = "/assets/\(stem).\(ContentHash.fnv1a64Hex(bytes)).\(fileExtension)"
    }

    /// The response headers: content type plus ``SecurityHeaders/asset``.
    public var headers: [(name: String, value: String)] {
        [("Content-Type", contentType)] + SecurityHeaders.asset
    }
}
