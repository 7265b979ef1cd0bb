import Coffee
import FoundationEssentials
import HTTP
import Web

/// A member's local status and snooze from the member's page (issue 13, item 3), through
/// ``MemberService/apply(to:tenant:at:_:)`` and the domain's ``LocalStatusTransition`` —
/// the admin API's `PUT /members/{id}/status` and `PUT /members/{id}/snooze`.
/// Administrators only.
extension ConsoleEndpoints {
    func registerMemberStatus(on router: inout Router) {
        router.add(.post, ConsolePaths.members + "/{id}/status") { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let id = MemberID(request.pathParameters["id"] ?? "")
                let status: LocalStatus
                switch visit.form?[ConsoleField.status] {
                case "active": status = .active
                case "inactive": status = .inactive(.admin)
                default: return visit.message(.badRequest)
                }
                _ = try await services.members.apply(to: id, tenant: visit.tenant, at: visit.now) { member, now throws(MemberError) in
                    try LocalStatusTransition.set(member, to: status, at: now)
                }
                return Self.redirect(to: ConsolePaths.member(id.rawValue) + "?notice=statusChanged")
            }
        }
        router.add(.post, ConsolePaths.members + "/{id}/snooze") { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let id = MemberID(request.pathParameters["id"] ?? "")
                let text = (visit.form?[ConsoleField.until] ?? "").trimmingCharacters(in: .whitespaces)
                var until: Date?
                if visit.form?[ConsoleField.intent] != "end" {
                    // A day (yyyy-mm-dd): snoozed until that day's start, UTC; it must be to come.
                    guard text.count == 10, let day = try? Date(text + "T00:00:00Z", strategy: .iso8601), day > visit.now else {
                        return visit.message(.badRequest)
                    }
                    until = day
                }
                let snoozeUntil = until
                _ = try await services.members.apply(to: id, tenant: visit.tenant, at: visit.now) { member, now throws(MemberError) in
                    try LocalStatusTransition.snooze(member, until: snoozeUntil, at: now)
                }
                return Self.redirect(to: ConsolePaths.member(id.rawValue) + "?notice=snoozeChanged")
            }
        }
    }

    /// The member page's status and snooze forms for `member`.
    static func statusControl(of member: Member) -> ConsoleMemberPage.StatusControl {
        let status: String
        switch member.localStatus {
        case .pending: status = "pending"
        case .active: status = "active"
        case .inactive: status = "inactive"
        }
        return .init(memberID: member.id.rawValue, status: member.lifecycle == .live ? status : "deprovisioned",
                     snoozedUntil: member.snoozedUntil.map { String(format($0).prefix(10)) })
    }
}
