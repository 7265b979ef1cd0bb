import Store

/// What an RFC 9865 cursor says: where the next (or previous) page starts, in which
/// resource type of the list, and until when it is valid.
///
/// Its bytes are the cursor's body, before the tag: a version, the direction, the
/// resource type's index (a root `/.search` lists Users, then Groups), the expiry in Unix
/// seconds, the position's `seq`, and its sort value when the list is sorted. They are
/// opaque to clients but not secret: the sort value is that of the page's last resource,
/// which the client has just received. The tenant and the query are not in them: they
/// enter the tag (``CursorCodec``).
struct PageCursor: Sendable, Hashable {
    /// Where the page starts.
    var seek: ResourceSeek
    /// The index in `ResourceKind.allCases` of the type `seek` is in.
    var kindIndex: Int
    /// Unix seconds after which the cursor is refused as `expiredCursor`.
    var expires: Int64

    private static let version: UInt8 = 1
    private enum Direction: UInt8 { case start = 0, after = 1, before = 2 }

    /// The cursor's body.
    var bytes: [UInt8] {
        var bytes: [UInt8] = [Self.version]
        let position: ResourcePosition?
        switch seek {
        case .after(nil):
            bytes.append(Direction.start.rawValue)
            position = nil
        case .after(let after?):
            bytes.append(Direction.after.rawValue)
            position = after
        case .before(let before):
            bytes.append(Direction.before.rawValue)
            position = before
        }
        bytes.append(UInt8(clamping: kindIndex))
        Self.append(expires, to: &bytes)
        if let position {
            Self.append(position.seq, to: &bytes)
            if let key = position.key { bytes += Array(key.utf8) }
            // A sorted position without a value (NULL) is told from an empty value by a marker.
            bytes.append(position.key == nil ? 0 : 1)
        }
        return bytes
    }

    /// Reads a cursor's body, or `nil` when it is not one this type writes.
    init?(bytes: [UInt8]) {
        guard bytes.count >= 11, bytes[0] == Self.version, let direction = Direction(rawValue: bytes[1]) else { return nil }
        kindIndex = Int(bytes[2])
        expires = Self.int64(bytes, at: 3)
        guard direction != .start else {
            guard bytes.count == 11 else { return nil }
            seek = .after(nil)
            return
        }
        guard bytes.count >= 20, let marker = bytes.last, marker <= 1 else { return nil }
        let seq = Self.int64(bytes, at: 11)
        let keyBytes = bytes[19..<(bytes.count - 1)]
        guard marker == 1 || keyBytes.isEmpty else { return nil }
        let key = marker == 1 ? String(validating: keyBytes, as: UTF8.self) : nil
        guard marker == 0 || key != nil else { return nil }
        let position = ResourcePosition(seq: seq, key: key)
        seek = direction == .after ? .after(position) : .before(position)
    }

    /// A cursor.
    init(seek: ResourceSeek, kindIndex: Int, expires: Int64) {
        self.seek = seek
        self.kindIndex = kindIndex
        self.expires = expires
    }

    private static func append(_ value: Int64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> Int64(shift))) }
    }

    private static func int64(_ bytes: [UInt8], at offset: Int) -> Int64 {
        bytes[offset..<(offset + 8)].reduce(Int64(0)) { $0 << 8 | Int64($1) }
    }
}
