/// A decoded `application/x-www-form-urlencoded` body (WHATWG URL Standard §5.1, the
/// `application/x-www-form-urlencoded` parser), or a URL query string.
///
/// Fields keep their order; a name may repeat (a multi select sends one field per chosen
/// value). `+` is a space; `%XX` is a byte; names and values must be UTF-8 once decoded.
/// Unlike the standard's lenient parser, a malformed `%` is an error: a form our pages
/// render never sends one, so a body with one is not worth guessing at.
public struct FormData: Sendable, Equatable {
    /// The limits a body is checked against before and while it is decoded.
    public struct Limits: Sendable, Equatable {
        /// The largest body accepted, in bytes.
        public var maximumBytes: Int
        /// The most fields accepted.
        public var maximumFields: Int

        /// Creates limits.
        public init(maximumBytes: Int, maximumFields: Int) {
            self.maximumBytes = maximumBytes
            self.maximumFields = maximumFields
        }

        /// 64 KiB and 500 fields: far more than any portal form (the profile with
        /// every category is the largest) and little enough to decode in microseconds.
        public static let portal = Limits(maximumBytes: 64 * 1024, maximumFields: 500)
    }

    /// The fields, in body order.
    public let fields: [(name: String, value: String)]

    /// Decodes `body`.
    public init(body: [UInt8], limits: Limits = .portal) throws(FormDecodingError) {
        guard body.count <= limits.maximumBytes else { throw .bodyTooLarge(limit: limits.maximumBytes) }
        var fields: [(name: String, value: String)] = []
        for sequence in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            guard fields.count < limits.maximumFields else { throw .tooManyFields(limit: limits.maximumFields) }
            let equals = sequence.firstIndex(of: UInt8(ascii: "="))
            let name = try Self.decode(sequence[sequence.startIndex..<(equals ?? sequence.endIndex)])
            let value = try equals.map { index throws(FormDecodingError) in try Self.decode(sequence[(index + 1)...]) } ?? ""
            fields.append((name, value))
        }
        self.fields = fields
    }

    /// Decodes a query string (without its `?`).
    public init(query: String, limits: Limits = .portal) throws(FormDecodingError) {
        try self.init(body: Array(query.utf8), limits: limits)
    }

    /// Fields already decoded (a multipart form's text parts, ``MultipartFormData``).
    public init(fields: [(name: String, value: String)]) {
        self.fields = fields
    }

    /// The first value of `name`, or nil.
    public subscript(name: String) -> String? {
        fields.first(where: { $0.name == name })?.value
    }

    /// Every value of `name`, in order.
    public func values(for name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// Two forms are equal when they hold the same fields in the same order.
    public static func == (lhs: FormData, rhs: FormData) -> Bool {
        lhs.fields.elementsEqual(rhs.fields, by: { $0.name == $1.name && $0.value == $1.value })
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) throws(FormDecodingError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex,
                      let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                else { throw .malformedPercentEncoding }
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        guard let string = String(validating: out, as: UTF8.self) else { throw .invalidUTF8 }
        return string
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
