import Coffee
import FoundationEssentials

/// What an admin sets on a connection besides its credential, stored as JSON in
/// ``Coffee/StoredConnection/settings``: where the source is (a base URL for tests and
/// national clouds), which team or company, which fields become which categories, and
/// how often it runs.
struct ConnectionSettings: Codable, Equatable, Sendable {
    /// The vendor API's base URL; `nil`: the vendor's production URL.
    var baseURL: String?
    /// Microsoft Teams: the team whose members are synced. Slack: the workspace id
    /// (`T…`), optional; events of another workspace are then refused.
    var teamID: String?
    /// Microsoft Teams: the Entra tenant (directory) id of the application.
    var directoryID: String?
    /// Microsoft Teams: the application (client) id.
    var clientID: String?
    /// Microsoft Teams: the identity platform's authority; `nil`: the global one.
    var authorityURL: String?
    /// BambooHR: the company's subdomain.
    var companyDomain: String?
    /// HR system: `bamboohr` (the default when absent) or `personio`; a Personio
    /// connection's `clientID` is its API credentials' client id.
    var hrisSystem: String?
    /// Slack: the app's signing secret (Events API), sealed like the credential with its
    /// own associated data; never returned.
    var sealedSigningSecret: String?
    /// Slack: the signing secret's last four characters.
    var signingSecretHint: String?
    /// Selected source fields and the category key each fills, as `[field, key]` pairs.
    var fields: [[String]] = []
    /// Hours between scheduled runs; `nil`: only when an admin asks.
    var intervalHours: Int?

    /// The field mapping the planner uses.
    var fieldMapping: SourceFieldMapping {
        SourceFieldMapping(fields.compactMap { pair in
            pair.count == 2 ? SourceFieldMapping.Entry(field: pair[0], key: CategoryKey(pair[1])) : nil
        })
    }

    /// Checks what `kind` needs, and that its URLs are ones `endpoints` lets the server
    /// call; throws ``ServiceError/invalid(_:)`` naming what is missing or refused.
    func validate(for kind: ConnectionKind, endpoints: ConnectorEndpointPolicy) throws(ServiceError) {
        for (name, value) in [("baseURL", baseURL), ("authorityURL", authorityURL)] {
            if let value, !endpoints.permits(url: value) {
                throw .invalid("\(name) must be an https URL of a public host"
                    + (endpoints.allowsLoopback ? " (or this machine's loopback)." : "; private, link-local and loopback addresses are refused."))
            }
        }
        switch kind {
        case .slack: break
        case .teams:
            for (name, value) in [("teamID", teamID), ("directoryID", directoryID), ("clientID", clientID)]
            where (value ?? "").isEmpty {
                throw .invalid("A Microsoft Teams connection needs \(name).")
            }
        case .hris:
            switch HRISSystem(rawValue: hrisSystem ?? HRISSystem.bambooHR.rawValue) {
            case .bambooHR:
                guard let companyDomain, !companyDomain.isEmpty else { throw .invalid("A BambooHR connection needs companyDomain.") }
            case .personio:
                guard let clientID, !clientID.isEmpty else { throw .invalid("A Personio connection needs clientID.") }
            case nil:
                throw .invalid("hrisSystem must be bamboohr or personio.")
            }
        }
        if let intervalHours, !(1...24 * 30).contains(intervalHours) {
            throw .invalid("intervalHours must be between 1 and 720.")
        }
        for pair in fields where pair.count != 2 || pair[0].isEmpty || pair[1].isEmpty {
            throw .invalid("Each entry of fields is [sourceField, categoryKey].")
        }
    }

    /// The JSON text stored.
    func encoded() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }

    /// The settings stored as `text`.
    static func decode(_ text: String) throws -> ConnectionSettings {
        try JSONDecoder().decode(ConnectionSettings.self, from: Data(text.utf8))
    }

    /// The directory client for a connection of `kind` with these settings and `secret`
    /// (bot token, client secret or API key), with `configuration`'s timeouts and retries.
    func directory(kind: ConnectionKind, secret: String,
                   configuration: ConnectorClientConfiguration = ConnectorClientConfiguration()) throws(ServiceError) -> any SourceDirectory {
        func url(_ text: String?, default fallback: String) throws(ServiceError) -> URL {
            guard let url = URL(string: text ?? fallback) else { throw .invalid("A connection URL does not parse.") }
            return url
        }
        switch kind {
        case .slack:
            var slack = SlackDirectoryClient(baseURL: try url(baseURL, default: SlackDirectoryClient.productionBaseURL),
                                             botToken: secret, configuration: configuration)
            slack.customFields = Set(fields.compactMap { $0.first }).subtracting(SlackDirectoryClient.availableFields.map(\.name))
            return slack
        case .teams:
            let tokens = MicrosoftIdentityTokenProvider(
                authority: try url(authorityURL, default: MicrosoftIdentityTokenProvider.productionAuthority),
                tenantID: directoryID ?? "", clientID: clientID ?? "", clientSecret: secret, configuration: configuration)
            return MicrosoftGraphTeamClient(baseURL: try url(baseURL, default: MicrosoftGraphTeamClient.productionBaseURL),
                                            teamID: teamID ?? "", tokens: tokens, configuration: configuration)
        case .hris where hrisSystem == HRISSystem.personio.rawValue:
            return PersonioDirectoryClient(baseURL: try url(baseURL, default: PersonioDirectoryClient.productionBaseURL),
                                           clientID: clientID ?? "", clientSecret: secret, configuration: configuration)
        case .hris:
            return BambooHRDirectoryClient(baseURL: try url(baseURL, default: BambooHRDirectoryClient.productionBaseURL),
                                           companyDomain: companyDomain ?? "", apiKey: secret, configuration: configuration)
        }
    }
}
