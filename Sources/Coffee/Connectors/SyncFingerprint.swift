/// What a listed person looked like, under one connection's field selection and the
/// tenant's ownership rules, when a run last applied them (migration 0023): a short,
/// stable digest kept on the person's link, so an unchanged person is recognised on the
/// next run without loading and comparing the member.
///
/// It covers everything ``SyncPlanner`` reads from a person (id, names, email, locale,
/// time zone, guest and active flags, the raw values of the selected fields) and from
/// the context (kind, the field → category rules, the categories the identity provider
/// owns): when any of them changes, the fingerprint does. 64-bit FNV-1a over a
/// length-prefixed encoding: stable across processes and builds (unlike `Hasher`), not a
/// security boundary — a collision only delays a change until the person changes again.
public struct SyncFingerprint: Sendable, Hashable, CustomStringConvertible {
    /// The digest as stored: 16 lowercase hexadecimal digits.
    public let rawValue: String

    /// Wraps a stored fingerprint.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The fingerprint of `person` under `context`.
    public init(of person: SourcePerson, context: SyncContext) {
        var hash = Digest()
        hash.add("v1")
        hash.add(context.kind.rawValue)
        for entry in context.fieldMapping.entries {
            hash.add(entry.field)
            hash.add(entry.key.rawValue)
        }
        hash.add("|")
        for key in context.settings.categoryMapping.keys.sorted() { hash.add(key.rawValue) }
        hash.add("|")
        hash.add(person.sourceID)
        hash.add(person.givenName)
        hash.add(person.familyName)
        hash.add(person.displayName)
        hash.add(person.primaryEmail)
        hash.add(person.locale)
        hash.add(person.timeZoneIdentifier)
        hash.add(person.isGuest ? "guest" : "member")
        hash.add(person.isActive ? "active" : "inactive")
        for entry in context.fieldMapping.entries { hash.add(person.fields[entry.field]) }
        rawValue = hash.hex
    }

    public var description: String { rawValue }

    /// 64-bit FNV-1a over length-prefixed strings (so `"ab","c"` and `"a","bc"` differ).
    private struct Digest {
        var state: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func byte(_ value: UInt8) {
            state = (state ^ UInt64(value)) &* 0x0000_0100_0000_01b3
        }

        mutating func add(_ text: String?) {
            guard let text else { return byte(0xff) }
            var length = text.utf8.count
            for _ in 0..<4 {
                byte(UInt8(truncatingIfNeeded: length))
                length >>= 8
            }
            for value in text.utf8 { byte(value) }
        }

        var hex: String {
            let digits = String(state, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
    }
}
