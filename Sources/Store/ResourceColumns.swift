import SCIM

/// The parts of a resource the Store keeps outside its JSON: the indexed columns of
/// `scim_resources`, the rows of `scim_emails`, and a Group's member ids.
///
/// Extracted from the client's attributes before the write transaction (on the caller's
/// task, not the writer's queue). Strings are folded with ``TextFolding`` (`lowercased()`, the
/// folding `FilterEvaluator` uses, then NFC), so SQL and in-memory filters agree.
struct ResourceColumns: Sendable {
    /// One element of `emails`.
    struct Email: Sendable, Equatable {
        var value: String?
        var type: String?
        var isPrimary: Bool?
    }

    /// The attributes to store as JSON: the input without `id`, `meta`, `members`, `groups`.
    var attributes: JSONObject
    /// `attributes` serialized.
    var json: String
    var externalID: String?
    var userName: String?
    var displayName: String?
    var active: Bool?
    var emails: [Email]
    /// A Group's member ids from `members[].value`, lower-cased (ids are), in order, unique.
    var memberIDs: [String]
    /// The `display` a client sent with a member, by lower-cased member id.
    var memberDisplays: [String: String] = [:]

    /// Attributes the Store owns or computes, dropped from what the client sent.
    static let serverOwned = ["id", "meta", "members", "groups"]

    /// Extracts the columns of `resource` as a `kind`. Throws `invalidResource` for a
    /// User without a non-empty string `userName`, a Group without a string
    /// `displayName`, a member without a string `value`, or a resource larger than
    /// ``ResourceSizeLimits`` allow.
    init(_ resource: JSONObject, kind: ResourceKind) throws(ResourceStoreError) {
        var attributes = resource
        let members = attributes[attribute: "members"]
        for name in Self.serverOwned { attributes.removeAttribute(name) }
        self.attributes = attributes
        json = JSONValue.object(attributes).encodedString()
        try ResourceSizeLimits.check(attributes, json: json)
        externalID = attributes[attribute: "externalId"]?.stringValue
        displayName = attributes[attribute: "displayName"]?.stringValue
        switch kind {
        case .user:
            guard let userName = attributes[attribute: "userName"]?.stringValue, !userName.isEmpty else {
                throw .invalidResource("A User needs a non-empty string 'userName' (RFC 7643 §4.1.1).")
            }
            self.userName = userName
            active = attributes[attribute: "active"].flatMap(Self.boolean)
            emails = Self.elements(of: attributes[attribute: "emails"]).map { element in
                Email(value: element[attribute: "value"]?.stringValue,
                      type: element[attribute: "type"]?.stringValue.map(TextFolding.fold),
                      isPrimary: element[attribute: "primary"].flatMap(Self.boolean))
            }
            memberIDs = []
        case .group:
            guard displayName != nil else {
                throw .invalidResource("A Group needs a string 'displayName' (RFC 7643 §4.2).")
            }
            userName = nil
            active = nil
            emails = []
            memberIDs = try Self.memberIDs(in: members)
            memberDisplays = Self.memberDisplays(in: members)
            try ResourceSizeLimits.check(memberDisplays: memberDisplays.values)
        }
    }

    /// The `display` of each member that carries one, by lower-cased id.
    static func memberDisplays(in members: JSONValue?) -> [String: String] {
        var displays: [String: String] = [:]
        for element in elements(of: members) {
            if let id = element[attribute: "value"]?.stringValue, let display = element[attribute: "display"]?.stringValue {
                displays[id.lowercased()] = display
            }
        }
        return displays
    }

    /// The ids in a `members` value (`[{"value": id, …}]`), lower-cased and unique.
    static func memberIDs(in members: JSONValue?) throws(ResourceStoreError) -> [String] {
        var ids: [String] = []
        var seen = Set<String>()
        for element in elements(of: members) {
            guard let value = element[attribute: "value"]?.stringValue else {
                throw .invalidResource("Every member needs a string 'value' (RFC 7643 §4.2).")
            }
            let id = value.lowercased()
            if seen.insert(id).inserted { ids.append(id) }
        }
        return ids
    }

    /// The object elements of a multi-valued attribute (a lone object counts as one, as
    /// the in-memory evaluator flattens it).
    static func elements(of value: JSONValue?) -> [JSONObject] {
        switch value {
        case .array(let elements)?: return elements.compactMap(\.objectValue)
        case .object(let object)?: return [object]
        default: return []
        }
    }

    /// A boolean, also from Entra's `"True"`/`"False"` strings, as the evaluator reads them.
    static func boolean(_ value: JSONValue) -> Bool? {
        switch value {
        case .bool(let bool): return bool
        case .string(let text):
            if text.equalsIgnoringCase("true") { return true }
            if text.equalsIgnoringCase("false") { return false }
            return nil
        default: return nil
        }
    }
}
