import Coffee
import FoundationEssentials
import Web

/// The home page's provisioning health (console-b): the provisioning log's last 24 hours
/// through ``ProvisioningLogService/health(tenant:at:window:errors:)``, each client named
/// by its SCIM token's label when it has one.
extension ConsoleEndpoints {
    func provisioningHealth(_ visit: ConsoleVisit) async throws -> ConsoleHomePage.ProvisioningHealth {
        let health = try await services.provisioningLog.health(tenant: visit.tenant, at: visit.now)
        let labels = Dictionary(try await console.scimTokens(tenant: visit.tenant).map { ($0.id.rawValue, $0.label) },
                                uniquingKeysWith: { a, _ in a })
        let t = ConsoleLocalizer(visit.language)
        func name(_ client: ProvisioningLogService.ClientActivity) -> String {
            let label = client.tokenID.flatMap { labels[$0] ?? nil }
            return [label, client.userAgent].compactMap { $0 }.joined(separator: " · ").nonEmpty ?? t(.unknownClient)
        }
        return .init(
            lastRequest: health.lastRequest.map { Self.format($0.occurredAt) + " · " + String($0.status) },
            clients: health.clients.map { .init(name: name($0), lastRequest: Self.format($0.lastRequestAt), requests: $0.requests,
                                                errors: $0.errors) },
            failures: health.lastErrors.map { entry in
                .init(when: Self.format(entry.occurredAt),
                      what: [entry.operation, entry.resourceType, entry.resourceName].compactMap { $0 }.joined(separator: " "),
                      status: String(entry.status) + (entry.scimType.map { " " + $0 } ?? ""), detail: entry.detail ?? "")
            })
    }
}

private extension String {
    /// The string, or nil when it is empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
