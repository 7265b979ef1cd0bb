import Coffee
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A BambooHR company's employees through its employee directory,
/// `GET /api/gateway.php/{companyDomain}/v1/employees/directory`
/// (https://documentation.bamboohr.com/reference/get-employees-directory), with an API
/// key sent as the Basic-auth user name (password `x`,
/// https://documentation.bamboohr.com/docs/getting-started, "Authentication").
///
/// The directory lists current employees in one document, with the `fields` it
/// carries: an employee absent from it has left (terminated), which the sync plan
/// treats as a leaver. Every non-empty text field other than names and email is
/// offered for selection (`department`, `division`, `location`, `jobTitle`…). BambooHR
/// signals rate limiting with 503 and `Retry-After`, which the client honours.
public struct BambooHRDirectoryClient: SourceDirectory {
    /// Where BambooHR's API lives.
    public static let productionBaseURL = "https://api.bamboohr.com"

    let baseURL: URL
    let companyDomain: String
    let apiKey: String
    let http: ConnectorHTTPClient

    /// A client for the company `companyDomain` (the `acme` of `acme.bamboohr.com`).
    public init(baseURL: URL, companyDomain: String, apiKey: String,
                configuration: ConnectorClientConfiguration = ConnectorClientConfiguration(),
                sleep: (@Sendable (TimeInterval) async -> Void)? = nil) {
        self.baseURL = baseURL
        self.companyDomain = companyDomain
        self.apiKey = apiKey
        self.http = ConnectorHTTPClient(configuration: configuration, sleep: sleep)
    }

    /// The directory's fields that are the person's identity, not selectable fields.
    static let identityFields: Set<String> = ["id", "displayName", "firstName", "lastName", "preferredName", "workEmail",
                                              "photoUploaded", "photoUrl", "canUploadPhoto"]

    public func listing() async throws(ConnectorFailure) -> SourceListing {
        let directory = try await fetch()
        let available = directory.fields.filter { !Self.identityFields.contains($0.id) }
            .map { SourceField(name: $0.id, label: $0.name) }
        return SourceListing(people: directory.employees.map(Self.person), pageCount: 1, availableFields: available)
    }

    public func probe() async throws(ConnectorFailure) -> Int {
        try await fetch().employees.count
    }

    private func fetch() async throws(ConnectorFailure) -> Directory {
        let company = companyDomain.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? companyDomain
        var request = URLRequest(url: try ConnectorJSON.url(baseURL, path: "/api/gateway.php/\(company)/v1/employees/directory"))
        request.setValue("Basic " + Data((apiKey + ":x").utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let response = try await http.send(request)
        switch response.status {
        case 200: return try ConnectorJSON.decode(Directory.self, from: response.body, page: 1, what: "BambooHR employee directory")
        case 401, 403: throw .unauthorized("HTTP \(response.status)")
        case 404: throw .vendorError("the company '\(companyDomain)' was not found")
        default: throw .httpStatus(response.status)
        }
    }

    /// The person of one directory entry: every employee listed is current.
    static func person(_ employee: Employee) -> SourcePerson {
        var fields: [String: String] = [:]
        for (name, value) in employee.values where !identityFields.contains(name) && !value.isEmpty {
            fields[name] = value
        }
        let preferred = employee.values["preferredName"].flatMap { $0.isEmpty ? nil : $0 }
        return SourcePerson(
            sourceID: employee.id, givenName: preferred ?? employee.values["firstName"] ?? "",
            familyName: employee.values["lastName"] ?? "", displayName: employee.values["displayName"],
            primaryEmail: employee.values["workEmail"], fields: fields)
    }

    struct Directory: Decodable {
        var fields: [Field]
        var employees: [Employee]
    }

    struct Field: Decodable {
        var id: String
        var name: String?
    }

    /// One employee: `id` (a string in the documented example; a number tolerated) and
    /// its text values; `null`, numbers and booleans are not category material.
    struct Employee: Decodable {
        var id: String
        var values: [String: String]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            let idKey = Key(stringValue: "id")
            if let text = try? container.decode(String.self, forKey: idKey) {
                id = text
            } else {
                id = String(try container.decode(Int.self, forKey: idKey))
            }
            var values: [String: String] = [:]
            for key in container.allKeys where key.stringValue != "id" {
                if let text = try? container.decode(String.self, forKey: key) { values[key.stringValue] = text }
            }
            self.values = values
        }
    }
}
