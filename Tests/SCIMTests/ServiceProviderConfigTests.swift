import Testing
@testable import SCIM

@Suite("Service provider configuration — RFC 7643 §5, §8.5")
struct ServiceProviderConfigTests {
    @Test("renders every §5 attribute with the server's values")
    func renders() throws {
        let config = ServiceProviderConfig(
            documentationURI: "https://example.com/help/scim.html", patchSupported: true, bulkSupported: true,
            bulkMaxOperations: 1000, bulkMaxPayloadSize: 1_048_576, filterSupported: true, filterMaxResults: 200,
            changePasswordSupported: false, sortSupported: true, etagSupported: true,
            authenticationSchemes: [.oauthBearerToken])
        let expected = try JSONParser.parse(#"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
         "documentationUri":"https://example.com/help/scim.html",
         "patch":{"supported":true},
         "bulk":{"supported":true,"maxOperations":1000,"maxPayloadSize":1048576},
         "filter":{"supported":true,"maxResults":200},
         "changePassword":{"supported":false},
         "sort":{"supported":true},
         "etag":{"supported":true},
         "authenticationSchemes":[{"type":"oauthbearertoken","name":"OAuth Bearer Token",
           "description":"Authentication scheme using the OAuth Bearer Token Standard",
           "specUri":"https://www.rfc-editor.org/info/rfc6750","primary":true}],
         "meta":{"resourceType":"ServiceProviderConfig","location":"https://example.com/scim/v2/ServiceProviderConfig"}}
        """#)
        #expect(config.representation(baseURL: "https://example.com/scim/v2/") == expected)
    }
}
