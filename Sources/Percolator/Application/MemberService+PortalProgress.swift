import Coffee
import FoundationEssentials

extension MemberService {
    /// How many live members of an organisation signed in to the Member Portal and
    /// completed the categories they may edit: "is the list complete?".
    struct PortalProgressSummary: Sendable, Equatable {
        /// Live members.
        var members: Int
        /// Live members who signed in at least once.
        var signedIn: Int
        /// Live members with a value for every member-editable category.
        var completedCategories: Int
    }

    /// The portal progress of `members` (one organisation's), by id.
    func portalProgress(of members: [Member], tenant: TenantID) async throws -> [MemberID: MemberPortalProgress] {
        try await persistence.read { tx in
            let catalog = try tx.categories.catalog(tenant: tenant)
            var progress: [MemberID: MemberPortalProgress] = [:]
            for member in members {
                let signIns = try tx.portal.signIns(of: member.id, tenant: tenant)
                progress[member.id] = MemberPortalProgress(
                    firstSignInAt: signIns?.first, lastSignInAt: signIns?.last,
                    hasCompletedCategories: MemberPortalProgress.hasCompletedCategories(member, catalog: catalog))
            }
            return progress
        }
    }

    /// The organisation's portal progress over its live members.
    func portalProgressSummary(tenant: TenantID) async throws -> PortalProgressSummary {
        try await persistence.read { tx in
            let catalog = try tx.categories.catalog(tenant: tenant)
            let signedIn = try tx.portal.signedInMembers(tenant: tenant)
            var query = MemberQuery()
            query.lifecycle = .live
            var summary = PortalProgressSummary(members: 0, signedIn: 0, completedCategories: 0)
            var after: Int64 = 0
            while true {
                let page = try tx.members.page(tenant: tenant, matching: query, after: after, limit: 1_000)
                for (_, member) in page {
                    summary.members += 1
                    if signedIn.contains(member.id) { summary.signedIn += 1 }
                    if MemberPortalProgress.hasCompletedCategories(member, catalog: catalog) { summary.completedCategories += 1 }
                }
                guard page.count == 1_000, let last = page.last?.seq else { break }
                after = last
            }
            return summary
        }
    }
}
