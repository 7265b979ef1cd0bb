import Coffee
import FoundationEssentials
import HTTP
import Web

extension PortalEndpoints {
    /// The unsubscribe link every member email carries (`/unsubscribe?token=…`): a GET
    /// shows a button and changes nothing; its POST, or a mail client's RFC 8058 one-click
    /// POST (`List-Unsubscribe=One-Click`, no cookie, no form token: the link's token
    /// stands for the member), sets the member's local status to inactive, reason
    /// "unsubscribed"; the page after it offers to come back.
    func registerUnsubscribe(on router: inout Router) {
        router.add(.get, paths.unsubscribe) { request in
            await handle(request) { visit in
                let token = request.query(PortalField.token) ?? ""
                let link = try await portal.memberLink(token: token, purpose: .unsubscribe, at: visit.now)
                return try await page(.confirm(token: token), for: link, visit)
            }
        }
        router.add(.post, paths.unsubscribe) { request in
            if (try? FormData(body: request.body))?["List-Unsubscribe"] == "One-Click", let token = request.query(PortalField.token) {
                // RFC 8058: the mail client posts without the member's cookies or our form.
                return await handle(request) { visit in try await unsubscribe(token: token, visit) }
            }
            return await handle(request, unsafe: true) { visit in
                try await unsubscribe(token: visit.form?[PortalField.token] ?? "", visit)
            }
        }
        router.add(.post, paths.resubscribe) { request in
            await handle(request, unsafe: true) { visit in
                let link = try await portal.memberLink(token: visit.form?[PortalField.token] ?? "", purpose: .unsubscribe, at: visit.now)
                _ = try await members.apply(to: link.memberID, tenant: link.tenantID, at: visit.now) { member, now throws(MemberError) in
                    // Only an unsubscribed member comes back this way, not one an admin deactivated.
                    guard member.localStatus == .inactive(.unsubscribed) else { return TransitionResult(member: member, events: []) }
                    return try LocalStatusTransition.set(member, to: .active, at: now)
                }
                return try await page(.resubscribed, for: link, visit)
            }
        }
    }

    private func unsubscribe(token: String, _ visit: PortalVisit) async throws -> HTTPResponse {
        let link = try await portal.memberLink(token: token, purpose: .unsubscribe, at: visit.now)
        _ = try await members.apply(to: link.memberID, tenant: link.tenantID, at: visit.now) { member, now throws(MemberError) in
            try LocalStatusTransition.set(member, to: .inactive(.unsubscribed), at: now)
        }
        return try await page(.unsubscribed(token: token), for: link, visit)
    }

    /// `page` in the name of the link's organisation.
    private func page(_ page: UnsubscribePage, for link: PortalLink, _ visit: PortalVisit) async throws -> HTTPResponse {
        var visit = visit
        if let tenant = try await tenants.tenant(id: link.tenantID) { visit.organisationName = tenant.name }
        return visit.page(page, at: paths.unsubscribe)
    }
}
