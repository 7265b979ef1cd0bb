/// One `Operations` entry of a PATCH request (RFC 7644 §3.5.2).
///
/// `path` is optional for `add` and `replace`: Okta deactivates with
/// `{"op":"replace","value":{"active":false}}` (fixtures/okta/patch-deactivate-no-path.json)
/// and Entra sends one path-less `replace` for several attributes
/// (fixtures/entra/patch-replace-no-path-dotted-keys.json). `remove` needs a path
/// (RFC 7644 §3.5.2.2).
public struct PatchOperation: Sendable, Equatable {
    /// The operation: `add`, `remove` or `replace` (RFC 7644 §3.5.2.1–3).
    public enum Op: String, Sendable, Hashable, CaseIterable {
        /// Adds values (RFC 7644 §3.5.2.1).
        case add
        /// Removes values (RFC 7644 §3.5.2.2).
        case remove
        /// Replaces values (RFC 7644 §3.5.2.3).
        case replace

        /// The op spelled in any case: Entra ID without `aadOptscim062020` sends
        /// `"Replace"`, `"Add"`, `"Remove"` (fixtures/entra/patch-capitalised-op.json).
        public init?(normalising text: String) {
            switch text.lowercased() {
            case "add": self = .add
            case "remove": self = .remove
            case "replace": self = .replace
            default: return nil
            }
        }
    }

    /// What to do.
    public var op: Op
    /// Where; `nil` for a path-less `add` or `replace` whose value is an object.
    public var path: PatchPath?
    /// The value; absent for most `remove`s.
    public var value: JSONValue?

    /// An operation from its parts.
    public init(op: Op, path: PatchPath? = nil, value: JSONValue? = nil) {
        self.op = op
        self.path = path
        self.value = value
    }

    /// Parses one element of `Operations` (RFC 7644 §3.5.2). Member names are matched
    /// ignoring case ("Don't require a case-sensitive match on structural elements",
    /// Microsoft's SCIM guidance). `number` is the 1-based position, for messages.
    public static func parse(_ json: JSONValue, number: Int) throws(SCIMError) -> PatchOperation {
        guard let object = json.objectValue else {
            throw .invalidSyntax("Operation \(number) is not a JSON object (RFC 7644 §3.5.2).")
        }
        guard let opText = object[attribute: "op"]?.stringValue else {
            throw .invalidSyntax("Operation \(number) has no \"op\" string (RFC 7644 §3.5.2).")
        }
        guard let op = Op(normalising: opText) else {
            throw .invalidSyntax("Operation \(number) has op \"\(opText.prefix(40))\"; expected add, remove or replace (RFC 7644 §3.5.2).")
        }
        var path: PatchPath?
        switch object[attribute: "path"] {
        case nil, .null?:
            break
        case .string(let text)?:
            do {
                path = try PatchPath.parse(text)
            } catch {
                throw .invalidPath("Operation \(number): \(error.detail)")
            }
        default:
            throw .invalidPath("Operation \(number) has a \"path\" that is not a string (RFC 7644 §3.5.2).")
        }
        let value = object[attribute: "value"]
        switch op {
        case .remove:
            // RFC 7644 §3.5.2.2: "If "path" is unspecified, the operation fails with HTTP
            // status code 400 and a "scimType" error code of "noTarget"."
            guard path != nil else {
                throw .noTarget("Operation \(number): remove needs a \"path\" (RFC 7644 §3.5.2.2).")
            }
        case .add, .replace:
            // RFC 7644 §3.5.2.1, §3.5.2.3: the operation MUST contain a "value" member.
            guard let value else {
                throw .invalidValue("Operation \(number): \(op.rawValue) needs a \"value\" (RFC 7644 §3.5.2).")
            }
            if path == nil, value.objectValue == nil {
                throw .invalidValue("Operation \(number): without a \"path\", the value of \(op.rawValue) must be an object of attributes (RFC 7644 §3.5.2.1).")
            }
        }
        return PatchOperation(op: op, path: path, value: value)
    }
}
