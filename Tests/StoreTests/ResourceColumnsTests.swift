import SCIM
import Testing
@testable import Store

@Suite("ResourceColumns — what is stored outside the JSON")
struct ResourceColumnsTests {
    @Test("a User's indexed values, folded emails types and Entra string booleans")
    func userColumns() throws {
        var user = userJSON("BJensen", displayName: "Babs", externalId: "X1",
                            emails: [("B@X.org", "Work", true), ("c@x.org", nil, nil)])
        user["active"] = "False"
        user["ID"] = "mine"
        let columns = try ResourceColumns(user, kind: .user)
        #expect(columns.userName == "BJensen" && columns.displayName == "Babs" && columns.externalID == "X1")
        #expect(columns.active == false)
        #expect(columns.emails == [.init(value: "B@X.org", type: "work", isPrimary: true), .init(value: "c@x.org", type: nil, isPrimary: nil)])
        #expect(columns.attributes[attribute: "id"] == nil)
        #expect(columns.json.contains("\"userName\":\"BJensen\""))
    }

    @Test("a Group's member ids are lower-cased and de-duplicated; a member needs a string value")
    func groupMembers() throws {
        let columns = try ResourceColumns(groupJSON("G", members: ["ABC", "abc", "def"]), kind: .group)
        #expect(columns.memberIDs == ["abc", "def"])
        #expect(columns.attributes[attribute: "members"] == nil)
        var bad = groupJSON("G")
        bad["members"] = [["value": 3]]
        #expect(throws: ResourceStoreError.self) { try ResourceColumns(bad, kind: .group) }
    }

    @Test("required attributes: userName for Users, displayName for Groups")
    func required() {
        #expect(throws: ResourceStoreError.self) { try ResourceColumns(JSONObject(), kind: .user) }
        #expect(throws: ResourceStoreError.self) { try ResourceColumns(JSONObject(), kind: .group) }
    }
}
