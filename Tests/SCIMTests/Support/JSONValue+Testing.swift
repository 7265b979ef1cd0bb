@testable import SCIM

extension JSONValue {
    /// The object of an object literal; an empty object otherwise (tests then fail on
    /// content, not on a crash).
    static func object(from value: JSONValue) -> JSONObject {
        value.objectValue ?? JSONObject()
    }
}
