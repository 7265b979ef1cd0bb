import Coffee
import Foundation
@testable import Percolator
import SCIM
import Store
import Testing

/// A User's create or PATCH whose member was computed before its transaction
/// (``ProvisioningObserver/prepare(_:tenant:at:reading:)``, issue 10): the transaction
/// stores it only while what it was computed from still holds, and otherwise computes
/// again, so nothing changed in between is lost.
@Suite("ProvisioningObserver — a member prepared before the write, checked in it")
struct ProvisioningObserverPreparedTests {
    static let t1 = ServiceFixture.t1
    static let now = ServiceFixture.now
    static let observer = ProvisioningObserver()

    static func user(_ title: String, version: Int64 = 1) -> StoredResource {
        var attributes = JSONObject()
        attributes["userName"] = "ada@example.com"
        attributes["name"] = ["givenName": "Ada", "familyName": "Lovelace"]
        attributes["emails"] = [["value": "ada@example.com", "primary": true]]
        attributes["title"] = .string(title)
        attributes["active"] = true
        return StoredResource(id: "u1", kind: .user, version: version, created: "c", lastModified: "m", attributes: attributes,
                              groups: [])
    }

    /// The tenant's settings, its category mapping reading `title` into `key`.
    static func settings(titleInto key: CategoryKey, _ fixture: ServiceFixture) async throws -> TenantSettings {
        try await fixture.persistence.write { tx in
            var settings = try tx.settings.settings(tenant: t1)
            settings.categoryMapping = CategoryMapping([.init(path: "title", key: key)])
            try tx.settings.save(settings, tenant: t1)
            return settings
        }
    }

    /// A write context whose configuration was kept with `settings`.
    static func context(_ settings: TenantSettings) -> SCIMWriteContext {
        let kept = TenantSCIMConfiguration(undeclaredAttributes: settings.undeclaredAttributes, declaredExtensions: [],
                                           settings: settings)
        return SCIMWriteContext(log: nil, check: SCIMConfigurationCheck(expected: kept, kind: .user))
    }

    static func prepare(_ write: ResourceWrite, _ context: SCIMWriteContext, _ fixture: ServiceFixture) async throws -> PreparedProvisioning? {
        try await fixture.persistence.read { tx in
            ResourceWriteContext.$current.withValue(context) {
                observer.prepare(write, tenant: t1, at: now, reading: tx) as? PreparedProvisioning
            }
        }
    }

    static func write(_ write: ResourceWrite, prepared: PreparedProvisioning?, _ context: SCIMWriteContext,
                      _ fixture: ServiceFixture) async throws -> Member? {
        try await fixture.persistence.write { tx in
            try ResourceWriteContext.$current.withValue(context) {
                try observer.resourceWritten(write, tenant: t1, at: now, prepared: prepared, in: tx)
            }
            return try tx.members.member(id: MemberID("u1"), tenant: t1)
        }
    }

    @Test("created with the settings unchanged: the prepared member is the one stored")
    func createdAsPrepared() async throws {
        try await ServiceFixture.with { fixture in
            let settings = try await Self.settings(titleInto: "role", fixture)
            let context = Self.context(settings)
            let prepared = try #require(try await Self.prepare(.created(Self.user("Engineer")), context, fixture))
            let member = try #require(try await Self.write(.created(Self.user("Engineer")), prepared: prepared, context, fixture))
            #expect(member == prepared.result.member)
            #expect(member.categoryValues[CategoryKey("role")] == ["Engineer"])
        }
    }

    @Test("the category mapping changed between prepare and write: the member gets the new mapping's categories")
    func createdAfterMappingChanged() async throws {
        try await ServiceFixture.with { fixture in
            let context = Self.context(try await Self.settings(titleInto: "role", fixture))
            let prepared = try #require(try await Self.prepare(.created(Self.user("Engineer")), context, fixture))
            #expect(prepared.result.member.categoryValues[CategoryKey("role")] == ["Engineer"])
            _ = try await Self.settings(titleInto: "jobTitle", fixture)
            let member = try #require(try await Self.write(.created(Self.user("Engineer")), prepared: prepared, context, fixture))
            #expect(member.categoryValues[CategoryKey("jobTitle")] == ["Engineer"])
            #expect(member.categoryValues[CategoryKey("role")].isEmpty)
            let catalog = try await fixture.persistence.read { tx in try tx.categories.catalog(tenant: Self.t1) }
            #expect(catalog[CategoryKey("jobTitle")]?.knownValues == ["Engineer"], "the catalog absorbs the stored values")
        }
    }

    @Test("the member changed between a PATCH's prepare and its write: the change is kept, the PATCH applied")
    func patchedAfterMemberChanged() async throws {
        try await ServiceFixture.with { fixture in
            let context = Self.context(try await Self.settings(titleInto: "role", fixture))
            let created = try #require(try await Self.write(.created(Self.user("Engineer")), prepared: nil, context, fixture))
            let patch = ResourceWrite.updated(before: Self.user("Engineer"), after: Self.user("Designer", version: 2))
            let prepared = try #require(try await Self.prepare(patch, context, fixture))
            #expect(prepared.before == created)
            // An admin takes the member out of matching meanwhile.
            try await fixture.persistence.write { tx in
                var paused = created
                paused.localStatus = .inactive(.admin)
                paused.version += 1
                try tx.members.save(paused, replacing: created)
            }
            let member = try #require(try await Self.write(patch, prepared: prepared, context, fixture))
            #expect(member.localStatus == .inactive(.admin), "the admin's change is not overwritten")
            #expect(member.categoryValues[CategoryKey("role")] == ["Designer"])
        }
    }

    @Test("a PATCH with nothing changed in between stores the prepared member")
    func patchedAsPrepared() async throws {
        try await ServiceFixture.with { fixture in
            let context = Self.context(try await Self.settings(titleInto: "role", fixture))
            _ = try await Self.write(.created(Self.user("Engineer")), prepared: nil, context, fixture)
            let patch = ResourceWrite.updated(before: Self.user("Engineer"), after: Self.user("Designer", version: 2))
            let prepared = try #require(try await Self.prepare(patch, context, fixture))
            let member = try #require(try await Self.write(patch, prepared: prepared, context, fixture))
            #expect(member == prepared.result.member)
            #expect(member.categoryValues[CategoryKey("role")] == ["Designer"])
        }
    }
}
