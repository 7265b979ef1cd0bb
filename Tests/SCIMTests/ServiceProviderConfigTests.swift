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

    @Test("pagination renders RFC 9865 §4's sub-attributes, only those given")
    func pagination() throws {
        let full = ServiceProviderConfig.Pagination(cursor: true, index: true, defaultPaginationMethod: .index,
                                                    defaultPageSize: 100, maxPageSize: 250, cursorTimeout: 3600)
        #expect(full.representation == (try JSONParser.parse(#"""
        {"cursor":true,"index":true,"defaultPaginationMethod":"index","defaultPageSize":100,"maxPageSize":250,"cursorTimeout":3600}
        """#)))
        #expect(ServiceProviderConfig.Pagination(cursor: false, index: true).representation.encodedString()
                == #"{"cursor":false,"index":true}"#)
        let config = ServiceProviderConfig(
            patchSupported: true, bulkSupported: false, bulkMaxOperations: 0, bulkMaxPayloadSize: 0, filterSupported: true,
            filterMaxResults: 10, changePasswordSupported: false, sortSupported: false, etagSupported: false,
            authenticationSchemes: [], pagination: full)
        #expect(config.representation(baseURL: "https://example.com")[attribute: "pagination"] == full.representation)
    }
}
