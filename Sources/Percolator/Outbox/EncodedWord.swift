/// RFC 2047 encoded words (`=?UTF-8?B?…?=`), the way a header carries text that is
/// not plain printable ASCII.
enum EncodedWord {
    /// The most UTF-8 bytes one encoded word holds: 45 bytes are 60 base64 characters,
    /// which with the 12 characters around them stay under the 75 RFC 2047 §2 allows.
    static let bytesPerWord = 45

    /// Whether `text` can go into a header as it is: printable ASCII and spaces or tabs
    /// only, and nothing a reader could take for an encoded word.
    static func isPlain(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0 == "\t" || (0x20...0x7E).contains($0.value) } && !text.contains("=?")
    }

    /// `text` as one or more encoded words joined by a folding CRLF and space, each
    /// word a run of whole characters, so no character is cut between two words.
    static func encode(_ text: String) -> String {
        var words: [String] = []
        var pending: [UInt8] = []
        for character in text {
            let bytes = Array(character.utf8)
            if !pending.isEmpty && pending.count + bytes.count > bytesPerWord {
                words.append(word(pending))
                pending = []
            }
            pending.append(contentsOf: bytes)
        }
        if !pending.isEmpty || words.isEmpty { words.append(word(pending)) }
        return words.joined(separator: "\r\n ")
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Base64.encode(bytes) + "?="
    }
}
