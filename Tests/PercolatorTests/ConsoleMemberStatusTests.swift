import Coffee
import Foundation
@testable import Percolator
import Store
import Testing
import TestSupport

/// A member's local status and snooze from the console's member page (issue 13, item 3).
@Suite("Admin console — a member's status and snooze")
struct ConsoleMemberStatusTests {
    @Test("deactivate and activate again; snooze until a day and end it; a past day or wrong status changes nothing")
    func statusAndSnooze() async throws {
        try await LiveServer.with { live in
            try await ConsoleStatisticsTests.addMembers(live, [("Ada", "R&D")])
            let browser = try await ConsoleTests.administrator(live)
            let page = "/admin/members/m0"
            let tenant = try await ConsoleStatisticsTests.tenant(live)
            let services = ConsoleStatisticsTests.services(live)
            #expect(try await browser.get(page).text.contains("Deactivate"))
            let off = try await browser.post(page + "/status", [("status", "inactive")], from: page)
            #expect(off.status == 303 && off.headers["location"] == page + "?notice=statusChanged")
            #expect(try await services.members.member(MemberID("m0"), tenant: tenant).localStatus == .inactive(.admin))
            let shown = try await browser.get(page + "?notice=statusChanged")
            #expect(shown.text.contains("The member’s status was changed.") && shown.text.contains(">Activate<"))
            #expect(try await browser.post(page + "/status", [("status", "active")], from: page).status == 303)
            #expect(try await services.members.member(MemberID("m0"), tenant: tenant).localStatus == .active)
            #expect(try await browser.post(page + "/status", [("status", "pending")], from: page).status == 400)

            let day = String(ConsoleEndpoints.format(Date().addingTimeInterval(10 * 86_400)).prefix(10))
            #expect(try await browser.post(page + "/snooze", [("until", day), ("intent", "snooze")], from: page).status == 303)
            let snoozed = try await services.members.member(MemberID("m0"), tenant: tenant).snoozedUntil
            #expect(snoozed.map { String(ConsoleEndpoints.format($0).prefix(10)) } == day)
            #expect(try await browser.get(page).text.contains("Snoozed until \(day)"))
            for bad in ["2000-01-01", "tomorrow", ""] {
                #expect(try await browser.post(page + "/snooze", [("until", bad), ("intent", "snooze")], from: page).status == 400, "\(bad)")
            }
            #expect(try await services.members.member(MemberID("m0"), tenant: tenant).snoozedUntil == snoozed, "unchanged")
            #expect(try await browser.post(page + "/snooze", [("intent", "end")], from: page).status == 303)
            #expect(try await services.members.member(MemberID("m0"), tenant: tenant).snoozedUntil == nil)
        }
    }

    @Test("CSRF, roles and tenant isolation on the status and snooze forms")
    func security() async throws {
        try await LiveServer.with { live in
            try await ConsoleStatisticsTests.addMembers(live, [("Ada", "R&D")])
            let browser = try await ConsoleTests.administrator(live)
            let page = "/admin/members/m0"
            for (path, fields) in [(page + "/status", [("status", "inactive")]), (page + "/snooze", [("intent", "end")])] {
                #expect(try await PortalTests.post(browser.client, path, fields, cookies: browser.cookies).status == 403, "\(path)")
            }
            let manager = try await ConsoleTests.signInByLink(live, email: "pm@example.com", role: .programManager)
            #expect(try await manager.post(page + "/status", [("status", "inactive")], from: "/admin/programs").status == 403)
            let other = try await live.store.createTenant(name: "other")
            _ = try await ConsoleStatisticsTests.services(live).members.add(
                ManualEntry(givenName: "Eve", familyName: "Other", email: "eve@other.example"), id: MemberID("eve"),
                sendsWelcomeEmail: false, tenant: other.id, at: Date())
            #expect(try await browser.post("/admin/members/eve/status", [("status", "inactive")], from: page).status == 404)
            let tenant = try await ConsoleStatisticsTests.tenant(live)
            #expect(try await ConsoleStatisticsTests.services(live).members.member(MemberID("m0"), tenant: tenant).localStatus == .active)
            #expect(try await ConsoleStatisticsTests.services(live).members.member(MemberID("eve"), tenant: other.id).localStatus == .active)
        }
    }
}
