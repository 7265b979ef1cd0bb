import SCIM

/// How large a stored resource may be, checked when it is written so that no list page
/// has to carry an unbounded resource: every string value (at any depth, a member's
/// `display` included) at most ``maxStringBytes`` of UTF-8, and the attributes as stored
/// JSON at most ``maxResourceBytes``. A write beyond either is `invalidResource` (400
/// `invalidValue`) naming the attribute, and changes nothing.
enum ResourceSizeLimits {
    /// 32 KiB: a name, an address or an X.509 certificate in base64 fits many times over.
    static let maxStringBytes = 32 * 1024
    /// 256 KiB of stored JSON (members and groups are stored apart and not counted).
    static let maxResourceBytes = 256 * 1024

    /// Throws `invalidResource` when a string of `attributes` or their JSON `json` is
    /// larger than allowed.
    static func check(_ attributes: JSONObject, json: String) throws(ResourceStoreError) {
        if let path = oversizedString(in: .object(attributes), path: "") {
            throw .invalidResource("'\(path)' is longer than \(maxStringBytes / 1024) KiB (UTF-8); string attributes may be at most \(maxStringBytes / 1024) KiB.")
        }
        let size = json.utf8.count
        guard size <= maxResourceBytes else {
            throw .invalidResource("The resource is \(size / 1024) KiB as stored; resources may be at most \(maxResourceBytes / 1024) KiB.")
        }
    }

    /// Throws `invalidResource` for a member `display` longer than ``maxStringBytes``.
    static func check(memberDisplays: some Sequence<String>) throws(ResourceStoreError) {
        for display in memberDisplays where display.utf8.count > maxStringBytes {
            throw .invalidResource("'members.display' is longer than \(maxStringBytes / 1024) KiB (UTF-8); string attributes may be at most \(maxStringBytes / 1024) KiB.")
        }
    }

    /// The path of the first string longer than the limit (`emails.value`), or `nil`.
    private static func oversizedString(in value: JSONValue, path: String) -> String? {
        switch value {
        case .string(let text):
            return text.utf8.count > maxStringBytes ? (path.isEmpty ? "value" : path) : nil
        case .array(let elements):
            for element in elements {
                if let found = oversizedString(in: element, path: path) { return found }
            }
            return nil
        case .object(let object):
            for member in object.members {
                if member.key.utf8.count > maxStringBytes { return path.isEmpty ? "(attribute name)" : path }
                let child = path.isEmpty ? member.key : "\(path).\(member.key)"
                if let found = oversizedString(in: member.value, path: child) { return found }
            }
            return nil
        default:
            return nil
        }
    }
}
