@testable import SCIM

extension AttributePath: ExpressibleByStringLiteral {
    /// `"name.familyName"` in tests; an unparsable literal becomes a path that no schema
    /// resolves, so the test fails visibly.
    public init(stringLiteral value: String) {
        self = AttributePath(parsing: value) ?? AttributePath(name: "<invalid:\(value)>")
    }
}
