import Coffee
import FoundationEssentials
import SCIM

/// A session as the `sessions.json` column holds it, read with its opt-ins and opt-outs
/// taken straight from their byte ranges. `JSONDecoder` decodes each of those members as
/// a keyed container (`{"rawValue":"…"}`): 60% of the server's CPU for a page of the admin
/// API's sessions (perf, release build), which took 510 ms for 106 sessions of 2,000
/// opt-ins; with this, a program's statistics over the same history take 27 ms instead
/// of 59 (`scripts/bench-portal-history.sh`).
///
/// The two arrays are found at the top level of the object (outside strings and nested
/// values), read straight from their bytes (through the SCIM module's parser when an id
/// holds an escape), and replaced by `[]` in the text that `JSONDecoder` reads for the
/// rest; the rest is never rewritten from a tree (a seed above `Int64.max` would lose its
/// digits). Anything unexpected — an array missing, an element other than
/// `{"rawValue": string}` — decodes the whole text as before.
enum SessionText {
    /// The top-level keys read here.
    private static let keys: [[UInt8]] = [Array(#""optedIn""#.utf8), Array(#""optedOut""#.utf8)]

    static func decode(_ text: String) throws -> Session {
        guard let split = split(text) else { return try JSONText.decode(text, as: Session.self) }
        let session = try JSONText.decode(split.rest, as: Session.self)
        return Session(id: session.id, programID: session.programID, tenantID: session.tenantID, state: session.state,
                       opensAt: session.opensAt, matchAt: session.matchAt, optedIn: split.optedIn, optedOut: split.optedOut,
                       match: session.match, cancellationReason: session.cancellationReason, createdAt: session.createdAt,
                       updatedAt: session.updatedAt, version: session.version)
    }

    /// The text with both arrays emptied, and their members; `nil` when the text is not
    /// as ``JSONText`` writes sessions (``decode(_:)`` then reads it whole).
    static func split(_ text: String) -> (rest: String, optedIn: Set<MemberID>, optedOut: Set<MemberID>)? {
        var text = text
        return text.withUTF8 { bytes in
            guard let ranges = valueRanges(in: bytes), ranges.count == keys.count else { return nil }
            var lists: [Set<MemberID>] = []
            var rest: [UInt8] = []
            rest.reserveCapacity(bytes.count - ranges.reduce(0) { $0 + $1.count } + 4)
            var position = 0
            for range in ranges {
                guard let members = memberIDs(UnsafeBufferPointer(rebasing: bytes[range])) else { return nil }
                lists.append(members)
                rest.append(contentsOf: bytes[position..<range.lowerBound])
                rest.append(contentsOf: [UInt8(ascii: "["), UInt8(ascii: "]")])
                position = range.upperBound
            }
            rest.append(contentsOf: bytes[position...])
            return (String(decoding: rest, as: UTF8.self), lists[0], lists[1])
        }
    }

    /// The byte ranges of the array values of ``keys`` at the object's top level, in the
    /// order of `keys` and of the text (keys are written sorted), or `nil`.
    private static func valueRanges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        var ranges: [Range<Int>] = []
        var depth = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if depth == 1, ranges.count < keys.count, let end = valueStart(of: keys[ranges.count], at: index, in: bytes) {
                    guard let close = arrayEnd(from: end, in: bytes) else { return nil }
                    ranges.append(end..<close)
                    index = close
                    continue
                }
                guard let after = stringEnd(from: index, in: bytes) else { return nil }
                index = after
                continue
            }
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
            if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") { depth -= 1 }
            index += 1
        }
        return ranges
    }

    /// Where the value of `key` starts when the text at `index` is `key:[`, else `nil`.
    private static func valueStart(of key: [UInt8], at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let colon = index + key.count
        guard colon + 1 < bytes.count, bytes[colon] == UInt8(ascii: ":"), bytes[colon + 1] == UInt8(ascii: "[") else { return nil }
        for offset in 0..<key.count where bytes[index + offset] != key[offset] { return nil }
        return colon + 1
    }

    /// Past the string starting with the quote at `index`, or `nil` when unterminated.
    private static func stringEnd(from index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var position = index + 1
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\\"): position += 2
            case UInt8(ascii: "\""): return position + 1
            default: position += 1
            }
        }
        return nil
    }

    /// Past the `]` closing the array that opens at `index`, or `nil`.
    private static func arrayEnd(from index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var depth = 0
        var position = index
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                guard let after = stringEnd(from: position, in: bytes) else { return nil }
                position = after
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return position + 1 }
            default: break
            }
            position += 1
        }
        return nil
    }

    /// The members of an array of `{"rawValue": string}`, or `nil` for anything else:
    /// read straight from the bytes when written plainly (no escape, no control
    /// character, no space), else through the SCIM parser (its tree made decoding slower
    /// than `JSONDecoder`'s for 2,000 plain ids).
    private static func memberIDs(_ bytes: UnsafeBufferPointer<UInt8>) -> Set<MemberID>? {
        plainMemberIDs(bytes) ?? parsedMemberIDs(bytes)
    }

    /// `[{"rawValue":"…"},…]` exactly as `JSONEncoder` writes plain ids, or `nil`.
    private static func plainMemberIDs(_ bytes: UnsafeBufferPointer<UInt8>) -> Set<MemberID>? {
        let opening = Array(#"{"rawValue":""#.utf8)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "["), bytes[bytes.count - 1] == UInt8(ascii: "]") else { return nil }
        var members = Set<MemberID>(minimumCapacity: bytes.count / 48)
        var position = 1
        let end = bytes.count - 1
        while position < end {
            if !members.isEmpty {
                guard bytes[position] == UInt8(ascii: ",") else { return nil }
                position += 1
            }
            guard position + opening.count <= end else { return nil }
            for offset in 0..<opening.count where bytes[position + offset] != opening[offset] { return nil }
            position += opening.count
            let start = position
            while position < end, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\"),
                  bytes[position] >= 0x20 {
                position += 1
            }
            guard position + 1 < end, bytes[position] == UInt8(ascii: "\""), bytes[position + 1] == UInt8(ascii: "}") else {
                return nil
            }
            guard members.insert(MemberID(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))).inserted
            else { return nil }
            position += 2
        }
        return members
    }

    /// The members of an array of `{"rawValue": string}` through the SCIM parser.
    private static func parsedMemberIDs(_ bytes: UnsafeBufferPointer<UInt8>) -> Set<MemberID>? {
        guard let items = (try? JSONParser.parse(bytes))?.arrayValue else { return nil }
        var members = Set<MemberID>(minimumCapacity: items.count)
        for item in items {
            guard let object = item.objectValue, object.count == 1, let member = object.members.first,
                  member.key == "rawValue", let id = member.value.stringValue else { return nil }
            members.insert(MemberID(id))
        }
        return members
    }
}
