import Testing
@testable import SCIM

/// Replays every recorded PATCH exchange: the request body is applied to the stored
/// resource and the result must equal the recorded response body (except `meta`), or
/// fail with the recorded status and `scimType`.
@Suite("PATCH exchanges — IdP fixtures and RFC 7644 §3.5.2 examples")
struct PatchApplierFixtureTests {
    static func patchExchanges(in folder: String) throws -> [String] {
        try Fixtures.names(in: folder).filter { $0.contains("/patch-") || $0.contains("/3.5.2") }
    }

    @Test("Entra ID exchanges replay", arguments: try patchExchanges(in: "entra"))
    func entra(name: String) throws { try Self.replay(name) }

    @Test("Okta exchanges replay", arguments: try patchExchanges(in: "okta"))
    func okta(name: String) throws { try Self.replay(name) }

    @Test("OneLogin exchanges replay", arguments: try patchExchanges(in: "onelogin"))
    func onelogin(name: String) throws { try Self.replay(name) }

    @Test("RFC 7644 §3.5.2 examples replay", arguments: try patchExchanges(in: "rfc7644"))
    func rfc7644(name: String) throws { try Self.replay(name) }

    @Test("every IdP tolerance has its fixture", arguments: [
        "entra/patch-capitalised-op.json", "entra/patch-replace-active-string.json",
        "entra/patch-replace-no-path-dotted-keys.json", "entra/patch-replace-no-path-urn-keys.json",
        "entra/patch-add-email-filter-no-match.json", "entra/patch-replace-email-filter-no-match.json",
        "entra/patch-remove-members-value-array.json", "entra/patch-add-members.json", "entra/patch-add-manager-array.json",
        "entra/patch-add-manager-plain-string.json", "okta/patch-replace-group-with-id.json",
        "okta/patch-deactivate-no-path.json", "onelogin/patch-replace-active-template-string.json",
    ])
    func toleranceFixturesExist(name: String) throws {
        #expect(try Self.patchExchanges(in: String(name.prefix { $0 != "/" })).contains(name))
    }

    @Test("the fixture folders are not empty", arguments: [("entra", 10), ("okta", 5), ("onelogin", 2), ("rfc7644", 12)])
    func foldersNotEmpty(folder: String, minimum: Int) throws {
        #expect(try Self.patchExchanges(in: folder).count >= minimum)
    }

    static func replay(_ name: String) throws {
        let exchange = try Exchange(Fixtures.json(name))
        #expect(exchange.method == "PATCH")
        let (resource, resourceType) = try exchange.storedResource()
        if exchange.status == 200 {
            let result = try PatchApplier.apply(body: exchange.body, to: resource, resourceType: resourceType)
            let expected = try #require(exchange.responseBody?.objectValue, "\(name) has no response body")
            #expect(result.resource.withoutMeta == expected.withoutMeta, "\(name)")
            #expect(result.changed == (resource != expected), "\(name)")
        } else {
            let error = #expect(throws: SCIMError.self, "\(name)") {
                try PatchApplier.apply(body: exchange.body, to: resource, resourceType: resourceType)
            }
            #expect(error?.status == exchange.status, "\(name)")
            #expect(error?.scimType?.rawValue == exchange.responseBody?[attribute: "scimType"]?.stringValue, "\(name)")
        }
    }
}
