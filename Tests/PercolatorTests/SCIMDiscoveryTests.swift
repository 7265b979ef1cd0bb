import SCIM
import Testing
import TestSupport
@testable import Percolator

@Suite("SCIM authentication and discovery — RFC 7644 §2, §4")
struct SCIMDiscoveryTests {
    @Test("no token, a wrong token and Basic credentials are 401 with WWW-Authenticate: Bearer", arguments: [
        nil, "pct_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not-a-token",
    ] as [String?])
    func unauthorized(token: String?) async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            client.token = token
            let response = try await client.get("/scim/v2/ResourceTypes")
            #expect(response.status == 401)
            #expect(response.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
            // RFC 6750 §3.1: no error code when no credentials were presented.
            #expect(response.headers["www-authenticate"]?.contains(#"error="invalid_token""#) == (token != nil),
                    "\(response.headers["www-authenticate"] ?? "")")
            #expect(response.headers["content-type"] == "application/scim+json")
            #expect(response[attribute: "schemas"] == [.string(SCIMSchemaURN.error)])
            #expect(response[attribute: "status"] == "401")
        }
    }

    @Test("Basic credentials are refused")
    func basic() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            client.token = nil
            let response = try await client.get("/scim/v2/ServiceProviderConfig", headers: [("Authorization", "Basic dXNlcjpwYXNz")])
            #expect(response.status == 401)
        }
    }

    @Test("an admin token is not a SCIM token")
    func adminTokenRefused() async throws {
        try await LiveServer.with { live in
            let response = try await live.client(token: live.adminToken).get("/scim/v2/ServiceProviderConfig")
            #expect(response.status == 401)
        }
    }

    @Test("ServiceProviderConfig tells what is supported")
    func serviceProviderConfig() async throws {
        try await LiveServer.with { live in
            let response = try await live.client().get("/scim/v2/ServiceProviderConfig")
            #expect(response.status == 200)
            #expect(response[attribute: "patch"]?[attribute: "supported"] == true)
            #expect(response[attribute: "bulk"]?[attribute: "maxOperations"] == 1000)
            #expect(response[attribute: "filter"]?[attribute: "maxResults"] == 1000)
            #expect(response[attribute: "etag"]?[attribute: "supported"] == true)
            #expect(response[attribute: "sort"]?[attribute: "supported"] == true)
            #expect(response[attribute: "changePassword"]?[attribute: "supported"] == false)
            #expect(response[attribute: "authenticationSchemes"]?.arrayValue?.first?[attribute: "type"] == "oauthbearertoken")
        }
    }

    @Test("ResourceTypes and Schemas list what the service serves, with locations on its host")
    func resourceTypesAndSchemas() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            let types = try await client.get("/scim/v2/ResourceTypes")
            #expect(types[attribute: "totalResults"] == 2)
            let names = types[attribute: "Resources"]?.arrayValue?.compactMap { $0[attribute: "name"]?.stringValue }
            #expect(names == ["User", "Group"])
            let user = try await client.get("/scim/v2/ResourceTypes/User")
            #expect(user[attribute: "meta"]?[attribute: "location"] == "http://scim.test/scim/v2/ResourceTypes/User")
            let schemas = try await client.get("/scim/v2/Schemas")
            let ids = schemas[attribute: "Resources"]?.arrayValue?.compactMap { $0[attribute: "id"]?.stringValue } ?? []
            #expect(ids.contains(SCIMSchemaURN.user))
            #expect(ids.contains(SCIMSchemaURN.enterpriseUser))
            #expect(ids.contains(SCIMSchemaURN.group))
            let one = try await client.get("/scim/v2/Schemas/\(SCIMSchemaURN.user)")
            #expect(one.status == 200)
            #expect(one[attribute: "id"] == .string(SCIMSchemaURN.user))
            #expect(try await client.get("/scim/v2/Schemas/urn:nope").status == 404)
            #expect(try await client.get("/scim/v2/ResourceTypes/Nope").status == 404)
        }
    }

    @Test("filtering discovery endpoints is 403", arguments: ["/ServiceProviderConfig", "/ResourceTypes", "/Schemas"])
    func filterForbidden(path: String) async throws {
        try await LiveServer.with { live in
            let response = try await live.client().get("/scim/v2\(path)?filter=name%20eq%20%22User%22")
            #expect(response.status == 403)
        }
    }

    @Test("/Me is 501 with a SCIM error")
    func me() async throws {
        try await LiveServer.with { live in
            let response = try await live.client().get("/scim/v2/Me")
            #expect(response.status == 501)
            #expect(response[attribute: "detail"]?.stringValue?.contains("/Me") == true)
        }
    }
}

@Suite("SCIM media types — RFC 7644 §3.1")
struct SCIMMediaTypeTests {
    @Test("responses are application/scim+json, or application/json for a client that accepts only that (OneLogin)")
    func acceptJSON() async throws {
        try await LiveServer.with { live in
            let client = try live.client()
            #expect(try await client.get("/scim/v2/Users").headers["content-type"] == "application/scim+json")
            #expect(try await client.get("/scim/v2/Users", headers: [("Accept", "application/json")]).headers["content-type"] == "application/json")
            #expect(try await client.get("/scim/v2/Users", headers: [("Accept", "application/scim+json, application/json")])
                .headers["content-type"] == "application/scim+json")
            #expect(try await client.get("/scim/v2/Users", headers: [("Accept", "*/*")]).headers["content-type"] == "application/scim+json")
        }
    }
}
