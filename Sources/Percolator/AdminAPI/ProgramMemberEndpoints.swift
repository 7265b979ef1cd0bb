import Coffee
import FoundationEssentials
import HTTP
import SCIM
import Store

/// `/api/v1/programs/{id}/members/{member}`: one member's choices about one program, set
/// by an admin on the member's behalf — leaving the program (and rejoining), snoozing it
/// until a date, and the colleagues it must never be grouped with.
struct ProgramMemberEndpoints {
    let service: AdminService

    var item: String { "\(AdminService.root)/programs/{id}/members/{member}" }

    func register(on router: inout Router) {
        router.add(.get, item) { request in
            await service.authenticated(request) { context in
                let (programID, memberID) = (context.parameter("id"), context.parameter("member"))
                let tenant = context.tenant
                let preference = try await service.read { db -> ProgramPreference in
                    try Self.requireBoth(program: programID, member: memberID, tenant: tenant, in: db)
                    return try db.programs.preferences(program: ProgramID(programID), tenant: tenant)
                        .first { $0.memberID.rawValue == memberID }
                        ?? ProgramPreference(memberID: MemberID(memberID), programID: ProgramID(programID))
                }
                return AdminJSON.response(200, Self.json(preference))
            }
        }
        router.add(.patch, item) { request in
            await service.authenticated(request) { context in
                let body = try context.jsonObject()
                let (programID, memberID) = (context.parameter("id"), context.parameter("member"))
                let left = try body[attribute: "left"].map { value throws(SCIMError) -> Bool in
                    guard let flag = value.boolValue else { throw .invalidValue("'left' must be true or false.") }
                    return flag
                }
                var snooze: Date??
                if let value = body[attribute: "snoozedUntil"] {
                    if value.isNull {
                        snooze = .some(nil)
                    } else if let text = value.stringValue, let date = AdminJSON.parseDate(text) {
                        snooze = .some(date)
                    } else {
                        throw SCIMError.invalidValue("'snoozedUntil' must be an RFC 3339 instant, or null to end the snooze.")
                    }
                }
                let avoid = try body[attribute: "avoid"].map { value throws(SCIMError) -> Set<MemberID> in
                    guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                        throw .invalidValue("'avoid' must be a list of member ids.")
                    }
                    return Set(items.compactMap(\.stringValue).map(MemberID.init))
                }
                let snoozeUpdate = snooze
                let tenant = context.tenant
                let preference = try await service.write { db -> ProgramPreference in
                    try Self.requireBoth(program: programID, member: memberID, tenant: tenant, in: db)
                    var preference = try db.programs.preferences(program: ProgramID(programID), tenant: tenant)
                        .first { $0.memberID.rawValue == memberID }
                        ?? ProgramPreference(memberID: MemberID(memberID), programID: ProgramID(programID))
                    if let left { preference.hasLeft = left }
                    if let snoozeUpdate { preference.snoozedUntil = snoozeUpdate }
                    if let avoid {
                        for other in avoid where try db.members.member(id: other, tenant: tenant) == nil {
                            throw SCIMError.invalidValue("'\(other.rawValue)' in 'avoid' is not a member of this organisation.")
                        }
                        guard !avoid.contains(MemberID(memberID)) else {
                            throw SCIMError.invalidValue("A member cannot avoid itself.")
                        }
                        preference.avoid = avoid
                    }
                    try db.programs.save(preference, tenant: tenant)
                    return preference
                }
                return AdminJSON.response(200, Self.json(preference))
            }
        }
    }

    /// 404 unless both the program and the member belong to the tenant.
    static func requireBoth(program: String, member: String, tenant: Store.TenantID, in db: any StorageTransaction) throws {
        guard try db.programs.program(id: ProgramID(program), tenant: tenant) != nil else {
            throw SCIMError.notFound("Program '\(program)' not found.")
        }
        guard try db.members.member(id: MemberID(member), tenant: tenant) != nil else {
            throw SCIMError.notFound("Member '\(member)' not found.")
        }
    }

    static func json(_ preference: ProgramPreference) -> JSONValue {
        AdminJSON.object([
            ("memberId", .string(preference.memberID.rawValue)),
            ("programId", .string(preference.programID.rawValue)),
            ("left", .bool(preference.hasLeft)),
            ("snoozedUntil", AdminJSON.date(preference.snoozedUntil)),
            ("avoid", AdminJSON.strings(preference.avoid.map(\.rawValue).sorted())),
        ])
    }
}
