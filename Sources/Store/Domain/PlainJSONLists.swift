/// The two JSON shapes of every `members` row — a list of strings (`emails`) and lists of
/// strings by key (`categories`) — read straight from their UTF-8 when they are written
/// as ``JSONText`` writes them (compact, no escape in any string): no JSON tree, no
/// case-insensitive object (issue 16: a 100,000-member match reads every live member, and
/// parsing these columns through the SCIM parser was most of the decoding).
///
/// Anything else — whitespace, an escape, a control character, a non-string value, a key
/// given twice — is `nil`, and ``JSONText`` parses the text as before.
enum PlainJSONLists {
    /// `text` as a list of strings, or `nil` when it is not plainly written.
    static func strings(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes in
            var scanner = Scanner(bytes: bytes)
            guard let list = scanner.list(), scanner.atEnd else { return nil }
            return list
        }
    }

    /// `text` as lists of strings by key, or `nil` when it is not plainly written.
    static func lists(_ text: String) -> [String: [String]]? {
        var text = text
        return text.withUTF8 { bytes in
            var scanner = Scanner(bytes: bytes)
            guard scanner.take(UInt8(ascii: "{")) else { return nil }
            var lists: [String: [String]] = [:]
            if scanner.take(UInt8(ascii: "}")) { return scanner.atEnd ? lists : nil }
            repeat {
                guard let key = scanner.string(), scanner.take(UInt8(ascii: ":")), let list = scanner.list(),
                      lists.updateValue(list, forKey: key) == nil else { return nil }
            } while scanner.take(UInt8(ascii: ","))
            guard scanner.take(UInt8(ascii: "}")), scanner.atEnd else { return nil }
            return lists
        }
    }

    /// A cursor over the text's bytes.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        var atEnd: Bool { position == bytes.count }

        /// Consumes `byte` if it comes next.
        mutating func take(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        /// `["…","…"]`, or `nil`.
        mutating func list() -> [String]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var items: [String] = []
            if take(UInt8(ascii: "]")) { return items }
            repeat {
                guard let item = string() else { return nil }
                items.append(item)
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]")) ? items : nil
        }

        /// A string with no escape and no control character, or `nil`.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                    position += 1
                    return value
                }
                guard byte >= 0x20, byte != UInt8(ascii: "\\") else { return nil }
                position += 1
            }
            return nil
        }
    }
}
