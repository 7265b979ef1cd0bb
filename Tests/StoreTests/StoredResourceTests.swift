import SCIM
import Testing
@testable import Store

@Suite("StoredResource — rendering id, meta, members and groups (RFC 7643 §3.1)")
struct StoredResourceTests {
    @Test("rendered puts schemas and id first, members before meta, and the weak ETag in meta.version")
    func rendered() {
        var attributes = JSONObject()
        attributes["schemas"] = [.string(SCIMSchemaURN.group)]
        attributes["displayName"] = "G"
        let resource = StoredResource(id: "g1", kind: .group, version: 7, created: "2026-01-01T00:00:00.000Z",
                                      lastModified: "2026-01-02T00:00:00.000Z", attributes: attributes,
                                      members: [MemberReference(value: "u1", kind: .user, display: nil)])
        let rendered = resource.rendered()
        #expect(rendered.keys == ["schemas", "id", "displayName", "members", "meta"])
        #expect(resource.etag == #"W/"7""#)
        #expect(rendered[attribute: "members"] == [["value": "u1", "type": "User"]])
        #expect(rendered[attribute: "meta"]?[attribute: "lastModified"] == "2026-01-02T00:00:00.000Z")
        #expect(resource.createdDate != nil)
    }

    @Test("empty or unloaded memberships are not rendered")
    func noMemberships() {
        let user = StoredResource(id: "u", kind: .user, version: 1, created: "x", lastModified: "x",
                                  attributes: JSONObject(), groups: [])
        #expect(user.rendered().keys == ["id", "meta"])
    }
}
