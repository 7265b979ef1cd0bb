import Coffee
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The members of a Microsoft Teams team through Microsoft Graph: a team is a Microsoft
/// 365 group with the same id, so its members are
/// `GET /groups/{id}/members/microsoft.graph.user` (List group members,
/// https://learn.microsoft.com/en-us/graph/api/group-list-members), with an app-only
/// token (``MicrosoftIdentityTokenProvider``) holding `GroupMember.Read.All` and
/// `User.Read.All`.
///
/// Pages follow `@odata.nextLink` until it is absent, and only when it points at the
/// configured Graph host. Members whose `userType` is `Guest` are listed as guests;
/// disabled accounts (`accountEnabled: false`) inactive. A 401 refreshes the token once.
public struct MicrosoftGraphTeamClient: SourceDirectory {
    /// Microsoft Graph v1.0 in the global cloud.
    public static let productionBaseURL = "https://graph.microsoft.com/v1.0"
    /// Members per page (`$top`); Graph allows up to 999 directory objects.
    public var pageSize = 999

    let baseURL: URL
    let teamID: String
    let tokens: MicrosoftIdentityTokenProvider
    let http: ConnectorHTTPClient

    /// A client for the team (group) `teamID`.
    public init(baseURL: URL, teamID: String, tokens: MicrosoftIdentityTokenProvider,
                configuration: ConnectorClientConfiguration = ConnectorClientConfiguration(),
                sleep: (@Sendable (TimeInterval) async -> Void)? = nil) {
        self.baseURL = baseURL
        self.teamID = teamID
        self.tokens = tokens
        self.http = ConnectorHTTPClient(configuration: configuration, sleep: sleep)
    }

    /// The properties asked for: `userType` and `accountEnabled` are not in Graph's
    /// default set.
    static let selectedProperties = "id,displayName,givenName,surname,mail,userPrincipalName,userType,accountEnabled,"
        + "preferredLanguage,jobTitle,department,officeLocation,companyName"

    /// The fields Graph offers for selection.
    public static let availableFields = [
        SourceField(name: "jobTitle", label: "Job title"), SourceField(name: "department", label: "Department"),
        SourceField(name: "officeLocation", label: "Office location"), SourceField(name: "companyName", label: "Company"),
    ]

    public func listing() async throws(ConnectorFailure) -> SourceListing {
        var people: [SourcePerson] = []
        var next: URL? = try firstPage()
        var pages = 0
        while let url = next {
            guard pages < http.configuration.maxPages else { throw .tooManyPages(limit: http.configuration.maxPages) }
            pages += 1
            let page = try await fetch(url, page: pages)
            people += page.value.compactMap(Self.person)
            next = try page.nextLink.map { (link) throws(ConnectorFailure) -> URL in
                guard let url = URL(string: link), ConnectorJSON.isSameOrigin(url, as: baseURL) else {
                    throw .malformedResponse("page \(pages)'s @odata.nextLink does not point at the Graph host")
                }
                return url
            }
        }
        return SourceListing(people: people, pageCount: pages, availableFields: Self.availableFields)
    }

    public func availableFields() async throws(ConnectorFailure) -> [SourceField] {
        Self.availableFields
    }

    public func probe() async throws(ConnectorFailure) -> Int {
        try await fetch(try firstPage(), page: 1).value.compactMap(Self.person).count
    }

    private func firstPage() throws(ConnectorFailure) -> URL {
        let team = teamID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? teamID
        return try ConnectorJSON.url(baseURL, path: "/groups/\(team)/members/microsoft.graph.user", query: [
            URLQueryItem(name: "$select", value: Self.selectedProperties), URLQueryItem(name: "$top", value: String(pageSize)),
        ])
    }

    private func fetch(_ url: URL, page: Int) async throws(ConnectorFailure) -> MembersPage {
        var refreshed = false
        while true {
            var request = URLRequest(url: url)
            request.setValue("Bearer " + (try await tokens.token()), forHTTPHeaderField: "Authorization")
            request.setValue("application/json", forHTTPHeaderField: "Accept")
            let response = try await http.send(request)
            switch response.status {
            case 200:
                return try ConnectorJSON.decode(MembersPage.self, from: response.body, page: page, what: "Graph member list")
            case 401 where !refreshed:
                // An expired or revoked token: ask for a new one, once.
                tokens.invalidate()
                refreshed = true
            case 401, 403:
                throw .unauthorized(Self.graphErrorCode(response.body) ?? "HTTP \(response.status)")
            case 404:
                throw .vendorError(Self.graphErrorCode(response.body) ?? "the team was not found")
            default:
                throw .httpStatus(response.status)
            }
        }
    }

    /// Graph's error code (`error.code`), never its message.
    static func graphErrorCode(_ body: Data) -> String? {
        struct Envelope: Decodable {
            struct Detail: Decodable { var code: String }
            var error: Detail
        }
        return (try? JSONDecoder().decode(Envelope.self, from: body))?.error.code
    }

    /// The person of one directory object, or nil when it is not a user.
    static func person(_ member: GraphMember) -> SourcePerson? {
        if let type = member.odataType, type != "#microsoft.graph.user" { return nil }
        var fields: [String: String] = [:]
        for (name, value) in [("jobTitle", member.jobTitle), ("department", member.department),
                              ("officeLocation", member.officeLocation), ("companyName", member.companyName)] {
            if let value, !value.isEmpty { fields[name] = value }
        }
        // Guests' userPrincipalName is `name_domain#EXT#@tenant`: never an address to use.
        let principal = member.userPrincipalName.flatMap { $0.contains("#EXT#") ? nil : $0 }
        return SourcePerson(
            sourceID: member.id, givenName: member.givenName ?? "", familyName: member.surname ?? "",
            displayName: member.displayName, primaryEmail: member.mail ?? principal, locale: member.preferredLanguage,
            isGuest: member.userType?.caseInsensitiveCompare("Guest") == .orderedSame,
            isActive: member.accountEnabled != false, fields: fields)
    }

    struct MembersPage: Decodable {
        var value: [GraphMember]
        var nextLink: String?

        enum CodingKeys: String, CodingKey {
            case value
            case nextLink = "@odata.nextLink"
        }
    }

    struct GraphMember: Decodable {
        var odataType: String?
        var id: String
        var displayName: String?
        var givenName: String?
        var surname: String?
        var mail: String?
        var userPrincipalName: String?
        var userType: String?
        var accountEnabled: Bool?
        var preferredLanguage: String?
        var jobTitle: String?
        var department: String?
        var officeLocation: String?
        var companyName: String?

        enum CodingKeys: String, CodingKey {
            case odataType = "@odata.type"
            case id, displayName, givenName, surname, mail, userPrincipalName, userType, accountEnabled
            case preferredLanguage, jobTitle, department, officeLocation, companyName
        }
    }
}
