/// An extra header field of an ``EmailMessage``, e.g. `Auto-Submitted: auto-generated`.
public struct EmailHeader: Sendable, Equatable {
    /// The field name, printable ASCII without `:` or spaces.
    public var name: String
    /// The field value. When it is not printable ASCII it is sent as RFC 2047 encoded
    /// words, which suits unstructured fields (`X-…`, `Comments`) but not address fields.
    public var value: String

    /// A header `name: value`.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
