import Foundation

/// A decoded `multipart/form-data` body (RFC 7578, with the framing of RFC 2046 §5.1.1):
/// the console's CSV upload, the only form that sends a file.
///
/// Each part carries a `Content-Disposition: form-data; name="…"` header, and a
/// `filename` when it is a file. Text parts must be UTF-8; a file part's bytes are kept as
/// they are. The parser is strict where a browser never errs (a missing boundary, a part
/// without a name, a body that does not end with the closing delimiter) and refuses
/// rather than guesses.
public struct MultipartFormData: Sendable {
    /// One part of the body.
    public struct Part: Sendable {
        /// The form field's name.
        public var name: String
        /// The file's name as the browser sent it (untrusted), for a file part.
        public var filename: String?
        /// The part's bytes.
        public var bytes: [UInt8]
    }

    /// Why a body was refused. `description` never echoes input.
    public enum DecodingError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The `Content-Type` is not `multipart/form-data` with a usable boundary.
        case notMultipart
        /// The body does not follow the multipart framing.
        case malformed
        /// More parts than the limit.
        case tooManyParts(limit: Int)

        /// A sentence for a log or a 400 page.
        public var description: String {
            switch self {
            case .notMultipart: "The form is not multipart/form-data with a boundary."
            case .malformed: "The form's multipart body is malformed."
            case .tooManyParts(let limit): "The form has more than \(limit) parts."
            }
        }
    }

    /// The parts, in body order.
    public let parts: [Part]

    /// Whether `contentType` declares a multipart form.
    public static func isMultipart(contentType: String?) -> Bool {
        contentType?.lowercased().trimmingCharacters(in: .whitespaces).hasPrefix("multipart/form-data") == true
    }

    /// The boundary of a `multipart/form-data` content type (1 to 70 characters, RFC 2046).
    public static func boundary(contentType: String?) -> String? {
        guard let contentType, isMultipart(contentType: contentType) else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// Decodes `body` sent with `contentType`; at most `maximumParts` parts.
    public init(body: [UInt8], contentType: String?, maximumParts: Int = 100) throws(DecodingError) {
        guard let boundary = Self.boundary(contentType: contentType) else { throw .notMultipart }
        let delimiter = Array(("--" + boundary).utf8)
        let separator = Array(("\r\n--" + boundary).utf8)
        guard var position = Self.find(delimiter, in: body, from: 0) else { throw .malformed }
        position += delimiter.count
        var parts: [Part] = []
        while true {
            // After a delimiter: "--" closes the body, CRLF opens a part.
            if Self.hasPrefix([45, 45], body, at: position) { break }
            guard Self.hasPrefix([13, 10], body, at: position) else { throw .malformed }
            position += 2
            guard let headersEnd = Self.find([13, 10, 13, 10], in: body, from: position) else { throw .malformed }
            guard let headers = String(validating: body[position..<headersEnd], as: UTF8.self) else { throw .malformed }
            let contentStart = headersEnd + 4
            guard let contentEnd = Self.find(separator, in: body, from: contentStart) else { throw .malformed }
            guard parts.count < maximumParts else { throw .tooManyParts(limit: maximumParts) }
            parts.append(try Self.part(headers: headers, bytes: Array(body[contentStart..<contentEnd])))
            position = contentEnd + separator.count
        }
        self.parts = parts
    }

    /// The text parts (those without a file name) as form fields, in order.
    public var fields: [(name: String, value: String)] {
        parts.compactMap { part in
            guard part.filename == nil, let value = String(validating: part.bytes, as: UTF8.self) else { return nil }
            return (part.name, value)
        }
    }

    /// The first file part named `name`.
    public func file(_ name: String) -> Part? {
        parts.first { $0.name == name && $0.filename != nil }
    }

    /// A part from its header block and bytes.
    private static func part(headers: String, bytes: [UInt8]) throws(DecodingError) -> Part {
        var name: String?, filename: String?
        for line in headers.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            let items = Self.parameters(String(pair[1]))
            guard items.first?.name.lowercased() == "form-data" else { throw .malformed }
            for item in items.dropFirst() {
                switch item.name.lowercased() {
                case "name": name = item.value
                case "filename": filename = item.value
                default: break
                }
            }
        }
        guard let name, !name.isEmpty else { throw .malformed }
        return Part(name: name, filename: filename, bytes: bytes)
    }

    /// The `;`-separated items of a header value, `name` or `name="value"` (quotes
    /// honoured, so a file name may hold `;`).
    private static func parameters(_ value: String) -> [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        var current = "", inQuotes = false, escaped = false
        var pieces: [String] = []
        for character in value {
            if escaped { current.append(character); escaped = false; continue }
            if inQuotes, character == "\\" { escaped = true; continue }
            if character == "\"" { inQuotes.toggle(); current.append(character); continue }
            if character == ";", !inQuotes { pieces.append(current); current = ""; continue }
            current.append(character)
        }
        pieces.append(current)
        for piece in pieces {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = pair.first, !first.isEmpty else { continue }
            var text = pair.count > 1 ? pair[1] : ""
            if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
            items.append((first, text))
        }
        return items
    }

    /// Whether `body` has `prefix` at `position`.
    private static func hasPrefix(_ prefix: [UInt8], _ body: [UInt8], at position: Int) -> Bool {
        guard position + prefix.count <= body.count else { return false }
        for index in prefix.indices where body[position + index] != prefix[index] { return false }
        return true
    }

    /// The first index of `needle` in `body` at or after `start`.
    private static func find(_ needle: [UInt8], in body: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, body.count >= needle.count else { return nil }
        return body.withUnsafeBufferPointer { haystack -> Int? in
            needle.withUnsafeBufferPointer { pattern -> Int? in
                var index = start
                let last = haystack.count - pattern.count
                while index <= last {
                    if haystack[index] == first {
                        var matched = true
                        for offset in 1..<pattern.count where haystack[index + offset] != pattern[offset] {
                            matched = false
                            break
                        }
                        if matched { return index }
                    }
                    index += 1
                }
                return nil
            }
        }
    }
}
