import FoundationEssentials
import SCIM

/// A User or Group as the Store keeps it: the client's attributes plus the server-owned
/// `id` and `meta` values, and the computed membership references.
public struct StoredResource: Sendable, Equatable {
    /// The server-assigned `id`: a lower-case UUID v7 (RFC 7643 §3.1; see `RandomID`).
    public var id: String
    /// User or Group.
    public var kind: ResourceKind
    /// Starts at 1 and grows by one on every change that is applied (RFC 7644 §3.14).
    public var version: Int64
    /// `meta.created` as stored: UTC, milliseconds, fixed width (`2026-11-24T20:03:57.123Z`).
    public var created: String
    /// `meta.lastModified`, in the same form as `created`.
    public var lastModified: String
    /// The attributes as the client sent them, without `id`, `meta`, `members` and
    /// `groups` (those are columns or computed).
    public var attributes: JSONObject
    /// A Group's members (`value`, `type`, computed `display`), ordered by id; `nil` for
    /// Users and when the caller asked to skip them (`excludedAttributes=members`).
    public var members: [MemberReference]?
    /// The Groups a User belongs to directly (its read-only `groups`), ordered by id;
    /// `nil` for Groups and when skipped.
    public var groups: [MemberReference]?

    /// A resource value (does not store anything).
    public init(id: String, kind: ResourceKind, version: Int64, created: String, lastModified: String,
                attributes: JSONObject, members: [MemberReference]? = nil, groups: [MemberReference]? = nil) {
        self.id = id
        self.kind = kind
        self.version = version
        self.created = created
        self.lastModified = lastModified
        self.attributes = attributes
        self.members = members
        self.groups = groups
    }

    /// The weak entity tag of this version, `W/"<version>"` (RFC 7644 §3.14, RFC 7232).
    public var etag: String { "W/\"\(version)\"" }

    /// `created` as a `Date`, or `nil` if the stored text is not a timestamp.
    public var createdDate: Date? { Timestamp.date(from: created) }

    /// `lastModified` as a `Date`, or `nil` if the stored text is not a timestamp.
    public var lastModifiedDate: Date? { Timestamp.date(from: lastModified) }

    /// The full resource: `attributes` with `id`, `members` or `groups` (when loaded, as
    /// `{value, display, type}`; a User's `groups` have type `"direct"`), and `meta`
    /// (`resourceType`, `created`, `lastModified`, `version`). `meta.location` is left to
    /// the caller, which knows the base URL. This is also what in-memory filters see.
    public func rendered() -> JSONObject {
        var result: [JSONObject.Member] = []
        result.reserveCapacity(attributes.count + 3)
        var rest = attributes.members[...]
        if let first = rest.first, first.key.equalsIgnoringCase("schemas") {
            result.append(first)
            rest = rest.dropFirst()
        }
        result.append(.init(key: "id", value: .string(id)))
        result.append(contentsOf: rest)
        if let members, !members.isEmpty {
            result.append(.init(key: "members", value: .array(members.map { reference in
                var object = JSONObject()
                object["value"] = .string(reference.value)
                if let display = reference.display { object["display"] = .string(display) }
                object["type"] = .string(reference.kind.rawValue)
                return .object(object)
            })))
        }
        if let groups, !groups.isEmpty {
            result.append(.init(key: "groups", value: .array(groups.map { reference in
                var object = JSONObject()
                object["value"] = .string(reference.value)
                if let display = reference.display { object["display"] = .string(display) }
                object["type"] = "direct"
                return .object(object)
            })))
        }
        var meta = JSONObject()
        meta["resourceType"] = .string(kind.rawValue)
        meta["created"] = .string(created)
        meta["lastModified"] = .string(lastModified)
        meta["version"] = .string(etag)
        result.append(.init(key: "meta", value: .object(meta)))
        return JSONObject(uniqueMembers: result)
    }
}
