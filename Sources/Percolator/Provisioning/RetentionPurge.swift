import Coffee
import FoundationEssentials
import Store

/// The background job that purges deprovisioned members once their tenant's retention
/// has passed (domain.md, "Member data and privacy"): names and emails replaced by an
/// anonymous marker, its events' payloads stripped of address and name, ids and history
/// kept, `MemberPurged` recorded — in one transaction
/// per pass, so a crash leaves every member either purged with its event or untouched.
struct RetentionPurge: Sendable {
    let resources: SQLiteResourceStore
    /// The most members looked at per pass, oldest deprovisioning first.
    var batchSize = 1_000

    /// One pass at `date`; returns how many members were purged.
    @discardableResult
    func run(at date: Date) async throws -> Int {
        let limit = batchSize
        return try await resources.batcher.write { db in
            var purged = 0
            var settingsByTenant: [String: TenantSettings] = [:]
            for (tenant, id) in try MemberRecords.deprovisioned(before: date, limit: limit, in: db) {
                let settings = try settingsByTenant[tenant.rawValue]
                    ?? TenantSettingsRecords.settings(tenant: tenant, in: db)
                settingsByTenant[tenant.rawValue] = settings
                guard let member = try MemberRecords.member(id: id, tenant: tenant, in: db),
                      ProvisioningTransition.isDueForPurge(member, settings: settings, at: date) else { continue }
                let result = try ProvisioningTransition.purge(member, settings: settings, at: date)
                try MemberRecords.save(result.member, in: db)
                try OutboxRecords.scrubPersonalData(subject: id, tenant: tenant, in: db)
                try OutboxRecords.append(result.events, in: db)
                purged += 1
            }
            return purged
        }
    }
}
