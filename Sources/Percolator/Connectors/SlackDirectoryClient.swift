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
///
/// Custom profile fields: `team.profile.get` lists the workspace's field definitions (id,
/// label), offered beside `title`. `users.list` does not carry their values, so when at
/// least one is selected (``customFields``) each listed person who may be kept (active,
/// not a guest) is read with `users.profile.get?user=…` (Tier 4; a 429 is waited out as its
/// `Retry-After` says); with none selected no such call is made. Both need the bot scope
/// `users.profile:read`.
public struct SlackDirectoryClient: SourceDirectory {
    /// Where Slack's Web API lives: the base URL in production.
    public static let productionBaseURL = "https://slack.com/api"
    /// Users per page: Slack recommends no more than 200.
    public var pageSize = 200

    let baseURL: URL
    let botToken: String
    let http: ConnectorHTTPClient
    /// The custom profile fields (ids `Xf…`) whose values are read per person.
    public var customFields: Set<String> = []

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
                guard var person = Self.person(user) else { continue }
                if !customFields.isEmpty, person.isActive, !person.isGuest {
                    person.fields.merge(try await customFieldValues(of: person.sourceID, page: pages)) { _, custom in custom }
                }
                if sieve(person) { people.append(person) }
            }
            cursor = page.nextCursor
        } while !cursor.isEmpty
        return SourceListing(people: people, pageCount: pages, availableFields: Self.availableFields)
    }

    /// `title`, then the workspace's custom profile fields in their order. When their
    /// definitions cannot be read (the token lacks `users.profile:read`, Slack does not
    /// answer), `title` alone: the custom fields are an addition, and a run reports any
    /// failure to read their values.
    public func availableFields() async throws(ConnectorFailure) -> [SourceField] {
        // One attempt: an admin's page waits on no retry.
        var once = http.configuration
        once.maxAttempts = 1
        guard let answer = try? await call("/team.profile.get", query: [], page: 1, what: "team.profile.get response",
                                           as: TeamProfileResponse.self, http: ConnectorHTTPClient(configuration: once))
        else { return Self.availableFields }
        let custom = (answer.profile?.fields ?? []).sorted { ($0.ordering ?? 0, $0.id) < ($1.ordering ?? 0, $1.id) }
        return Self.availableFields + custom.map { SourceField(name: $0.id, label: $0.label ?? $0.id) }
    }

    /// The selected custom fields' values of user `id` (`users.profile.get`).
    func customFieldValues(of id: String, page: Int) async throws(ConnectorFailure) -> [String: String] {
        let answer = try await call("/users.profile.get", query: [URLQueryItem(name: "user", value: id)], page: page,
                                    what: "users.profile.get response", as: UserProfileResponse.self)
        var values: [String: String] = [:]
        for (field, entry) in answer.profile?.fields ?? [:] where customFields.contains(field) {
            if let value = entry.value, !value.isEmpty { values[field] = value }
        }
        return values
    }

    public func probe() async throws(ConnectorFailure) -> Int {
        try await fetch(cursor: "", page: 1).members.compactMap(Self.person).count
    }

    private func fetch(cursor: String, page: Int) async throws(ConnectorFailure) -> (members: [SlackUser], nextCursor: String) {
        var query = [URLQueryItem(name: "limit", value: String(pageSize)), URLQueryItem(name: "include_locale", value: "true")]
        if !cursor.isEmpty { query.append(URLQueryItem(name: "cursor", value: cursor)) }
        // One parse, with the keys Slack spells (no snake-case conversion of every key of
        // every user: that was most of a large listing's time).
        let listed = try await call("/users.list", query: query, page: page, what: "users.list response", as: UsersListPage.self)
        guard let members = listed.members else { throw .malformedResponse("page \(page) is not a users.list response: no members") }
        return (members, listed.responseMetadata?.nextCursor ?? "")
    }

    /// One Web API method's answer as `Answer`; `ok: false` is a failure with Slack's code.
    private func call<Answer: Decodable & SlackAnswer>(_ path: String, query: [URLQueryItem], page: Int, what: String,
                                                      as type: Answer.Type, http: ConnectorHTTPClient? = nil)
        async throws(ConnectorFailure) -> Answer {
        let http = http ?? self.http
        var request = URLRequest(url: try ConnectorJSON.url(baseURL, path: path, query: query))
        request.setValue("Bearer " + botToken, forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let response = try await http.send(request)
        guard response.status == 200 else {
            if response.status == 401 || response.status == 403 { throw .unauthorized("HTTP \(response.status)") }
            throw .httpStatus(response.status)
        }
        let answer = try ConnectorJSON.decode(type, from: response.body, page: page, what: what)
        guard answer.ok else {
            let code = answer.error ?? "unknown_error"
            if Self.authErrors.contains(code) { throw .unauthorized(code) }
            throw .vendorError(code)
        }
        return answer
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
    struct UsersListPage: Decodable, SlackAnswer {
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

    /// `team.profile.get`: the workspace's custom profile field definitions.
    struct TeamProfileResponse: Decodable, SlackAnswer {
        var ok: Bool
        var error: String?
        var profile: Profile?

        struct Profile: Decodable {
            var fields: [Field]?
        }

        struct Field: Decodable {
            var id: String
            var label: String?
            var ordering: Int?
        }
    }

    /// `users.profile.get`: one user's profile, its custom fields by id (`null`, or absent,
    /// when the user filled none).
    struct UserProfileResponse: Decodable, SlackAnswer {
        var ok: Bool
        var error: String?
        var profile: Profile?

        struct Profile: Decodable {
            var fields: [String: Value]?

            enum CodingKeys: String, CodingKey { case fields }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                // An empty set of fields may come as `[]`.
                fields = (try? container.decodeIfPresent([String: Value].self, forKey: .fields)) ?? nil
            }
        }

        struct Value: Decodable {
            var value: String?
        }
    }
}

/// A Slack Web API answer: `ok`, and Slack's error code when not.
protocol SlackAnswer {
    var ok: Bool { get }
    var error: String? { get }
}
