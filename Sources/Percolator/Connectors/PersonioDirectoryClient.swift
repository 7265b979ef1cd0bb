import Coffee
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// A Personio company's employees through the Personnel Data API v1:
/// `POST /v1/auth` with the API credentials' client id and secret in the body gives a
/// bearer token (https://developer.personio.de/reference/auth; query-string credentials
/// are deprecated, https://developer.personio.de/changelog/deprecated-query-string-credentials-on-post-v1auth),
/// then `GET /v1/company/employees?limit=&offset=` pages through every employee
/// (https://developer.personio.de/reference/get_company-employees, at most 100 a page,
/// https://developer.personio.de/docs/pagination-adoption-guide-for-v1-get-employees-endpoint).
///
/// Each employee is an object of attributes `{label, value, type, universal_id}`.
/// Personio lists former employees too, with `status` `inactive`: they are listed as
/// inactive, which the sync plan treats as leavers. Text attributes and named objects
/// (department, office, team, subcompany) are offered for selection; dates, numbers
/// and lists are not category material. A token refused with 401 is requested again
/// once (tokens last 24 hours); a token the API hands back in the response's
/// `Authorization` header is used for the next request (older single-use tokens).
public struct PersonioDirectoryClient: SourceDirectory {
    /// Where Personio's API lives.
    public static let productionBaseURL = "https://api.personio.de"
    /// Employees per page: the documented maximum.
    public var pageSize = 100

    let baseURL: URL
    let clientID: String
    let clientSecret: String
    let http: ConnectorHTTPClient
    /// Cached across the pages of one listing; the client is made for one run.
    private let holder: TokenHolder

    /// A client for the API credentials `clientID` and `clientSecret`.
    public init(baseURL: URL, clientID: String, clientSecret: String,
                configuration: ConnectorClientConfiguration = ConnectorClientConfiguration(),
                sleep: (@Sendable (TimeInterval) async -> Void)? = nil) {
        self.baseURL = baseURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.http = ConnectorHTTPClient(configuration: configuration, sleep: sleep)
        self.holder = TokenHolder()
    }

    /// The attributes that are the person's identity or state, not selectable fields.
    static let identityAttributes: Set<String> = ["id", "first_name", "last_name", "preferred_name", "email", "status",
                                                  "profile_picture"]

    public func listing() async throws(ConnectorFailure) -> SourceListing {
        var people: [SourcePerson] = []
        var employees: [Employee] = []
        var pages = 0
        while true {
            guard pages < http.configuration.maxPages else { throw .tooManyPages(limit: http.configuration.maxPages) }
            let page = try await fetch(offset: people.count, page: pages + 1)
            pages += 1
            for employee in page.data { people.append(try Self.person(employee, page: pages)) }
            if pages == 1 { employees = page.data }
            if page.data.isEmpty || !page.hasMore(after: people.count, pageSize: pageSize) { break }
        }
        return SourceListing(people: people, pageCount: pages, availableFields: Self.fields(of: employees))
    }

    public func probe() async throws(ConnectorFailure) -> Int {
        try await fetch(offset: 0, page: 1).data.count
    }

    /// The selectable attributes of the first page's employees: every employee carries
    /// the same attributes (those the API credentials may read).
    public func availableFields() async throws(ConnectorFailure) -> [SourceField] {
        Self.fields(of: try await fetch(offset: 0, page: 1).data)
    }

    /// The selectable attributes of `employees`, by name, with Personio's label.
    static func fields(of employees: [Employee]) -> [SourceField] {
        var fields: [String: String] = [:]
        for employee in employees {
            for (name, attribute) in employee.attributes where isSelectable(name, attribute) && fields[name] == nil {
                fields[name] = attribute.label ?? name
            }
        }
        return fields.sorted { $0.key < $1.key }.map { SourceField(name: $0.key, label: $0.value) }
    }

    private func fetch(offset: Int, page: Int) async throws(ConnectorFailure) -> EmployeesPage {
        let url = try ConnectorJSON.url(baseURL, path: "/v1/company/employees", query: [
            URLQueryItem(name: "limit", value: String(pageSize)), URLQueryItem(name: "offset", value: String(offset)),
        ])
        var refreshed = false
        while true {
            var request = URLRequest(url: url)
            request.setValue("Bearer " + (try await bearer()), forHTTPHeaderField: "Authorization")
            request.setValue("application/json", forHTTPHeaderField: "Accept")
            let response = try await http.send(request)
            switch response.status {
            case 200:
                if let rotated = response.header("Authorization"), rotated.hasPrefix("Bearer "), rotated.count > 7 {
                    holder.set(String(rotated.dropFirst(7)))
                }
                let body = try ConnectorJSON.decode(EmployeesPage.self, from: response.body, page: page, what: "Personio employee list")
                guard body.success else { throw .vendorError(Self.errorCode(response.body) ?? "success: false") }
                return body
            case 401 where !refreshed:
                // An expired or already used token: ask for a new one, once.
                holder.set(nil)
                refreshed = true
            case 401, 403:
                throw .unauthorized(Self.errorCode(response.body) ?? "HTTP \(response.status)")
            default:
                throw .httpStatus(response.status)
            }
        }
    }

