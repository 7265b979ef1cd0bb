/// Which members a list asks for: every field narrows it; all `nil` is every member.
public struct MemberQuery: Sendable, Equatable {
    /// Only this lifecycle.
    public var lifecycle: Lifecycle?
    /// Only this local status (`pending`, `active`, `inactive`).
    public var localStatus: String?
    /// Only this SCIM `active`.
    public var idpActive: Bool?
    /// Only members from this door.
    public var source: MemberSource?
    /// Only members with this value (ignoring case) in this category.
    public var category: (key: String, value: String)?
    /// Only members whose user name, names or email contain this text (ignoring case).
    public var text: String?

    /// Every member.
    public init() {}

    public static func == (lhs: MemberQuery, rhs: MemberQuery) -> Bool {
        lhs.lifecycle == rhs.lifecycle && lhs.localStatus == rhs.localStatus && lhs.idpActive == rhs.idpActive
            && lhs.source == rhs.source && lhs.category?.key == rhs.category?.key
            && lhs.category?.value == rhs.category?.value && lhs.text == rhs.text
    }
}
