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
}
