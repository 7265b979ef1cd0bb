import Foundation

/// How the Store folds text it compares ignoring case (`userName`, `displayName`,
/// email addresses, filter operands): Swift's `lowercased()`, as ``FilterEvaluator``
/// folds, then Unicode canonical composition (NFC), so that "Élise" typed precomposed
/// (U+00C9) and decomposed (E + U+0301) fold to the same bytes. Swift's `==` already
/// treats the two as equal; SQLite compares bytes, so the `*_folded` columns, their
/// UNIQUE indexes and the operands compared with them must all be folded here. What the
/// client sent is kept as sent.
enum TextFolding {
    /// `text` lower-cased and in NFC.
    static func fold(_ text: String) -> String {
        let lowered = text.lowercased()
        // ASCII is its own NFC: skip the Foundation round trip for the common case.
        if lowered.utf8.allSatisfy({ $0 < 0x80 }) { return lowered }
        return lowered.precomposedStringWithCanonicalMapping
    }
}
