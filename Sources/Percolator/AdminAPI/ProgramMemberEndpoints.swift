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
                let preference = try await service.programs.preference(of: MemberID(memberID), in: ProgramID(programID),
                                                                       tenant: context.tenant)
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
                let preference = try await service.programs.changePreference(
                    of: MemberID(memberID), in: ProgramID(programID), tenant: context.tenant,
                    PreferenceChange(left: left, snoozedUntil: snooze, avoid: avoid))
                return AdminJSON.response(200, Self.json(preference))
            }
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
