/// Parses JSON text (RFC 8259) into a ``JSONValue`` the way SCIM needs it.
///
/// - Key order is kept, so resources round-trip faithfully.
/// - A number without fraction or exponent that fits in `Int64` becomes `.integer`;
///   every other number (`1.0`, `1e3`, `9223372036854775808`) becomes `.decimal`
///   (RFC 7643 §2.3.3, §2.3.4). `-0` is the integer `0`. A number whose magnitude is
///   too large for a `Double` (`1e400`) is rejected.
/// - Text must be UTF-8 (RFC 8259 §8.1); invalid sequences, unpaired surrogate escapes
///   and raw control characters in strings are rejected. A leading byte order mark is
///   ignored (RFC 8259 §8.1 allows it).
/// - An object may not carry the same key twice, exactly or ignoring case: attribute
///   names are case-insensitive (RFC 7643 §2.1), so `{"userName":…,"USERNAME":…}` is
///   ambiguous.
/// - Nesting is limited to ``defaultMaximumDepth`` containers; anything after the
///   top-level value other than whitespace is rejected.
///
/// Every failure is `SCIMError.invalidSyntax` whose detail gives the zero-based byte
/// offset of the problem.
public enum JSONParser {
    /// The default limit on nested arrays and objects: 64. A SCIM resource nests at
    /// most four deep (message → resource → complex → sub-attribute); the limit keeps
    /// hostile input from exhausting the stack.
    public static let defaultMaximumDepth = 64

    /// Parses one JSON text from UTF-8 bytes.
    ///
    /// - Parameters:
    ///   - bytes: the UTF-8 encoded text, e.g. an HTTP request body.
    ///   - maximumDepth: the most arrays and objects that may be nested; default
    ///     ``defaultMaximumDepth`` (64).
    /// - Throws: `SCIMError.invalidSyntax` naming the byte offset of the first problem.
    public static func parse(_ bytes: some Collection<UInt8>,
                             maximumDepth: Int = defaultMaximumDepth) throws(SCIMError) -> JSONValue {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            parse(buffer: buffer, maximumDepth: maximumDepth)
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { buffer in
            parse(buffer: buffer, maximumDepth: maximumDepth)
        }.get()
    }

    /// Parses one JSON text held in a string.
    ///
    /// - Throws: `SCIMError.invalidSyntax` naming the byte offset (in the UTF-8 form of
    ///   `text`) of the first problem.
    public static func parse(_ text: String, maximumDepth: Int = defaultMaximumDepth) throws(SCIMError) -> JSONValue {
        try parse(text.utf8, maximumDepth: maximumDepth)
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>, maximumDepth: Int) -> Result<JSONValue, SCIMError> {
        var reader = JSONReader(bytes: buffer, maximumDepth: maximumDepth)
        do throws(SCIMError) {
            return .success(try reader.readDocument())
        } catch {
            return .failure(error)
        }
    }
}