    /// The current token, or a fresh one from `POST /v1/auth`.
    private func bearer() async throws(ConnectorFailure) -> String {
        if let cached = holder.get() { return cached }
        var request = URLRequest(url: try ConnectorJSON.url(baseURL, path: "/v1/auth"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.httpBody = (try? JSONEncoder().encode(["client_id": clientID, "client_secret": clientSecret])) ?? Data()
        let response = try await http.send(request)
        guard response.status == 200 else {
            if [400, 401, 403].contains(response.status) {
                throw .unauthorized(Self.errorCode(response.body) ?? "HTTP \(response.status)")
            }
            throw .httpStatus(response.status)
        }
        let body = try ConnectorJSON.decode(AuthResponse.self, from: response.body, page: 1, what: "Personio token response")
        guard body.success, let token = body.data?.token, !token.isEmpty else {
            throw .unauthorized(Self.errorCode(response.body) ?? "no token")
        }
        holder.set(token)
        return token
    }

    /// Personio's error code (`error.code`), never its message.
    static func errorCode(_ body: Data) -> String? {
        struct Envelope: Decodable {
            struct Detail: Decodable { var code: Int? }
            var error: Detail?
        }
        return (try? JSONDecoder().decode(Envelope.self, from: body))?.error?.code.map { "error code \($0)" }
    }

    /// Whether `name` is offered to the admin: not identity, and text or a named object.
    static func isSelectable(_ name: String, _ attribute: Attribute) -> Bool {
        !identityAttributes.contains(name) && attribute.type != "date" && attribute.value.text != nil
    }

    /// The person of one employee; an employee without an id makes the page malformed.
    static func person(_ employee: Employee, page: Int) throws(ConnectorFailure) -> SourcePerson {
        guard let id = employee.attributes["id"]?.value.identifier else {
            throw .malformedResponse("page \(page) has an employee without attributes.id")
        }
        func text(_ name: String) -> String? { employee.attributes[name]?.value.text }
        var fields: [String: String] = [:]
        for (name, attribute) in employee.attributes where isSelectable(name, attribute) {
            if let value = attribute.value.text, !value.isEmpty { fields[name] = value }
        }
        let preferred = text("preferred_name").flatMap { $0.isEmpty ? nil : $0 }
        let status = text("status")?.lowercased()
        return SourcePerson(sourceID: id, givenName: preferred ?? text("first_name") ?? "", familyName: text("last_name") ?? "",
                            primaryEmail: text("email"), isActive: status != "inactive", fields: fields)
    }

    /// Holds the bearer token across the requests of one client.
    final class TokenHolder: Sendable {
        private let token = Mutex<String?>(nil)
        func get() -> String? { token.withLock { $0 } }
        func set(_ value: String?) { token.withLock { $0 = value } }
    }

    struct AuthResponse: Decodable {
        struct TokenData: Decodable { var token: String }
        var success: Bool
        var data: TokenData?
    }

    struct EmployeesPage: Decodable {
        struct Metadata: Decodable {
            var total_elements: Int?
            var current_page: Int?
            var total_pages: Int?
        }
        var success: Bool
        var metadata: Metadata?
        var data: [Employee]

        /// Whether another page follows, `read` employees in: by the documented
        /// metadata when present, else while pages come back full.
        func hasMore(after read: Int, pageSize: Int) -> Bool {
            if let total = metadata?.total_elements { return read < total }
            if let current = metadata?.current_page, let pages = metadata?.total_pages { return current + 1 < pages }
            return data.count >= pageSize
        }
    }

    struct Employee: Decodable {
        var type: String?
        var attributes: [String: Attribute]
    }

    struct Attribute: Decodable {
        var label: String?
        var value: AttributeValue
        var type: String?

        enum CodingKeys: String, CodingKey { case label, value, type }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            label = try? container.decode(String.self, forKey: .label)
            type = try? container.decode(String.self, forKey: .type)
            value = (try? container.decode(AttributeValue.self, forKey: .value)) ?? .other
        }
    }

    /// An attribute's value as far as members are concerned: text, a number (ids), a
    /// named object (`{type, attributes: {id, name}}`), or anything else.
    enum AttributeValue: Decodable {
        case text(String)
        case number(Double)
        case named(String)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else if let object = try? container.decode(NamedObject.self), let name = object.attributes.name {
                self = .named(name)
            } else {
                self = .other
            }
        }

        struct NamedObject: Decodable {
            struct Attributes: Decodable { var name: String? }
            var attributes: Attributes
        }

        /// The value as category text.
        var text: String? {
            switch self {
            case .text(let text), .named(let text): text
            case .number, .other: nil
            }
        }

        /// The value as an id: text, or a whole number.
        var identifier: String? {
            switch self {
            case .text(let text) where !text.isEmpty: text
            case .number(let number) where number.rounded() == number && abs(number) < 1e15: String(Int64(number))
            default: nil
            }
        }
    }
}
