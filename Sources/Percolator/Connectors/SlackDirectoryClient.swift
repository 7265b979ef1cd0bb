import Coffee
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A Slack workspace's users through the Web API method `users.list`
/// (https://docs.slack.dev/reference/methods/users.list), with a bot token holding
/// `users:read` and `users:read.email`.
///
/// Cursor pagination: each page's `response_metadata.next_cursor` is sent back as
/// `cursor` until it is empty (https://docs.slack.dev/apis/web-api/pagination).
/// `ok: false` is a failure with Slack's error code. Bots, app users and Slackbot are
/// not people and are left out; deleted users are listed inactive; single- and
/// multi-channel guests (`is_restricted`, `is_ultra_restricted`) are listed as guests.
public struct SlackDirectoryClient: SourceDirectory {
    /// Where Slack's Web API lives: the base URL in production.
    public static let productionBaseURL = "https://slack.com/api"
    /// Users per page: Slack recommends no more than 200.
    public var pageSize = 200

    let baseURL: URL
    let botToken: String
    let http: ConnectorHTTPClient

    /// A client for the workspace of `botToken` (`xoxb-…`). `sleep` replaces the real
    /// wait between retries (tests).
    public init(baseURL: URL, botToken: String, configuration: ConnectorClientConfiguration = ConnectorClientConfiguration(),
                sleep: (@Sendable (TimeInterval) async -> Void)? = nil) {
        self.baseURL = baseURL
        self.botToken = botToken
        self.http = ConnectorHTTPClient(configuration: configuration, sleep: sleep)
    }

    /// The fields Slack offers for selection.
    public static let availableFields = [SourceField(name: "title", label: "Title")]

    public func listing() async throws(ConnectorFailure) -> SourceListing {
        try await listing { _ in true }
    }

    public func listing(sieve: (SourcePerson) -> Bool) async throws(ConnectorFailure) -> SourceListing {
        var people: [SourcePerson] = []
        var cursor = ""
        var pages = 0
        repeat {
            guard pages < http.configuration.maxPages else { throw .tooManyPages(limit: http.configuration.maxPages) }
            pages += 1
            let page = try await fetch(cursor: cursor, page: pages)
            for user in page.members {
                if let person = Self.person(user), sieve(person) { people.append(person) }
            }
            cursor = page.nextCursor
        } while !cursor.isEmpty
        return SourceListing(people: people, pageCount: pages, availableFields: Self.availableFields)
    }

    public func availableFields() async throws(ConnectorFailure) -> [SourceField] {
        Self.availableFields
    }

    public func probe() async throws(ConnectorFailure) -> Int {
        try await fetch(cursor: "", page: 1).members.compactMap(Self.person).count
    }

    private func fetch(cursor: String, page: Int) async throws(ConnectorFailure) -> (members: [SlackUser], nextCursor: String) {
        var query = [URLQueryItem(name: "limit", value: String(pageSize)), URLQueryItem(name: "include_locale", value: "true")]
        if !cursor.isEmpty { query.append(URLQueryItem(name: "cursor", value: cursor)) }
        var request = URLRequest(url: try ConnectorJSON.url(baseURL, path: "/users.list", query: query))
        request.setValue("Bearer " + botToken, forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let response = try await http.send(request)
        guard response.status == 200 else {
            if response.status == 401 || response.status == 403 { throw .unauthorized("HTTP \(response.status)") }
            throw .httpStatus(response.status)
        }
        // One parse, with the keys Slack spells (no snake-case conversion of every key of
        // every user: that was most of a large listing's time).
        let listed = try ConnectorJSON.decode(UsersListPage.self, from: response.body, page: page, what: "users.list response")
        guard listed.ok else {
            let code = listed.error ?? "unknown_error"
            if Self.authErrors.contains(code) { throw .unauthorized(code) }
            throw .vendorError(code)
        }
        guard let members = listed.members else { throw .malformedResponse("page \(page) is not a users.list response: no members") }
        return (members, listed.responseMetadata?.nextCursor ?? "")
    }

    /// Slack's error codes that mean the token is wrong or lacks a scope.
    static let authErrors: Set<String> = ["invalid_auth", "not_authed", "account_inactive", "token_revoked",
                                          "token_expired", "missing_scope", "no_permission"]

    /// The person of one Slack user, or nil for bots, app users and Slackbot.
    static func person(_ user: SlackUser) -> SourcePerson? {
        guard user.isBot != true, user.isAppUser != true, user.id != "USLACKBOT" else { return nil }
        let profile = user.profile
        var fields: [String: String] = [:]
        if let title = profile?.title, !title.isEmpty { fields["title"] = title }
        return SourcePerson(
            sourceID: user.id, givenName: profile?.firstName ?? "", familyName: profile?.lastName ?? "",
            displayName: profile?.realName ?? user.realName, primaryEmail: profile?.email, locale: user.locale,
            timeZoneIdentifier: user.tz, isGuest: user.isRestricted == true || user.isUltraRestricted == true,
            isActive: user.deleted != true, fields: fields)
    }

    /// A `users.list` answer: `ok` with an `error` code, or the page's members and cursor.
    struct UsersListPage: Decodable {
        var ok: Bool
        var error: String?
        var members: [SlackUser]?
        var responseMetadata: ResponseMetadata?

        enum CodingKeys: String, CodingKey {
            case ok, error, members, responseMetadata = "response_metadata"
        }
    }

    struct ResponseMetadata: Decodable {
        var nextCursor: String?

        enum CodingKeys: String, CodingKey {
            case nextCursor = "next_cursor"
        }
    }

    struct SlackUser: Decodable {
        var id: String
        var deleted: Bool?
        var realName: String?
        var tz: String?
        var locale: String?
        var isBot: Bool?
        var isAppUser: Bool?
        var isRestricted: Bool?
        var isUltraRestricted: Bool?
        var profile: Profile?

        enum CodingKeys: String, CodingKey {
            case id, deleted, realName = "real_name", tz, locale, isBot = "is_bot", isAppUser = "is_app_user"
            case isRestricted = "is_restricted", isUltraRestricted = "is_ultra_restricted", profile
        }
    }

    struct Profile: Decodable {
        var firstName: String?
        var lastName: String?
        var realName: String?
        var email: String?
        var title: String?

        enum CodingKeys: String, CodingKey {
            case firstName = "first_name", lastName = "last_name", realName = "real_name", email, title
        }
    }
}
