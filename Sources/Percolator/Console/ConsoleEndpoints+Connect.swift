import Coffee
import FoundationEssentials
import HTTP
import Store
import Web

/// "Connect your identity provider": the SCIM base URL, SCIM tokens (issue — shown
/// once, on the answer to the POST, never stored in plain —, list with last use, revoke)
/// and the step-by-step guides. Administrators only.
extension ConsoleEndpoints {
    /// The SCIM base URL of this deployment.
    var scimBaseURL: String {
        var base = publicURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/scim/v2"
    }

    func registerConnect(on router: inout Router) {
        router.add(.get, ConsolePaths.connect) { request in
            await handle(request, access: .administrator) { visit in try await connectPage(visit, newToken: nil) }
        }
        router.add(.post, ConsolePaths.tokens) { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let label = String((visit.form?[ConsoleField.label] ?? "").prefix(100))
                let issued = try await console.issueSCIMToken(tenant: visit.tenant, label: label)
                // Shown in this answer only: a reload asks to resubmit, and the list shows it without its secret.
                return try await connectPage(visit, newToken: issued.plaintext)
            }
        }
        router.add(.post, ConsolePaths.tokens + "/{id}/revoke") { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                try await console.revokeSCIMToken(request.pathParameters["id"] ?? "", tenant: visit.tenant)
                return Self.redirect(to: ConsolePaths.connect)
            }
        }
        router.add(.get, ConsolePaths.connect + "/{guide}") { request in
            await handle(request, access: .administrator) { visit in
                guard let guide = ConsoleGuide.named(request.pathParameters["guide"] ?? "") else { return visit.message(.notFound) }
                return visit.page(ConsoleGuidePage(guide: guide, baseURL: scimBaseURL), section: .connect)
            }
        }
    }

    private func connectPage(_ visit: ConsoleVisit, newToken: String?) async throws -> HTTPResponse {
        let tokens = try await console.scimTokens(tenant: visit.tenant).map { token in
            ConsoleConnectPage.TokenRow(id: token.id.rawValue, label: token.label ?? "", issuedAt: Self.format(token.createdAt),
                                        lastUsedAt: token.lastUsedAt.map(Self.format), isRevoked: token.isRevoked)
        }
        return visit.page(ConsoleConnectPage(baseURL: scimBaseURL, tokens: tokens, newToken: newToken), section: .connect)
    }
}
