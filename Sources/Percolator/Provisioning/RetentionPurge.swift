import Coffee
import FoundationEssentials
import Store

/// The background job that purges deprovisioned members once their tenant's retention
/// has passed (domain.md, "Member data and privacy"): names and emails replaced by an
/// anonymous marker, its events' payloads stripped of address and name, ids and history
/// kept, `MemberPurged` recorded — in one transaction
/// per pass, so a crash leaves every member either purged with its event or untouched.
struct RetentionPurge: Sendable {
    /// Where members and their events are read and purged.
    let persistence: any Persistence
    /// The most members looked at per pass, oldest deprovisioning first.
    var batchSize = 1_000

    /// One pass at `date`; returns how many members were purged.
    @discardableResult
    func run(at date: Date) async throws -> Int {
        let limit = batchSize
        return try await persistence.write { db in
            var purged = 0
            var settingsByTenant: [String: TenantSettings] = [:]
            for (tenant, id) in try db.members.deprovisioned(before: date, limit: limit) {
                let settings = try settingsByTenant[tenant.rawValue]
                    ?? db.settings.settings(tenant: tenant)
                settingsByTenant[tenant.rawValue] = settings
                guard let member = try db.members.member(id: id, tenant: tenant),
                      ProvisioningTransition.isDueForPurge(member, settings: settings, at: date) else { continue }
                let result = try ProvisioningTransition.purge(member, settings: settings, at: date)
                try db.members.save(result.member)
                try db.outbox.scrubPersonalData(subject: id.rawValue, tenant: tenant)
                try db.outbox.append(result.events)
                purged += 1
            }
            return purged
        }
    }

    /// One pass over the SCIM provisioning log at `date` (issue 15): each tenant's entries
    /// older than its ``TenantSettings/provisioningLogRetention`` deleted, at most
    /// `batchSize` × 10 per tenant per pass; returns how many were deleted.
    @discardableResult
    func purgeProvisioningLog(at date: Date) async throws -> Int {
        let limit = batchSize * 10
        // No tenant keeps entries less than a day (the admin API's minimum).
        let candidates = date.addingTimeInterval(-86_400)
        return try await persistence.write { db in
            var deleted = 0
            for tenant in try db.provisioningLog.tenants(withEntriesBefore: candidates) {
                let retention = try db.settings.settings(tenant: tenant).provisioningLogRetention
                deleted += try db.provisioningLog.purge(tenant: tenant, before: date.addingTimeInterval(-retention), limit: limit)
            }
            return deleted
        }
    }

    /// One pass over the Member Portal's link rows at `date` (issue 12): sign-in links,
    /// pending sign-ups, feedback and unsubscribe links that can no longer work (used or
    /// expired) deleted, at most `batchSize` × 10 of each kind; returns how many.
    @discardableResult
    func purgePortalLinks(at date: Date) async throws -> Int {
        let limit = batchSize * 10
        return try await persistence.write { db in try db.portal.purgeLinks(before: date, limit: limit) }
    }
}
